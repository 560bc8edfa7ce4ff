// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/* cbt.bpf.c - per-task scheduler and syscall attribution for the tasks of one run.
 *
 * The tracked set is the `cbt_tasks` hash map (tid -> struct cbt_bpf_task): user space inserts
 * the run leader, sched_process_fork inserts every task created by a tracked task. Everything is
 * aggregated in place; nothing is streamed to user space. Every handler starts with the global
 * `active` flag and one hash lookup, so untracked tasks cost almost nothing.
 *
 * Per-task state machine (struct cbt_bpf_task.state), time since last_ts goes to the current
 * state's bucket at every transition, so oncpu + runq + offcpu == last_ts - created_ns:
 *   RUNNING  --switch-out, blocked--------> BLOCKED  (reason = syscall in progress)
 *   RUNNING  --switch-out, preempted------> RUNNABLE
 *   BLOCKED  --sched_wakeup---------------> RUNNABLE
 *   RUNNABLE --switch-in------------------> RUNNING  (one run-queue wait, into the histogram)
 *   RUNNING  --switch-out with TASK_DEAD--> DEAD     (final switch-out: exited_ns, end of life)
 * A task seen executing (syscall entry/exit, its switch-out) while not RUNNING had a switch-in
 * the kernel did not report: it is switched in then (see ensure_running).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include "cbt_bpf.h"
#include "log2.h"
#include "irq_ctx.h"
#include "live_task.h"

#define TASK_RUNNING_STATE 0x0000
#define TASK_DEAD_STATE	   0x0080

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* Syscall number -> CBT_BPF_REASON_*, filled by user space from the syscall name table. */
const volatile __u8 reason_of_nr[CBT_BPF_MAX_SYSCALLS];

/* 1 while a run is being traced (written by user space through the mmapped .bss). */
__u32 active;
/* CBT_CNT_* counters. */
__u64 counters[CBT_CNT_NR];

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240); /* set from max_tasks before load */
	__type(key, __u32);
	__type(value, struct cbt_bpf_task);
} cbt_tasks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, CBT_BPF_MAX_SYSCALLS);
	__type(key, __u32);
	__type(value, struct cbt_bpf_syscall);
} cbt_syscalls SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, CBT_BPF_HIST_SLOTS);
	__type(key, __u32);
	__type(value, __u64);
} cbt_rq_hist SEC(".maps");

static __always_inline void count(__u32 idx)
{
	if (idx < CBT_CNT_NR)
		__sync_fetch_and_add(&counters[idx], 1);
}

static __always_inline __u32 reason_of(__s32 nr)
{
	__u32 r;

	if (nr < 0 || nr >= CBT_BPF_MAX_SYSCALLS)
		return CBT_BPF_REASON_OTHER;
	r = reason_of_nr[nr];
	return r < CBT_BPF_REASONS ? r : CBT_BPF_REASON_OTHER;
}

/* Adds the time since last_ts to the bucket of the current state; returns that time. */
static __always_inline __u64 account(struct cbt_bpf_task *t, __u64 now)
{
	__u64 d = now > t->last_ts ? now - t->last_ts : 0;
	__u32 r;

	switch (t->state) {
	case CBT_TASK_RUNNING:
		t->oncpu_ns += d;
		break;
	case CBT_TASK_RUNNABLE:
		t->runq_wait_ns += d;
		break;
	case CBT_TASK_BLOCKED:
		r = t->reason;
		if (r >= CBT_BPF_REASONS)
			r = CBT_BPF_REASON_OTHER;
		t->offcpu_ns[r] += d;
		break;
	}
	t->last_ts = now;
	return d;
}

/* The run-queue clock of the CPU whose run queue p is on (sched_clock ns): fresh at p's own
 * switch-out, where __schedule has just updated it. 0 where the kernel has no cfs_rq->rq. */
static __always_inline __u64 rq_clock_of(struct task_struct *p)
{
	struct cfs_rq *cfs;

	if (!bpf_core_field_exists(struct cfs_rq, rq))
		return 0;
	cfs = p->se.cfs_rq; /* walked as BTF pointers: plain loads, no helper calls */
	return cfs && cfs->rq ? cfs->rq->clock : 0;
}

