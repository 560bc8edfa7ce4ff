/* experiments_out.c - see experiments_out.h. */
#include <math.h>
#include <string.h>

#include "report/experiments_out.h"
#include "report/report_json.h"
#include "util/units.h"

/* "-75 % [-77, -73]" */
static const char *pct_ci(char *b, size_t len, const struct cbt_experiment *x)
{
	if (isnan(x->ci_lo))
		snprintf(b, len, "%+.0f %%", 100 * x->change);
	else
		snprintf(b, len, "%+.0f %% [%+.0f, %+.0f]", 100 * x->change, 100 * x->ci_lo,
			 100 * x->ci_hi);
	return b;
}

/* A figure's value with enough digits to show a move from 1 to 0.0005. */
static const char *fig(char *b, size_t len, double v)
{
	if (isnan(v))
		snprintf(b, len, "-");
	else if (fabs(v) >= 100 || v == 0)
		snprintf(b, len, "%.0f", v);
	else
		snprintf(b, len, "%.3g", v);
	return b;
}

void cbt_text_experiments(FILE *f, const struct cbt_report *rep,
			  const struct cbt_workload *workload)
{
	const struct cbt_experiments *e = rep->experiments;
	size_t shown = 0;
	char a[32], b[32], c[48], line[1024];
	for (size_t i = 0; e && i < e->n; i++) {
		const struct cbt_experiment *x = &e->items[i];
		const struct cbt_result *base = &rep->results[x->base];
		if (base->job.workload != workload)
			continue;
		if (!shown++) {
			fprintf(f,
				"\nExperiments (one cause changed at a time; baseline and changed "
				"runs alternate; docs/experiments.md)\n");
			fprintf(f, "  %-16s %-22s %-22s %-22s %-8s %s\n", "backend", "intervention",
				"wall before → after", "change [95 % CI]", "blamed", "verdict");
		}
		if (!x->ran) {
			fprintf(f, "  %-16s %-22s not run: %s\n", base->job.label, x->iv->name,
				x->why_not[0] ? x->why_not : "interrupted");
			continue;
		}
		char ba[64], bl[16];
		snprintf(ba, sizeof(ba), "%s → %s",
			 cbt_fmt_seconds(a, sizeof(a), x->before.wall.mean),
			 cbt_fmt_seconds(b, sizeof(b), x->after.wall.mean));
		if (isnan(x->blamed))
			snprintf(bl, sizeof(bl), "%s",
				 x->iv->expect < 0   ? "faster"
				 : x->iv->expect > 0 ? "slower"
						     : "either");
		else
			snprintf(bl, sizeof(bl), "%+.0f %%", 100 * x->blamed);
		fprintf(f, "  %-16s %-22s %-22s %-22s %-8s %s\n", base->job.label, x->iv->name, ba,
			pct_ci(c, sizeof(c), x), bl, cbt_exp_verdict_name(x->verdict));
		size_t o = (size_t)snprintf(line, sizeof(line), "%s, %zu pairs%s%s", x->changed,
					    x->before.nruns, x->scaled[0] ? ", at" : "", x->scaled);
		for (size_t k = 0; k < x->nfig && o < sizeof(line); k++)
			if (x->fig[k].moved)
				o += (size_t)snprintf(line + o, sizeof(line) - o, "; %s %s → %s",
						      x->fig[k].name,
						      fig(a, sizeof(a), x->fig[k].before),
						      fig(b, sizeof(b), x->fig[k].after));
		const char *p = line;
		while (*p) {
			size_t cut = cbt_line_cut(p, 92);
			fprintf(f, "      %.*s\n", (int)cut, p);
			p += cut;
			while (*p == ' ')
				p++;
		}
	}
	if (shown)
		fprintf(f, "  (blamed: the change of wall time the finding's attribution predicts; "
			   "the verdict sets the measured change against it)\n");
}

