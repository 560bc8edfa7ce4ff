/* bench.h - warm-ups, measured runs and the adaptive repeat rule, per workload x backend. */
#ifndef CBT_BENCH_H
#define CBT_BENCH_H

#include "cli/options.h"
#include "model/result.h"
#include "trace/gil_probe.h"
#include "trace/timeline_probe.h"
#include "trace/tracer.h"

/* Should another measured run start? (runs done so far, seconds used so far) */
bool cbt_bench_want_more(const struct cbt_options *o, size_t runs, double used_s);

/* Runs warm-ups then measured runs; tracer may be NULL (untraced). Fills r. */
/* r->job is set by the caller. */
/* timeline may be NULL (no timeline asked for: nothing streams). */
void cbt_bench_run(const struct cbt_options *o, struct cbt_tracer *tracer,
		   struct cbt_gil_probe *gil, struct cbt_timeline_probe *timeline,
		   struct cbt_result *r);

/* One measured (traced if tracer) run appended to r; 0, or -1 when it failed. */
int cbt_bench_run_one(const struct cbt_options *o, struct cbt_tracer *tracer,
		      struct cbt_gil_probe *gil, struct cbt_result *r);

/* Times one task's cpu body alone (median of 3), in milliseconds. */
double cbt_bench_calibrate_cpu(const struct cbt_params *p);

#endif
