/* analysis.h - analysis: per workload x backend summaries of the measured runs (means per run),
 * from the rusage and the tracer's per-task records; derived numbers, findings, rules, warnings.
 * Includes the model only, never the runner, backends, the tracer or a reporter. */
#ifndef CBT_ANALYSIS_H
#define CBT_ANALYSIS_H

#include "model/records.h"
#include "analysis/gil_summary.h"
#include "model/result.h"

#define CBT_MAX_SYSCALL_ROWS 64

struct cbt_syscall_row {
	int nr;
	const char *name;
	double count, time_ns; /* means per run */
};

struct cbt_summary {
	/* rusage, mean per run */
	double user_s, sys_s, voluntary, involuntary, max_rss_kb;
	double cpu_pct;	    /* (user + sys) / wall */
	double others_cpus; /* CPUs' worth used by processes outside the run, mean over runs */
	/* tracing, mean per run (valid when traced) */
	bool traced;
	size_t traced_runs;
	size_t median_run; /* index into runs[] of the run whose wall time is the median */
	double tasks_seen, vol, invol, migrations, syscalls, wakeups;
	double window_ns; /* tracking window: the leader's release to the end of the run */
	double oncpu_ns, runq_ns, offcpu_ns, offcpu_by_reason_ns[CBT_REASON_COUNT];
	double blocks_by_reason[CBT_REASON_COUNT];
	uint64_t lost_events, untracked_tasks; /* summed over runs: any is worth a warning */
	uint64_t lost_by[CBT_LOST_CAUSES];     /* lost_events by cause, summed over runs */
	uint64_t recovered_wakeups, recovered_switchins; /* summed over runs (records.h) */
	uint64_t rq_hist[CBT_HIST_SLOTS];		 /* summed over runs */
	double rq_p50_ns, rq_p90_ns, rq_p99_ns;
	size_t nsyscalls;
	struct cbt_syscall_row sys[CBT_MAX_SYSCALL_ROWS]; /* by time, descending */
	bool perf_requested; /* every traced run opened the perf counters (--perf-counters) */
	struct cbt_perf_value perf[CBT_PERF_COUNT]; /* means per run; supported if all runs */
	struct cbt_gil_summary gil; /* interpreter lock (CPython, uprobes), mean per run */
};

void cbt_summarize(const struct cbt_result *r, struct cbt_summary *s);

/* Percentile (0..1) of a log2 histogram, interpolated inside the bucket; NAN if empty. */
double cbt_hist_percentile(const uint64_t *hist, size_t slots, double q);

/* The off-CPU reason with the most time; CBT_REASON_COUNT if none. */
enum cbt_reason cbt_top_reason(const struct cbt_summary *s);

#endif
