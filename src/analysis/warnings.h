/* warnings.h - what may make a result's numbers less trustworthy, as typed data worded in one
 * place (warnings.c); exporters decide only the layout. */
#ifndef CBT_WARNINGS_H
#define CBT_WARNINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis/analysis.h"
#include "model/result.h"

enum cbt_warning_kind {
	CBT_WARN_FAILED_RUNS,	   /* runs failed, and the last reason */
	CBT_WARN_NOISY,		   /* the wall times spread widely or have outliers */
	CBT_WARN_TRACE_INCOMPLETE, /* lost events or untracked tasks: the trace is incomplete */
	CBT_WARN_TIMELINE_DROPS,   /* the timeline dropped events: its tracks end early */
	CBT_WARN_BUSY_MACHINE,	   /* other processes used CPUs during the runs */
	/* listed once per workload, with each result's label (and detail) */
	CBT_WARN_SINGLE_RUN,	  /* adaptive: one run used the budget, no spread */
	CBT_WARN_EVENTS_REPAIRED, /* a few lost scheduler events, repaired */
	CBT_WARN_KINDS
};

#define CBT_MAX_WARNINGS CBT_WARN_KINDS

struct cbt_warning {
	enum cbt_warning_kind kind;
	/* the sentence about the result, or for a listed kind the detail after its label */
	char text[320];
	/* a listed kind's number, for a one-line summary of the list: the share of scheduler
	 * events repaired (count: how many), the CPUs' worth other processes used */
	double value, count;
};

/* The warnings about one result, in printing order. adaptive: no --repeat. Returns how many. */
size_t cbt_warnings(const struct cbt_result *r, const struct cbt_summary *s, bool adaptive,
		    struct cbt_warning out[CBT_MAX_WARNINGS]);
/* True for the kinds listed once per workload; their list starts with this sentence. */
bool cbt_warning_listed(enum cbt_warning_kind k);
const char *cbt_warning_list_intro(enum cbt_warning_kind k, char *buf, size_t len);
/* A listed kind in one line, from its results' values: n results, their summed count and
 * largest value (the terminal's short view; the list itself is in the JSON and with -v). */
const char *cbt_warning_list_summary(enum cbt_warning_kind k, size_t n, double count,
				     double max_value, char *buf, size_t len);
/* "failed_runs", "noisy", ... as the JSON names them. */
const char *cbt_warning_kind_name(enum cbt_warning_kind k);

#endif
