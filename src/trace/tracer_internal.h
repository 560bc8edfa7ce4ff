/* tracer_internal.h - the tracer's state, shared by tracer.c (load, begin, end) and
 * tracer_collect.c (BPF maps -> records). Not for use outside src/trace/tracer*.c. */
#ifndef CBT_TRACER_INTERNAL_H
#define CBT_TRACER_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "cbt_bpf.h"
#include "cbt.skel.h"
#include "model/records.h"
#include "trace/perf_counters.h"

struct cbt_tracer {
	struct cbt_bpf *skel;
	struct cbt_perf_set perf;
	int ncpus;
	bool perf_counters; /* open the perf counters at each begin (config) */
	bool running;	    /* between begin and end */
	pid_t leader;
	uint64_t start_ns;
	uint64_t misses_at_begin; /* recursion misses of our programs when the run began */
	/* the leader's kernel accounting when tracking began (/proc), so its figures at exit can be
	 * compared as deltas; valid when read */
	bool base_valid;
	uint64_t base_nvcsw, base_nivcsw, base_sum_exec, base_run_delay, base_pcount;
};

/* Reads the tasks (their open tails accounted up to end), the per-CPU syscall table and
 * run-queue histogram, and the top waker pairs into out. 0, or -errno. */
int cbt_tracer_collect(struct cbt_tracer *t, uint64_t end, struct cbt_trace_run *out);

#endif
