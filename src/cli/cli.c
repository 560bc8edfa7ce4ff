/* cli.c - argument parsing with one clear error line per mistake. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <sched.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "backends/backend.h"
#include "cli/cli.h"
#include "cli/cli_values.h"

struct parser {
	struct cbt_cli_err e;
	int argc, i;
	char **argv;
	int repeat_given, trace_given, no_trace_given;
	unsigned json_output;	  /* index of --json in o->outputs */
	const char *workload_opt; /* the first option given that only the built-in workloads use */
};

#define bad(ps, ...) cbt_bad(&(ps)->e, __VA_ARGS__)

static void set_defaults(struct cbt_options *o)
{
	memset(o, 0, sizeof(*o));
	o->params.tasks = 100;
	o->params.iterations = 10000;
	o->params.sleep_s = 5.0;
	o->params.yield = CBT_YIELD_NANOSLEEP;
	o->params.seed = 1;
	o->params.cpu_size = 1000000;
	o->params.io_size = 1 << 20;
	o->params.io_block = 4096;
	o->params.mixed_chunks = 10;
	o->params.switch_interval_s = 0.005;
	o->trace = CBT_TRACE_AUTO;
	o->top = 10;
	o->explain = true;
	o->python = NULL;
	o->timeline_limit = CBT_TIMELINE_LIMIT_DEFAULT;
}

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
	O_COMPARE_SEED,
	O_EXPLAIN,
	O_NO_EXPLAIN,
	O_JSON,
	O_EXPORT,
	O_TIMELINE_LIMIT,
	O_DUMP_SCHEDSTAT,
	O_QUIET,
};

enum { G_RUN, G_TASK, G_KNOBS, G_OFTEN, G_OUTPUT, G_COUNT };
const char *const cbt_opt_groups[G_COUNT] = {"What to run", "What each task does",
					     "Knobs that change one cause at a time", "How often",
					     "Tracing and output"};
const unsigned cbt_nopt_groups = G_COUNT;

/* Every option, in --help's order; --help prints each with its help and, where a table says
 * more (names, the workloads and backends a knob changes), that too. */
