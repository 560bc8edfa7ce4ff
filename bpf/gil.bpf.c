// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/* gil.bpf.c - CPython interpreter-lock attribution for the tasks of one run (uprobes).
 *
 * Attached by src/trace/gil_probe.c to every process mapping an interpreter file (pid -1), one
 * entry probe and one return probe on the function that acquires the lock (take_gil; or
 * PyEval_RestoreThread when the file has no take_gil symbol), with the file's index as the attach
 * cookie. Scoped to the run by `cbt_tasks`, which user space replaces with the tracer's map
 * (bpf_map__reuse_fd) before load: a thread counts only while its tid is tracked.
 *
 * Two traps per acquisition and nothing else: the wait is split without further probes, by
 * reading the tracer's scheduler accounting of the same task (cbt.bpf.c keeps, per task, the
 * off-CPU and run-queue time up to its last switch-in) at entry and at return. Both reads happen
 * while the task runs, so the differences are exactly the time it spent blocked and runnable in
 * between. A return without a recorded entry (entered before the run) is ignored.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include "cbt_bpf.h"
#include "live_task.h"
#include "cbt_gil_bpf.h"
#include "log2.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* Updates that did not fit (per-tid map full). Read and zeroed by user space through the skeleton
 */
__u64 cbt_gil_lost;

/* Identical to the tracer's map (bpf/cbt.bpf.c): replaced by it before load, never created. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);
	__type(value, struct cbt_bpf_task);
} cbt_tasks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240); /* set to the tracked-task capacity before load */
	__type(key, __u32);
	__type(value, struct cbt_gil_task);
} cbt_gil_tasks SEC(".maps");

/* Per probed file (index = attach cookie), written by user space before attaching. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, CBT_GIL_MAX_INTERPRETERS);
	__type(key, __u32);
	__type(value, struct cbt_gil_cfg);
} cbt_gil_cfg SEC(".maps");

/* 1: report every exec of a tracked task and stop it until user space has looked (before load) */
const volatile __u32 watch_execs = 0;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} cbt_gil_execs SEC(".maps");

/* Set before load when watching: link-time addresses, in the dynamic loader (ld-linux), of its
 * debugger hook _dl_debug_state (probed: glibc calls it around every dlopen and dlclose) and of
 * _r_debug (its r_state says whether the objects are mapped: RT_CONSISTENT, 0). */
const volatile __u64 dl_state_vaddr = 0;
const volatile __u64 dl_rdebug_vaddr = 0;

/* Processes (tgid) that exec'd and whose loader has not yet said "consistent": the first time it
 * does is the program's own start-up (its DT_NEEDED objects, covered by the exec's inspection). */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, __u8);
} cbt_gil_dl_startup SEC(".maps");

/* Processes (tgid) in which user space found a libpython already: their dlopens are not held. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, __u8);
} cbt_gil_dl_done SEC(".maps");

/* Files user space has inspected already: their execs are neither reported nor held. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, struct cbt_gil_file_key);
	__type(value, __u8);
} cbt_gil_known SEC(".maps");

/* log2 histogram of contended acquisitions' waits (slot k: [2^k, 2^(k+1)) ns) */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, CBT_BPF_HIST_SLOTS);
	__type(key, __u32);
	__type(value, __u64);
} cbt_gil_hist SEC(".maps");

static __always_inline __u64 offcpu_of(const struct cbt_bpf_task *t)
{
	__u64 n = 0;

	for (int r = 0; r < CBT_BPF_REASONS; r++)
		n += t->offcpu_ns[r];
	return n;
}

/* Whether the acquisition starting now comes from the eval loop's drop-request handler: the
 * return address `slot` words above the stack pointer lies in the handler (see cbt_gil_cfg). */
