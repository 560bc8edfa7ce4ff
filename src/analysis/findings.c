/* findings.c - runs the rules over every backend of a workload and writes the comparisons. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/findings.h"
#include "util/grow.h"

#define COMPARE_MIN_RATIO 1.5 /* a backend this much slower than the fastest gets a line */
#define COMPARE_MAX_LINES 3

void cbt_evidence(struct cbt_finding *f, const char *key, double value)
{
	if (f->nev < CBT_MAX_EVIDENCE) {
		f->ev[f->nev].key = key;
		f->ev[f->nev].value = value;
		f->nev++;
	}
}

static struct cbt_finding *push(struct cbt_findings *out)
{
	return CBT_GROW(out->items, out->n, out->cap, 16);
}

/* The components of summed task time, in seconds (mean per run). */
#define NCOMP (2 + CBT_REASON_COUNT)
static const char *const comp_name[NCOMP] = {"on-CPU time",	  "run-queue wait",    "sleep",
					     "lock (futex) wait", "I/O wait",	       "child wait",
					     "poll wait",	  "other blocked time"};

static void components(const struct cbt_summary *s, double *c)
{
	c[0] = s->oncpu_ns / 1e9;
	c[1] = s->runq_ns / 1e9;
	for (int i = 0; i < CBT_REASON_COUNT; i++)
		c[2 + i] = s->offcpu_by_reason_ns[i] / 1e9;
}

static void per_op_note(char *buf, size_t len, int comp, const struct cbt_rule_input *slow,
			const struct cbt_rule_input *fast)
{
	const struct cbt_derived *b = slow->d, *f = fast->d;
	const struct cbt_perf_value *pb = &slow->s->perf[CBT_PERF_PAGE_FAULTS];
	const struct cbt_perf_value *pf = &fast->s->perf[CBT_PERF_PAGE_FAULTS];
	buf[0] = '\0';
	if (comp == 0 && pb->supported && pf->supported && pb->value > 2 * pf->value + 100) {
		snprintf(buf, len, " (%llu vs %llu page faults)", (unsigned long long)pb->value,
			 (unsigned long long)pf->value);
		return;
	}
	if (comp == 2 + CBT_REASON_LOCK && b->sleep_calls > 0)
		snprintf(buf, len, " (%.2f futex waits per sleep call vs %.2f)",
			 b->lock_waits_per_sleep, f->sleep_calls > 0 ? f->lock_waits_per_sleep : 0);
	else if (comp == 2 + CBT_REASON_SLEEP && b->sleep_calls > 0 && f->sleep_calls > 0)
		snprintf(buf, len, " (%.0f µs per sleep call vs %.0f)", b->sleep_call_us,
			 f->sleep_call_us);
	else if (comp == 1)
		snprintf(buf, len, " (%.1f vs %.1f tasks waiting for a CPU on average)",
			 b->runnable_avg, f->runnable_avg);
}

static void compare(struct cbt_findings *out, const struct cbt_workload *workload,
		    const struct cbt_rule_input *slow, const struct cbt_rule_input *fast)
{
	double cs[NCOMP], cf[NCOMP], ratio = slow->d->wall_s / fast->d->wall_s;
	int best = -1, second = -1;
	components(slow->s, cs);
	components(fast->s, cf);
	for (int i = 0; i < NCOMP; i++) {
		double diff = cs[i] - cf[i];
		if (diff <= 0)
			continue;
		if (best < 0 || diff > cs[best] - cf[best]) {
			second = best;
			best = i;
		} else if (second < 0 || diff > cs[second] - cf[second]) {
			second = i;
		}
	}
	/* run-queue wait is a symptom of CPU demand: name the extra on-CPU time first */
	double wall_diff = slow->d->wall_s - fast->d->wall_s;
	if (best == 1 && cs[0] - cf[0] > 0.1 * wall_diff) {
		second = 1;
		best = 0;
	}
	struct cbt_finding *f = push(out);
	if (!f)
		return;
	f->kind = CBT_FINDING_COMPARISON;
	f->rule = "comparison";
	f->workload = workload;
	f->weight = 1.0;
	snprintf(f->backends, sizeof(f->backends), "%s,%s", slow->backend, fast->backend);
	int n = snprintf(f->text, sizeof(f->text), "%s is %.1f× slower than %s (%.3f s vs %.3f s)",
			 slow->backend, ratio, fast->backend, slow->d->wall_s, fast->d->wall_s);
	double conc_s = slow->d->concurrency, conc_f = fast->d->concurrency;
	char note[128];
	bool overlap = conc_f > 1.5 * conc_s && conc_f / conc_s >= ratio / 2;
	if (overlap && n > 0 && (size_t)n < sizeof(f->text)) {
		/* less concurrency explains the wall time: say that first */
		n += snprintf(f->text + n, sizeof(f->text) - (size_t)n,
			      ": it ran its tasks %s (%.1f vs %.1f tasks in flight on average)",
			      conc_s < 1.2 ? "one at a time" : "less concurrently", conc_s, conc_f);
		if (slow->d->sleep_calls > 0 && n > 0 && (size_t)n < sizeof(f->text))
			n += snprintf(f->text + n, sizeof(f->text) - (size_t)n,
				      ", and each sleep call still took %.0f µs",
				      slow->d->sleep_call_us);
	} else if (best >= 0 && n > 0 && (size_t)n < sizeof(f->text)) {
		per_op_note(note, sizeof(note), best, slow, fast);
		n += snprintf(f->text + n, sizeof(f->text) - (size_t)n,
			      ": its tasks spent +%.2f s more in %s%s", cs[best] - cf[best],
			      comp_name[best], note);
		if (second >= 0 && cs[second] - cf[second] > 0.1 * (cs[best] - cf[best]) && n > 0 &&
		    (size_t)n < sizeof(f->text)) {
			per_op_note(note, sizeof(note), second, slow, fast);
			snprintf(f->text + n, sizeof(f->text) - (size_t)n, " and +%.2f s in %s%s",
				 cs[second] - cf[second], comp_name[second], note);
		}
	}
	snprintf(f->headline, sizeof(f->headline), "%s is %.1f× slower than %s", slow->backend,
		 ratio, fast->backend);
	cbt_evidence(f, "ratio", ratio);
	cbt_evidence(f, "slow_wall_s", slow->d->wall_s);
	cbt_evidence(f, "fast_wall_s", fast->d->wall_s);
	if (best >= 0)
		cbt_evidence(f, "top_difference_s", cs[best] - cf[best]);
	cbt_evidence(f, "slow_concurrency", conc_s);
	cbt_evidence(f, "fast_concurrency", conc_f);
}

