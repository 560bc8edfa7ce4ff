/* experiments.c - the interventions table and the explanation of an experiment's outcome: the
 * change of wall time with its CI, the attribution figures that moved, and whether the change
 * agrees with what the finding blamed on the cause (docs/experiments.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/experiments.h"
#include "util/grow.h"
#include "util/units.h"

/* Agreement: the measured change is within [LO x, HI x] the predicted one, +-SLOP. */
#define AGREE_LO   0.5
#define AGREE_HI   1.5
#define AGREE_SLOP 0.05
#define TINY	   0.10 /* a predicted change this small predicts "no effect" */

static int cpus_of(const struct cbt_exp_ctx *c, const struct cbt_params *p)
{
	return p->pin ? CPU_COUNT(&p->cpus) : c->host_cpus;
}

static bool set_slack(const struct cbt_exp_ctx *c, struct cbt_params *p, struct cbt_job *j,
		      char *change, size_t clen, char *why, size_t wlen)
{
	(void)j;
	uint64_t now = p->timer_slack_ns ? p->timer_slack_ns : c->host_slack;
	char a[32];
	if (now <= 1) {
		snprintf(why, wlen, "the tasks already run with a 1 ns timer slack");
		return false;
	}
	snprintf(change, clen, "timer slack %s → 1 ns", cbt_fmt_seconds(a, sizeof(a), now / 1e9));
	p->timer_slack_ns = 1;
	return true;
}

static bool one_cpu(const struct cbt_exp_ctx *c, struct cbt_params *p, struct cbt_job *j,
		    char *change, size_t clen, char *why, size_t wlen)
{
	(void)j;
	int n = cpus_of(c, p);
	if (n <= 1) {
		snprintf(why, wlen, "the run already has one CPU only");
		return false;
	}
	const cpu_set_t *from = p->pin ? &p->cpus : &c->host_set;
	int first = 0;
	while (first < CPU_SETSIZE && !CPU_ISSET(first, from))
		first++;
	snprintf(change, clen, "%d CPUs → CPU %d only (pool sizes unchanged)", n, first);
	CPU_ZERO(&p->cpus);
	CPU_SET(first, &p->cpus);
	p->pin = true;
	snprintf(p->cpus_spec, sizeof(p->cpus_spec), "%d", first);
	return true;
}

static bool all_cpus(const struct cbt_exp_ctx *c, struct cbt_params *p, struct cbt_job *j,
		     char *change, size_t clen, char *why, size_t wlen)
{
	(void)j;
	if (!p->pin || CPU_COUNT(&p->cpus) >= c->host_cpus) {
		snprintf(why, wlen, "the run is not pinned to fewer CPUs than the %d it may use",
			 c->host_cpus);
		return false;
	}
	snprintf(change, clen, "CPUs %s → all %d", p->cpus_spec, c->host_cpus);
	p->pin = false;
	p->cpus_spec[0] = '\0';
	return true;
}

/* The interpreter lock's switch interval: gil-threads' knob, or CPython's own
 * sys.setswitchinterval (the script takes --switch-interval). */
static bool has_switch_interval(const struct cbt_job *j)
{
	return j->kind == CBT_JOB_PYTHON || (j->kind == CBT_JOB_NATIVE && j->backend &&
					     (j->backend->knobs & CBT_KNOB_SWITCH_INTERVAL));
}

static bool scale_switch(struct cbt_params *p, const struct cbt_job *j, double factor, char *change,
			 size_t clen, char *why, size_t wlen)
{
	char a[32], b[32];
	if (!has_switch_interval(j)) {
		snprintf(why, wlen,
			 "%s has no interpreter lock whose switch interval a knob sets (the "
			 "emulated lock and CPython's have one)",
			 j->label);
		return false;
	}
	double v = p->switch_interval_s * factor;
	if (v < 1e-6 || v > 1.0) {
		snprintf(why, wlen, "%s × %g is outside 1 µs .. 1 s",
			 cbt_fmt_seconds(a, sizeof(a), p->switch_interval_s), factor);
		return false;
	}
	snprintf(change, clen, "switch interval %s → %s",
		 cbt_fmt_seconds(a, sizeof(a), p->switch_interval_s),
		 cbt_fmt_seconds(b, sizeof(b), v));
	p->switch_interval_s = v;
	return true;
}