/* Notes the origin for placing later kernel clock readings on our clock: our time `now` is the
 * kernel's run-queue clock `rq_clock`; p's run_delay so far. Taken at each switch-out, and at a
 * new task's first enqueue. */
static __always_inline void note_origin(struct cbt_bpf_task *t, __u64 now, __u64 rq_clock,
					struct task_struct *p)
{
	t->out_ts = now;
	t->out_rq_clock = rq_clock;
	t->out_run_delay_ns = p->sched_info.run_delay;
}

/* Run-queue wait the kernel added to p (run_delay) since the origin was noted. */
static __always_inline __u64 wait_since_origin(struct cbt_bpf_task *t, struct task_struct *p)
{
	__u64 rd = p->sched_info.run_delay;

	return rd > t->out_run_delay_ns ? rd - t->out_run_delay_ns : 0;
}

/* Our time of the kernel run-queue clock reading `kts` (taken since the task's last switch-out),
 * minus `back` ns; clamped to [last_ts, now]; 0 when it cannot be placed. */
static __always_inline __u64 place(struct cbt_bpf_task *t, __u64 kts, __u64 back, __u64 now)
{
	__u64 ts;

	if (!t->out_rq_clock || !kts || kts < t->out_rq_clock)
		return 0;
	ts = t->out_ts + (kts - t->out_rq_clock);
	ts = ts > back ? ts - back : 0;
	if (ts < t->last_ts)
		ts = t->last_ts;
	return ts < now ? ts : now;
}

/* A BLOCKED task whose wake-up no tracepoint delivered (docs/verify.md): the kernel enqueued it
 * at sched_info.last_queued (its run-queue clock; earlier queue stretches, e.g. before a
 * migration, are already in run_delay). Ends the off-CPU time there; false when unknown. */
static __always_inline bool recover_wakeup(struct cbt_bpf_task *t, struct task_struct *p, __u64 now)
{
	__u64 at = place(t, p->sched_info.last_queued, wait_since_origin(t, p), now);

	if (!at)
		return false;
	account(t, at);
	t->state = CBT_TASK_RUNNABLE;
	count(CBT_CNT_RECOVERED_WAKEUP);
	return true;
}

/* The task starts running at `now` on this CPU: ends its run-queue wait. `p` is the task (NULL
 * when the caller already placed an undelivered wake-up). */
static __always_inline void switch_in(struct cbt_bpf_task *t, __u64 now, struct task_struct *p)
{
	__u32 was = t->state, slot;
	__u64 d, *h;
	__s32 cpu;

	/* BLOCKED here: its wake-up was not delivered; placed from the kernel's record when it
	 * can be, else the time stays off-CPU and the event counts as lost */
	if (was == CBT_TASK_BLOCKED && !(p && recover_wakeup(t, p, now))) {
		count(CBT_CNT_LOST_EVENTS);
		count(CBT_CNT_MISSED_WAKEUP);
	}
	was = t->state;
	d = account(t, now);
	if (was == CBT_TASK_RUNNABLE) {
		t->runq_waits++;
		slot = log2_u64(d);
		if (slot >= CBT_BPF_HIST_SLOTS)
			slot = CBT_BPF_HIST_SLOTS - 1;
		h = bpf_map_lookup_elem(&cbt_rq_hist, &slot);
		if (h)
			*h += 1;
	}
	if (!t->first_run_ns)
		t->first_run_ns = now;
	cpu = bpf_get_smp_processor_id();
	if (t->last_cpu >= 0 && t->last_cpu != cpu)
		t->migrations++;
	t->last_cpu = cpu;
	t->state = CBT_TASK_RUNNING;
}

/* The task itself is executing (its syscall exit, or its switch-out) but no switch-in was
 * delivered since its last switch-out (docs/verify.md). The kernel's record of the task says when
 * it arrived on the CPU (sched_info.last_arrival) and how long it waited in all (run_delay since
 * that switch-out): the switch-in and, when it was BLOCKED, the wake-up are placed from them
 * (recovered, exact). Without that record the run starts at the kernel's runtime accounting
 * (sum_exec_runtime since prev_sum_exec_runtime) or now, and the event counts as lost. */
