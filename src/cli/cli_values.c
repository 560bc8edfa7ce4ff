/* cli_values.c - the values of options: numbers, durations, CPU lists, runtimes, names. Each parser
 * returns 0, or CBT_EXIT_USAGE with one line saying what was wrong and what is allowed. */
#include <errno.h>
#include <math.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backends/backend.h"
#include "cli/cli.h"
#include "cli/cli_values.h"
#include "cli/words.h"
#include "report/exporter.h"

int cbt_bad(struct cbt_cli_err *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->buf, e->len, fmt, ap);
	va_end(ap);
	return CBT_EXIT_USAGE;
}

/* Numbers: plain decimal digits (sizes may end in K, M or G), within [min, max]. */
int cbt_parse_u64(struct cbt_cli_err *ps, const char *flag, const char *s, uint64_t min,
		  uint64_t max, int allow_suffix, uint64_t *out)
{
	const char *p = s;
	uint64_t v = 0;
	if (!*s)
		return cbt_bad(ps, "%s needs a number, got an empty value (allowed: %llu..%llu)",
			       flag, (unsigned long long)min, (unsigned long long)max);
	if (*s == '-')
		return cbt_bad(ps, "%s must not be negative: '%s' (allowed: %llu..%llu)", flag, s,
			       (unsigned long long)min, (unsigned long long)max);
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (UINT64_MAX - (uint64_t)(*p - '0')) / 10)
			return cbt_bad(ps, "%s: '%s' is too large (allowed: %llu..%llu)", flag, s,
				       (unsigned long long)min, (unsigned long long)max);
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (p == s)
		return cbt_bad(ps, "%s needs a whole number, got '%s' (allowed: %llu..%llu)", flag,
			       s, (unsigned long long)min, (unsigned long long)max);
	if (*p && allow_suffix && !p[1] && strchr("kKmMgG", *p)) {
		unsigned shift = (*p == 'k' || *p == 'K') ? 10 : (*p == 'm' || *p == 'M') ? 20 : 30;
		if (v > (UINT64_MAX >> shift))
			return cbt_bad(ps, "%s: '%s' is too large", flag, s);
		v <<= shift;
		p++;
	}
	if (*p)
		return cbt_bad(ps, "%s needs a whole number%s, got '%s'", flag,
			       allow_suffix ? " (optionally with K, M or G)" : "", s);
	if (v < min || v > max)
		return cbt_bad(ps, "%s: %s is out of range (allowed: %llu..%llu)", flag, s,
			       (unsigned long long)min, (unsigned long long)max);
	*out = v;
	return 0;
}

int cbt_parse_uint(struct cbt_cli_err *ps, const char *flag, const char *s, unsigned min,
		   unsigned max, int allow_suffix, unsigned *out)
{
	uint64_t v;
	int rc = cbt_parse_u64(ps, flag, s, min, max, allow_suffix, &v);
	if (rc == 0)
		*out = (unsigned)v;
	return rc;
}

int cbt_parse_seconds(struct cbt_cli_err *ps, const char *flag, const char *s, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (!*s || *end || errno == ERANGE || !isfinite(v))
		return cbt_bad(ps, "%s needs a number of seconds, got '%s' (allowed: >0 .. 3600)",
			       flag, s);
	if (v <= 0 || v > 3600)
		return cbt_bad(ps, "%s: %s is out of range (allowed: >0 .. 3600 seconds)", flag, s);
	*out = v;
	return 0;
}

int cbt_parse_interval(struct cbt_cli_err *ps, const char *flag, const char *s, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (!*s || *end || errno == ERANGE || !isfinite(v) || v < 1e-6 || v > 1.0)
		return cbt_bad(ps, "%s needs seconds between 0.000001 and 1, got '%s'", flag, s);
	*out = v;
	return 0;
}

