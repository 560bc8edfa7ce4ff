/* experiment.c - --experiment: the runs of the causal experiments (analysis/experiments.h).
 * For each measured backend and each intervention of the table that tests one of its findings,
 * the intervention is applied to a copy of the job and its parameters (or says why it cannot
 * be), the workload is reduced so that a run takes about CBT_EXP_RUN_S, and baseline and
 * intervention runs alternate (pairs) until the change's CI is narrow enough or the budget is
 * spent. Interleaving makes the load of a busy machine hit both sides alike. */
#include <math.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>

#include "runner/runner.h"
#include "session/bench.h"
#include "session/progress.h"
#include "session/session.h"
#include "util/clock.h"

/* The weightiest finding of result i (a rule's, on its label) that iv tests; -1 if none. */
static long tested_finding(const struct cbt_session *s, size_t i, const struct cbt_intervention *iv)
{
	const struct cbt_result *r = &s->plan.results[i];
	long best = -1;
	for (size_t k = 0; k < s->findings.n; k++) {
		const struct cbt_finding *f = &s->findings.items[k];
		if (f->kind != CBT_FINDING_RULE || f->job != &r->job ||
		    !cbt_intervention_tests(iv, f))
			continue;
		if (best < 0 || f->weight > s->findings.items[best].weight)
			best = (long)k;
	}
	return best;
}

static unsigned scaled(unsigned v, double k, unsigned min)
{
	double x = floor((double)v * k);
	return x < min ? (v < min ? v : min) : (unsigned)x;
}

/* Reduces the workload by the knobs that set its size, so that a baseline run takes about
 * CBT_EXP_RUN_S; says how in x->scaled. */
static void reduce(struct cbt_experiment *x, const struct cbt_result *r, struct cbt_params *p)
{
	double k = CBT_EXP_RUN_S / r->wall.mean;
	unsigned knobs = r->job.workload->knobs;
	char *b = x->scaled;
	size_t len = sizeof(x->scaled), o = 0;
	if (!(k < 0.9) || r->job.kind == CBT_JOB_COMMAND)
		return;
	if (knobs & CBT_KNOB_ITERATIONS) {
		p->iterations = scaled(p->iterations, k, 10);
		o += (size_t)snprintf(b + o, len - o, " --iterations %u", p->iterations);
	}
	if (knobs & CBT_KNOB_CPU_SIZE) {
		p->cpu_size =
		    scaled(p->cpu_size, k, p->mixed_chunks > 1000 ? p->mixed_chunks : 1000);
		o += (size_t)snprintf(b + o, len - o, " --cpu-size %u", p->cpu_size);
	}
	if (knobs & CBT_KNOB_IO_SIZE) {
		unsigned min = p->io_block > p->mixed_chunks ? p->io_block : p->mixed_chunks;
		p->io_size = scaled(p->io_size, k, min);
		o += (size_t)snprintf(b + o, len - o, " --io-size %u", p->io_size);
	}
	if (knobs & CBT_KNOB_SLEEP) {
		p->sleep_s = fmax(1e-3, p->sleep_s * k);
		o += (size_t)snprintf(b + o, len - o, " --sleep %.3g", p->sleep_s);
	}
	(void)o;
}

/* Alternates baseline and intervention runs: at least CBT_EXP_MIN_PAIRS pairs, then until the
 * change's 95 % CI is within +-CBT_EXP_CI_PCT points, CBT_EXP_MAX_PAIRS pairs or the budget. */
static void run_pairs(struct cbt_session *s, struct cbt_experiment *x, const char *what)
{
	struct cbt_options ob = *s->o, oa = *s->o;
	struct cbt_progress pg;
	ob.params = x->before_params;
	oa.params = x->after_params;
	bool py = x->before.job.kind != CBT_JOB_NATIVE, pya = x->after.job.kind != CBT_JOB_NATIVE;
	cbt_progress_init(&pg, s->o->quiet, x->before.job.workload->name, what);
	double t0 = cbt_mono_s();
	while (!cbt_interrupted && x->before.failed_runs + x->after.failed_runs < 3) {
		size_t n = x->after.nruns < x->before.nruns ? x->after.nruns : x->before.nruns;
		if (n >= CBT_EXP_MAX_PAIRS)
			break;
		if (n >= CBT_EXP_MIN_PAIRS) {
			if (cbt_mono_s() - t0 > CBT_EXP_BUDGET_S)
				break;
			double r[CBT_EXP_MAX_PAIRS];
			struct cbt_stats st;
			cbt_experiment_log_ratios(&x->before, &x->after, n, r, &st);
			if ((st.ci95_hi - st.ci95_lo) / 2 <= log1p(CBT_EXP_CI_PCT / 100))
				break;
		}
		cbt_progress_show(&pg, "pair", n + 1,
				  n < CBT_EXP_MIN_PAIRS ? CBT_EXP_MIN_PAIRS : CBT_EXP_MAX_PAIRS,
				  NAN);
		/* a failed side drops its partner, so that runs[i] stay pairs */
		if (cbt_bench_run_one(&ob, s->tracer, py ? s->gil : NULL, &x->before) != 0)
			continue;
		if (cbt_bench_run_one(&oa, s->tracer, pya ? s->gil : NULL, &x->after) != 0) {
			struct cbt_run_record *last = &x->before.runs[--x->before.nruns];
			if (last->traced)
				cbt_trace_run_free(&last->trace);
		}
	}
	cbt_progress_done(&pg);
}

void cbt_session_experiments(struct cbt_session *s)
{
	if (!s->o->experiment)
		return;
	struct cbt_exp_ctx c = {.host_cpus = s->host.cpus, .host_slack = s->host.timer_slack_ns};
	sched_getaffinity(0, sizeof(c.host_set), &c.host_set);
	double t0 = cbt_mono_s();
	for (size_t i = 0; i < s->done && !cbt_interrupted; i++) {
		const struct cbt_result *r = &s->plan.results[i];
		if (!r->nruns || !s->sums[i].traced)
			continue;
		for (size_t v = 0; v < cbt_ninterventions && !cbt_interrupted; v++) {
			const struct cbt_intervention *iv = &cbt_interventions[v];
			long f = tested_finding(s, i, iv);
			if (f < 0 || !cbt_intervention_selected(s->o->experiments, iv))
				continue; /* no finding names a cause it switches off */
			struct cbt_experiment *x = cbt_experiments_add(&s->experiments, iv, i);
			if (!x)
				break;
			x->finding = (size_t)f;
			x->before_params = s->o->params;
			reduce(x, r, &x->before_params);
			x->after_params = x->before_params;
			x->before.job = r->job;
			x->after.job = r->job;
			if (!iv->apply(&c, &x->after_params, &x->after.job, x->changed,
				       sizeof(x->changed), x->why_not, sizeof(x->why_not)))
				continue;
			if (cbt_mono_s() - t0 > CBT_EXP_TOTAL_S) {
				snprintf(x->why_not, sizeof(x->why_not),
					 "the experiments' time budget (%.0f s) was spent",
					 CBT_EXP_TOTAL_S);
				continue;
			}
			char what[96];
			snprintf(what, sizeof(what), "%s · %s", r->job.label, iv->name);
			run_pairs(s, x, what);
		}
	}
	for (size_t k = 0; k < s->experiments.n; k++) {
		struct cbt_experiment *x = &s->experiments.items[k];
		int cpus = s->host.cpus;
		cbt_experiment_explain(x, &s->findings.items[x->finding], cpus);
	}
	cbt_session_detach(s);
}