static __always_inline void ensure_running(struct cbt_bpf_task *t, __u64 now, struct task_struct *p)
{
	__u64 start = now, ran, in;

	if (t->state == CBT_TASK_RUNNING)
		return;
	in = place(t, p->sched_info.last_arrival, 0, now);
	if (in) {
		count(CBT_CNT_RECOVERED_SWITCHIN);
		if (t->state == CBT_TASK_BLOCKED) { /* and its wake-up: the wait ended at `in` */
			account(t,
				place(t, p->sched_info.last_arrival, wait_since_origin(t, p), now));
			t->state = CBT_TASK_RUNNABLE;
			count(CBT_CNT_RECOVERED_WAKEUP);
		}
		switch_in(t, in, NULL);
		return;
	}
	if (t->state == CBT_TASK_RUNNABLE) { /* (switch_in counts a BLOCKED one: missed wake-up) */
		count(CBT_CNT_LOST_EVENTS);
		count(CBT_CNT_MISSED_SWITCHIN);
	}
	if (now > t->last_ts) {
		ran = p->se.sum_exec_runtime - p->se.prev_sum_exec_runtime;
		if (ran < now - t->last_ts)
			start = now - ran;
	}
	switch_in(t, start, NULL);
}

/* The leader's first switch event: the start of its switch counts (struct cbt_bpf_task). */
static __always_inline void take_base(struct cbt_bpf_task *t, struct task_struct *p)
{
	t->base_pending = 0;
	t->seen_nvcsw = p->nvcsw;
	t->seen_nivcsw = p->nivcsw;
	t->base_nvcsw = p->nvcsw;
	t->base_nivcsw = p->nivcsw;
	t->base_vol = t->vol_switches;
	t->base_invol = t->invol_switches;
}

/* At a switch-out of `prev`, which the kernel has counted already (nvcsw or nivcsw moved by
 * one): true if it counted it voluntary. A move by more is a switch-out no tracepoint brought us
 * (lost). */
static __always_inline bool kernel_counted(struct cbt_bpf_task *t, struct task_struct *p)
{
	__u64 dv = p->nvcsw - t->seen_nvcsw, di = p->nivcsw - t->seen_nivcsw;

	t->seen_nvcsw += dv;
	t->seen_nivcsw += di;
	if (t->base_pending)
		return false; /* not known yet (the leader's first switch) */
	if (dv + di > 1) {
		__sync_fetch_and_add(&counters[CBT_CNT_LOST_EVENTS], dv + di - 1);
		__sync_fetch_and_add(&counters[CBT_CNT_MISSED_SWITCHOUT], dv + di - 1);
	}
	return dv > 0;
}

SEC("tp_btf/sched_switch")
int BPF_PROG(cbt_switch, bool preempt, struct task_struct *prev, struct task_struct *next,
	     unsigned int prev_state)
{
	struct cbt_bpf_task *t;
	__u32 tid, r;
	__u64 now;
	bool kvol;

	if (!active)
		return 0;
	now = bpf_ktime_get_ns();

	tid = prev->pid;
	if (tid) {
		t = cbt_live_task(&cbt_tasks, tid);
		if (t) {
			ensure_running(t, now, prev);
			account(t, now);
			note_origin(t, now, rq_clock_of(prev), prev);
			kvol = kernel_counted(t, prev);
			if (prev_state & TASK_DEAD_STATE) {
				/* final switch-out after exit: neither a block nor a preemption;
				 * the task's life (and its accounting) ends here */
				t->state = CBT_TASK_DEAD;
				t->exited_ns = now;
				t->k_nvcsw = prev->nvcsw;
				t->k_nivcsw = prev->nivcsw;
				t->k_run_delay_ns = prev->sched_info.run_delay;
				t->k_pcount = prev->sched_info.pcount;
				t->k_sum_exec_ns = prev->se.sum_exec_runtime;
				t->k_valid = 1;
			} else if (!preempt && prev_state != TASK_RUNNING_STATE) {
				r = reason_of(t->sys_nr);
				t->reason = r;
				t->blocks[r]++;
				t->vol_switches++;
				t->state = CBT_TASK_BLOCKED;
				if (!kvol)
					count(CBT_CNT_BLOCK_NOT_NVCSW);
			} else {
				t->invol_switches++;
				if (kvol) /* a signal kept it runnable (try_to_block_task) */
					t->signal_runnable++;
				t->state = CBT_TASK_RUNNABLE;
			}
			if (t->base_pending)
				take_base(t, prev);
		}
	}

	tid = next->pid;
	if (!tid)
		return 0;
	t = cbt_live_task(&cbt_tasks, tid);
	if (t) {
		if (t->base_pending)
			take_base(t, next);
		switch_in(t, now, next);
	}
	return 0;
}