const struct cbt_opt cbt_opts[] = {
    {O_WORKLOAD, "--workload", "-w", "LIST", G_RUN, CBT_LIST_NONE, 0,
     "the workloads to run, comma-separated, or all (Workloads below)"},
    {O_BACKEND, "--backend", "-b", "LIST", G_RUN, CBT_LIST_NONE, 0,
     "the backends to run them under, comma-separated, or all (default: all; Backends "
     "below)"},
    {O_RUNTIME, "--runtime", NULL, "LIST", G_RUN, CBT_LIST_NONE, 0,
     "c, python or c,python: the native backends, the same backends in CPython (the script "
     "cbt_bench.py), or both side by side (default: c)"},
    {O_PYTHON, "--python", NULL, "PATH", G_RUN, CBT_LIST_NONE, 0,
     "the interpreter for --runtime python (default: python3 on PATH)"},
    {O_COMMAND, "--", NULL, "CMD [ARGS...]", G_RUN, CBT_LIST_NONE, 0,
     "instead of workloads, time and trace any command (with every task it creates); its exit "
     "status is reported. Under sudo it runs as the invoking user"},
    {O_COMMAND_STR, "--command", NULL, "'CMD ARGS'", G_RUN, CBT_LIST_NONE, 0,
     "time and trace this command beside the others given so (repeatable, up to 16): each is "
     "timed, traced and explained like a backend and compared with the others; quoted as in a "
     "shell, but no shell runs it"},
    {O_NAME, "--name", NULL, "NAME", G_RUN, CBT_LIST_NONE, 0,
     "the name of the --command of the same rank in the tables (repeatable)"},
    {O_RUN_AS_ROOT, "--run-as-root", NULL, NULL, G_RUN, CBT_LIST_NONE, 0,
     "under sudo, run -- CMD as root instead of as the invoking user"},
    {O_TASKS, "--tasks", "-n", "N", G_TASK, CBT_LIST_NONE, 0,
     "tasks per run (default 100; 1..10000)"},
    {O_ITERATIONS, "--iterations", NULL, "N", G_TASK, CBT_LIST_KNOB, CBT_KNOB_ITERATIONS,
     "zero-length sleeps per task (default 10000)"},
    {O_YIELD, "--yield", NULL, "KIND", G_TASK, CBT_LIST_YIELDS, CBT_KNOB_YIELD,
     "the yield-loop primitive (default nanosleep, what CPython's time.sleep(0) calls):"},
    {O_SLEEP, "--sleep", NULL, "SECONDS", G_TASK, CBT_LIST_KNOB, CBT_KNOB_SLEEP,
     "sleep length; variable-sleep draws U(0,1) x SECONDS (default 5)"},
    {O_SEED, "--seed", NULL, "N", G_TASK, CBT_LIST_KNOB, CBT_KNOB_SEED,
     "variable-sleep draws are reproducible from it (default 1)"},
    {O_CPU_SIZE, "--cpu-size", NULL, "N", G_TASK, CBT_LIST_KNOB, CBT_KNOB_CPU_SIZE,
     "squares computed per task (default 1000000 = the seed's list of 0..999,999; the "
     "calibrated cost is printed)"},
    {O_IO_SIZE, "--io-size", NULL, "BYTES", G_TASK, CBT_LIST_KNOB, CBT_KNOB_IO_SIZE,
     "bytes written per task (default 1M)"},
    {O_IO_BLOCK, "--io-block", NULL, "BYTES", G_TASK, CBT_LIST_KNOB, CBT_KNOB_IO_BLOCK,
     "bytes per write() call (default 4K, max 64K)"},
    {O_MIXED_CHUNKS, "--mixed-chunks", NULL, "N", G_TASK, CBT_LIST_KNOB, CBT_KNOB_MIXED_CHUNKS,
     "cpu/io alternations per task (default 10)"},
    {O_WORKERS, "--workers", NULL, "N", G_KNOBS, CBT_LIST_KNOB, CBT_KNOB_WORKERS,
     "pool size (default: CPUs)"},
    {O_SWITCH_INTERVAL, "--switch-interval", NULL, "S", G_KNOBS, CBT_LIST_KNOB,
     CBT_KNOB_SWITCH_INTERVAL,
     "a waiter asks the lock holder to drop the lock after S seconds (default 0.005, as "
     "CPython; CPython runs get it through sys.setswitchinterval)"},
    {O_TIMER_SLACK, "--timer-slack", NULL, "NS", G_KNOBS, CBT_LIST_NONE, 0,
     "the tasks' timer slack (prctl PR_SET_TIMERSLACK), set before they start (default: leave "
     "the system's)"},
    {O_CPUS, "--cpus", NULL, "LIST", G_KNOBS, CBT_LIST_NONE, 0,
     "pin the run and all its tasks to these CPUs, e.g. 0 or 0-1"},
    {O_EXPERIMENT, "--experiment", NULL, "[=LIST]", G_KNOBS, CBT_LIST_NONE, 0,
     "after the runs, flip one cause at a time: re-run each backend whose findings name a "
     "cause these knobs (or a sibling backend without the lock) switch off, alternating with "
     "baseline runs at a reduced size, and report what each cause was worth "
     "(docs/experiments.md); =LIST runs only these interventions, e.g. "
     "=timer-slack-1ns,lock-removed"},
    {O_REPEAT, "--repeat", "-r", "N", G_OFTEN, CBT_LIST_ADAPTIVE, 0,
     "measured runs per backend (1..1000)."},
    {O_WARMUP, "--warmup", NULL, "N", G_OFTEN, CBT_LIST_NONE, 0,
     "unmeasured runs first (default 0)"},
    {O_TRACE, "--trace", NULL, NULL, G_OUTPUT, CBT_LIST_NONE, 0,
     "trace with eBPF + perf counters (default when privileged)"},
    {O_NO_TRACE, "--no-trace", NULL, NULL, G_OUTPUT, CBT_LIST_NONE, 0,
     "time only; needs no privileges"},
    {O_PER_TASK, "--per-task", NULL, "[=N]", G_OUTPUT, CBT_LIST_NONE, 0,
     "add a table of the N tasks with most off-CPU time (10)"},
    {O_COMPARE_SEED, "--compare-seed", NULL, NULL, G_OUTPUT, CBT_LIST_NONE, 0,
     "print the figures the original benchmarks published beside this run's, and why they "
     "differ here (docs/seeds.md)"},
    {O_SYSCALLS, "--syscalls", NULL, NULL, G_OUTPUT, CBT_LIST_NONE, 0,
     "add the per-backend system-call table"},
    {O_VERIFY, "--verify", NULL, NULL, G_OUTPUT, CBT_LIST_NONE, 0,
     "check the traced figures against the kernel's own accounting of each task (table; exit "
     "1 when one disagrees beyond its tolerance, docs/verify.md)"},
    {O_EXPLAIN, "--explain", NULL, NULL, G_OUTPUT, CBT_LIST_NONE, 0,
     "print Findings: why each backend took its time (default)"},
    {O_NO_EXPLAIN, "--no-explain", NULL, NULL, G_OUTPUT, CBT_LIST_NONE, 0,
     "hide the Findings (the JSON always has them)"},
    {O_JSON, "--json", NULL, "FILE", G_OUTPUT, CBT_LIST_NONE, 0,
     "write all results as one JSON document (- = stdout; schema in docs/json.md)"},
    {O_EXPORT, "--export", NULL, "FORMAT=FILE", G_OUTPUT, CBT_LIST_NONE, 0,
     "also write a report in FORMAT (Output formats below) to FILE (- = stdout); repeatable"},
    {O_TIMELINE_LIMIT, "--timeline-limit", NULL, "N", G_OUTPUT, CBT_LIST_NONE, 0,
     "scheduler events the timeline keeps over the invocation (default 750000, ~120 MB)"},
    {O_DUMP_SCHEDSTAT, "--dump-schedstat", NULL, "F", G_OUTPUT, CBT_LIST_NONE, 0,
     "each task appends 'tid run_ns wait_ns slices' from its own /proc/thread-self/schedstat "
     "to F when it finishes"},
    {O_QUIET, "--quiet", "-q", NULL, G_OUTPUT, CBT_LIST_NONE, 0, "no progress on stderr"},
    {O_LIST, "--list", NULL, NULL, G_OUTPUT, CBT_LIST_NONE, 0, "list workloads and backends"},
    {O_HELP, "--help", "-h", NULL, G_OUTPUT, CBT_LIST_NONE, 0, "this text"},
    {O_VERSION, "--version", "-V", NULL, G_OUTPUT, CBT_LIST_NONE, 0, "the version"},
};
const unsigned cbt_nopts = sizeof(cbt_opts) / sizeof(cbt_opts[0]);

