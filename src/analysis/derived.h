/* derived.h - numbers derived from one backend's summary and its median run: the time
 * decomposition, parallelism, per-operation costs, the busiest task. Input of the findings. */
#ifndef CBT_DERIVED_H
#define CBT_DERIVED_H

#include "analysis/analysis.h"
#include "model/result.h"

struct cbt_derived {
	bool valid; /* traced, with task time */
	double wall_s;
	int cpus;
	/* time decomposition: shares (0..1) of the summed task time */
	double task_s; /* on-CPU + runnable + blocked, all tasks, mean per run */
	double share_oncpu, share_user, share_sys, share_runnable;
	double share_blocked[CBT_REASON_COUNT];
	double window_s;     /* the tracked window: wall plus the leader's own start and end */
	double parallelism;  /* on-CPU / window: CPUs' worth of work done at once */
	double runnable_avg; /* runnable / window: tasks waiting for a CPU at any moment */
	double concurrency;  /* task time / window: tasks in flight at any moment */
	/* per-operation costs */
	double sleep_calls;    /* nanosleep + clock_nanosleep calls per run */
	double sleep_block_us; /* mean blocked time per blocked episode in a sleep call */
	double sleep_call_us;  /* mean sys_enter -> sys_exit of a sleep call */
	double lock_waits;     /* futex blocks per run */
	double lock_waits_per_sleep;
	double switches_per_sleep;
	double creates;		 /* clone, clone3, fork, vfork calls per run */
	double create_call_us;	 /* mean time of one */
	double startup_delay_us; /* median run: mean created -> first run of created tasks */
	double created_tasks;	 /* median run: tasks created by the run */
	double cross_wakeups;	 /* wake-ups of a task by another task of the run, per run */
	/* the task that carried the run (median run) */
	int busiest_tid;
	char busiest_comm[16];
	double busiest_busy_s;	   /* its on-CPU + blocked-in-work (sleep, io, poll) time */
	double busiest_work_share; /* its share of the run's sleep + io + poll blocks and on-CPU */
	/* top waker -> wakee pair between tasks of the run (median run) */
	int chain_waker, chain_wakee;
	double chain_count;
};

void cbt_derive(const struct cbt_result *r, const struct cbt_summary *s, int cpus,
		struct cbt_derived *d);

#endif