SEC("tp_btf/sched_wakeup")
int BPF_PROG(cbt_wakeup, struct task_struct *p)
{
	struct cbt_bpf_task *t;
	__u32 tid;

	if (!active)
		return 0;
	tid = p->pid;
	t = cbt_live_task(&cbt_tasks, tid);
	if (!t)
		return 0;
	__sync_fetch_and_add(&t->wakeups, 1);
	/* A wake-up of a task that had not switched out yet leaves it RUNNING: its switch-out then
	 * sees prev_state == TASK_RUNNING. sched_wakeup fires once the task is enqueued, after its
	 * switch-out (the same order as schedstat's run_delay). */
	if (t->state == CBT_TASK_BLOCKED) {
		account(t, bpf_ktime_get_ns());
		t->state = CBT_TASK_RUNNABLE;
	}
	return 0;
}

/* Waker attribution at sched_waking: it runs in the waker's context, whereas sched_wakeup may run
 * on the wakee's CPU (queued remote wake-ups, in an IPI), where `current` is unrelated. The count
 * goes to the waker's own record, which this CPU has in cache (it is running). A hash of waker ->
 * wakee pairs cost ~1 us a run when threads wake each other across CPUs (gil-threads, CPython
 * threads: up to 10,000 pairs, nearly every access a cache miss); this ~0.25 us (overhead.md). */
SEC("tp_btf/sched_waking")
int BPF_PROG(cbt_waking, struct task_struct *p)
{
	struct cbt_bpf_task *t;
	__u32 tid, me;

	if (!active)
		return 0;
	tid = p->pid;
	me = (__u32)bpf_get_current_pid_tgid();
	if (!me || cbt_in_interrupt_ctx(ctx)) { /* a timer, an I/O completion, idle */
		t = cbt_live_task(&cbt_tasks, tid);
		if (t)
			__sync_fetch_and_add(&t->irq_wakeups, 1);
		return 0;
	}
	t = cbt_live_task(&cbt_tasks, me); /* the waker; untracked wakers are not kept */
	if (!t)
		return 0;
	for (int i = 0; i < CBT_BPF_WOKE_SLOTS; i++) {
		if (t->woke_tid[i] == tid) {
			t->woke_n[i]++;
			return 0;
		}
		if (!t->woke_tid[i]) {
			t->woke_tid[i] = tid;
			t->woke_n[i] = 1;
			return 0;
		}
	}
	t->woke_other++;
	return 0;
}

/* A new task's first enqueue (wake_up_new_task, right after sched_process_fork): the origin for
 * placing its first switch-in from the kernel's record should no tracepoint deliver it, as a
 * switch-out is for later ones (a task created runnable has no switch-out yet). */