static __always_inline __u32 is_forced(struct pt_regs *ctx)
{
	__u32 k = (__u32)bpf_get_attach_cookie(ctx);
	struct cbt_gil_cfg *c = bpf_map_lookup_elem(&cbt_gil_cfg, &k);
	__u64 ret = 0, rel, base;

	if (!c || !c->forced_hi || c->forced_slot > 16)
		return 0;
	base = PT_REGS_IP(ctx) - c->entry_vaddr;
	if (bpf_probe_read_user(&ret, sizeof(ret),
				(void *)(PT_REGS_SP(ctx) + 8 * (__u64)c->forced_slot)))
		return 0;
	rel = ret - base;
	return rel >= c->forced_lo && rel < c->forced_hi;
}

SEC("uprobe")
int cbt_gil_in(struct pt_regs *ctx)
{
	struct cbt_gil_task zero = {}, *g;
	struct cbt_bpf_task *t;
	__u32 tid = (__u32)bpf_get_current_pid_tgid();

	t = cbt_live_task(&cbt_tasks, tid);
	if (!t)
		return 0;
	g = bpf_map_lookup_elem(&cbt_gil_tasks, &tid);
	if (!g) {
		bpf_map_update_elem(&cbt_gil_tasks, &tid, &zero, BPF_NOEXIST);
		g = bpf_map_lookup_elem(&cbt_gil_tasks, &tid);
		if (!g) {
			__sync_fetch_and_add(&cbt_gil_lost, 1);
			return 0;
		}
	}
	g->in_offcpu = offcpu_of(t);
	g->in_runq = t->runq_wait_ns;
	g->in_forced = is_forced(ctx);
	g->in_ts = bpf_ktime_get_ns();
	return 0;
}

SEC("uretprobe")
int cbt_gil_out(struct pt_regs *ctx)
{
	__u64 now = bpf_ktime_get_ns(), d, off, rq, on, *h;
	__u32 tid = (__u32)bpf_get_current_pid_tgid(), slot;
	struct cbt_bpf_task *t;
	struct cbt_gil_task *g;

	t = bpf_map_lookup_elem(&cbt_tasks, &tid);
	g = bpf_map_lookup_elem(&cbt_gil_tasks, &tid);
	if (!t || !g || !g->in_ts)
		return 0;
	d = now > g->in_ts ? now - g->in_ts : 0;
	off = offcpu_of(t) - g->in_offcpu;
	rq = t->runq_wait_ns - g->in_runq;
	if (off + rq > d) /* a switch the tracer accounted lazily (see ensure_running) */
		off = off > d ? d : off, rq = d - off;
	on = d - off - rq;
	g->acquisitions++;
	g->raw_wait_ns += d;
	if (off) {
		g->contended++;
		g->blocked_ns += off;
		g->handoff_ns += rq;
		g->contended_oncpu_ns += on;
		slot = log2_u64(d);
		if (slot >= CBT_BPF_HIST_SLOTS)
			slot = CBT_BPF_HIST_SLOTS - 1;
		h = bpf_map_lookup_elem(&cbt_gil_hist, &slot);
		if (h)
			*h += 1;
	} else if (rq) {
		g->preempted++;
		g->preempted_ns += d;
	} else {
		g->uncontended++;
		g->uncontended_ns += d;
	}
	if (!g->min_oncpu_ns || on < g->min_oncpu_ns)
		g->min_oncpu_ns = on ? on : 1;
	if (g->in_forced) {
		g->forced++;
		g->forced_wait_ns += d;
		/* held since the previous acquisition returned: its on-CPU time up to this entry */
		if (g->out_ts && g->in_ts > g->out_ts) {
			__u64 span = g->in_ts - g->out_ts;
			__u64 away = (g->in_offcpu - g->out_offcpu) + (g->in_runq - g->out_runq);

			g->forced_hold_ns += span > away ? span - away : 0;
		}
	}
	g->in_ts = 0;
	g->out_ts = now;
	g->out_offcpu = offcpu_of(t);
	g->out_runq = t->runq_wait_ns;
	return 0;
}

#define SIGSTOP_NR 19

/* A task of the run execs: tell user space, which inspects what it now runs (its /proc/PID/exe)
 * and attaches the lock probes to a CPython before continuing it. The stop is delivered on the
 * way back to user space, before the new program's first instruction (the dynamic loader's). No
 * event, no stop: nobody would continue it. */
