/* cbt_bpf.h - data shared by the BPF programs (bpf/cbt.bpf.c) and the tracer (src/tracer.c).
 *
 * Compiles under BPF clang with vmlinux.h (which defines __VMLINUX_H__ and the __u32/__u64 types)
 * and under the normal C compiler with <linux/types.h>.
 */
#ifndef CBT_BPF_H
#define CBT_BPF_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

/* Must stay equal to CBT_REASON_COUNT / CBT_HIST_SLOTS in records.h (checked in tracer.c). */
#define CBT_BPF_REASON_SLEEP 0
#define CBT_BPF_REASON_LOCK  1
#define CBT_BPF_REASON_IO    2
#define CBT_BPF_REASON_CHILD 3
#define CBT_BPF_REASON_POLL  4
#define CBT_BPF_REASON_OTHER 5
#define CBT_BPF_REASONS	     6
#define CBT_BPF_HIST_SLOTS   40
/* reason_of_nr value of a system call the tool's own probes make (the uretprobe return path):
 * not the workload's, counted apart in CBT_CNT_PROBE_SYSCALLS */
#define CBT_BPF_REASON_PROBE 0xfe

/* Syscall numbers below this get per-run count/time and a reason; others count as "other". */
#define CBT_BPF_MAX_SYSCALLS 512

/* Scheduler state of a tracked task, as the BPF side sees it. */
#define CBT_TASK_RUNNING  0 /* on a CPU */
#define CBT_TASK_RUNNABLE 1 /* woken or preempted, waiting in a run queue */
#define CBT_TASK_BLOCKED  2 /* switched out while not runnable (sleep, lock, I/O, ...) */
#define CBT_TASK_DEAD	  3 /* final switch-out after exit; no more accounting */

/* Indexes of the global counters (bss array `counters`). */
#define CBT_CNT_LOST_EVENTS	0 /* an event of a tracked task could not be recorded */
#define CBT_CNT_UNTRACKED_TASKS 1 /* a task created by a tracked task did not fit in the map */
#define CBT_CNT_PROBE_SYSCALLS	2 /* system calls of our probes in tracked tasks (uretprobe) */
/* Lost events by cause (each also counted in CBT_CNT_LOST_EVENTS, once: they sum to it): */
#define CBT_CNT_MISSED_WAKEUP	3 /* switched in while BLOCKED */
#define CBT_CNT_MISSED_SWITCHIN 4 /* executing while RUNNABLE (a BLOCKED one: MISSED_WAKEUP) */
#define CBT_CNT_TID_REUSED	5 /* a tid was reused within the run */
/* Wake-ups and switch-ins that no tracepoint delivered to the BPF side, placed in time from the
 * kernel's own record of the task (sched_info.last_queued / last_arrival / run_delay): exact, not
 * estimated, so not lost events (docs/verify.md says when this happens). */
#define CBT_CNT_RECOVERED_WAKEUP   6 /* switched in while BLOCKED, the enqueue read from the task */
#define CBT_CNT_RECOVERED_SWITCHIN 7 /* executing while not RUNNING, the arrival read from it */
/* a switch-out the tracepoint showed blocking that the kernel did not count in nvcsw (none is
 * expected: the check of the classification itself) */
#define CBT_CNT_BLOCK_NOT_NVCSW 8
/* switch-outs the kernel counted (nvcsw + nivcsw) that no tracepoint brought (also lost) */
#define CBT_CNT_MISSED_SWITCHOUT 9
#define CBT_CNT_NR		 10

#define CBT_BPF_WOKE_SLOTS 8 /* wakees counted one by one per waker (struct cbt_bpf_task) */

/* Value of the `tasks` hash map, keyed by tid (__u32). Record fields + accounting state.
 * The fields the scheduler and system-call programs touch on every event come first, packed,
 * so that an event fetches few cache lines of the record: on this VM each line a program misses
 * costs it (and the kernel code after it) more than its instructions (docs/overhead.md). */
