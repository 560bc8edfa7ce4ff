/* options.h - everything the command line can say, after validation. */
#ifndef CBT_OPTIONS_H
#define CBT_OPTIONS_H

#include <stdbool.h>
#include <sched.h>
#include <stdint.h>

#define CBT_MAX_SELECTED 32

enum cbt_yield_kind { CBT_YIELD_NANOSLEEP, CBT_YIELD_SCHED_YIELD, CBT_YIELD_CLOCK_NANOSLEEP };
enum cbt_trace_mode { CBT_TRACE_AUTO, CBT_TRACE_ON, CBT_TRACE_OFF };

/* The parameters of a workload: shared by every backend that runs it. */
struct cbt_params {
	unsigned tasks;	     /* --tasks */
	unsigned iterations; /* --iterations: yield-loop calls per task */
	double sleep_s;	     /* --sleep */
	enum cbt_yield_kind yield;
	uint64_t seed;	       /* --seed: variable-sleep draws */
	unsigned cpu_size;     /* --cpu-size: squares computed per task */
	unsigned io_size;      /* --io-size: bytes written per task */
	unsigned io_block;     /* --io-block: bytes per write() */
	unsigned mixed_chunks; /* --mixed-chunks: cpu/io alternations per task */
	/* --dump-schedstat FILE: tasks append their schedstat when they finish */
	const char *schedstat_dump;
	unsigned workers;	   /* --workers: pool size; 0 = number of CPUs */
	unsigned workers_resolved; /* --workers, or the number of CPUs the run may use */
	double switch_interval_s;  /* --switch-interval: gil-threads' forced-switch interval */
	uint64_t timer_slack_ns; /* --timer-slack: set in the run leader; 0 = leave the system's */
	bool pin;		 /* --cpus given */
	cpu_set_t cpus;		 /* --cpus: the run leader and its tasks run only here */
	char cpus_spec[64];	 /* --cpus as given, for reports */
};

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
	const char *json_path; /* NULL, a file, or "-" for stdout */
	bool per_task;
	bool syscalls;
	unsigned top; /* rows in --per-task */
	bool list;
	bool help;
	bool version;
	unsigned runtimes;  /* --runtime: CBT_RUNTIME_* bits (default: c) */
	const char *python; /* --python: interpreter for --runtime python (default python3) */
	char **command;	    /* -- CMD [ARGS...]: NULL-terminated, or NULL */
	bool run_as_root;   /* --run-as-root: under sudo, do not drop to the invoking user */
	bool quiet;	    /* no progress */
	bool explain;	    /* findings in the text output (--no-explain hides them) */
};

#endif
