/* live_task.h - the record of tracked task `tid` in a `tasks` map (struct cbt_bpf_task), or NULL
 * when it is not tracked or has made its final switch-out: a DEAD record stays until the run's
 * end for user space to read, and its tid may meanwhile be reused by a task outside the run.
 * Shared by bpf/cbt.bpf.c, bpf/gil.bpf.c and bpf/timeline.bpf.c (each holds the same map). */
#ifndef CBT_BPF_LIVE_TASK_H
#define CBT_BPF_LIVE_TASK_H

static __always_inline struct cbt_bpf_task *cbt_live_task(void *tasks, __u32 tid)
{
	struct cbt_bpf_task *t = bpf_map_lookup_elem(tasks, &tid);

	return t && t->state != CBT_TASK_DEAD ? t : NULL;
}

#endif
