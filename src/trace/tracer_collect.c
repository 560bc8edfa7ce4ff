/* tracer_collect.c - the BPF maps of a finished run into a struct cbt_trace_run: task records
 * (with the leader's kernel counts as deltas from tracking start), syscall table, run-queue
 * histogram, top waker pairs. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "trace/bpf_maps.h"
#include "trace/syscall_names.h"
#include "trace/tracer_internal.h"
#include "util/text.h"

#define MAX_WAKER_PAIRS 16 /* waker -> wakee pairs kept, most frequent first */

static int cmp_task(const void *a, const void *b)
{
	const struct cbt_task_record *x = a, *y = b;

	if (x->created_ns != y->created_ns)
		return x->created_ns < y->created_ns ? -1 : 1;
	return x->tid < y->tid ? -1 : x->tid > y->tid;
}

static int cmp_syscall(const void *a, const void *b)
{
	const struct cbt_syscall_stat *x = a, *y = b;

	if (x->time_ns != y->time_ns)
		return x->time_ns > y->time_ns ? -1 : 1;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->nr - y->nr;
}

static int cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

static int cmp_waker(const void *a, const void *b)
{
	const struct cbt_waker_pair *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	if (x->waker_tid != y->waker_tid)
		return x->waker_tid < y->waker_tid ? -1 : 1;
	return x->wakee_tid < y->wakee_tid ? -1 : x->wakee_tid > y->wakee_tid;
}

/* Accounts the open tail of a still-alive task up to end, then converts it. */
static void to_record(struct cbt_bpf_task *b, uint64_t end, struct cbt_task_record *r)
{
	uint64_t d = 0;

	if (b->state != CBT_TASK_DEAD && end > b->last_ts)
		d = end - b->last_ts;
	switch (b->state) {
	case CBT_TASK_RUNNING:
		b->oncpu_ns += d;
		break;
	case CBT_TASK_RUNNABLE:
		b->runq_wait_ns += d; /* a wait still in progress: time only, not a count */
		break;
	case CBT_TASK_BLOCKED:
		b->offcpu_ns[b->reason < CBT_BPF_REASONS ? b->reason : CBT_BPF_REASON_OTHER] += d;
		break;
	}
	memset(r, 0, sizeof(*r));
	r->tid = (int32_t)b->tid;
	r->pid = (int32_t)b->pid;
	r->ppid = (int32_t)b->ppid;
	memcpy(r->comm, b->comm, sizeof(r->comm));
	r->comm[sizeof(r->comm) - 1] = '\0';
	cbt_utf8_trim(r->comm); /* the kernel cuts names at 15 bytes, maybe mid-character */
	r->created_ns = b->created_ns;
	r->first_run_ns = b->first_run_ns;
	r->exited_ns = b->exited_ns;
	r->vol_switches = b->vol_switches;
	r->invol_switches = b->invol_switches;
	r->oncpu_ns = b->oncpu_ns;
	r->runq_wait_ns = b->runq_wait_ns;
	r->runq_waits = b->runq_waits;
	for (int i = 0; i < CBT_REASON_COUNT; i++) {
		r->offcpu_by_reason_ns[i] = b->offcpu_ns[i];
		r->blocks_by_reason[i] = b->blocks[i];
		r->offcpu_ns += b->offcpu_ns[i];
	}
	r->syscalls = b->syscalls;
	r->migrations = b->migrations;
	r->wakeups = b->wakeups;
	r->signal_runnable = b->signal_runnable;
	r->kernel.valid = b->k_valid != 0;
	r->kernel.nvcsw = b->k_nvcsw;
	r->kernel.nivcsw = b->k_nivcsw;
	r->kernel.run_delay_ns = b->k_run_delay_ns;
	r->kernel.pcount = b->k_pcount;
	r->kernel.sum_exec_ns = b->k_sum_exec_ns;
}

/* The task records; `vals` gets the BPF side's values (the waker pairs are read from them). */
static int collect_tasks(struct cbt_tracer *t, uint64_t end, struct cbt_trace_run *out,
			 struct cbt_bpf_task **vals)
{
	int fd = bpf_map__fd(t->skel->maps.cbt_tasks);
	size_t cap = bpf_map__max_entries(t->skel->maps.cbt_tasks), n = 0;
	__u32 key, *prev = NULL;

	out->tasks = calloc(cap ? cap : 1, sizeof(*out->tasks));
	*vals = calloc(cap ? cap : 1, sizeof(**vals));
	if (!out->tasks || !*vals)
		return -ENOMEM;
	while (n < cap && bpf_map_get_next_key(fd, prev, &key) == 0) {
		struct cbt_bpf_task *b = &(*vals)[n];

		prev = &key;
		if (bpf_map_lookup_elem(fd, &key, b))
			continue;
		to_record(b, end, &out->tasks[n]);
		if (out->tasks[n].tid == t->leader && out->tasks[n].kernel.valid) {
			struct cbt_task_record *r = &out->tasks[n];

			/* the kernel's counts of the leader began before tracking did */
			r->kernel.valid = t->base_valid;
			/* switch counts: from its first switch event, the tracer's counts then
			 * added (struct cbt_bpf_task); /proc's when it had none */
			if (!b->base_pending) {
				r->kernel.nvcsw -= b->base_nvcsw - b->base_vol;
				r->kernel.nivcsw -= b->base_nivcsw - b->base_invol;
			} else {
				r->kernel.nvcsw -= t->base_nvcsw;
				r->kernel.nivcsw -= t->base_nivcsw;
			}
			r->kernel.sum_exec_ns -= t->base_sum_exec;
			r->kernel.run_delay_ns -= t->base_run_delay;
			r->kernel.pcount -= t->base_pcount;
		}
		n++;
	}
	out->ntasks = n;
	qsort(out->tasks, n, sizeof(*out->tasks), cmp_task);
	if (n) {
		struct cbt_task_record *shrunk = realloc(out->tasks, n * sizeof(*out->tasks));

		if (shrunk)
			out->tasks = shrunk;
	}
	return 0;
}

