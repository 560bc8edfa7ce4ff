/* cbt_gil_bpf.h - data shared by the interpreter-lock uprobes (bpf/gil.bpf.c) and their loader
 * (src/trace/gil_probe.c).
 *
 * Compiles under BPF clang with vmlinux.h (which defines __VMLINUX_H__ and the __u32/__u64 types)
 * and under the normal C compiler with <linux/types.h>.
 */
#ifndef CBT_GIL_BPF_H
#define CBT_GIL_BPF_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

/* Interpreters one probe set can follow (uprobes attach per file: each its own cookie). */
#define CBT_GIL_MAX_INTERPRETERS 8

/* An exec by a task of the run (ring buffer `cbt_gil_execs`): user space inspects the file the
 * task now runs and attaches the lock probes if it is a CPython, then continues the task, which
 * the BPF side stopped (SIGSTOP) before it ran any instruction of the new program. */
struct cbt_gil_exec_event {
	__u32 pid;
	__u32 tid;
	__u64 ts;      /* bpf_ktime_get_ns() at the exec */
	__u32 stopped; /* SIGSTOP sent: user space must SIGCONT */
	__u32 kind;    /* CBT_GIL_EV_EXEC, or CBT_GIL_EV_DLOPEN: the loader mapped new objects */
};

#define CBT_GIL_EV_EXEC	  0
#define CBT_GIL_EV_DLOPEN 1 /* user space scans /proc/PID/maps for a libpython */

/* Values of `cbt_gil_known`: inspected and not a CPython, or a CPython (probed, or free-threaded):
 * a process running the latter needs no look at what it dlopens (extension modules). */
#define CBT_GIL_KNOWN_OTHER   1
#define CBT_GIL_KNOWN_CPYTHON 2

/* Key of `cbt_gil_known`: a file already inspected (kernel dev_t of its superblock, inode). */
struct cbt_gil_file_key {
	__u64 ino;
	__u32 dev;
	__u32 pad;
};

/* Per probed file, indexed by the attach cookie. The forced-switch site: the eval loop's
 * drop-request handler calls take_gil (3.9-3.12) or reaches it through _PyThreadState_Attach
 * (3.13); the return address that identifies it lies `forced_slot` words above the stack pointer
 * at take_gil's entry, inside [forced_lo, forced_hi) (link-time addresses of the file). */
struct cbt_gil_cfg {
	__u64 entry_vaddr; /* link-time address of the probed function (load base = ip - this) */
	__u64 forced_lo, forced_hi; /* 0, 0: forced switches not identifiable in this file */
	__u32 forced_slot;
	__u32 pad;
};

/* Value of the `cbt_gil_tasks` hash map, keyed by tid (__u32). Only the thread itself updates its
 * entry (uprobes run in the context of the probed thread), so no atomics are needed.
 * One acquisition = one entry -> return of the probed function (take_gil, every acquisition; or
 * PyEval_RestoreThread when take_gil is not in the symbols). Its duration is split with the
 * scheduler accounting of the tracer's task record, read at entry and at return:
 *   contended   = the thread was off-CPU inside it (blocked on the lock's futex);
 *   preempted   = not blocked, but runnable-not-running inside it (CPU contention, not the lock);
 *   uncontended = neither: the whole duration is what an acquisition costs under the probes. */
struct cbt_gil_task {
	__u64 acquisitions;
	__u64 raw_wait_ns;	  /* entry -> return, every acquisition */
	__u64 contended;	  /* acquisitions that blocked */
	__u64 blocked_ns;	  /* off-CPU inside contended acquisitions */
	__u64 handoff_ns;	  /* runnable inside them: woken, waiting for a CPU */
	__u64 contended_oncpu_ns; /* on-CPU inside them (the lock's own work + probe cost) */
	__u64 uncontended;
	__u64 uncontended_ns; /* their entry -> return */
	__u64 preempted;
	__u64 preempted_ns;   /* entry -> return of acquisitions preempted but not blocked */
	__u64 forced;	      /* acquisitions by the eval loop after a drop request */
	__u64 forced_wait_ns; /* their entry -> return */
	__u64 forced_hold_ns; /* on-CPU time from the previous acquisition to each forced one */
	__u64 min_oncpu_ns;   /* smallest on-CPU part of any acquisition (0: none yet) */
	/* in flight */
	__u64 in_ts, in_offcpu, in_runq;    /* at the entry of the acquisition in progress */
	__u64 out_ts, out_offcpu, out_runq; /* at the return of the previous one */
	__u32 in_forced;
	__u32 pad;
};

#endif