static bool switch_x10(const struct cbt_exp_ctx *c, struct cbt_params *p, struct cbt_job *j,
		       char *change, size_t clen, char *why, size_t wlen)
{
	(void)c;
	return scale_switch(p, j, 10.0, change, clen, why, wlen);
}

static bool switch_div10(const struct cbt_exp_ctx *c, struct cbt_params *p, struct cbt_job *j,
			 char *change, size_t clen, char *why, size_t wlen)
{
	(void)c;
	return scale_switch(p, j, 0.1, change, clen, why, wlen);
}

/* The sibling that runs the same work without the lock, from the backend's own entry. */
static bool lock_removed(const struct cbt_exp_ctx *c, struct cbt_params *p, struct cbt_job *j,
			 char *change, size_t clen, char *why, size_t wlen)
{
	(void)c, (void)p;
	const struct cbt_backend_info *to = NULL;
	if (j->backend)
		to = j->kind == CBT_JOB_PYTHON	 ? j->backend->unlocked_py
		     : j->kind == CBT_JOB_NATIVE ? j->backend->unlocked_c
						 : NULL;
	if (!to) {
		snprintf(why, wlen, "no backend runs %s's work without its lock in this runtime",
			 j->label);
		return false;
	}
	snprintf(change, clen, "%s → %s (the same work without the lock)", j->name, to->name);
	/* the label keeps its runtime prefix ("py threads" -> "py processes") */
	size_t ll = strlen(j->label), nl = strlen(j->name);
	int prefix = ll >= nl && strcmp(j->label + ll - nl, j->name) == 0 ? (int)(ll - nl) : 0;
	char label[sizeof(j->label)];
	snprintf(label, sizeof(label), "%.*s%s", prefix, j->label, to->name);
	memcpy(j->label, label, sizeof(label));
	j->backend = to;
	j->name = to->name;
	return true;
}

static bool set_workers(struct cbt_params *p, const struct cbt_job *j, unsigned n, char *change,
			size_t clen, char *why, size_t wlen)
{
	if (!j->backend || !(j->backend->knobs & CBT_KNOB_WORKERS)) {
		snprintf(why, wlen, "%s has no pool whose size --workers sets", j->label);
		return false;
	}
	if (p->workers_resolved == n) {
		snprintf(why, wlen, "the pool already has %u worker%s", n, n == 1 ? "" : "s");
		return false;
	}
	snprintf(change, clen, "pool size %u → %u", p->workers_resolved, n);
	p->workers = p->workers_resolved = n;
	return true;
}

static bool workers_tasks(const struct cbt_exp_ctx *c, struct cbt_params *p, struct cbt_job *j,
			  char *change, size_t clen, char *why, size_t wlen)
{
	(void)c;
	return set_workers(p, j, p->tasks, change, clen, why, wlen);
}

static bool workers_one(const struct cbt_exp_ctx *c, struct cbt_params *p, struct cbt_job *j,
			char *change, size_t clen, char *why, size_t wlen)
{
	(void)c;
	return set_workers(p, j, 1, change, clen, why, wlen);
}

/* The share of the backend's time the finding blamed on its cause (weights above 1 rank a
 * direct cause above its symptoms: the share is their fractional part). */
static double blamed_share(const struct cbt_finding *f)
{
	double w = f->weight > 1 ? f->weight - floor(f->weight) : f->weight;
	return w < 0 ? 0 : w > 1 ? 1 : w;
}