/* A CPU list: "0", "0,1", "0-3", "0-1,3". Every CPU must be one this process may use. */
int cbt_parse_cpus(struct cbt_cli_err *ps, const char *flag, const char *s, struct cbt_params *p)
{
	cpu_set_t allowed;
	char buf[64];
	CPU_ZERO(&p->cpus);
	if (sched_getaffinity(0, sizeof(allowed), &allowed) != 0)
		CPU_ZERO(&allowed);
	if (!*s || strlen(s) >= sizeof(buf))
		return cbt_bad(ps, "%s needs a CPU list such as 0 or 0-1 or 0,2", flag);
	snprintf(buf, sizeof(buf), "%s", s);
	for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		char *end;
		long lo = strtol(tok, &end, 10), hi = lo;
		if (end == tok || lo < 0 || *tok == '-')
			return cbt_bad(ps, "%s: '%s' is not a CPU list (e.g. 0 or 0-1 or 0,2)",
				       flag, s);
		if (*end == '-') {
			char *e2;
			hi = strtol(end + 1, &e2, 10);
			if (e2 == end + 1 || end[1] == '-' || end[1] == '+')
				return cbt_bad(ps,
					       "%s: '%s' is not a CPU list (e.g. 0 or 0-1 or 0,2)",
					       flag, s);
			end = e2;
		}
		if (*end || hi < lo || hi >= CPU_SETSIZE)
			return cbt_bad(ps, "%s: '%s' is not a CPU list (e.g. 0 or 0-1 or 0,2)",
				       flag, s);
		for (long c = lo; c <= hi; c++) {
			if (!CPU_ISSET((int)c, &allowed))
				return cbt_bad(ps,
					       "%s: CPU %ld is not available here (allowed: 0..%d)",
					       flag, c, CPU_COUNT(&allowed) - 1);
			CPU_SET((int)c, &p->cpus);
		}
	}
	p->pin = true;
	snprintf(p->cpus_spec, sizeof(p->cpus_spec), "%s", s);
	return 0;
}

int cbt_parse_runtimes(struct cbt_cli_err *ps, const char *flag, const char *s, unsigned *out)
{
	char buf[64];
	if (*out)
		return cbt_bad(ps, "%s given twice; list several in one: %s c,python", flag, flag);
	snprintf(buf, sizeof(buf), "%s", s);
	for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		unsigned bit = strcmp(tok, "c") == 0	    ? CBT_RUNTIME_C
			       : strcmp(tok, "python") == 0 ? CBT_RUNTIME_PYTHON
							    : 0;
		if (!bit)
			return cbt_bad(
			    ps, "unknown runtime '%s'%s; allowed: c, python, c,python", tok,
			    strncmp(tok, "py", 2) == 0 ? " (did you mean 'python'?)" : "");
		if (*out & bit)
			return cbt_bad(ps, "runtime '%s' is listed twice in %s", tok, flag);
		*out |= bit;
	}
	if (!*out)
		return cbt_bad(ps, "%s needs c, python or c,python", flag);
	return 0;
}

/* ---- names of workloads and backends, from their tables */

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

void cbt_names_of(char *buf, size_t len, int workloads)
{
	size_t off = 0;
	unsigned n = workloads ? cbt_nworkloads : cbt_nbackends;
	buf[0] = '\0';
	for (unsigned i = 0; i < n && off < len; i++) {
		const char *name = workloads ? cbt_workloads[i].name : cbt_backends[i]->info.name;
		off += (size_t)snprintf(buf + off, len - off, "%s%s", i ? ", " : "", name);
	}
}

int cbt_parse_names(struct cbt_cli_err *ps, const char *flag, char *s, int workloads,
		    const char **out, unsigned *nout)
{
	char allowed[512];
	const char *kind = workloads ? "workload" : "backend";
	unsigned n = workloads ? cbt_nworkloads : cbt_nbackends;

	cbt_names_of(allowed, sizeof(allowed), workloads);
	if (*nout)
		return cbt_bad(ps, "%s given twice; list several names in one: %s a,b", flag, flag);
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
				return cbt_bad(
				    ps, "unknown %s '%s' (did you mean '%s'?); allowed: %s, all",
				    kind, tok, best, allowed);
			return cbt_bad(ps, "unknown %s '%s'; allowed: %s, all", kind, tok, allowed);
		}
		for (unsigned j = 0; j < *nout; j++)
			if (strcmp(out[j], name) == 0)
				return cbt_bad(ps, "%s '%s' is listed twice in %s", kind, name,
					       flag);
		if (*nout >= CBT_MAX_SELECTED)
			return cbt_bad(ps, "too many names in %s", flag);
		out[(*nout)++] = name;
	}
	if (*nout == 0)
		return cbt_bad(ps, "%s needs at least one name; allowed: %s, all", flag, allowed);
	return 0;
}