struct cbt_bpf_task {
	/* hot: every switch, wake-up or system call of the task */
	__u32 state;	/* CBT_TASK_* */
	__u32 reason;	/* CBT_BPF_REASON_* of the current blocked episode */
	__s32 sys_nr;	/* syscall in progress, -1 if none */
	__s32 last_cpu; /* CPU it last ran on, -1 if unknown */
	__u64 last_ts;	/* time of the last state transition (accounted up to here) */
	__u64 oncpu_ns;
	__u64 runq_wait_ns;
	__u64 runq_waits;
	__u64 sys_enter_ts;
	__u64 syscalls;
	__u64 vol_switches;
	__u64 invol_switches;
	/* at its last switch-out: the run-queue clock (fresh there: __schedule just updated it)
	 * and sched_info.run_delay, the origin for placing events no tracepoint delivered */
	__u64 out_ts;
	__u64 out_rq_clock;
	__u64 out_run_delay_ns;
	/* nvcsw and nivcsw at its last switch-out (the kernel has counted the switch when
	 * sched_switch fires) */
	__u64 seen_nvcsw, seen_nivcsw;
	__u64 first_run_ns;
	__u64 wakeups;	  /* sched_wakeup received (not sched_wakeup_new) */
	__u64 migrations; /* switch-ins on a different CPU than the previous switch-out */
	/* The leader only (set by user space): its switch counts are compared from its first
	 * switch event on (base_* below). */
	__u32 base_pending;
	__u32 pad;
	__u64 offcpu_ns[CBT_BPF_REASONS];
	__u64 blocks[CBT_BPF_REASONS];
	/* Who woke whom, kept by the waker (sched_waking runs in its context, where its own record
	 * is in this CPU's cache): the first CBT_BPF_WOKE_SLOTS tasks it woke and how often, and
	 * how many wake-ups went to others. Wake-ups from interrupt or idle context are counted by
	 * the wakee (irq_wakeups). */
	__u32 woke_tid[CBT_BPF_WOKE_SLOTS];
	__u64 woke_n[CBT_BPF_WOKE_SLOTS];
	__u64 woke_other;
	__u64 irq_wakeups;
	/* cold: written once, or rarely */
	__u32 tid;
	__u32 pid;     /* tgid */
	__u32 ppid;    /* tgid of the creator; 0 for the leader */
	__u32 k_valid; /* 1: the kernel's own accounting below was read at its final switch-out */
	char comm[16];
	__u64 created_ns; /* sched_process_fork, or begin() for the leader */
	__u64 exited_ns;  /* final switch-out after exit (sched_process_exit until then) */
	/* switch-outs the kernel counted voluntary where the tracepoint showed the task runnable:
	 * it blocked with a signal pending, so __schedule kept it runnable (try_to_block_task)
	 * after choosing nvcsw (docs/verify.md) */
	__u64 signal_runnable;
	/* the kernel's accounting of the task (task_struct), read at its final switch-out, to check
	 * the event-derived figures on every run (nvcsw includes that final switch) */
	__u64 k_nvcsw;
	__u64 k_nivcsw;
	__u64 k_run_delay_ns; /* sched_info.run_delay */
	__u64 k_pcount;	      /* sched_info.pcount: times it arrived on a CPU */
	__u64 k_sum_exec_ns;  /* se.sum_exec_runtime */
	/* The leader's switch counts start at its first switch event (base_pending). /proc, read
	 * when tracking starts, can miss a switch-out racing the insertion; at a switch event the
	 * counts are exact (the kernel has counted a switch-out when the tracepoint fires, and an
	 * off-CPU task's counts cannot move). Taken there: the kernel's counts, and the tracer's
	 * (that first switch-out is in both or in neither). */
	__u64 base_nvcsw, base_nivcsw, base_vol, base_invol;
};

/* Per-CPU value of the `syscalls` array, indexed by syscall number. */
struct cbt_bpf_syscall {
	__u64 count;   /* sys_enter */
	__u64 time_ns; /* sys_enter -> sys_exit, added at sys_exit */
};

#endif