static const struct cbt_opt *opt_find(const char *name)
{
	for (unsigned i = 0; i < cbt_nopts; i++)
		if (cbt_opts[i].id == O_COMMAND) /* not an option: cbt_cli_parse takes it */
			continue;
		else if (strcmp(cbt_opts[i].name, name) == 0 ||
			 (cbt_opts[i].alias && strcmp(cbt_opts[i].alias, name) == 0))
			return &cbt_opts[i];
	return NULL;
}

/* The value of an option: "--flag=value" or the next argument. */
static int value_of(struct parser *ps, const char *arg, const char *eq, const char **val)
{
	if (eq) {
		*val = eq + 1;
		return 0;
	}
	if (ps->i + 1 >= ps->argc)
		return bad(ps, "%s needs a value (see --help)", arg);
	*val = ps->argv[++ps->i];
	return 0;
}

static int parse_one(struct parser *ps, struct cbt_options *o, char *arg)
{
	struct cbt_params *p = &o->params;
	char *eq = strchr(arg, '=');
	const char *v = NULL;
	char name[64];
	int rc;

	if (arg[0] == '-' && arg[1] != '-' && arg[1] && arg[2])
		return bad(ps, "unknown option '%s' (short options stand alone; see --help)", arg);
	snprintf(name, sizeof(name), "%.*s", eq ? (int)(eq - arg) : (int)strlen(arg), arg);
	const struct cbt_opt *opt = arg[0] == '-' && arg[1] ? opt_find(name) : NULL;
	if (!opt && arg[0] == '-' && arg[1])
		return bad(ps, "unknown option '%s' (see --help)", name);
	if (!opt)
		return bad(ps, "unexpected argument '%s' (options start with --; see --help)", arg);
	if (!opt->arg && eq)
		return bad(ps, "%s takes no value", name);
	if (opt->arg && opt->arg[0] != '[' && (rc = value_of(ps, name, eq, &v)))
		return rc;
	if (!ps->workload_opt && (opt->group == G_TASK || opt->id == O_WORKERS ||
				  opt->id == O_SWITCH_INTERVAL || opt->id == O_DUMP_SCHEDSTAT))
		ps->workload_opt = opt->name;

	switch ((enum opt_id)opt->id) {
	case O_HELP:
		o->help = true;
		break;
	case O_VERSION:
		o->version = true;
		break;
	case O_LIST:
		o->list = true;
		break;
	case O_WORKLOAD: {
		static char wbuf[1024];
		snprintf(wbuf, sizeof(wbuf), "%s", v);
		return cbt_parse_names(&ps->e, name, wbuf, 1, o->workloads, &o->nworkloads);
	}
	case O_BACKEND: {
		static char bbuf[1024];
		snprintf(bbuf, sizeof(bbuf), "%s", v);
		return cbt_parse_names(&ps->e, name, bbuf, 0, o->backends, &o->nbackends);
	}
	case O_TASKS:
		return cbt_parse_uint(&ps->e, name, v, 1, 10000, 0, &p->tasks);
	case O_ITERATIONS:
		return cbt_parse_uint(&ps->e, name, v, 1, 100000000, 0, &p->iterations);
	case O_SLEEP:
		return cbt_parse_seconds(&ps->e, name, v, &p->sleep_s);
	case O_YIELD:
		if (cbt_yield_parse(v, &p->yield) != 0)
			return bad(ps, "unknown --yield '%s'; allowed: %s", v, cbt_yield_names());
		break;
	case O_REPEAT:
		ps->repeat_given = 1;
		return cbt_parse_uint(&ps->e, name, v, 1, 1000, 0, &o->repeat);
	case O_WARMUP:
		return cbt_parse_uint(&ps->e, name, v, 0, 100, 0, &o->warmup);
	case O_SEED:
		return cbt_parse_u64(&ps->e, name, v, 0, UINT64_MAX, 0, &p->seed);
	case O_CPU_SIZE:
		return cbt_parse_uint(&ps->e, name, v, 1, 50000000, 0, &p->cpu_size);
	case O_IO_SIZE:
		return cbt_parse_uint(&ps->e, name, v, 1, 1u << 30, 1, &p->io_size);
	case O_IO_BLOCK:
		return cbt_parse_uint(&ps->e, name, v, 1, 1u << 16, 1, &p->io_block);
	case O_MIXED_CHUNKS:
		return cbt_parse_uint(&ps->e, name, v, 1, 10000, 0, &p->mixed_chunks);
	case O_WORKERS:
		return cbt_parse_uint(&ps->e, name, v, 1, 1024, 0, &p->workers);
	case O_SWITCH_INTERVAL:
		return cbt_parse_interval(&ps->e, name, v, &p->switch_interval_s);
	case O_TIMER_SLACK:
		return cbt_parse_u64(&ps->e, name, v, 1, 1000000000, 0, &p->timer_slack_ns);
	case O_CPUS:
		return cbt_parse_cpus(&ps->e, name, v, p);
	case O_EXPERIMENT:
		o->experiment = true;
		if (eq && !eq[1])
			return bad(ps,
				   "--experiment= needs intervention names (or give none for all)");
		o->experiments = eq ? eq + 1 : NULL;
		break;
	case O_JSON:
		if (!*v)
			return bad(ps, "--json needs a file name, or - for standard output");
		if (!o->json_path) /* given twice: the last one counts */
			ps->json_output = o->noutputs++;
		o->json_path = v;
		o->outputs[ps->json_output] = (struct cbt_output){"json", v};
		break;
	case O_EXPORT:
		return cbt_parse_export(&ps->e, o, v);
	case O_TIMELINE_LIMIT:
		return cbt_parse_u64(&ps->e, name, v, 1, 100000000, 0, &o->timeline_limit);
	case O_TRACE:
		ps->trace_given = 1;
		o->trace = CBT_TRACE_ON;
		break;
	case O_NO_TRACE:
		ps->no_trace_given = 1;
		o->trace = CBT_TRACE_OFF;
		break;
	case O_PER_TASK:
		o->per_task = true;
		if (eq)
			return cbt_parse_uint(&ps->e, name, eq + 1, 1, 100000, 0, &o->top);
		break;
	case O_COMPARE_SEED:
		o->compare_seed = true;
		break;
	case O_SYSCALLS:
		o->syscalls = true;
		break;
	case O_VERIFY:
		o->verify = true;
		break;
	case O_DUMP_SCHEDSTAT:
		if (!*v)
			return bad(ps, "--dump-schedstat needs a file name");
		p->schedstat_dump = v;
		break;
	case O_EXPLAIN:
		o->explain = true;
		break;
	case O_NO_EXPLAIN:
		o->explain = false;
		break;
	case O_QUIET:
		o->quiet = true;
		break;
	case O_RUNTIME:
		return cbt_parse_runtimes(&ps->e, name, v, &o->runtimes);
	case O_PYTHON:
		if (!*v)
			return bad(ps, "--python needs the path of a Python interpreter");
		o->python = v;
		break;
	case O_RUN_AS_ROOT:
		o->run_as_root = true;
		break;
	case O_COMMAND_STR:
		return cbt_parse_command(&ps->e, v, o);
	case O_NAME:
		return cbt_parse_command_name(&ps->e, v, o);
	case O_COMMAND: /* cbt_cli_parse takes "--" and everything after it */
		break;
	}
	return 0;
}

