/* cli.c - argument parsing with one clear error line per mistake. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <sched.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "cli.h"

struct parser {
	int argc, i;
	char **argv;
	char *err;
	size_t errlen;
	int repeat_given, trace_given, no_trace_given;
};

static int bad(struct parser *ps, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ps->err, ps->errlen, fmt, ap);
	va_end(ap);
	return CBT_EXIT_USAGE;
}

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

/* Numbers: plain decimal digits (sizes may end in K, M or G), within [min, max]. */
static int parse_u64(struct parser *ps, const char *flag, const char *s, uint64_t min, uint64_t max,
		     int allow_suffix, uint64_t *out)
{
	const char *p = s;
	uint64_t v = 0;
	if (!*s)
		return bad(ps, "%s needs a number, got an empty value (allowed: %llu..%llu)", flag,
			   (unsigned long long)min, (unsigned long long)max);
	if (*s == '-')
		return bad(ps, "%s must not be negative: '%s' (allowed: %llu..%llu)", flag, s,
			   (unsigned long long)min, (unsigned long long)max);
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (UINT64_MAX - (uint64_t)(*p - '0')) / 10)
			return bad(ps, "%s: '%s' is too large (allowed: %llu..%llu)", flag, s,
				   (unsigned long long)min, (unsigned long long)max);
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (p == s)
		return bad(ps, "%s needs a whole number, got '%s' (allowed: %llu..%llu)", flag, s,
			   (unsigned long long)min, (unsigned long long)max);
	if (*p && allow_suffix && !p[1] && strchr("kKmMgG", *p)) {
		unsigned shift = (*p == 'k' || *p == 'K') ? 10 : (*p == 'm' || *p == 'M') ? 20 : 30;
		if (v > (UINT64_MAX >> shift))
			return bad(ps, "%s: '%s' is too large", flag, s);
		v <<= shift;
		p++;
	}
	if (*p)
		return bad(ps, "%s needs a whole number%s, got '%s'", flag,
			   allow_suffix ? " (optionally with K, M or G)" : "", s);
	if (v < min || v > max)
		return bad(ps, "%s: %s is out of range (allowed: %llu..%llu)", flag, s,
			   (unsigned long long)min, (unsigned long long)max);
	*out = v;
	return 0;
}

static int parse_uint(struct parser *ps, const char *flag, const char *s, unsigned min,
		      unsigned max, int allow_suffix, unsigned *out)
{
	uint64_t v;
	int rc = parse_u64(ps, flag, s, min, max, allow_suffix, &v);
	if (rc == 0)
		*out = (unsigned)v;
	return rc;
}

static int parse_seconds(struct parser *ps, const char *flag, const char *s, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (!*s || *end || errno == ERANGE || !isfinite(v))
		return bad(ps, "%s needs a number of seconds, got '%s' (allowed: >0 .. 3600)", flag,
			   s);
	if (v <= 0 || v > 3600)
		return bad(ps, "%s: %s is out of range (allowed: >0 .. 3600 seconds)", flag, s);
	*out = v;
	return 0;
}

static int parse_interval(struct parser *ps, const char *flag, const char *s, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (!*s || *end || errno == ERANGE || !isfinite(v) || v < 1e-6 || v > 1.0)
		return bad(ps, "%s needs seconds between 0.000001 and 1, got '%s'", flag, s);
	*out = v;
	return 0;
}

/* A CPU list: "0", "0,1", "0-3", "0-1,3". Every CPU must be one this process may use. */
static int parse_cpus(struct parser *ps, const char *flag, const char *s, struct cbt_params *p)
{
	cpu_set_t allowed;
	char buf[64];
	CPU_ZERO(&p->cpus);
	if (sched_getaffinity(0, sizeof(allowed), &allowed) != 0)
		CPU_ZERO(&allowed);
	if (!*s || strlen(s) >= sizeof(buf))
		return bad(ps, "%s needs a CPU list such as 0 or 0-1 or 0,2", flag);
	snprintf(buf, sizeof(buf), "%s", s);
	for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		char *end;
		long lo = strtol(tok, &end, 10), hi = lo;
		if (end == tok || lo < 0 || *tok == '-')
			return bad(ps, "%s: '%s' is not a CPU list (e.g. 0 or 0-1 or 0,2)", flag,
				   s);
		if (*end == '-') {
			char *e2;
			hi = strtol(end + 1, &e2, 10);
			if (e2 == end + 1 || end[1] == '-' || end[1] == '+')
				return bad(ps, "%s: '%s' is not a CPU list (e.g. 0 or 0-1 or 0,2)",
					   flag, s);
			end = e2;
		}
		if (*end || hi < lo || hi >= CPU_SETSIZE)
			return bad(ps, "%s: '%s' is not a CPU list (e.g. 0 or 0-1 or 0,2)", flag,
				   s);
		for (long c = lo; c <= hi; c++) {
			if (!CPU_ISSET((int)c, &allowed))
				return bad(ps, "%s: CPU %ld is not available here (allowed: 0..%d)",
					   flag, c, CPU_COUNT(&allowed) - 1);
			CPU_SET((int)c, &p->cpus);
		}
	}
	p->pin = true;
	snprintf(p->cpus_spec, sizeof(p->cpus_spec), "%s", s);
	return 0;
}