static int collect_percpu(struct cbt_tracer *t, struct cbt_trace_run *out)
{
	int sfd = bpf_map__fd(t->skel->maps.cbt_syscalls);
	int hfd = bpf_map__fd(t->skel->maps.cbt_rq_hist);
	struct cbt_bpf_syscall *sv;
	size_t n = 0;

	sv = calloc((size_t)t->ncpus, sizeof(*sv));
	out->syscalls = calloc(CBT_BPF_MAX_SYSCALLS, sizeof(*out->syscalls));
	if (!sv || !out->syscalls ||
	    cbt_bpf_sum_percpu_u64(hfd, CBT_BPF_HIST_SLOTS, t->ncpus, out->rq_hist) != 0) {
		free(sv);
		return -ENOMEM;
	}
	for (__u32 k = 0; k < CBT_BPF_MAX_SYSCALLS; k++) {
		struct cbt_syscall_stat st = {.nr = (int)k};

		if (bpf_map_lookup_elem(sfd, &k, sv))
			continue;
		for (int c = 0; c < t->ncpus; c++) {
			st.count += sv[c].count;
			st.time_ns += sv[c].time_ns;
		}
		if (!st.count)
			continue;
		st.name = cbt_syscall_name((int)k);
		if (!st.name)
			st.name = "unknown";
		out->syscalls[n++] = st;
	}
	out->nsyscalls = n;
	qsort(out->syscalls, n, sizeof(*out->syscalls), cmp_syscall);
	free(sv);
	return 0;
}

/* The most frequent waker -> wakee pairs, from the wakers' records (struct cbt_bpf_task): the
 * first CBT_BPF_WOKE_SLOTS wakees of each tracked waker, and each task's wake-ups from interrupt
 * or idle context (waker 0). What a waker woke beyond its slots is summed in wakers_other. */
static int collect_wakers(const struct cbt_bpf_task *vals, size_t nvals, struct cbt_trace_run *out)
{
	size_t cap = nvals * (CBT_BPF_WOKE_SLOTS + 1), n = 0;
	struct cbt_waker_pair *all = calloc(cap ? cap : 1, sizeof(*all));

	if (!all)
		return -ENOMEM;
	for (size_t i = 0; i < nvals; i++) {
		const struct cbt_bpf_task *b = &vals[i];

		for (int k = 0; k < CBT_BPF_WOKE_SLOTS && b->woke_tid[k]; k++) {
			all[n].waker_tid = (int32_t)b->tid;
			all[n].wakee_tid = (int32_t)b->woke_tid[k];
			memcpy(all[n].waker_comm, b->comm, sizeof(all[n].waker_comm));
			all[n].waker_comm[sizeof(all[n].waker_comm) - 1] = '\0';
			cbt_utf8_trim(all[n].waker_comm);
			all[n++].count = b->woke_n[k];
		}
		out->wakers_other += b->woke_other;
		if (b->irq_wakeups) {
			all[n].waker_tid = 0;
			all[n].wakee_tid = (int32_t)b->tid;
			memcpy(all[n].waker_comm, "[irq]", 6);
			all[n++].count = b->irq_wakeups;
		}
	}
	/* hand-offs between the run's tasks, over every pair (the kept ones are the top few) */
	int32_t *tids = calloc(nvals ? nvals : 1, sizeof(*tids));
	if (!tids) {
		free(all);
		return -ENOMEM;
	}
	for (size_t i = 0; i < nvals; i++)
		tids[i] = (int32_t)vals[i].tid;
	qsort(tids, nvals, sizeof(*tids), cmp_i32);
	out->cross_wakeups = out->wakers_other;
	for (size_t i = 0; i < n; i++)
		if (all[i].waker_tid &&
		    bsearch(&all[i].wakee_tid, tids, nvals, sizeof(*tids), cmp_i32))
			out->cross_wakeups += all[i].count;
	free(tids);
	qsort(all, n, sizeof(*all), cmp_waker);
	if (n > MAX_WAKER_PAIRS)
		n = MAX_WAKER_PAIRS;
	out->wakers = realloc(all, (n ? n : 1) * sizeof(*all));
	if (!out->wakers)
		out->wakers = all;
	out->nwakers = n;
	return 0;
}

int cbt_tracer_collect(struct cbt_tracer *t, uint64_t end, struct cbt_trace_run *out)
{
	struct cbt_bpf_task *vals = NULL;
	int e = collect_tasks(t, end, out, &vals);

	if (!e)
		e = collect_percpu(t, out);
	if (!e)
		e = collect_wakers(vals, out->ntasks, out);
	free(vals);
	return e;
}
