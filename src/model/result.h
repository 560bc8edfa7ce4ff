/* result.h - model: what was measured for one job (model/job.h): every measured run. The model
 * (records, jobs, catalog types, params, results, stats, host) is plain data that every part may
 * read; it includes nothing but the model. */
#ifndef CBT_RESULT_H
#define CBT_RESULT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/resource.h>

#include "model/job.h"
#include "model/records.h"
#include "model/stats.h"

/* Without --repeat, runs are adaptive (session/bench.c): at least MIN and at most MAX measured
 * runs, stopping at TARGET runs or once BUDGET_S seconds were spent measuring. */
#define CBT_ADAPTIVE_MIN_RUNS	 1
#define CBT_ADAPTIVE_MAX_RUNS	 10
#define CBT_ADAPTIVE_TARGET_RUNS 3
#define CBT_ADAPTIVE_BUDGET_S	 10.0

struct cbt_run_record {
	double wall_s;
	struct rusage ru; /* the leader and every descendant it reaped */
	double others_cpus; /* CPUs' worth that processes outside the run used during it */
	bool traced;
	struct cbt_trace_run trace; /* valid when traced */
};

struct cbt_result {
	struct cbt_job job; /* what ran */
	size_t nruns, cap;
	struct cbt_run_record *runs; /* measured runs that succeeded, in order */
	unsigned failed_runs;
	char failure[256]; /* why the last failed run failed */
	bool interrupted;  /* stopped by Ctrl-C / SIGTERM: runs[] holds what was measured */
	struct cbt_stats wall;
	double measure_s; /* time spent measuring, including failed runs */
	int exit_status;  /* command: exit status of the last run */
};

void cbt_result_free(struct cbt_result *r);

/* Workload-level facts measured once per invocation (e.g. the cpu body's calibrated cost). */
struct cbt_workload_info {
	const struct cbt_workload *workload;
	double task_cpu_ms; /* cpu/mixed: one task's body alone, in this process; NAN otherwise */
};

#endif
