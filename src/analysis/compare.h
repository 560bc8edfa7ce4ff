/* compare.h - two saved runs (the tool's JSON), result by result: did the wall time change, is
 * the change real (a significance test on the runs), and which attribution moved most.
 * Reads only the documents (util/json_read.h); never the runner, backends or trace. */
#ifndef CBT_COMPARE_H
#define CBT_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis/significance.h"
#include "util/json_read.h"

struct cbt_compare_opts {
	bool force;	    /* compare across hosts, kernels or CPU counts */
	double noise_floor; /* a change smaller than this (fraction) is never significant */
	double alpha;	    /* significance level of the test */
};

struct cbt_cmp_row {
	const char *workload, *runtime, *backend, *label; /* borrowed from the new document */
	size_t n_old, n_new;				  /* measured runs */
	double old_median, new_median;			  /* seconds; NAN when absent */
	double change;					  /* new / old - 1 */
	enum cbt_sig_test test;
	double p;
	bool significant;
	char attribution[48]; /* the component of task time that moved most ("run-queue", "blocked
				 sleep") */
	double attribution_change;  /* its new / old - 1 (INFINITY when it was 0) */
	double attribution_delta_s; /* its change in seconds of task time per run */
	bool only_old, only_new;    /* present in one document only */
};

struct cbt_comparison {
	struct cbt_cmp_row *rows;
	size_t n;
	double geomean_change; /* of the new/old median ratios over rows in both; NAN if none */
	size_t geomean_n;
	bool forced;	    /* the documents differ in host, kernel or CPUs and --force was given */
	char mismatch[256]; /* what differs between the hosts, "" when nothing */
};

/* Compares; returns 0, or -1 with the reason in err (not documents of this tool; different
 * hosts without force). The comparison borrows strings from the documents: keep them alive. */
int cbt_compare(const struct cbt_jval *old_doc, const struct cbt_jval *new_doc,
		const struct cbt_compare_opts *o, struct cbt_comparison *out, char *err,
		size_t len);
void cbt_comparison_free(struct cbt_comparison *c);

#endif