static double predict_removed(const struct cbt_finding *f, const struct cbt_summary *s,
			      const struct cbt_derived *d)
{
	(void)s, (void)d;
	return -blamed_share(f);
}

/* Lock waits (the futex, or CPython's GIL as the probes saw it) as a share of task time. */
static double predict_unlocked(const struct cbt_finding *f, const struct cbt_summary *s,
			       const struct cbt_derived *d)
{
	(void)f;
	double gil = s->gil.probed && d->task_s > 0 ? s->gil.wait_ns / 1e9 / d->task_s : 0;
	double share = fmax(d->share_blocked[CBT_REASON_LOCK], gil);
	return -fmin(1.0, share);
}

/* On one CPU the work that ran on `parallelism` CPUs at once takes that much longer. */
static double predict_one_cpu(const struct cbt_finding *f, const struct cbt_summary *s,
			      const struct cbt_derived *d)
{
	(void)f, (void)s;
	return d->parallelism > 1 ? d->parallelism - 1 : NAN;
}

static double predict_direction(const struct cbt_finding *f, const struct cbt_summary *s,
				const struct cbt_derived *d)
{
	(void)f, (void)s, (void)d;
	return NAN;
}

const struct cbt_intervention cbt_interventions[] = {
    {"timer-slack-1ns", "the tasks' timer slack set to 1 ns (prctl PR_SET_TIMERSLACK)",
     "timer-slack", -1, set_slack, predict_removed},
    {"lock-removed", "the same work under the sibling backend without the lock",
     "lock-convoy,gil-wait,gil-serialised,cpu-serialised", -1, lock_removed, predict_unlocked},
    {"switch-interval-x10", "the lock's switch interval ×10", "lock-convoy,gil-wait,gil-serialised",
     0, switch_x10, predict_direction},
    {"switch-interval-div10", "the lock's switch interval ÷10",
     "lock-convoy,gil-wait,gil-serialised", 0, switch_div10, predict_direction},
    {"one-cpu", "the run pinned to one CPU", "parallel", +1, one_cpu, predict_one_cpu},
    {"all-cpus", "a pinned run given every CPU", "cpu-saturation,cpu-serialised", -1, all_cpus,
     predict_direction},
    {"pool-size-tasks", "one pool worker per task", "pool-handoff,parallel,cpu-saturation", 0,
     workers_tasks, predict_direction},
    {"pool-size-1", "a pool of one worker", "pool-handoff,parallel", 0, workers_one,
     predict_direction},
};
const size_t cbt_ninterventions = sizeof(cbt_interventions) / sizeof(cbt_interventions[0]);

void cbt_experiment_log_ratios(const struct cbt_result *before, const struct cbt_result *after,
			       size_t n, double *r, struct cbt_stats *st)
{
	for (size_t i = 0; i < n; i++)
		r[i] = log(after->runs[i].wall_s / before->runs[i].wall_s);
	cbt_stats_compute(r, n, st);
}

/* Is `name` in the comma-separated list? */
static bool listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *t = list; t && *t;) {
		const char *comma = strchr(t, ',');
		size_t len = comma ? (size_t)(comma - t) : strlen(t);
		if (len == n && strncmp(t, name, n) == 0)
			return true;
		t = comma ? comma + 1 : NULL;
	}
	return false;
}

bool cbt_intervention_selected(const char *only, const struct cbt_intervention *iv)
{
	return !only || listed(only, iv->name);
}

int cbt_interventions_check(const char *only, char *err, size_t len)
{
	for (const char *t = only; t && *t;) {
		const char *comma = strchr(t, ',');
		size_t n = comma ? (size_t)(comma - t) : strlen(t);
		bool known = false;
		for (size_t i = 0; i < cbt_ninterventions && !known; i++)
			known = strlen(cbt_interventions[i].name) == n &&
				strncmp(cbt_interventions[i].name, t, n) == 0;
		if (!known) {
			size_t o = (size_t)snprintf(
			    err, len, "unknown --experiment '%.*s'; allowed:", (int)n, t);
			for (size_t i = 0; i < cbt_ninterventions && o < len; i++)
				o += (size_t)snprintf(err + o, len - o, "%s %s", i ? "," : "",
						      cbt_interventions[i].name);
			return -1;
		}
		t = comma ? comma + 1 : NULL;
	}
	return 0;
}