SEC("tp_btf/sched_process_exec")
int BPF_PROG(cbt_gil_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	struct cbt_gil_file_key key = {};
	struct cbt_gil_exec_event *e;
	struct cbt_bpf_task *t;
	struct inode *ino;
	__u32 tid = p->pid;

	if (!watch_execs)
		return 0;
	t = cbt_live_task(&cbt_tasks, tid);
	if (!t)
		return 0;
	if (dl_state_vaddr) {
		__u32 tgid = p->tgid;
		__u8 one = 1;

		bpf_map_update_elem(&cbt_gil_dl_startup, &tgid, &one, BPF_ANY);
		bpf_map_delete_elem(&cbt_gil_dl_done, &tgid); /* a new program: look again */
	}
	ino = BPF_CORE_READ(p, mm, exe_file, f_inode);
	if (ino) {
		key.ino = BPF_CORE_READ(ino, i_ino);
		key.dev = BPF_CORE_READ(ino, i_sb, s_dev);
		if (bpf_map_lookup_elem(&cbt_gil_known, &key))
			return 0; /* inspected before: probed already, or not a CPython */
	}
	e = bpf_ringbuf_reserve(&cbt_gil_execs, sizeof(*e), 0);
	if (!e) {
		__sync_fetch_and_add(&cbt_gil_lost, 1);
		return 0;
	}
	e->pid = p->tgid;
	e->tid = tid;
	e->ts = bpf_ktime_get_ns();
	e->stopped = bpf_send_signal(SIGSTOP_NR) == 0;
	e->kind = CBT_GIL_EV_EXEC;
	bpf_ringbuf_submit(e, 0);
	return 0;
}

/* A process forked by one in which a libpython was found has the same mappings: its dlopens
 * (extension modules, in an embedding program's multiprocessing children) are not held either. */
SEC("tp_btf/sched_process_fork")
int BPF_PROG(cbt_gil_fork, struct task_struct *parent, struct task_struct *child)
{
	__u32 ptgid = parent->tgid, ctgid = child->tgid;
	__u8 one = 1;

	if (!dl_state_vaddr || ctgid == ptgid) /* a thread: the same process */
		return 0;
	if (bpf_map_lookup_elem(&cbt_gil_dl_done, &ptgid))
		bpf_map_update_elem(&cbt_gil_dl_done, &ctgid, &one, BPF_ANY);
	return 0;
}

#define RT_CONSISTENT  0 /* enum r_state in <link.h> */
#define R_MAP_OFFSET   8 /* struct r_debug: r_version, r_map, r_brk, r_state */
#define R_STATE_OFFSET 24
#define LM_NAME_OFFSET 8 /* struct link_map: l_addr, l_name, l_ld, l_next, l_prev */
#define LM_NEXT_OFFSET 24
#define LM_NAME_MAX    256
#define LM_MAX	       512 /* objects walked at most: a longer chain is held to be scanned */

/* 1 if the path names a libpython: "libpython" at its start or after a '/'. */
static __always_inline int names_libpython(const char *s)
{
	for (int i = 0; i < LM_NAME_MAX - 10; i++) {
		if (!s[i])
			return 0;
		if ((i == 0 || s[i - 1] == '/') && s[i] == 'l' && s[i + 1] == 'i' &&
		    s[i + 2] == 'b' && s[i + 3] == 'p' && s[i + 4] == 'y' && s[i + 5] == 't' &&
		    s[i + 6] == 'h' && s[i + 7] == 'o' && s[i + 8] == 'n')
			return 1;
	}
	return 0;
}

struct lm_walk {
	__u64 lm;    /* the link_map to look at next (0: the chain ended) */
	__u32 maybe; /* a libpython, or a name too long to tell */
};