int cbt_cli_parse(int argc, char **argv, struct cbt_options *o, char *err, size_t errlen)
{
	struct parser ps = {.e = {err, errlen}, .argc = argc, .argv = argv};
	int rc;

	set_defaults(o);
	err[0] = '\0';
	for (ps.i = 1; ps.i < argc; ps.i++) {
		if (strcmp(argv[ps.i], "--") == 0) {
			if (ps.i + 1 >= argc)
				return bad(&ps, "-- must be followed by a command to run");
			if (o->ncommands)
				return bad(&ps,
					   "--command and -- CMD exclude each other: give every "
					   "command with --command");
			o->command = o->commands[o->ncommands++] = &argv[ps.i + 1];
			break;
		}
		if ((rc = parse_one(&ps, o, argv[ps.i])))
			return rc;
	}
	if (o->help || o->version || o->list)
		return 0;
	if (!o->runtimes)
		o->runtimes = CBT_RUNTIME_C;
	if (ps.trace_given && ps.no_trace_given)
		return bad(&ps, "--trace and --no-trace contradict each other; give one");
	if ((o->per_task || o->syscalls || o->verify) && o->trace == CBT_TRACE_OFF)
		return bad(&ps, "%s needs tracing; drop --no-trace",
			   o->per_task	 ? "--per-task"
			   : o->syscalls ? "--syscalls"
					 : "--verify");
	if (o->experiment && o->trace == CBT_TRACE_OFF)
		return bad(&ps, "--experiment compares the tracer's attribution before and after "
				"each change; drop --no-trace");
	if (o->nnames > o->ncommands)
		return bad(&ps,
			   "%u --name for %u --command: each --name names the --command of the "
			   "same rank",
			   o->nnames, o->ncommands);
	if (o->ncommands)
		o->command = o->commands[0];
	if (o->command) {
		if (ps.workload_opt) /* accepted and ignored would mislead */
			return bad(&ps,
				   "%s only applies to the built-in workloads (--workload), not to "
				   "-- CMD: drop it",
				   ps.workload_opt);
		if (o->nworkloads || o->nbackends)
			return bad(&ps, "-- CMD runs a command instead of workloads: drop %s",
				   o->nworkloads ? "--workload" : "--backend");
		if (o->runtimes != CBT_RUNTIME_C)
			return bad(&ps,
				   "-- CMD and --runtime exclude each other: the command is the "
				   "runtime");
		if (!ps.repeat_given) /* an investigation: the command runs once */
			o->repeat = 1;
		return 0;
	}
	if (o->run_as_root)
		return bad(&ps, "--run-as-root only applies to -- CMD");
	if (o->nworkloads == 0) {
		char allowed[512];
		cbt_names_of(allowed, sizeof(allowed), 1);
		return bad(
		    &ps,
		    "no workload chosen: give --workload NAME[,NAME...] (%s) or all, or -- CMD",
		    allowed);
	}
	if (o->nbackends == 0) { /* every backend (plan.c skips those a runtime lacks) */
		for (unsigned i = 0; i < cbt_nbackends; i++)
			o->backends[i] = cbt_backends[i]->info.name;
		o->nbackends = cbt_nbackends;
	}
	if (o->params.schedstat_dump && (o->runtimes & CBT_RUNTIME_PYTHON))
		return bad(&ps,
			   "--dump-schedstat is written by the native (--runtime c) tasks only; "
			   "drop it or --runtime python");
	if (o->python && !(o->runtimes & CBT_RUNTIME_PYTHON))
		return bad(&ps, "--python needs --runtime python (or c,python)");
	if (o->params.io_block > o->params.io_size)
		return bad(&ps, "--io-block (%u) is larger than --io-size (%u); it must not be",
			   o->params.io_block, o->params.io_size);
	if (o->params.mixed_chunks > o->params.cpu_size ||
	    o->params.mixed_chunks > o->params.io_size)
		return bad(&ps, "--mixed-chunks (%u) must not exceed --cpu-size or --io-size",
			   o->params.mixed_chunks);
	return 0;
}