bool cbt_intervention_tests(const struct cbt_intervention *iv, const struct cbt_finding *f)
{
	return listed(iv->tests, f->rule);
}

struct cbt_experiment *cbt_experiments_add(struct cbt_experiments *e,
					   const struct cbt_intervention *iv, size_t base)
{
	struct cbt_experiment *x = CBT_GROW(e->items, e->n, e->cap, 8);
	if (!x)
		return NULL;
	e->n++;
	x->iv = iv;
	x->base = base;
	x->change = x->ci_lo = x->ci_hi = x->blamed = NAN;
	return x;
}

/* The figures of the attribution an intervention may move; floor: below it on both sides the
 * figure is noise, not a move. */
static void figures(struct cbt_experiment *x)
{
	const struct cbt_summary *s[2] = {&x->sb, &x->sa};
	const struct cbt_derived *d[2] = {&x->db, &x->da};
	static const struct {
		const char *name, *key;
		double floor;
	} f[CBT_EXP_FIGURES] = {
	    {"switches per sleep call", "switches_per_sleep_call", 0.01},
	    /* the sleep's own switch is voluntary (it blocked); a busy machine's preemptions are
	     * involuntary and another cause */
	    {"blocking switches per sleep call", "voluntary_switches_per_sleep_call", 0.01},
	    {"µs per sleep call", "sleep_call_us", 1},
	    {"futex waits", "futex_waits", 100},
	    {"lock wait (s)", "lock_wait_s", 0.01},
	    {"GIL wait (s)", "gil_wait_s", 0.01},
	    {"run-queue wait (s)", "runqueue_wait_s", 0.01},
	    {"involuntary switches", "involuntary_switches", 100},
	    {"CPUs' worth at once", "parallelism", 0.1},
	    {"wake-ups between tasks", "cross_task_wakeups", 100},
	    {"on-CPU (s)", "oncpu_s", 0.01},
	};
	for (int k = 0; k < 2; k++) {
		double v[CBT_EXP_FIGURES] = {
		    d[k]->switches_per_sleep,
		    d[k]->sleep_calls > 0 ? s[k]->vol / d[k]->sleep_calls : NAN,
		    d[k]->sleep_call_us,
		    d[k]->lock_waits,
		    s[k]->offcpu_by_reason_ns[CBT_REASON_LOCK] / 1e9,
		    s[k]->gil.probed ? s[k]->gil.wait_ns / 1e9 : NAN,
		    s[k]->runq_ns / 1e9,
		    s[k]->invol,
		    d[k]->parallelism,
		    d[k]->cross_wakeups,
		    s[k]->oncpu_ns / 1e9,
		};
		for (int i = 0; i < CBT_EXP_FIGURES; i++) {
			double val = d[k]->valid ? v[i] : NAN;
			if (k == 0)
				x->fig[i].before = val;
			else
				x->fig[i].after = val;
		}
	}
	x->nfig = CBT_EXP_FIGURES;
	for (int i = 0; i < CBT_EXP_FIGURES; i++) {
		struct cbt_exp_figure *g = &x->fig[i];
		g->name = f[i].name;
		g->key = f[i].key;
		double hi = fmax(fabs(g->before), fabs(g->after));
		g->moved = isfinite(g->before) && isfinite(g->after) && hi >= f[i].floor &&
			   fabs(g->after - g->before) > CBT_EXP_MOVED * hi;
	}
}