/* ---- report files, from the exporter registry */

/* One report file: `format` (a row of the exporter registry) into `path` ("-": stdout). */
static int add_output(struct cbt_cli_err *ps, struct cbt_options *o, const char *format,
		      const char *path)
{
	char allowed[256];
	size_t off = 0;

	allowed[0] = '\0';
	for (size_t i = 0; i < cbt_nexporters && off < sizeof(allowed); i++)
		off += (size_t)snprintf(allowed + off, sizeof(allowed) - off, "%s%s", i ? ", " : "",
					cbt_exporters[i]->name);
	const struct cbt_exporter *e = cbt_exporter_find(format);
	if (!e)
		return cbt_bad(ps, "unknown --export format '%s'; allowed: %s", format, allowed);
	if (!*path)
		return cbt_bad(ps, "--export %s= needs a file name, or - for standard output",
			       format);
	if (o->noutputs >= CBT_MAX_OUTPUTS)
		return cbt_bad(ps, "at most %d report files", CBT_MAX_OUTPUTS);
	for (unsigned i = 0; i < o->noutputs; i++) {
		if (strcmp(path, "-") == 0 && strcmp(o->outputs[i].path, "-") == 0)
			return cbt_bad(ps, "only one report can go to standard output (-)");
		if (strcmp(o->outputs[i].path, path) == 0)
			return cbt_bad(ps, "two reports would be written to '%s'", path);
	}
	o->outputs[o->noutputs].format = e->name;
	o->outputs[o->noutputs].path = path;
	o->noutputs++;
	return 0;
}

/* --export FORMAT=FILE */
int cbt_parse_export(struct cbt_cli_err *ps, struct cbt_options *o, const char *v)
{
	const char *eq = strchr(v, '=');
	char format[32];

	if (!eq || eq == v)
		return cbt_bad(
		    ps, "--export needs FORMAT=FILE, e.g. --export csv=out.csv (- = standard "
			"output)");
	snprintf(format, sizeof(format), "%.*s", (int)(eq - v), v);
	return add_output(ps, o, format, eq + 1);
}

/* The words of every --command live here for the whole invocation (no allocation to free). */
#define WORDS_PER_COMMAND 256
static char command_pool[CBT_MAX_COMMANDS][8192];
static char *command_words[CBT_MAX_COMMANDS][WORDS_PER_COMMAND];

int cbt_parse_command(struct cbt_cli_err *e, const char *s, struct cbt_options *o)
{
	char why[128];
	unsigned k = o->ncommands;
	if (k >= CBT_MAX_COMMANDS)
		return cbt_bad(e, "at most %d --command", CBT_MAX_COMMANDS);
	if (cbt_split_words(s, command_pool[k], sizeof(command_pool[k]), command_words[k],
			    WORDS_PER_COMMAND, why, sizeof(why)) < 0)
		return cbt_bad(e,
			       "--command '%s': %s (quote as in a shell: 'single', \"double\", "
			       "\\x; nothing is expanded)",
			       s, why);
	o->commands[o->ncommands++] = command_words[k];
	return 0;
}

int cbt_parse_command_name(struct cbt_cli_err *e, const char *s, struct cbt_options *o)
{
	if (!*s)
		return cbt_bad(e, "--name needs a name");
	if (o->nnames >= CBT_MAX_COMMANDS)
		return cbt_bad(e, "at most %d --name", CBT_MAX_COMMANDS);
	o->command_names[o->nnames++] = s;
	return 0;
}