static int by_ratio_desc(const void *a, const void *b)
{
	const struct cbt_rule_input *x = *(const struct cbt_rule_input *const *)a;
	const struct cbt_rule_input *y = *(const struct cbt_rule_input *const *)b;
	return (x->d->wall_s < y->d->wall_s) - (x->d->wall_s > y->d->wall_s);
}

/* Within each runtime: every backend >= COMPARE_MIN_RATIO slower than that runtime's fastest
 * (the slowest first, at most COMPARE_MAX_LINES). Across runtimes: the same backend. */
static void comparisons(struct cbt_findings *out, const struct cbt_workload *workload,
			const struct cbt_rule_input *in, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		bool first_of_runtime = true;
		for (size_t k = 0; k < i; k++)
			if (in[k].runtime == in[i].runtime)
				first_of_runtime = false;
		if (!first_of_runtime)
			continue;
		const struct cbt_rule_input *fast = NULL, *slow[64];
		size_t nslow = 0;
		for (size_t k = 0; k < n; k++)
			if (in[k].d->valid && in[k].runtime == in[i].runtime &&
			    (!fast || in[k].d->wall_s < fast->d->wall_s))
				fast = &in[k];
		for (size_t k = 0; fast && k < n && nslow < 64; k++)
			if (in[k].d->valid && in[k].runtime == in[i].runtime &&
			    in[k].d->wall_s >= COMPARE_MIN_RATIO * fast->d->wall_s)
				slow[nslow++] = &in[k];
		qsort(slow, nslow, sizeof(slow[0]), by_ratio_desc);
		for (size_t k = 0; k < nslow && k < COMPARE_MAX_LINES; k++) {
			compare(out, workload, slow[k], fast);
			out->n++;
		}
	}
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < n; k++) {
			const struct cbt_rule_input *a = &in[i], *b = &in[k];
			if (i == k || !a->d->valid || !b->d->valid || !a->info ||
			    a->info != b->info || a->runtime == b->runtime ||
			    a->d->wall_s < COMPARE_MIN_RATIO * b->d->wall_s)
				continue;
			compare(out, workload, a, b);
			out->n++;
		}
}

void cbt_findings_run(struct cbt_findings *out, const struct cbt_workload *workload,
		      const struct cbt_rule_input *inputs, size_t ninputs)
{
	for (size_t i = 0; i < ninputs; i++) {
		const struct cbt_rule_input *in = &inputs[i];
		if (!in->d->valid)
			continue;
		for (size_t r = 0; r < cbt_nrules; r++) {
			struct cbt_finding *f = push(out);
			if (!f)
				return;
			f->kind = CBT_FINDING_RULE;
			f->rule = cbt_rules[r].name;
			f->workload = workload;
			f->job = in->job;
			snprintf(f->backends, sizeof(f->backends), "%s", in->backend);
			if (cbt_rules[r].fn(in, f))
				out->n++;
		}
	}
	comparisons(out, workload, inputs, ninputs);
}

void cbt_findings_free(struct cbt_findings *f)
{
	free(f->items);
	f->items = NULL;
	f->n = f->cap = 0;
}