static enum cbt_exp_verdict verdict(const struct cbt_experiment *x, int expect)
{
	bool zero_in = !(x->ci_lo > 0 || x->ci_hi < 0); /* NAN (one pair): no claim either */
	double b = x->blamed, c = x->change;
	if (isnan(b)) {
		if (zero_in)
			return CBT_EXP_NO_EFFECT;
		if (expect && (c > 0) != (expect > 0))
			return CBT_EXP_OPPOSITE;
		return CBT_EXP_DIRECTION_OK;
	}
	if (zero_in)
		return fabs(b) < TINY ? CBT_EXP_AGREES : CBT_EXP_NO_EFFECT;
	if ((c > 0) != (b > 0))
		return CBT_EXP_OPPOSITE;
	if (fabs(c) < AGREE_LO * fabs(b) - AGREE_SLOP)
		return CBT_EXP_LESS;
	if (fabs(c) > AGREE_HI * fabs(b) + AGREE_SLOP)
		return CBT_EXP_MORE;
	return CBT_EXP_AGREES;
}

void cbt_experiment_explain(struct cbt_experiment *x, const struct cbt_finding *f, int cpus)
{
	size_t n = x->before.nruns < x->after.nruns ? x->before.nruns : x->after.nruns;
	x->ran = n > 0;
	if (!x->ran) {
		x->verdict = CBT_EXP_NOT_RUN;
		return;
	}
	double *r = malloc(n * sizeof(*r));
	if (!r)
		return;
	for (int side = 0; side < 2; side++) { /* pairs only: a run without its partner goes */
		struct cbt_result *res = side ? &x->after : &x->before;
		while (res->nruns > n)
			if (res->runs[--res->nruns].traced)
				cbt_trace_run_free(&res->runs[res->nruns].trace);
	}
	for (int side = 0; side < 2; side++) {
		struct cbt_result *res = side ? &x->after : &x->before;
		for (size_t i = 0; i < n; i++)
			r[i] = res->runs[i].wall_s;
		cbt_stats_compute(r, n, &res->wall);
	}
	struct cbt_stats st;
	cbt_experiment_log_ratios(&x->before, &x->after, n, r, &st);
	free(r);
	x->change = expm1(st.mean);
	x->ci_lo = expm1(st.ci95_lo);
	x->ci_hi = expm1(st.ci95_hi);
	cbt_summarize(&x->before, &x->sb);
	cbt_summarize(&x->after, &x->sa);
	int ca = x->after_params.pin ? CPU_COUNT(&x->after_params.cpus) : cpus;
	int cb = x->before_params.pin ? CPU_COUNT(&x->before_params.cpus) : cpus;
	cbt_derive(&x->before, &x->sb, cb, &x->db);
	cbt_derive(&x->after, &x->sa, ca, &x->da);
	figures(x);
	x->blamed = x->db.valid ? x->iv->predict(f, &x->sb, &x->db) : NAN;
	x->verdict = verdict(x, x->iv->expect);
}

void cbt_experiments_free(struct cbt_experiments *e)
{
	for (size_t i = 0; i < e->n; i++) {
		cbt_result_free(&e->items[i].before);
		cbt_result_free(&e->items[i].after);
	}
	free(e->items);
	e->items = NULL;
	e->n = e->cap = 0;
}

const char *cbt_exp_verdict_name(enum cbt_exp_verdict v)
{
	static const char *const names[CBT_EXP_VERDICT_KINDS] = {
	    [CBT_EXP_NOT_RUN] = "not run",
	    [CBT_EXP_AGREES] = "agrees",
	    [CBT_EXP_LESS] = "DISAGREES: worth less than blamed",
	    [CBT_EXP_MORE] = "DISAGREES: worth more than blamed",
	    [CBT_EXP_OPPOSITE] = "DISAGREES: opposite direction",
	    [CBT_EXP_NO_EFFECT] = "no measurable effect",
	    [CBT_EXP_DIRECTION_OK] = "moved as expected",
	};
	return names[v];
}
