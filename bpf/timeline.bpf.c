// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/* timeline.bpf.c - streams the scheduler events of the run's tasks to user space (a BPF ring
 * buffer), for the Chrome/Perfetto timeline. Loaded and attached only when a timeline is asked
 * for: the counting path (cbt.bpf.c) stays as it is.
 *
 * Scoped to the run by `cbt_tasks`, the tracer's map of tracked tasks (bpf_map__reuse_fd before
 * load); the blocked reason is the syscall in progress that the tracer keeps there (sys_nr). When
 * the interpreter-lock probe is loaded, `cbt_gil_tasks` is its map too: a task that blocks inside
 * an interpreter-lock acquisition (take_gil, or PyEval_RestoreThread) waits for the lock.
 *
 * Bounded: user space sets `cbt_tl_budget` (events this run may still write, --timeline-limit);
 * events over it and events the ring buffer had no room for are counted, never silently lost.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include "cbt_bpf.h"
#include "cbt_gil_bpf.h"
#include "cbt_timeline_bpf.h"
#include "irq_ctx.h"
#include "live_task.h"

#define TASK_RUNNING_STATE 0x0000
#define TASK_DEAD_STATE	   0x0080

char LICENSE[] SEC("license") = "Dual BSD/GPL";

__u32 cbt_tl_active;
__u64 cbt_tl_budget;
__u64 cbt_tl_counters[CBT_TL_CNT_NR];

/* Replaced by the tracer's map before load (never created here). */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);
	__type(value, struct cbt_bpf_task);
} cbt_tasks SEC(".maps");

/* The interpreter-lock probe's map when it is loaded; otherwise a 1-entry map that stays empty. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);
	__type(value, struct cbt_gil_task);
} cbt_gil_tasks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 16 << 20); /* set before load */
} cbt_tl_events SEC(".maps");

static __always_inline void count(__u32 idx)
{
	if (idx < CBT_TL_CNT_NR)
		__sync_fetch_and_add(&cbt_tl_counters[idx], 1);
}

/* A slot in the ring buffer within the budget, or NULL (counted). No wake-up per event: user
 * space drains the buffer on a timer, which keeps the cost per event at a reserve and a submit. */
static __always_inline void *reserve(__u64 size)
{
	void *e;

	if (__sync_fetch_and_add(&cbt_tl_counters[CBT_TL_CNT_EMITTED], 1) >= cbt_tl_budget) {
		count(CBT_TL_CNT_DROP_LIMIT);
		return NULL;
	}
	e = bpf_ringbuf_reserve(&cbt_tl_events, size, 0);
	if (!e)
		count(CBT_TL_CNT_DROP_RINGBUF);
	return e;
}

static __always_inline void emit(__u16 type, __u64 ts, __u32 tid, __u32 other, __s32 aux, __u64 arg)
{
	struct cbt_tl_bpf_event *e = reserve(sizeof(*e));

	if (!e)
		return;
	e->ts = ts;
	e->arg = arg;
	e->tid = tid;
	e->other = other;
	e->aux = aux;
	e->type = type;
	e->cpu = (__u16)bpf_get_smp_processor_id();
	bpf_ringbuf_submit(e, BPF_RB_NO_WAKEUP);
}

SEC("tp_btf/sched_switch")
int BPF_PROG(cbt_tl_switch, bool preempt, struct task_struct *prev, struct task_struct *next,
	     unsigned int prev_state)
{
	struct cbt_bpf_task *t;
	struct cbt_gil_task *g;
	__u64 now, ran;
	__u32 tid;

	if (!cbt_tl_active)
		return 0;
	now = bpf_ktime_get_ns();
	tid = prev->pid;
	t = tid ? bpf_map_lookup_elem(&cbt_tasks, &tid) : NULL;
	/* the tracer's own handler may have run first and marked a final switch-out DEAD */
	if (t && (t->state != CBT_TASK_DEAD || (prev_state & TASK_DEAD_STATE))) {
		/* how long it ran, by the kernel's count (set at its switch-in): the timeline then
		 * survives a switch-in this kernel did not report */
		ran = prev->se.sum_exec_runtime - prev->se.prev_sum_exec_runtime;
		if (prev_state & TASK_DEAD_STATE) {
			emit(CBT_TL_EXIT, now, tid, 0, 0, ran);
		} else if (!preempt && prev_state != TASK_RUNNING_STATE) {
			g = bpf_map_lookup_elem(&cbt_gil_tasks, &tid);
			emit(CBT_TL_BLOCK, now, tid, g && g->in_ts ? 1 : 0, t->sys_nr, ran);
		} else {
			emit(CBT_TL_PREEMPT, now, tid, 0, 0, ran);
		}
	}
	tid = next->pid;
	if (!tid)
		return 0;
	t = cbt_live_task(&cbt_tasks, tid);
	if (t)
		emit(CBT_TL_SWITCH_IN, now, tid, 0, 0, 0);
	return 0;
}

SEC("tp_btf/sched_wakeup")
int BPF_PROG(cbt_tl_wakeup, struct task_struct *p)
{
	struct cbt_bpf_task *t;
	__u32 tid;

	if (!cbt_tl_active)
		return 0;
	tid = p->pid;
	t = cbt_live_task(&cbt_tasks, tid);
	if (t)
		emit(CBT_TL_WAKEUP, bpf_ktime_get_ns(), tid, 0, 0, 0);
	return 0;
}

/* Who woke whom: sched_waking runs in the waker's context. Only a task of the run acting in task
 * context is a waker the timeline can draw (a flow needs both ends on the timeline). */
SEC("tp_btf/sched_waking")
int BPF_PROG(cbt_tl_waking, struct task_struct *p)
{
	struct cbt_bpf_task *t, *w;
	__u32 tid, waker;

	if (!cbt_tl_active)
		return 0;
	tid = p->pid;
	t = cbt_live_task(&cbt_tasks, tid);
	if (!t)
		return 0;
	waker = (__u32)bpf_get_current_pid_tgid();
	if (!waker || waker == tid)
		return 0;
	w = cbt_live_task(&cbt_tasks, waker);
	if (!w || cbt_in_interrupt_ctx(ctx))
		return 0;
	emit(CBT_TL_WAKING, bpf_ktime_get_ns(), tid, waker, 0, 0);
	return 0;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(cbt_tl_fork, struct task_struct *parent, struct task_struct *child)
{
	struct cbt_bpf_task *pt;
	__u32 ptid;

	if (!cbt_tl_active)
		return 0;
	ptid = parent->pid;
	pt = cbt_live_task(&cbt_tasks, ptid);
	if (!pt)
		return 0;
	emit(CBT_TL_FORK, bpf_ktime_get_ns(), child->pid, ptid, child->tgid, 0);
	return 0;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(cbt_tl_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	struct cbt_tl_bpf_exec *x;
	struct cbt_bpf_task *t;
	__u32 tid;

	if (!cbt_tl_active)
		return 0;
	tid = p->pid;
	t = cbt_live_task(&cbt_tasks, tid);
	if (!t)
		return 0;
	x = reserve(sizeof(*x));
	if (!x)
		return 0;
	x->e.ts = bpf_ktime_get_ns();
	x->e.arg = 0;
	x->e.tid = tid;
	x->e.other = 0;
	x->e.aux = p->tgid;
	x->e.type = CBT_TL_EXEC;
	x->e.cpu = (__u16)bpf_get_smp_processor_id();
	bpf_probe_read_kernel_str(x->comm, sizeof(x->comm), p->comm);
	bpf_ringbuf_submit(x, BPF_RB_NO_WAKEUP);
	return 0;
}
