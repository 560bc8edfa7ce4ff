/* records.h - what one traced run measured, as plain data for analysis and reporters.
 *
 * The tracer fills these from its BPF maps and perf counters; nothing here knows about BPF.
 * Times are nanoseconds; timestamps are CLOCK_MONOTONIC nanoseconds.
 */
#ifndef CBT_RECORDS_H
#define CBT_RECORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Why a task was off-CPU: the system call it was blocked in when it switched out. */
enum cbt_reason {
	CBT_REASON_SLEEP, /* nanosleep, clock_nanosleep */
	CBT_REASON_LOCK,  /* futex */
	CBT_REASON_IO,	  /* read, write, fsync, ... */
	CBT_REASON_CHILD, /* wait4, waitid */
	CBT_REASON_POLL,  /* poll, ppoll, select, epoll_wait, ... */
	CBT_REASON_OTHER, /* any other syscall, or blocked outside a syscall (page fault, ...) */
	CBT_REASON_COUNT
};

/* Why the tracer lost events (struct cbt_trace_run.lost_by; they sum to lost_events). */
enum cbt_lost_cause {
	CBT_LOST_WAKEUP,     /* switched in while blocked, the wake-up not in the kernel's record */
	CBT_LOST_SWITCHIN,   /* ran while runnable, the switch-in not in the kernel's record */
	CBT_LOST_SWITCHOUT,  /* switch-outs the kernel counted that no tracepoint brought */
	CBT_LOST_TID_REUSED, /* a tid reused within the run: the old record is gone */
	CBT_LOST_SKIPPED,    /* program runs the kernel skipped (BPF recursion on one CPU) */
	CBT_LOST_LOCK,	     /* interpreter-lock events its probes could not record */
	CBT_LOST_CAUSES
};

/* log2 histogram slot k holds values in [2^k, 2^(k+1)) ns; slot 0 also holds 0. */
#define CBT_HIST_SLOTS 40

/* With --perf-counters, software perf counters are always attempted; hardware ones may be
 * unsupported. */
enum cbt_perf_counter {
	CBT_PERF_CONTEXT_SWITCHES,
	CBT_PERF_CPU_MIGRATIONS,
	CBT_PERF_TASK_CLOCK,
	CBT_PERF_PAGE_FAULTS,
	CBT_PERF_CYCLES,
	CBT_PERF_INSTRUCTIONS,
	CBT_PERF_COUNT
};

struct cbt_timeline;

struct cbt_perf_value {
	bool supported; /* false: could not be opened here; value is meaningless */
	uint64_t value;
};

/* One task (thread) of a run. */
/* One task's interpreter-lock acquisitions (trace/gil_probe.c, bpf/gil.bpf.c). Each probed
 * acquisition's entry -> return is split with the scheduler's accounting of the same task:
 * contended (it blocked inside: off-CPU, then runnable after the hand-off, then on-CPU),
 * preempted (runnable but never blocked: CPU contention, not the lock), or uncontended (the whole
 * duration is the acquisition's cost under the probes). */
struct cbt_gil_counts {
	uint64_t acquisitions, raw_wait_ns;
	uint64_t contended, blocked_ns, handoff_ns, contended_oncpu_ns;
	uint64_t uncontended, uncontended_ns;
	uint64_t preempted, preempted_ns;
	uint64_t forced, forced_wait_ns, forced_hold_ns; /* the eval loop's forced switches */
	uint64_t min_oncpu_ns; /* smallest on-CPU part of one acquisition (0: none) */
};

