// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/* bench_floor.bpf.c - empty programs on the tracepoints the tool attaches (make bench only).
 *
 * What attaching costs before any program does work: the tracepoint call, the BPF dispatch, and
 * for raw_syscalls the slow system-call path every process takes while anything is attached
 * there; and the interpreter-lock view's two uprobe traps per acquisition (take_gil entry and
 * return), as the tool attaches them. The bench runs the untraced workload with these attached; the
 * difference to the tool's traced run is what our program bodies cost (docs/overhead.md). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

SEC("tp_btf/sched_switch")
int BPF_PROG(floor_switch)
{
	return 0;
}

/* The least a program that times each switch does: one clock read (kept only when it is 1, which
 * it never is: a store on every switch to one global would bounce its cache line between the
 * CPUs, a cost the tool does not have). */
__u64 floor_sink;

SEC("tp_btf/sched_switch")
int BPF_PROG(floor_switch_clock)
{
	__u64 now = bpf_ktime_get_ns();

	if (now == 1)
		floor_sink = now;
	return 0;
}

/* The least per-task attribution does: find prev's and next's record (tasks created while
 * attached, as the tool tracks the tasks its run creates) and count in it. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384);
	__type(key, __u32);
	__type(value, __u64);
} floor_tasks SEC(".maps");

SEC("tp_btf/sched_switch")
int BPF_PROG(floor_switch_lookup, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	__u32 tid = prev->pid;
	__u64 *n = bpf_map_lookup_elem(&floor_tasks, &tid);

	if (n)
		*n += 1;
	tid = next->pid;
	n = bpf_map_lookup_elem(&floor_tasks, &tid);
	if (n)
		*n += 1;
	return 0;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(floor_fork_insert, struct task_struct *parent, struct task_struct *child)
{
	__u32 tid = child->pid;
	__u64 zero = 0;

	bpf_map_update_elem(&floor_tasks, &tid, &zero, BPF_ANY);
	return 0;
}

/* An empty program on tracepoint TP. */
#define EMPTY(tp, name)                                                                            \
	SEC("tp_btf/" tp)                                                                          \
	int BPF_PROG(name)                                                                         \
	{                                                                                          \
		return 0;                                                                          \
	}

EMPTY("sched_wakeup", floor_wakeup)
EMPTY("sched_waking", floor_waking)
EMPTY("sched_wakeup_new", floor_wakeup_new)
EMPTY("sched_process_fork", floor_fork)
EMPTY("sched_process_exit", floor_exit)
EMPTY("sys_enter", floor_sys_enter)
EMPTY("sys_exit", floor_sys_exit)

SEC("uprobe")
int floor_lock_in(struct pt_regs *ctx)
{
	return 0;
}

SEC("uretprobe")
int floor_lock_out(struct pt_regs *ctx)
{
	return 0;
}
