/* cli.c - argument parsing with one clear error line per mistake: each option's value here
 * (cli_values.c parses the values), the combinations after (cli_check.c). */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <sched.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "backends/backend.h"
#include "cli/cli.h"
#include "cli/cli_opts.h"
#include "cli/cli_values.h"

struct parser {
	struct cbt_cli_err e;
	int argc, i;
	char **argv;
	struct cbt_cli_given g;
	unsigned json_output; /* index of --json in o->outputs */
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
	if (!ps->g.workload_opt && (opt->group == G_TASK || opt->id == O_WORKERS ||
				    opt->id == O_SWITCH_INTERVAL || opt->id == O_DUMP_SCHEDSTAT))
		ps->g.workload_opt = opt->name;

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
		ps->g.repeat = 1;
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
		ps->g.trace = 1;
		o->trace = CBT_TRACE_ON;
		break;
	case O_NO_TRACE:
		ps->g.no_trace = 1;
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
	case O_PERF_COUNTERS:
		o->perf_counters = true;
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
	case O_VERBOSE:
		o->verbose = true;
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
	return cbt_cli_check(o, &ps.g, &ps.e);
}
