/* verify.h - every traced run checks itself: the event-derived figures of the tasks that exited
 * while tracked, against the kernel's own accounting of the same tasks (task_struct at their
 * final switch-out: nvcsw, nivcsw, sched_info, se.sum_exec_runtime). Tolerances and the kernel
 * effects behind them: docs/verify.md. */
#ifndef CBT_VERIFY_H
#define CBT_VERIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "model/result.h"

enum {
	CBT_VERIFY_VOL,	     /* voluntary switches (+1 each: the final switch-out) vs nvcsw */
	CBT_VERIFY_INVOL,    /* involuntary switches vs nivcsw */
	CBT_VERIFY_ARRIVALS, /* switch-ins vs sched_info.pcount */
	CBT_VERIFY_ONCPU,    /* on-CPU time vs se.sum_exec_runtime */
	CBT_VERIFY_RUNQ,     /* run-queue wait vs sched_info.run_delay */
	CBT_VERIFY_SUM,	     /* both: the stale clock moves time between them, not the sum */
	CBT_VERIFY_N
};

struct cbt_verify_row {
	const char *figure; /* JSON key */
	const char *label;  /* table text */
	bool time;	    /* nanoseconds (else a count) */
	double traced, kernel;
	double allowed; /* |traced - kernel| allowed, same unit */
	bool ok;
	const char *effect; /* the known kernel effect the tolerance allows for */
};

struct cbt_verify {
	bool available; /* traced, and some task exited while tracked */
	size_t tasks;	/* tasks compared, summed over the traced runs */
	size_t runs;
	double signal_runnable; /* switch-outs moved from involuntary to voluntary (verify.c) */
	struct cbt_verify_row row[CBT_VERIFY_N];
	bool ok;
};

void cbt_verify_result(const struct cbt_result *r, struct cbt_verify *v);
/* False when a figure of some result disagrees beyond its tolerance (--verify exits 1). */
bool cbt_verify_all_ok(const struct cbt_result *results, size_t n);

#endif
