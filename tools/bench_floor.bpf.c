// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/* bench_floor.bpf.c - empty programs on the tracepoints the tool attaches (make bench only).
 *
 * What attaching costs before any program does work: the tracepoint call, the BPF dispatch, and
 * for raw_syscalls the slow system-call path every process takes while anything is attached
 * there; and the interpreter-lock view's two uprobe traps per acquisition (take_gil entry and
 * return), as the tool attaches them. The bench runs the untraced workload with these attached; the difference to the tool's
 * traced run is what our program bodies cost (docs/overhead.md). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

SEC("tp_btf/sched_switch")
int BPF_PROG(floor_switch)
{
	return 0;
}

SEC("tp_btf/sched_wakeup")
int BPF_PROG(floor_wakeup)
{
	return 0;
}

SEC("tp_btf/sched_waking")
int BPF_PROG(floor_waking)
{
	return 0;
}

SEC("tp_btf/sched_wakeup_new")
int BPF_PROG(floor_wakeup_new)
{
	return 0;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(floor_fork)
{
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(floor_exit)
{
	return 0;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(floor_sys_enter)
{
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(floor_sys_exit)
{
	return 0;
}

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
