/* report.h - report: what exporters (exporter.h, one file per format) are given to write.
 * Owns the output formats; includes the model, the analysis, the validated options and the
 * interpreter's facts, never the runner, the backends or the tracer (tools/check_arrows.sh). */
#ifndef CBT_REPORT_H
#define CBT_REPORT_H

#include <stdio.h>

#include "analysis/analysis.h"
#include "analysis/answer.h"
#include "analysis/derived.h"
#include "analysis/experiments.h"
#include "analysis/findings.h"
#include "model/host.h"
#include "cli/options.h"
#include "python/python_rt.h"
#include "model/result.h"
#include "util/units.h"

struct cbt_report {
	const struct cbt_options *opts;
	const struct cbt_host *host;
	const struct cbt_python *python;  /* --runtime python: the interpreter, else NULL */
	const char *gil_status;		  /* what the interpreter-lock probe attached to, or "" */
	unsigned long long bpf_map_bytes; /* kernel memory of the tracer's maps (0: not traced) */
	const char *tracing;		  /* "eBPF ... + perf sw counters", or why tracing is off */
	bool traced;
	struct cbt_workload_info *winfo; /* one per selected workload */
	unsigned nworkloads;
	struct cbt_result *results; /* nresults, grouped by workload in order */
	struct cbt_summary *summaries;
	struct cbt_derived *derived;
	size_t nresults;
	struct cbt_findings findings;
	const struct cbt_experiments *experiments; /* --experiment: what each intervention did */
	const struct cbt_answers *answers; /* the questions the run answers (NULL: none) */
	bool interrupted;
};

#endif
