// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/* syscalls.bpf.c - the running kernel's own system-call numbering, read once at start-up.
 *
 * With CONFIG_FTRACE_SYSCALLS every SYSCALL_DEFINE leaves a `struct syscall_metadata` (name,
 * number), the data of the call's sys_enter_NAME trace event; at boot the kernel numbers each
 * from its own sys_call_table (kernel/trace/trace_syscalls.c: the table entry whose address is
 * the call's entry point). Neither the table nor the metadata is in /proc/kallsyms here (no
 * CONFIG_KALLSYMS_ALL; x64_sys_call is a switch), and there is no /proc/kcore. So user space
 * (src/trace/syscall_meta.c) opens one disabled perf event on one syscall event (the anchor; it
 * is never enabled), and this iterator, run over the tool's own open files, finds that event's
 * `trace_event_call` and walks the kernel's list of trace events from it (they are all linked
 * through `list`), keeping those of the same class (the syscall-enter class): each one's metadata
 * gives a number and a name. Reads only, bounded, checked: an entry counts only if its metadata
 * points back at its event.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include "cbt_syscalls_bpf.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* Set before load: this process, the anchor event's fd and its tracepoint id. */
const volatile int cbt_tgid = 0;
const volatile int cbt_anchor_fd = -1;
const volatile __u64 cbt_anchor_id = 0;

struct cbt_ksyscall cbt_out[CBT_KSYSCALL_META_MAX];
__u32 cbt_nout;	  /* entries of cbt_out filled */
__u32 cbt_walked; /* trace events visited */
__u32 cbt_closed; /* 1: the walk came back to the anchor (the whole list was seen) */

struct walk {
	struct list_head *start, *pos;
	void *class;
};

static long step(__u32 i, void *data)
{
	struct walk *w = data;
	struct trace_event_call *call;
	struct syscall_metadata *meta;
	struct list_head *next;
	__u32 k;

	(void)i;
	call = (void *)w->pos - bpf_core_field_offset(struct trace_event_call, list);
	cbt_walked++;
	if ((void *)BPF_CORE_READ(call, class) == w->class && (meta = BPF_CORE_READ(call, data)) &&
	    BPF_CORE_READ(meta, enter_event) == call) {
		k = cbt_nout;
		if (k >= CBT_KSYSCALL_META_MAX)
			return 1;
		cbt_out[k].nr = BPF_CORE_READ(meta, syscall_nr);
		bpf_probe_read_kernel_str(cbt_out[k].name, sizeof(cbt_out[k].name),
					  BPF_CORE_READ(meta, name));
		cbt_nout = k + 1;
	}
	struct list_head *pos = w->pos; /* local: CO-RE relocates kernel types only */
	next = BPF_CORE_READ(pos, next);
	if (!next || next == w->start) {
		cbt_closed = next == w->start;
		return 1;
	}
	w->pos = next;
	return 0;
}

SEC("iter/task_file")
int cbt_syscall_meta(struct bpf_iter__task_file *ctx)
{
	struct task_struct *task = ctx->task;
	struct file *file = ctx->file;
	struct perf_event *ev;
	struct trace_event_call *call;
	struct walk w = {};

	if (!task || !file || task->tgid != cbt_tgid || (int)ctx->fd != cbt_anchor_fd)
		return 0;
	ev = BPF_CORE_READ(file, private_data);
	if (!ev || BPF_CORE_READ(ev, attr.type) != PERF_TYPE_TRACEPOINT ||
	    BPF_CORE_READ(ev, attr.config) != cbt_anchor_id)
		return 0;
	call = BPF_CORE_READ(ev, tp_event);
	if (!call)
		return 0;
	w.start = w.pos = (void *)call + bpf_core_field_offset(struct trace_event_call, list);
	w.class = BPF_CORE_READ(call, class);
	bpf_loop(1 << 16, step, &w, 0);
	return 0;
}