/* One object of the loader's chain (r_map, through l_next): its path. */
static long lm_step(__u32 i, void *data)
{
	struct lm_walk *w = data;
	char name[LM_NAME_MAX];
	__u64 p = 0;
	long n;

	(void)i;
	if (!w->lm)
		return 1;
	if (!bpf_probe_read_user(&p, sizeof(p), (void *)(w->lm + LM_NAME_OFFSET)) && p) {
		n = bpf_probe_read_user_str(name, sizeof(name), (void *)p);
		if (n >= LM_NAME_MAX - 10 || (n > 0 && names_libpython(name))) {
			w->maybe = 1;
			return 1;
		}
	}
	if (bpf_probe_read_user(&w->lm, sizeof(w->lm), (void *)(w->lm + LM_NEXT_OFFSET)))
		w->lm = 0;
	return 0;
}

/* The dynamic loader's debugger hook, in every process (pid -1): glibc calls _dl_debug_state
 * with _r_debug.r_state = RT_ADD before a dlopen maps objects and RT_CONSISTENT once they are
 * mapped (and likewise around dlclose). For a task of the run, at RT_CONSISTENT, unless its
 * program is a CPython (extension modules) or a libpython was found in it already, or this is the
 * loader's start-up call after an exec, and only if an object of the loader's chain is a
 * libpython: tell user space, which scans /proc/PID/maps for a
 * libpython and probes it, and stop the task (SIGSTOP, delivered when the hook returns to user
 * space) until it has: the libpython's code has not run yet. */
SEC("uprobe")
int cbt_gil_dlopen(struct pt_regs *ctx)
{
	struct cbt_gil_file_key key = {};
	struct cbt_gil_exec_event *e;
	struct cbt_bpf_task *t;
	struct task_struct *task;
	struct inode *ino;
	__u64 id = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)id, tgid = (__u32)(id >> 32);
	__u8 *known;
	int state = -1;

	if (!watch_execs || !dl_state_vaddr)
		return 0;
	t = cbt_live_task(&cbt_tasks, tid);
	if (!t)
		return 0;
	/* the loader's load base: where the hook is now, less where it was linked */
	__u64 rdebug = PT_REGS_IP(ctx) - dl_state_vaddr + dl_rdebug_vaddr;
	if (bpf_probe_read_user(&state, sizeof(state), (void *)(rdebug + R_STATE_OFFSET)) ||
	    state != RT_CONSISTENT)
		return 0;
	if (bpf_map_lookup_elem(&cbt_gil_dl_startup, &tgid)) {
		bpf_map_delete_elem(&cbt_gil_dl_startup, &tgid);
		return 0;
	}
	if (bpf_map_lookup_elem(&cbt_gil_dl_done, &tgid))
		return 0;
	task = (struct task_struct *)bpf_get_current_task();
	ino = BPF_CORE_READ(task, mm, exe_file, f_inode);
	if (ino) {
		key.ino = BPF_CORE_READ(ino, i_ino);
		key.dev = BPF_CORE_READ(ino, i_sb, s_dev);
		known = bpf_map_lookup_elem(&cbt_gil_known, &key);
		if (known && *known == CBT_GIL_KNOWN_CPYTHON)
			return 0;
	}
	/* hold only if a libpython is among the loaded objects (a plugin loader's other dlopens run
	 * on: a hold costs ms); a chain too long to walk, or a name too long to read, is held */
	struct lm_walk w = {};
	if (bpf_probe_read_user(&w.lm, sizeof(w.lm), (void *)(rdebug + R_MAP_OFFSET)))
		return 0;
	bpf_loop(LM_MAX, lm_step, &w, 0);
	if (!w.maybe && !w.lm)
		return 0;
	e = bpf_ringbuf_reserve(&cbt_gil_execs, sizeof(*e), 0);
	if (!e) {
		__sync_fetch_and_add(&cbt_gil_lost, 1);
		return 0;
	}
	e->pid = tgid;
	e->tid = tid;
	e->ts = bpf_ktime_get_ns();
	e->stopped = bpf_send_signal(SIGSTOP_NR) == 0;
	e->kind = CBT_GIL_EV_DLOPEN;
	bpf_ringbuf_submit(e, 0);
	return 0;
}
