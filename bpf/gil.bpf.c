// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/* gil.bpf.c - CPython interpreter-lock attribution for the tasks of one run (uprobes).
 *
 * Attached by src/gil_probe.c to every process mapping the interpreter (pid -1); scoped to the run
 * by `cbt_tasks`, which user space replaces with the tracer's map (bpf_map__reuse_fd) before
 * load: a thread counts only while its tid is tracked (and not dead: a reused tid).
 *
 *   PyEval_RestoreThread entry -> return: one acquisition and its wait (and the histogram);
 *   take_gil entry -> return: one take and its wait; its return starts a hold;
 *   drop_gil entry: ends the hold.
 * PyEval_RestoreThread calls take_gil: each pair keeps its own entry timestamp. A return without
 * a recorded entry (entered before the run, or before a reset) is ignored.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "cbt_bpf.h"
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

/* log2 histogram of PyEval_RestoreThread waits (slot k: [2^k, 2^(k+1)) ns; slot 0 also 0) */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, CBT_BPF_HIST_SLOTS);
	__type(key, __u32);
	__type(value, __u64);
} cbt_gil_hist SEC(".maps");

/* The current thread's counters if it is a task of the run, else NULL. create: make its entry if
 * missing (entry probes); a full map counts as lost. */
static __always_inline struct cbt_gil_task *current_task(bool create)
{
	struct cbt_gil_task zero = {}, *g;
	struct cbt_bpf_task *t;
	__u32 tid = (__u32)bpf_get_current_pid_tgid();

	t = bpf_map_lookup_elem(&cbt_tasks, &tid);
	if (!t || t->state == CBT_TASK_DEAD)
		return NULL;
	g = bpf_map_lookup_elem(&cbt_gil_tasks, &tid);
	if (g || !create)
		return g;
	bpf_map_update_elem(&cbt_gil_tasks, &tid, &zero, BPF_NOEXIST);
	g = bpf_map_lookup_elem(&cbt_gil_tasks, &tid);
	if (!g)
		__sync_fetch_and_add(&cbt_gil_lost, 1);
	return g;
}

SEC("uprobe")
int cbt_gil_rst_in(struct pt_regs *ctx)
{
	struct cbt_gil_task *g = current_task(true);

	if (g)
		g->restore_ts = bpf_ktime_get_ns();
	return 0;
}

SEC("uretprobe")
int cbt_gil_rst_out(struct pt_regs *ctx)
{
	struct cbt_gil_task *g = current_task(false);
	__u64 now, d, *h;
	__u32 slot;

	if (!g || !g->restore_ts)
		return 0;
	now = bpf_ktime_get_ns();
	d = now > g->restore_ts ? now - g->restore_ts : 0;
	g->restore_ts = 0;
	g->acquisitions++;
	g->wait_ns += d;
	slot = log2_u64(d);
	if (slot >= CBT_BPF_HIST_SLOTS)
		slot = CBT_BPF_HIST_SLOTS - 1;
	h = bpf_map_lookup_elem(&cbt_gil_hist, &slot);
	if (h)
		*h += 1;
	return 0;
}

SEC("uprobe")
int cbt_gil_take_in(struct pt_regs *ctx)
{
	struct cbt_gil_task *g = current_task(true);

	if (g)
		g->take_ts = bpf_ktime_get_ns();
	return 0;
}

SEC("uretprobe")
int cbt_gil_take_out(struct pt_regs *ctx)
{
	struct cbt_gil_task *g = current_task(true);
	__u64 now;

	if (!g)
		return 0;
	now = bpf_ktime_get_ns();
	if (g->take_ts) {
		g->takes++;
		g->take_wait_ns += now > g->take_ts ? now - g->take_ts : 0;
		g->take_ts = 0;
	}
	g->hold_ts = now; /* held from here, even when the take began before the run */
	return 0;
}

SEC("uprobe")
int cbt_gil_drop(struct pt_regs *ctx)
{
	struct cbt_gil_task *g = current_task(false);
	__u64 now;

	if (!g || !g->hold_ts)
		return 0;
	now = bpf_ktime_get_ns();
	g->hold_ns += now > g->hold_ts ? now - g->hold_ts : 0;
	g->hold_ts = 0;
	return 0;
}
