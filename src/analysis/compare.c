/* compare.c - see compare.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/compare.h"
#include "util/msg.h"

static const struct cbt_jval *results_of(const struct cbt_jval *doc)
{
	const struct cbt_jval *r = cbt_jget(doc, "results");
	return r && r->type == CBT_JARR ? r : NULL;
}

/* The measured wall times of a result, into a new array (NULL when there are none). */
static double *runs_of(const struct cbt_jval *res, size_t *n)
{
	const struct cbt_jval *runs = cbt_jpath(res, "wall_seconds.runs");
	*n = 0;
	if (!runs || runs->type != CBT_JARR || !runs->n)
		return NULL;
	double *x = malloc(runs->n * sizeof(*x));
	for (size_t i = 0; x && i < runs->n; i++)
		if (runs->items[i].type == CBT_JNUM && isfinite(runs->items[i].num))
			x[(*n)++] = runs->items[i].num;
	return x;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *x, size_t n)
{
	if (!n)
		return NAN;
	qsort(x, n, sizeof(*x), cmp_double);
	return n % 2 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
}

static bool same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static const struct cbt_jval *find_result(const struct cbt_jval *results,
					  const struct cbt_jval *like)
{
	for (size_t i = 0; results && i < results->n; i++) {
		const struct cbt_jval *r = &results->items[i];
		if (same(cbt_jstr(r, "workload"), cbt_jstr(like, "workload")) &&
		    same(cbt_jstr(r, "runtime"), cbt_jstr(like, "runtime")) &&
		    same(cbt_jstr(r, "backend"), cbt_jstr(like, "backend")))
			return r;
	}
	return NULL;
}

/* One component of task time (ns per run, summed over tasks) in both documents. */
static void consider(struct cbt_cmp_row *row, const char *name, double o, double n)
{
	if (isnan(o) && isnan(n))
		return;
	o = isnan(o) ? 0 : o;
	n = isnan(n) ? 0 : n;
	double delta = (n - o) / 1e9;
	if (row->attribution[0] && fabs(delta) <= fabs(row->attribution_delta_s))
		return;
	snprintf(row->attribution, sizeof(row->attribution), "%s", name);
	row->attribution_delta_s = delta;
	row->attribution_change = o > 0 ? n / o - 1 : (n > 0 ? INFINITY : 0);
}

static void attribute(struct cbt_cmp_row *row, const struct cbt_jval *o, const struct cbt_jval *n)
{
	const struct cbt_jval *to = cbt_jget(o, "totals"), *tn = cbt_jget(n, "totals");
	if (!to || !tn)
		return;
	consider(row, "on-CPU", cbt_jnum(to, "oncpu_ns"), cbt_jnum(tn, "oncpu_ns"));
	consider(row, "run-queue", cbt_jnum(to, "runqueue_wait_ns"),
		 cbt_jnum(tn, "runqueue_wait_ns"));
	consider(row, "lock (GIL) wait", cbt_jnum(to, "interpreter_lock.wait_ns"),
		 cbt_jnum(tn, "interpreter_lock.wait_ns"));
	/* blocked time by reason: every reason either document has */
	for (int side = 0; side < 2; side++) {
		const struct cbt_jval *by = cbt_jget(side ? tn : to, "offcpu_by_reason_ns");
		for (size_t i = 0; by && by->type == CBT_JOBJ && i < by->n; i++) {
			char name[48], path[96];
			snprintf(name, sizeof(name), "blocked %s", by->keys[i]);
			snprintf(path, sizeof(path), "offcpu_by_reason_ns.%s", by->keys[i]);
			consider(row, name, cbt_jnum(to, path), cbt_jnum(tn, path));
		}
	}
}

