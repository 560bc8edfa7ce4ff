/* gil_summary.h - the interpreter lock of one backend, from the runs' per-task counts: the wait
 * that is the lock's, and the measuring cost, calibrated per run and subtracted. */
#ifndef CBT_GIL_SUMMARY_H
#define CBT_GIL_SUMMARY_H

#include <stdbool.h>
#include <stdint.h>

#include "model/records.h"

/* One line each in the text and the JSON: what "waited" means. */
extern const char cbt_gil_waited_means[];
extern const char cbt_gil_waited_means_retakes[]; /* PyEval_RestoreThread only */

/* Means per run (sums over the run's tasks); valid when probed. */
struct cbt_gil_summary {
	bool probed, every, forced_known;
	double acquisitions, contended, uncontended, preempted, forced;
	double wait_ns;				 /* the lock's: blocked + handoff + oncpu */
	double blocked_ns, handoff_ns, oncpu_ns; /* its parts (oncpu: beyond the cost) */
	double preempted_ns;	/* CPU contention inside acquisitions: not the lock */
	double cost_per_acq_ns; /* calibrated per run: an uncontended acquisition */
	double cost_ns;		/* cost_per_acq_ns × acquisitions */
	double raw_wait_ns;	/* entry -> return, everything */
	double forced_wait_ns, forced_hold_ns;
	uint64_t hist[CBT_HIST_SLOTS]; /* contended waits, summed over runs */
	double p50_ns, p99_ns;	       /* of contended waits */
	double threads;		       /* tasks that acquired the lock (mean per run) */
	/* their time, less their futex waits outside the lock (joins, other locks: waiting for
	 * other threads' ends, not for the interpreter): the denominator of the wait share */
	double thread_ns;
	double execs, exec_stops,
	    exec_held_ns;      /* execs inspected for an interpreter, time held each */
	double probe_syscalls; /* uretprobe returns (system calls of ours, not counted) */
};

/* Adds one run (call once per run), then finish with the number of runs. */
void cbt_gil_add_run(struct cbt_gil_summary *g, const struct cbt_trace_run *t);
void cbt_gil_finish(struct cbt_gil_summary *g, double runs);
/* wait_ns / thread_ns, NAN when there is no thread time */
double cbt_gil_wait_share(const struct cbt_gil_summary *g);

#endif
