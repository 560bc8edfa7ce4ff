/* session.h - session: one invocation from validated options to a report. Owns the plan
 * (workload x runtime x backend, or a command), the measuring loop (bench.c), the tracer's and
 * the lock probe's lifetime, the rule inputs and the exit-code rule. It is the only part that
 * includes the runner, the tracer and the analysis together; it never formats output. */
#ifndef CBT_SESSION_H
#define CBT_SESSION_H

#include <stdbool.h>

#include "analysis/experiments.h"
#include "analysis/findings.h"
#include "cli/options.h"
#include "model/host.h"
#include "python/python_rt.h"
#include "report/report.h"
#include "session/plan.h"

struct cbt_tracer;
struct cbt_gil_probe;
struct cbt_timeline_probe;

struct cbt_session {
	struct cbt_options *o;
	struct cbt_host host;
	struct cbt_python py;
	bool python; /* --runtime python: py is the interpreter */
	struct cbt_plan plan;
	struct cbt_tracer *tracer;	     /* NULL: timing only (or measuring is over) */
	bool traced;			     /* the runs were traced */
	struct cbt_gil_probe *gil;	     /* NULL: no interpreter lock probed */
	struct cbt_timeline_probe *timeline; /* NULL: no timeline asked for (nothing streams) */
	char tracing[160];		     /* what traces, or why nothing does */
	char gil_status[512]; /* what the lock probe attached to, or why not, or "" */
	unsigned long long map_bytes;
	size_t done; /* jobs of the plan measured (the rest: interrupted) */
	struct cbt_summary *sums;
	struct cbt_derived *derived;
	struct cbt_findings findings;
	struct cbt_experiments experiments; /* --experiment (session/experiment.c) */
	struct cbt_answers answers;
};

/* Opens the tracer (sized for the plan), finds the interpreter, builds the plan and attaches
 * the lock probe, and the timeline's event stream when a timeline report is asked for. 0, or an
 * exit status with the reason on stderr (nothing left attached). */
int cbt_session_open(struct cbt_session *s, struct cbt_options *o);
/* Measures every job of the plan in order until done or interrupted, then detaches every
 * probe (with --experiment, cbt_session_experiments does): nothing of ours stays attached while
 * reports are written. */
void cbt_session_measure(struct cbt_session *s);
/* Derived numbers of every result, then the findings of each workload. */
void cbt_session_explain(struct cbt_session *s);
/* --experiment: for each backend whose findings name a cause an intervention can switch off,
 * re-runs it with that cause removed, interleaved with baseline runs; then detaches every probe.
 * Without --experiment it does nothing. (session/experiment.c) */
void cbt_session_experiments(struct cbt_session *s);
/* Detaches and closes the lock probe and the tracer (idempotent). */
void cbt_session_detach(struct cbt_session *s);
/* What the exporters are given. */
struct cbt_report cbt_session_report(struct cbt_session *s, bool interrupted);
/* 1 when a job failed a run (or never measured one without being interrupted), else 0. */
int cbt_session_exit_status(const struct cbt_session *s);
void cbt_session_free(struct cbt_session *s);

#endif