static void compare_row(struct cbt_cmp_row *row, const struct cbt_jval *o, const struct cbt_jval *n,
			const struct cbt_compare_opts *opt)
{
	const struct cbt_jval *any = n ? n : o;
	row->workload = cbt_jstr(any, "workload");
	row->runtime = cbt_jstr(any, "runtime");
	row->backend = cbt_jstr(any, "backend");
	row->label = cbt_jstr(any, "label");
	row->only_old = !n;
	row->only_new = !o;
	size_t no = 0, nn = 0;
	double *xo = o ? runs_of(o, &no) : NULL, *xn = n ? runs_of(n, &nn) : NULL;
	row->n_old = no;
	row->n_new = nn;
	row->p = NAN;
	row->change = NAN;
	if (o && n) {
		row->test = cbt_significance(xo, no, xn, nn, &row->p);
		attribute(row, o, n);
	}
	row->old_median = median(xo, no); /* after the test: median sorts in place */
	row->new_median = median(xn, nn);
	if (row->old_median > 0 && isfinite(row->new_median))
		row->change = row->new_median / row->old_median - 1;
	row->significant =
	    isfinite(row->p) && row->p < opt->alpha && fabs(row->change) >= opt->noise_floor;
	free(xo);
	free(xn);
}

/* What differs between the hosts that ran the two documents, "" when nothing. */
static void host_mismatch(const struct cbt_jval *o, const struct cbt_jval *n, char *buf, size_t len)
{
	static const char *const keys[] = {"host.hostname", "host.kernel", "host.machine"};
	size_t off = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *a = cbt_jstr(o, keys[i]), *b = cbt_jstr(n, keys[i]);
		if (a && b && strcmp(a, b) != 0 && off < len)
			off += (size_t)snprintf(buf + off, len - off, "%s%s %s vs %s",
						off ? "; " : "", keys[i] + 5, a, b);
	}
	double ca = cbt_jnum(o, "host.cpus"), cb = cbt_jnum(n, "host.cpus");
	if (isfinite(ca) && isfinite(cb) && ca != cb && off < len)
		snprintf(buf + off, len - off, "%scpus %g vs %g", off ? "; " : "", ca, cb);
}

int cbt_compare(const struct cbt_jval *old_doc, const struct cbt_jval *new_doc,
		const struct cbt_compare_opts *opt, struct cbt_comparison *out, char *err,
		size_t len)
{
	memset(out, 0, sizeof(*out));
	const struct cbt_jval *docs[2] = {old_doc, new_doc};
	for (int i = 0; i < 2; i++)
		if (!same(cbt_jstr(docs[i], "tool"), "concbench-trace") || !results_of(docs[i])) {
			cbt_msg(err, len,
				"the %s file is not a concbench-trace JSON document (no \"tool\": "
				"\"concbench-trace\" with \"results\")",
				i ? "new" : "old");
			return -1;
		}
	host_mismatch(old_doc, new_doc, out->mismatch, sizeof(out->mismatch));
	if (out->mismatch[0] && !opt->force) {
		cbt_msg(err, len,
			"the runs come from different machines (%s): their times are not "
			"comparable; --force compares them anyway",
			out->mismatch);
		return -1;
	}
	out->forced = out->mismatch[0] != '\0';
	const struct cbt_jval *ro = results_of(old_doc), *rn = results_of(new_doc);
	out->rows = calloc(ro->n + rn->n + 1, sizeof(*out->rows));
	if (!out->rows) {
		cbt_msg(err, len, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < rn->n; i++)
		compare_row(&out->rows[out->n++], find_result(ro, &rn->items[i]), &rn->items[i],
			    opt);
	for (size_t i = 0; i < ro->n; i++)
		if (!find_result(rn, &ro->items[i]))
			compare_row(&out->rows[out->n++], &ro->items[i], NULL, opt);
	double logsum = 0;
	for (size_t i = 0; i < out->n; i++)
		if (isfinite(out->rows[i].change) && out->rows[i].change > -1) {
			logsum += log1p(out->rows[i].change);
			out->geomean_n++;
		}
	out->geomean_change = out->geomean_n ? expm1(logsum / (double)out->geomean_n) : NAN;
	return 0;
}

void cbt_comparison_free(struct cbt_comparison *c)
{
	free(c->rows);
	memset(c, 0, sizeof(*c));
}
