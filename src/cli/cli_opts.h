/* cli_opts.h - inside cli/: the ids of the option table's rows (cli_opts.c), shared by the
 * table and the parser (cli.c), and the combination checks run after parsing (cli_check.c). */
#ifndef CBT_CLI_OPTS_H
#define CBT_CLI_OPTS_H

#include "cli/cli_values.h"

enum opt_id {
	O_HELP,
	O_VERSION,
	O_LIST,
	O_WORKLOAD,
	O_BACKEND,
	O_RUNTIME,
	O_PYTHON,
	O_COMMAND,
	O_RUN_AS_ROOT,
	O_COMMAND_STR,
	O_NAME,
	O_TASKS,
	O_ITERATIONS,
	O_YIELD,
	O_SLEEP,
	O_SEED,
	O_CPU_SIZE,
	O_IO_SIZE,
	O_IO_BLOCK,
	O_MIXED_CHUNKS,
	O_WORKERS,
	O_SWITCH_INTERVAL,
	O_TIMER_SLACK,
	O_CPUS,
	O_EXPERIMENT,
	O_REPEAT,
	O_WARMUP,
	O_TRACE,
	O_NO_TRACE,
	O_PER_TASK,
	O_SYSCALLS,
	O_VERIFY,
	O_PERF_COUNTERS,
	O_COMPARE_SEED,
	O_EXPLAIN,
	O_NO_EXPLAIN,
	O_VERBOSE,
	O_JSON,
	O_EXPORT,
	O_TIMELINE_LIMIT,
	O_DUMP_SCHEDSTAT,
	O_QUIET,
};

enum cbt_opt_group { G_RUN, G_TASK, G_KNOBS, G_OFTEN, G_OUTPUT, G_COUNT };

/* What the parser saw beyond the options' values, for the checks of combinations. */
struct cbt_cli_given {
	int repeat, trace, no_trace;
	const char *workload_opt; /* the first option given that only the built-in workloads use */
};

/* After parsing (not for --help, --version, --list): fills what defaults depend on other
 * options, then checks combinations. Returns 0, or CBT_EXIT_USAGE with the message in e. */
int cbt_cli_check(struct cbt_options *o, const struct cbt_cli_given *g, struct cbt_cli_err *e);

#endif