SEC("tp_btf/sched_wakeup_new")
int BPF_PROG(cbt_wakeup_new, struct task_struct *p)
{
	struct cbt_bpf_task *t;
	__u32 tid;

	if (!active)
		return 0;
	tid = p->pid;
	t = bpf_map_lookup_elem(&cbt_tasks, &tid);
	if (!t || t->state != CBT_TASK_RUNNABLE)
		return 0;
	/* enqueued just now at this run-queue clock (sched_info_enqueue) */
	note_origin(t, bpf_ktime_get_ns(),
		    p->sched_info.last_queued ? p->sched_info.last_queued : rq_clock_of(p), p);
	return 0;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(cbt_fork, struct task_struct *parent, struct task_struct *child)
{
	struct cbt_bpf_task *pt, c = {};
	__u32 ptid;

	if (!active)
		return 0;
	ptid = parent->pid;
	pt = cbt_live_task(&cbt_tasks, ptid);
	if (!pt)
		return 0;

	c.tid = child->pid;
	c.pid = child->tgid;
	c.ppid = parent->tgid;
	bpf_probe_read_kernel_str(c.comm, sizeof(c.comm), child->comm);
	/* wake_up_new_task() follows this tracepoint at once: runnable from creation on */
	c.state = CBT_TASK_RUNNABLE;
	c.created_ns = bpf_ktime_get_ns();
	c.last_ts = c.created_ns;
	c.sys_nr = -1;
	c.last_cpu = -1;
	c.reason = CBT_BPF_REASON_OTHER;
	if (bpf_map_lookup_elem(&cbt_tasks, &c.tid)) {
		/* tid reused within the run: the old record is lost */
		count(CBT_CNT_LOST_EVENTS);
		count(CBT_CNT_TID_REUSED);
	}
	if (bpf_map_update_elem(&cbt_tasks, &c.tid, &c, BPF_ANY))
		count(CBT_CNT_UNTRACKED_TASKS);
	return 0;
}

/* Adds one call of syscall `id` (and its time, when it returned) to the task and the table. */
static __always_inline void count_syscall(struct cbt_bpf_task *t, __s32 id, __u64 time_ns)
{
	struct cbt_bpf_syscall *s;
	__u32 nr;

	t->syscalls++;
	if (id < 0 || id >= CBT_BPF_MAX_SYSCALLS)
		return;
	nr = id;
	s = bpf_map_lookup_elem(&cbt_syscalls, &nr);
	if (s) {
		s->count++;
		s->time_ns += time_ns;
	}
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(cbt_exit, struct task_struct *p)
{
	struct cbt_bpf_task *t;
	__u32 tid;

	if (!active)
		return 0;
	tid = p->pid;
	t = bpf_map_lookup_elem(&cbt_tasks, &tid);
	if (!t)
		return 0;
	/* replaced by the final switch-out's time, which ends the accounting */
	t->exited_ns = bpf_ktime_get_ns();
	if (t->sys_nr >= 0) { /* exit or exit_group: counted, no time (it never returns) */
		count_syscall(t, t->sys_nr, 0);
		t->sys_nr = -1;
	}
	bpf_probe_read_kernel_str(t->comm, sizeof(t->comm), p->comm); /* may have changed */
	return 0;
}

/* The syscall programs run on every system call of every process while attached, and sys_enter
 * is the first code after the kernel entry (cold TLB and caches with page-table isolation): it
 * only notes the call and its start. Counting and timing happen at sys_exit, where the same memory
 * is warm; calls that never return (exit, exit_group) are counted at sched_process_exit. */
SEC("tp_btf/sys_enter")
int BPF_PROG(cbt_sys_enter, struct pt_regs *regs, long id)
{
	struct cbt_bpf_task *t;
	__u32 tid;

	tid = (__u32)bpf_get_current_pid_tgid();
	/* (no `active` check: the map is empty between runs) */
	t = cbt_live_task(&cbt_tasks, tid);
	if (!t)
		return 0;
	if (id >= 0 && id < CBT_BPF_MAX_SYSCALLS && reason_of_nr[id] == CBT_BPF_REASON_PROBE) {
		/* the lock probes' return path, not the task's call */
		count(CBT_CNT_PROBE_SYSCALLS);
		return 0;
	}
	t->sys_nr = id;
	t->sys_enter_ts = bpf_ktime_get_ns();
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(cbt_sys_exit, struct pt_regs *regs, long ret)
{
	struct cbt_bpf_task *t;
	__u32 tid;
	__u64 now;
	__s32 id;

	if (!active)
		return 0;
	tid = (__u32)bpf_get_current_pid_tgid();
	t = cbt_live_task(&cbt_tasks, tid);
	if (!t)
		return 0;
	/* nothing to time (the lock probes' uretprobe return path, or a call entered before
	 * tracking) and nothing to repair: skip the clock read, hundreds of ns on this VM */
	if (t->sys_nr < 0 && t->state == CBT_TASK_RUNNING)
		return 0;
	now = bpf_ktime_get_ns();
	ensure_running(t, now, bpf_get_current_task_btf());
	id = t->sys_nr;
	if (id < 0) /* entered before tracking began */
		return 0;
	t->sys_nr = -1;
	count_syscall(t, id, now > t->sys_enter_ts ? now - t->sys_enter_ts : 0);
	return 0;
}
