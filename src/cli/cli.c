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
};

#define bad(ps, ...) cbt_bad(&(ps)->e, __VA_ARGS__)

unsigned cbt_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned row[64];
	if (lb >= 64 || la >= 64)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		unsigned prev = row[0]++;
		for (size_t j = 1; j <= lb; j++) {
			unsigned cur = row[j];
			unsigned sub = prev + (a[i - 1] != b[j - 1]);
			unsigned del = row[j] + 1, ins = row[j - 1] + 1;
			row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
			prev = cur;
		}
	}
	return row[lb];
}

static void names_of(char *buf, size_t len, int workloads)
{
	size_t off = 0;
	unsigned n = workloads ? cbt_nworkloads : cbt_nbackends;
	buf[0] = '\0';
	for (unsigned i = 0; i < n && off < len; i++) {
		const char *name = workloads ? cbt_workloads[i].name : cbt_backends[i]->info.name;
		off += (size_t)snprintf(buf + off, len - off, "%s%s", i ? ", " : "", name);
	}
}

/* A comma-separated list of names (or "all") into out[]. */
static int parse_names(struct parser *ps, const char *flag, char *s, int workloads,
		       const char **out, unsigned *nout)
{
	char allowed[512];
	const char *kind = workloads ? "workload" : "backend";
	unsigned n = workloads ? cbt_nworkloads : cbt_nbackends;

	names_of(allowed, sizeof(allowed), workloads);
	if (*nout)
		return bad(ps, "%s given twice; list several names in one: %s a,b", flag, flag);
	if (strcmp(s, "all") == 0) {
		for (unsigned i = 0; i < n; i++)
			out[i] = workloads ? cbt_workloads[i].name : cbt_backends[i]->info.name;
		*nout = n;
		return 0;
	}
	for (char *save = NULL, *tok = strtok_r(s, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		const char *name = NULL, *best = NULL;
		unsigned bestd = 99;
		for (unsigned i = 0; i < n; i++) {
			const char *cand =
			    workloads ? cbt_workloads[i].name : cbt_backends[i]->info.name;
			unsigned d = cbt_edit_distance(tok, cand);
			if (d == 0)
				name = cand;
			if (d < bestd)
				bestd = d, best = cand;
		}
		if (!name) {
			if (best && bestd <= 3)
				return bad(ps,
					   "unknown %s '%s' (did you mean '%s'?); allowed: %s, all",
					   kind, tok, best, allowed);
			return bad(ps, "unknown %s '%s'; allowed: %s, all", kind, tok, allowed);
		}
		for (unsigned j = 0; j < *nout; j++)
			if (strcmp(out[j], name) == 0)
				return bad(ps, "%s '%s' is listed twice in %s", kind, name, flag);
		if (*nout >= CBT_MAX_SELECTED)
			return bad(ps, "too many names in %s", flag);
		out[(*nout)++] = name;
	}
	if (*nout == 0)
		return bad(ps, "%s needs at least one name; allowed: %s, all", flag, allowed);
	return 0;
}

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
#define IS(l, s) (strcmp(name, l) == 0 || strcmp(name, s) == 0)
#define FLAG()                                                                                     \
	do {                                                                                       \
		if (eq)                                                                            \
			return bad(ps, "%s takes no value", name);                                 \
	} while (0)
#define VALUE()                                                                                    \
	do {                                                                                       \
		if ((rc = value_of(ps, name, eq, &v)))                                             \
			return rc;                                                                 \
	} while (0)

	if (IS("--help", "-h")) {
		FLAG();
		o->help = true;
	} else if (IS("--version", "-V")) {
		FLAG();
		o->version = true;
	} else if (IS("--list", "--list")) {
		FLAG();
		o->list = true;
	} else if (IS("--workload", "-w")) {
		VALUE();
		static char wbuf[1024];
		snprintf(wbuf, sizeof(wbuf), "%s", v);
		return parse_names(ps, name, wbuf, 1, o->workloads, &o->nworkloads);
	} else if (IS("--backend", "-b")) {
		VALUE();
		static char bbuf[1024];
		snprintf(bbuf, sizeof(bbuf), "%s", v);
		return parse_names(ps, name, bbuf, 0, o->backends, &o->nbackends);
	} else if (IS("--tasks", "-n")) {
		VALUE();
		return cbt_parse_uint(&ps->e, name, v, 1, 10000, 0, &p->tasks);
	} else if (IS("--iterations", "--iterations")) {
		VALUE();
		return cbt_parse_uint(&ps->e, name, v, 1, 100000000, 0, &p->iterations);
	} else if (IS("--sleep", "--sleep")) {
		VALUE();
		return cbt_parse_seconds(&ps->e, name, v, &p->sleep_s);
	} else if (IS("--yield", "--yield")) {
		VALUE();
		if (cbt_yield_parse(v, &p->yield) != 0)
			return bad(ps, "unknown --yield '%s'; allowed: %s", v, cbt_yield_names());
	} else if (IS("--repeat", "-r")) {
		VALUE();
		ps->repeat_given = 1;
		return cbt_parse_uint(&ps->e, name, v, 1, 1000, 0, &o->repeat);
	} else if (IS("--warmup", "--warmup")) {
		VALUE();
		return cbt_parse_uint(&ps->e, name, v, 0, 100, 0, &o->warmup);
	} else if (IS("--seed", "--seed")) {
		VALUE();
		return cbt_parse_u64(&ps->e, name, v, 0, UINT64_MAX, 0, &p->seed);
	} else if (IS("--cpu-size", "--cpu-size")) {
		VALUE();
		return cbt_parse_uint(&ps->e, name, v, 1, 50000000, 0, &p->cpu_size);
	} else if (IS("--io-size", "--io-size")) {
		VALUE();
		return cbt_parse_uint(&ps->e, name, v, 1, 1u << 30, 1, &p->io_size);
	} else if (IS("--io-block", "--io-block")) {
		VALUE();
		return cbt_parse_uint(&ps->e, name, v, 1, 1u << 16, 1, &p->io_block);
	} else if (IS("--mixed-chunks", "--mixed-chunks")) {
		VALUE();
		return cbt_parse_uint(&ps->e, name, v, 1, 10000, 0, &p->mixed_chunks);
	} else if (IS("--workers", "--workers")) {
		VALUE();
		return cbt_parse_uint(&ps->e, name, v, 1, 1024, 0, &p->workers);
	} else if (IS("--switch-interval", "--switch-interval")) {
		VALUE();
		return cbt_parse_interval(&ps->e, name, v, &p->switch_interval_s);
	} else if (IS("--timer-slack", "--timer-slack")) {
		VALUE();
		return cbt_parse_u64(&ps->e, name, v, 1, 1000000000, 0, &p->timer_slack_ns);
	} else if (IS("--cpus", "--cpus")) {
		VALUE();
		return cbt_parse_cpus(&ps->e, name, v, p);
	} else if (IS("--json", "--json")) {
		VALUE();
		if (!*v)
			return bad(ps, "--json needs a file name, or - for standard output");
		o->json_path = v;
	} else if (IS("--trace", "--trace")) {
		FLAG();
		ps->trace_given = 1;
		o->trace = CBT_TRACE_ON;
	} else if (IS("--no-trace", "--no-trace")) {
		FLAG();
		ps->no_trace_given = 1;
		o->trace = CBT_TRACE_OFF;
	} else if (IS("--per-task", "--per-task")) {
		o->per_task = true;
		if (eq)
			return cbt_parse_uint(&ps->e, name, eq + 1, 1, 100000, 0, &o->top);
	} else if (IS("--syscalls", "--syscalls")) {
		FLAG();
		o->syscalls = true;
	} else if (IS("--dump-schedstat", "--dump-schedstat")) {
		VALUE();
		if (!*v)
			return bad(ps, "--dump-schedstat needs a file name");
		p->schedstat_dump = v;
	} else if (IS("--explain", "--explain")) {
		FLAG();
		o->explain = true;
	} else if (IS("--no-explain", "--no-explain")) {
		FLAG();
		o->explain = false;
	} else if (IS("--quiet", "-q")) {
		FLAG();
		o->quiet = true;
	} else if (IS("--runtime", "--runtime")) {
		VALUE();
		return cbt_parse_runtimes(&ps->e, name, v, &o->runtimes);
	} else if (IS("--python", "--python")) {
		VALUE();
		if (!*v)
			return bad(ps, "--python needs the path of a Python interpreter");
		o->python = v;
	} else if (IS("--run-as-root", "--run-as-root")) {
		FLAG();
		o->run_as_root = true;
	} else if (arg[0] == '-' && arg[1]) {
		return bad(ps, "unknown option '%s' (see --help)", name);
	} else {
		return bad(ps, "unexpected argument '%s' (options start with --; see --help)", arg);
	}
	return 0;
#undef IS
#undef FLAG
#undef VALUE
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
			o->command = &argv[ps.i + 1];
			break;
		}
		if ((rc = parse_one(&ps, o, argv[ps.i])))
			return rc;
	}
	if (o->help || o->version || o->list)
		return 0;
	if (!o->runtimes)
		o->runtimes = CBT_RUNTIME_C;
	if (o->command) {
		if (o->nworkloads || o->nbackends)
			return bad(&ps, "-- CMD runs a command instead of workloads: drop %s",
				   o->nworkloads ? "--workload" : "--backend");
		if (o->runtimes != CBT_RUNTIME_C)
			return bad(&ps,
				   "-- CMD and --runtime exclude each other: the command is the "
				   "runtime");
		return 0;
	}
	if (o->run_as_root)
		return bad(&ps, "--run-as-root only applies to -- CMD");
	if (ps.trace_given && ps.no_trace_given)
		return bad(&ps, "--trace and --no-trace contradict each other; give one");
	if ((o->per_task || o->syscalls) && o->trace == CBT_TRACE_OFF)
		return bad(&ps, "%s needs tracing; drop --no-trace",
			   o->per_task ? "--per-task" : "--syscalls");
	if (o->nworkloads == 0) {
		char allowed[512];
		names_of(allowed, sizeof(allowed), 1);
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