static void runs(struct cbt_json *j, const char *key, const struct cbt_result *r,
		 const struct cbt_params *p)
{
	cbt_json_object(j, key);
	cbt_json_str(j, "label", r->job.label);
	cbt_json_str(j, "backend", r->job.name);
	cbt_json_u64(j, "iterations", p->iterations);
	cbt_json_u64(j, "cpu_size", p->cpu_size);
	cbt_json_u64(j, "io_size", p->io_size);
	cbt_json_num(j, "sleep_s", p->sleep_s);
	cbt_report_json_knobs(j, p);
	cbt_json_array(j, "wall_seconds");
	for (size_t i = 0; i < r->nruns; i++)
		cbt_json_num(j, NULL, r->runs[i].wall_s);
	cbt_json_end(j, ']');
	cbt_json_array(j, "voluntary_switches"); /* getrusage of each run: the kernel's count */
	for (size_t i = 0; i < r->nruns; i++)
		cbt_json_u64(j, NULL, (uint64_t)r->runs[i].ru.ru_nvcsw);
	cbt_json_end(j, ']');
	cbt_json_u64(j, "failed_runs", r->failed_runs);
	cbt_json_str(j, "failure", r->failure[0] ? r->failure : NULL);
	cbt_json_end(j, '}');
}

void cbt_json_experiments(struct cbt_json *j, const struct cbt_report *rep)
{
	const struct cbt_experiments *e = rep->experiments;
	if (!e)
		return;
	cbt_json_array(j, "experiments");
	for (size_t i = 0; i < e->n; i++) {
		const struct cbt_experiment *x = &e->items[i];
		const struct cbt_result *base = &rep->results[x->base];
		cbt_json_object(j, NULL);
		cbt_json_str(j, "intervention", x->iv->name);
		cbt_json_str(j, "what", x->iv->what);
		cbt_json_str(j, "workload", base->job.workload->name);
		cbt_json_str(j, "backend", base->job.label);
		cbt_json_str(j, "runtime", cbt_job_runtime(&base->job));
		cbt_json_str(j, "tests", rep->findings.items[x->finding].rule);
		cbt_json_bool(j, "ran", x->ran);
		cbt_json_str(j, "why_not",
			     x->ran	     ? NULL
			     : x->why_not[0] ? x->why_not
					     : "interrupted");
		if (!x->why_not[0]) {
			cbt_json_str(j, "changed", x->changed);
			cbt_json_str(j, "reduced", x->scaled[0] ? x->scaled + 1 : NULL);
			runs(j, "before", &x->before, &x->before_params);
			runs(j, "after", &x->after, &x->after_params);
		}
		if (x->ran) {
			cbt_json_num(j, "wall_before_s", x->before.wall.mean);
			cbt_json_num(j, "wall_after_s", x->after.wall.mean);
			cbt_json_num(j, "change", x->change);
			cbt_json_array(j, "change_ci95");
			cbt_json_num(j, NULL, x->ci_lo);
			cbt_json_num(j, NULL, x->ci_hi);
			cbt_json_end(j, ']');
			cbt_json_num(j, "predicted_change", x->blamed);
			cbt_json_i64(j, "expected_direction", x->iv->expect);
			cbt_json_str(j, "verdict", cbt_exp_verdict_name(x->verdict));
			cbt_json_bool(j, "agrees",
				      x->verdict == CBT_EXP_AGREES ||
					  x->verdict == CBT_EXP_DIRECTION_OK);
			cbt_json_object(j, "figures");
			for (size_t k = 0; k < x->nfig; k++) {
				cbt_json_object(j, x->fig[k].key);
				cbt_json_num(j, "before", x->fig[k].before);
				cbt_json_num(j, "after", x->fig[k].after);
				cbt_json_bool(j, "moved", x->fig[k].moved);
				cbt_json_end(j, '}');
			}
			cbt_json_end(j, '}');
		}
		cbt_json_end(j, '}');
	}
	cbt_json_end(j, ']');
}
