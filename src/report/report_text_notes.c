/* report_text_notes.c - the text report's notes under the tables: warnings and findings, as
 * bullets wrapped for a terminal. */
#include <stdlib.h>
#include <string.h>

#include "analysis/warnings.h"
#include "report/report_text.h"
#include "util/units.h"

void cbt_text_wrapped(FILE *f, const char *mark, const char *text)
{
	const char *p = text;
	int first = 1;
	while (*p) {
		size_t cut = cbt_line_cut(p, 96);
		fprintf(f, "%s%.*s\n", first ? mark : "    ", (int)cut, p);
		p += cut;
		while (*p == ' ')
			p++;
		first = 0;
	}
}

void cbt_text_bullet(FILE *f, const char *text)
{
	cbt_text_wrapped(f, "  • ", text);
}

/* Appends "label (detail)" to a list line of the notes. */
static void note_add(char *buf, size_t len, const char *label, const char *detail)
{
	size_t o = strlen(buf);
	snprintf(buf + o, len - o, "%s%s%s", o ? ", " : "", label, detail);
}

void cbt_text_warnings(FILE *f, const struct cbt_report *rep, const struct cbt_workload *workload)
{
	char listed[CBT_WARN_KINDS][2048], line[2048 + 260];
	struct cbt_warning w[CBT_MAX_WARNINGS];
	int any = 0;
	memset(listed, 0, sizeof(listed));
	for (size_t i = 0; i < rep->nresults; i++) {
		const struct cbt_result *r = &rep->results[i];
		if (r->job.workload != workload)
			continue;
		size_t n = cbt_warnings(r, &rep->summaries[i], !rep->opts->repeat, w);
		for (size_t k = 0; k < n; k++)
			if (cbt_warning_listed(w[k].kind))
				note_add(listed[w[k].kind], sizeof(listed[0]), r->job.label,
					 w[k].text);
			else {
				char t[sizeof(w[k].text) + 80];
				snprintf(t, sizeof(t), "%s: %s", r->job.label, w[k].text);
				fputs(any++ ? "" : "\n", f);
				cbt_text_wrapped(f, "  ! ", t);
			}
	}
	for (int k = 0; k < CBT_WARN_KINDS; k++) {
		if (!listed[k][0])
			continue;
		size_t o = strlen(cbt_warning_list_intro((enum cbt_warning_kind)k, line, 256));
		snprintf(line + o, sizeof(line) - o, ": ");
		memcpy(line + o + 2, listed[k], sizeof(listed[k]));
		fputs(any++ ? "" : "\n", f);
		cbt_text_bullet(f, line);
	}
}

#define FINDINGS_PER_BACKEND 2

static int by_weight_desc(const void *a, const void *b)
{
	const struct cbt_finding *x = *(const struct cbt_finding *const *)a;
	const struct cbt_finding *y = *(const struct cbt_finding *const *)b;
	return (x->weight < y->weight) - (x->weight > y->weight);
}

/* Per backend, its FINDINGS_PER_BACKEND weightiest findings in one line each (their headlines;
 * the whole text and evidence are in the JSON); then the comparisons, unless the Answer block
 * already answered them. */
void cbt_text_findings(FILE *f, const struct cbt_report *rep, const struct cbt_workload *workload,
		       bool answered)
{
	/* the whole report of a large matrix fits a screen: with the Answer above, one finding
	 * per backend past 6 backends (the JSON has every one) */
	size_t nb = 0, per = FINDINGS_PER_BACKEND;
	for (size_t i = 0; i < rep->nresults; i++)
		nb += rep->results[i].job.workload == workload;
	if (answered && nb > 6)
		per = 1;
	size_t n = rep->findings.n, shown = 0, total = 0, shown_rules = 0;
	const struct cbt_finding **v = malloc((n ? n : 1) * sizeof(*v));
	char line[800];
	if (!v)
		return;
	for (size_t i = 0; i < rep->nresults; i++) {
		const struct cbt_result *r = &rep->results[i];
		size_t k = 0;
		if (r->job.workload != workload)
			continue;
		for (size_t j = 0; j < n; j++) {
			const struct cbt_finding *x = &rep->findings.items[j];
			if (x->kind == CBT_FINDING_RULE && x->job == &r->job)
				v[k++] = x;
		}
		total += k;
		qsort(v, k, sizeof(*v), by_weight_desc);
		size_t o = (size_t)snprintf(line, sizeof(line), "%s · ", r->job.label);
		for (size_t j = 0; j < k && j < per; j++, shown++, shown_rules++) {
			const char *h = v[j]->headline[0] ? v[j]->headline : v[j]->text;
			if (!shown)
				fputs("\nFindings (each one's whole text and evidence: --json)\n",
				      f);
			if (o < sizeof(line))
				o += (size_t)snprintf(line + o, sizeof(line) - o, "%s%s",
						      j ? "; " : "", h);
		}
		if (k)
			cbt_text_bullet(f, line);
	}
	for (size_t j = 0; j < n && !answered; j++) {
		const struct cbt_finding *x = &rep->findings.items[j];
		if (x->workload != workload || x->kind != CBT_FINDING_COMPARISON)
			continue;
		if (!shown++)
			fputs("\nFindings\n", f);
		cbt_text_bullet(f, x->text);
	}
	if (total > shown_rules)
		fprintf(f, "    (%zu more findings in --json's \"findings\")\n",
			total - shown_rules);
	free(v);
}
