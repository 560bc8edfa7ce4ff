/* cbt_gil_bpf.h - data shared by the interpreter-lock uprobes (bpf/gil.bpf.c) and their loader
 * (src/gil_probe.c).
 *
 * Compiles under BPF clang with vmlinux.h (which defines __VMLINUX_H__ and the __u32/__u64 types)
 * and under the normal C compiler with <linux/types.h>.
 */
#ifndef CBT_GIL_BPF_H
#define CBT_GIL_BPF_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

/* Value of the `cbt_gil_tasks` hash map, keyed by tid (__u32). Only the thread itself updates its
 * entry (uprobes run in the context of the probed thread), so no atomics are needed.
 * PyEval_RestoreThread calls take_gil in CPython 3.11: each probe pair has its own entry slot. */
struct cbt_gil_task {
	__u64 acquisitions; /* PyEval_RestoreThread returns */
	__u64 wait_ns;	    /* their entry -> return */
	__u64 takes;	    /* take_gil returns */
	__u64 take_wait_ns; /* their entry -> return */
	__u64 hold_ns;	    /* take_gil return -> next drop_gil entry */
	__u64 restore_ts;   /* PyEval_RestoreThread entered at (0: not inside) */
	__u64 take_ts;	    /* take_gil entered at (0: not inside) */
	__u64 hold_ts;	    /* lock held since (0: not held, or taken before the run) */
};

#endif