struct cbt_task_record {
	int32_t tid;
	int32_t pid;  /* thread group id */
	int32_t ppid; /* tgid of the task that created it (0 for the run leader) */
	char comm[16];
	uint64_t created_ns; /* fork/clone (sched_process_fork), or tracking start for the leader */
	uint64_t first_run_ns; /* first switch-in; 0 if it never ran while tracked */
	uint64_t exited_ns; /* its final switch-out after exit; 0 if alive at the end of the run */
	uint64_t vol_switches;	 /* switched out while blocked */
	uint64_t invol_switches; /* switched out while runnable (preempted) */
	uint64_t oncpu_ns;
	uint64_t runq_wait_ns; /* runnable but not running */
	uint64_t runq_waits;   /* number of waits summed in runq_wait_ns */
	uint64_t offcpu_ns;    /* blocked; sum of offcpu_by_reason_ns */
	uint64_t offcpu_by_reason_ns[CBT_REASON_COUNT];
	uint64_t blocks_by_reason[CBT_REASON_COUNT]; /* how many blocked episodes per reason */
	uint64_t syscalls;
	uint64_t migrations;
	uint64_t wakeups; /* times it was woken */
	/* switch-outs counted in invol_switches that the kernel counted in nvcsw: it blocked with
	 * a signal pending and stayed runnable (docs/verify.md), told from nvcsw at each switch */
	uint64_t signal_runnable;
	/* The kernel's own accounting of the task at its final switch-out (trace/tracer.c), to
	 * check the figures above on every run (analysis/verify.c). */
	struct {
		bool valid;		       /* it exited while tracked */
		uint64_t nvcsw, nivcsw;	       /* nvcsw includes the final switch-out */
		uint64_t run_delay_ns, pcount; /* sched_info: run-queue wait, arrivals on a CPU */
		uint64_t sum_exec_ns;	       /* se.sum_exec_runtime */
	} kernel;
	struct cbt_gil_counts gil; /* the interpreter lock (all 0 unless gil_probe attached) */
};

struct cbt_syscall_stat {
	int nr;
	const char *name; /* from the kernel's syscall table for this architecture */
	uint64_t count;
	uint64_t time_ns; /* sum of sys_enter -> sys_exit */
};

struct cbt_waker_pair {
	int32_t waker_tid; /* 0: woken from interrupt/idle context */
	int32_t wakee_tid;
	char waker_comm[16];
	uint64_t count;
};

/* Everything the tracer measured for one run. Owned by the caller; free with cbt_trace_run_free. */
struct cbt_trace_run {
	bool enabled;
	uint64_t lost_events; /* events the BPF side could not record (map full, ...) */
	uint64_t lost_by[CBT_LOST_CAUSES]; /* lost_events by cause (sums to it) */
	uint64_t untracked_tasks; /* tasks of the run that could not be tracked (map full) */
	/* wake-ups / switch-ins no tracepoint delivered, placed exactly from the kernel's record of
	 * the task (sched_info): not lost, counted to show how often (docs/verify.md) */
	uint64_t recovered_wakeups, recovered_switchins;
	uint64_t
	    probe_syscalls; /* the tool's own uretprobe returns in tracked tasks: not counted */
	uint64_t start_ns, end_ns; /* tracking window (CLOCK_MONOTONIC) */
	size_t ntasks;
	struct cbt_task_record *tasks;
	uint64_t rq_hist[CBT_HIST_SLOTS]; /* run-queue latency of every wait of every task */
	size_t nsyscalls; /* only syscalls with count > 0, sorted by time_ns descending */
	struct cbt_syscall_stat *syscalls;
	size_t nwakers; /* waker->wakee pairs sorted by count descending (at most 16) */
	uint64_t
	    wakers_other; /* wake-ups by tracked wakers beyond the wakees they count one by one */
	uint64_t cross_wakeups; /* wake-ups of a task of the run by another, over all pairs */
	struct cbt_waker_pair *wakers;
	bool perf_requested; /* --perf-counters: perf[] was opened (else not asked for) */
	struct cbt_perf_value perf[CBT_PERF_COUNT];
	/* interpreter lock (filled by gil_probe; gil_probed false when it did not attach) */
	bool gil_probed;
	bool gil_every;	       /* take_gil probed: every acquisition, else retakes only */
	bool gil_forced_known; /* forced switches identifiable */
	/* execs of the run's tasks inspected for an interpreter; held until inspected */
	uint64_t gil_execs, gil_exec_stops, gil_exec_stopped_ns;
	uint64_t gil_hist[CBT_HIST_SLOTS]; /* contended acquisitions' waits */
	/* scheduler events for the timeline (model/timeline.h): only when one was asked for */
	struct cbt_timeline *timeline;
};

void cbt_trace_run_free(struct cbt_trace_run *run);
const char *cbt_reason_name(enum cbt_reason r);		    /* "sleep", "lock", "io", ... */
const char *cbt_perf_counter_name(enum cbt_perf_counter c); /* "context-switches", ... */
const char *cbt_lost_cause_name(enum cbt_lost_cause c);	    /* "missed_wakeups", ... */

#endif
