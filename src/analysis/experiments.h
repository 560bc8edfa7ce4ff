/* experiments.h - causal experiments (--experiment): after the baseline runs, each backend whose
 * findings name a cause that a knob or a sibling backend can switch off is re-run with that one
 * cause removed or changed, interleaved with fresh baseline runs, and the measured effect is
 * set against what the finding blamed on the cause. The interventions are one table
 * (experiments.c, cbt_interventions[]): which findings each tests, how it changes the job or
 * the parameters, and when it does not apply and why. The session runs them
 * (session/experiment.c); this part decides which apply and explains their outcome. Includes the
 * model and the analysis only. docs/experiments.md says what each can and cannot prove. */
#ifndef CBT_EXPERIMENTS_H
#define CBT_EXPERIMENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis/analysis.h"
#include "analysis/derived.h"
#include "analysis/findings.h"
#include "model/params.h"
#include "model/result.h"

/* Pairs of (baseline, intervention) runs: at least MIN, then more until the 95 % CI of the
 * change is within +-CI_PCT points, at most MAX pairs or BUDGET_S seconds per experiment. */
#define CBT_EXP_MIN_PAIRS 3
#define CBT_EXP_MAX_PAIRS 10
#define CBT_EXP_CI_PCT	  5.0
#define CBT_EXP_BUDGET_S  12.0
/* All experiments of an invocation: past it, the rest are listed as not run, with why. */
#define CBT_EXP_TOTAL_S 240.0
/* Experiments re-run the workload at a size whose baseline run takes about this long. */
#define CBT_EXP_RUN_S 0.5

/* What an intervention may read to decide whether it applies and how to change the run. */
struct cbt_exp_ctx {
	int host_cpus;	     /* CPUs the tool may use */
	cpu_set_t host_set;  /* which */
	uint64_t host_slack; /* the system's timer slack, ns */
};

struct cbt_intervention {
	const char *name;  /* "timer-slack-1ns": as JSON writes it */
	const char *what;  /* one line: what it changes */
	const char *tests; /* comma-separated finding rules it tests ("timer-slack,...") */
	int expect;	   /* the direction the findings predict: -1 faster, +1 slower, 0 either */
	/* Changes params and job of a copy of the baseline; returns false (why filled) when the
	 * intervention cannot apply to this job. `change` says what it did ("50 µs → 1 ns"). */
	bool (*apply)(const struct cbt_exp_ctx *c, struct cbt_params *p, struct cbt_job *j,
		      char *change, size_t clen, char *why, size_t wlen);
	/* The change of wall time (fraction, -0.75 = 75 % less) the finding's attribution
	 * predicts, or NAN when it predicts only a direction. */
	double (*predict)(const struct cbt_finding *f, const struct cbt_summary *s,
			  const struct cbt_derived *d);
};

extern const struct cbt_intervention cbt_interventions[];
extern const size_t cbt_ninterventions;

/* --experiment=LIST: is the intervention in it (NULL: every one)? */
bool cbt_intervention_selected(const char *only, const struct cbt_intervention *iv);
/* 0 when every name of LIST is an intervention, else -1 with what is allowed in err. */
int cbt_interventions_check(const char *only, char *err, size_t len);
/* log(after/before) of the first n pairs of runs into r, and their statistics. */
void cbt_experiment_log_ratios(const struct cbt_result *before, const struct cbt_result *after,
			       size_t n, double *r, struct cbt_stats *st);
/* Does the intervention test this finding (its rule is in the row's `tests`)? */
bool cbt_intervention_tests(const struct cbt_intervention *iv, const struct cbt_finding *f);

enum cbt_exp_verdict {
	CBT_EXP_NOT_RUN,       /* does not apply (why_not) or was interrupted */
	CBT_EXP_AGREES,	       /* the measured change is what the attribution predicted */
	CBT_EXP_LESS,	       /* the cause was worth less than the finding blamed on it */
	CBT_EXP_MORE,	       /* worth more than blamed: the attribution under-counts it */
	CBT_EXP_OPPOSITE,      /* it moved the other way */
	CBT_EXP_NO_EFFECT,     /* the CI of the change includes 0 */
	CBT_EXP_DIRECTION_OK,  /* only a direction was predicted, and it went that way */
	CBT_EXP_VERDICT_KINDS, /* count */
};

#define CBT_EXP_FIGURES 11

/* One figure of the attribution before and after ("switches per sleep call"); moved: it
 * changed by more than CBT_EXP_MOVED (relative) and the text shows it. */
struct cbt_exp_figure {
	const char *name, *key; /* wording, and the JSON key */
	double before, after;
	bool moved;
};
#define CBT_EXP_MOVED 0.20

struct cbt_experiment {
	const struct cbt_intervention *iv;
	size_t base;	   /* index of the baseline result in the report's results */
	size_t finding;	   /* index of the finding it tests (the weightiest) */
	char why_not[200]; /* when it did not apply */
	char changed[120]; /* what it changed, e.g. "timer slack 50 µs → 1 ns" */
	char scaled[120];  /* how the workload was reduced for the experiment, or "" */
	struct cbt_params before_params, after_params;
	struct cbt_result before, after; /* interleaved: before.runs[i] then after.runs[i] */
	/* filled by cbt_experiment_explain */
	bool ran;
	struct cbt_summary sb, sa;
	struct cbt_derived db, da;
	double change, ci_lo, ci_hi; /* wall after/before - 1 (geometric mean of the pairs' ratios),
				      * its 95 % CI */
	double blamed;		     /* the predicted change (NAN: direction only) */
	enum cbt_exp_verdict verdict;
	size_t nfig;
	struct cbt_exp_figure fig[CBT_EXP_FIGURES];
};

struct cbt_experiments {
	size_t n, cap;
	struct cbt_experiment *items;
};

/* Adds an experiment row (zeroed, iv and base set); NULL when out of memory. */
struct cbt_experiment *cbt_experiments_add(struct cbt_experiments *e,
					   const struct cbt_intervention *iv, size_t base);
/* The change in wall time and its CI, the figures that moved and the verdict. */
void cbt_experiment_explain(struct cbt_experiment *x, const struct cbt_finding *f, int cpus);
void cbt_experiments_free(struct cbt_experiments *e);

/* "agrees", "less than blamed", ...: as JSON and the text write it. */
const char *cbt_exp_verdict_name(enum cbt_exp_verdict v);

#endif
