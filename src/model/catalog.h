/* catalog.h - how workloads and backends describe themselves: plain data that the cli (help,
 * --list, labels), the session (plan) and the reporters read, so that no code outside these
 * tables decides anything by comparing a name. The entries live next to their code
 * (backends/workload.c, backends/backend_*.c); this header includes nothing of ours. */
#ifndef CBT_CATALOG_H
#define CBT_CATALOG_H

#include <stdbool.h>

/* The options that change what a workload or backend does: which apply to which. */
enum cbt_knob {
	CBT_KNOB_SLEEP = 1u << 0,
	CBT_KNOB_SEED = 1u << 1,
	CBT_KNOB_ITERATIONS = 1u << 2,
	CBT_KNOB_YIELD = 1u << 3,
	CBT_KNOB_CPU_SIZE = 1u << 4,
	CBT_KNOB_IO_SIZE = 1u << 5,
	CBT_KNOB_IO_BLOCK = 1u << 6,
	CBT_KNOB_MIXED_CHUNKS = 1u << 7,
	CBT_KNOB_WORKERS = 1u << 8,
	CBT_KNOB_SWITCH_INTERVAL = 1u << 9,
};

/* What a workload's body is; reporters word the header line by it. */
enum cbt_workload_kind {
	CBT_WORKLOAD_FIXED_SLEEP,
	CBT_WORKLOAD_VARIABLE_SLEEP,
	CBT_WORKLOAD_STARTUP,
	CBT_WORKLOAD_YIELD_LOOP,
	CBT_WORKLOAD_CPU,
	CBT_WORKLOAD_IO,
	CBT_WORKLOAD_MIXED,
	CBT_WORKLOAD_COMMAND, /* a command given after --: no body of ours */
	CBT_WORKLOAD_KINDS
};

struct cbt_workload {
	const char *name;
	const char *summary;   /* one line for --list */
	const char *blocks_on; /* what its tasks block on, for --help */
	enum cbt_workload_kind kind;
	unsigned knobs;	   /* CBT_KNOB_* that change it */
	bool python;	   /* the CPython script runs it too */
	bool needs_io_dir; /* its tasks write files: the run gets a private directory */
	bool cpu_body;	   /* runs the cpu body: its cost alone is calibrated and shown */
};

struct cbt_backend_info {
	const char *name;
	const char *summary; /* one line for --list */
	const char *waits;   /* how its tasks are started and joined, for --help */
	unsigned knobs;	     /* CBT_KNOB_* that change it */
	bool python;	     /* CPython has it (the script runs it with --runtime python) */
	/* The sibling that runs the same work without the interpreter lock, natively and in
	 * CPython (NULL: none); --experiment's lock-removed intervention runs it. */
	const struct cbt_backend_info *unlocked_c, *unlocked_py;
	/* the backend whose comparison shows what this one's model costs (threads: processes,
	 * the same tasks without shared memory; gil-threads: threads, the same without the
	 * lock): the Answer asks about the pair. NULL: none. */
	const struct cbt_backend_info *contrast;
};

/* The option that sets a knob ("--workers"). */
const char *cbt_knob_option(enum cbt_knob k);

#endif