static int parse_runtimes(struct parser *ps, const char *flag, const char *s, unsigned *out)
{
	char buf[64];
	if (*out)
		return bad(ps, "%s given twice; list several in one: %s c,python", flag, flag);
	snprintf(buf, sizeof(buf), "%s", s);
	for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		unsigned bit = strcmp(tok, "c") == 0	    ? CBT_RUNTIME_C
			       : strcmp(tok, "python") == 0 ? CBT_RUNTIME_PYTHON
							    : 0;
		if (!bit)
			return bad(ps, "unknown runtime '%s'%s; allowed: c, python, c,python", tok,
				   strncmp(tok, "py", 2) == 0 ? " (did you mean 'python'?)" : "");
		if (*out & bit)
			return bad(ps, "runtime '%s' is listed twice in %s", tok, flag);
		*out |= bit;
	}
	if (!*out)
		return bad(ps, "%s needs c, python or c,python", flag);
	return 0;
}

static void names_of(char *buf, size_t len, int workloads)
{
	size_t off = 0;
	unsigned n = workloads ? cbt_nworkloads : cbt_nbackends;
	buf[0] = '\0';
	for (unsigned i = 0; i < n && off < len; i++) {
		const char *name = workloads ? cbt_workloads[i].name : cbt_backends[i]->name;
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
			out[i] = workloads ? cbt_workloads[i].name : cbt_backends[i]->name;
		*nout = n;
		return 0;
	}
	for (char *save = NULL, *tok = strtok_r(s, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		const char *name = NULL, *best = NULL;
		unsigned bestd = 99;
		for (unsigned i = 0; i < n; i++) {
			const char *cand =
			    workloads ? cbt_workloads[i].name : cbt_backends[i]->name;
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
		return parse_uint(ps, name, v, 1, 10000, 0, &p->tasks);
	} else if (IS("--iterations", "--iterations")) {
		VALUE();
		return parse_uint(ps, name, v, 1, 100000000, 0, &p->iterations);
	} else if (IS("--sleep", "--sleep")) {
		VALUE();
		return parse_seconds(ps, name, v, &p->sleep_s);
	} else if (IS("--yield", "--yield")) {
		VALUE();
		if (cbt_yield_parse(v, &p->yield) != 0)
			return bad(ps,
				   "unknown --yield '%s'; allowed: nanosleep, sched_yield, "
				   "clock_nanosleep",
				   v);
	} else if (IS("--repeat", "-r")) {
		VALUE();
		ps->repeat_given = 1;
		return parse_uint(ps, name, v, 1, 1000, 0, &o->repeat);
	} else if (IS("--warmup", "--warmup")) {
		VALUE();
		return parse_uint(ps, name, v, 0, 100, 0, &o->warmup);
	} else if (IS("--seed", "--seed")) {
		VALUE();
		return parse_u64(ps, name, v, 0, UINT64_MAX, 0, &p->seed);
	} else if (IS("--cpu-size", "--cpu-size")) {
		VALUE();
		return parse_uint(ps, name, v, 1, 50000000, 0, &p->cpu_size);
	} else if (IS("--io-size", "--io-size")) {
		VALUE();
		return parse_uint(ps, name, v, 1, 1u << 30, 1, &p->io_size);
	} else if (IS("--io-block", "--io-block")) {
		VALUE();
		return parse_uint(ps, name, v, 1, 1u << 16, 1, &p->io_block);
	} else if (IS("--mixed-chunks", "--mixed-chunks")) {
		VALUE();
		return parse_uint(ps, name, v, 1, 10000, 0, &p->mixed_chunks);
	} else if (IS("--workers", "--workers")) {
		VALUE();
		return parse_uint(ps, name, v, 1, 1024, 0, &p->workers);
	} else if (IS("--switch-interval", "--switch-interval")) {
		VALUE();
		return parse_interval(ps, name, v, &p->switch_interval_s);
	} else if (IS("--timer-slack", "--timer-slack")) {
		VALUE();
		return parse_u64(ps, name, v, 1, 1000000000, 0, &p->timer_slack_ns);
	} else if (IS("--cpus", "--cpus")) {
		VALUE();
		return parse_cpus(ps, name, v, p);
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
			return parse_uint(ps, name, eq + 1, 1, 100000, 0, &o->top);
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
		return parse_runtimes(ps, name, v, &o->runtimes);
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
	struct parser ps = {.argc = argc, .argv = argv, .err = err, .errlen = errlen};
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
			o->backends[i] = cbt_backends[i]->name;
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
