/* options.h - everything the command line can say, after validation. */
#ifndef CBT_OPTIONS_H
#define CBT_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "model/params.h"

#define CBT_MAX_SELECTED 32
#define CBT_MAX_COMMANDS 16 /* --command, repeatable */
#define CBT_MAX_OUTPUTS	 8

/* One report file: a format of the exporter registry (report/exporters.c) and where to write it
 * ("-" = standard output, which then carries no text report). */
struct cbt_output {
	const char *format;
	const char *path;
};

/* --timeline-limit default: scheduler events kept over the whole invocation. A timeline costs
 * about 160 bytes of JSON per event (docs/timeline.md): ~120 MB, under half of the 256 MB that
 * chrome://tracing loads. */
#define CBT_TIMELINE_LIMIT_DEFAULT 750000

enum cbt_trace_mode { CBT_TRACE_AUTO, CBT_TRACE_ON, CBT_TRACE_OFF };

enum cbt_runtime { CBT_RUNTIME_C = 1, CBT_RUNTIME_PYTHON = 2 };

struct cbt_options {
	const char *workloads[CBT_MAX_SELECTED];
	unsigned nworkloads;
	const char *backends[CBT_MAX_SELECTED];
	unsigned nbackends;
	struct cbt_params params;
	unsigned repeat; /* 0 = adaptive */
	unsigned warmup;
	enum cbt_trace_mode trace;
	const char *json_path; /* --json: NULL, a file, or "-" for stdout (also in outputs) */
	struct cbt_output outputs[CBT_MAX_OUTPUTS]; /* --json FILE, --export FORMAT=FILE */
	unsigned noutputs;
	uint64_t timeline_limit; /* --timeline-limit: events over the invocation */
	bool per_task;
	bool syscalls;
	bool perf_counters; /* --perf-counters */
	bool verify;	   /* print the verify table; exit 1 when a figure disagrees */
	bool compare_seed; /* the seeds' published figures beside this run's */
	unsigned top;	   /* rows in --per-task */
	bool list;
	bool help;
	bool version;
	unsigned runtimes;  /* --runtime: CBT_RUNTIME_* bits (default: c) */
	const char *python; /* --python: interpreter for --runtime python (default python3) */
	char **command;	    /* -- CMD [ARGS...], or the first --command: NULL-terminated, or NULL */
	char **commands[CBT_MAX_COMMANDS];	     /* every command, as its words */
	const char *command_names[CBT_MAX_COMMANDS]; /* --name, in the commands' order */
	unsigned ncommands, nnames;
	bool run_as_root; /* --run-as-root: under sudo, do not drop to the invoking user */
	bool quiet;	  /* no progress */
	bool explain;	  /* findings in the text output (--no-explain hides them) */
	bool verbose;	  /* -v: the text report's long view (legends, notes in full) */
	bool experiment;  /* --experiment: re-run with one cause removed (docs/experiments.md) */
	const char *experiments; /* --experiment=LIST: only these interventions (NULL: all) */
};

#endif
