/* report_text_notes.c - the text report's notes under the tables: warnings and findings, as
 * bullets wrapped for a terminal. */
#include <stdlib.h>
#include <string.h>

#include "analysis/warnings.h"
#include "report/report_text.h"
#include "util/units.h"

#define TEXT_COLS 96 /* a line's text behind its 4-column mark: 100 columns */

/* Bytes of p that fill at most `cols` display columns (one per UTF-8 character), broken at a
 * space, but not at one right after a digit while another space will do: a number stays with
 * its unit ("93 %", "66.6 ms"). All of p when it fits. */
static size_t line_cut(const char *p, size_t cols)
{
	size_t w = 0, any = 0, good = 0, i;
	for (i = 0; p[i]; i++) {
		if (((unsigned char)p[i] & 0xC0) == 0x80)
			continue;
		if (w++ == cols)
			break;
		if (p[i] == ' ' && i) {
			any = i;
			if (!(p[i - 1] >= '0' && p[i - 1] <= '9'))
				good = i;
		}
	}
	if (!p[i])
		return i;
	return good ? good : any ? any : i;
}

void cbt_text_wrapped(FILE *f, const char *mark, const char *text)
{
	const char *p = text;
	int first = 1;
	while (*p) {
		size_t cut = line_cut(p, TEXT_COLS);
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

/* Cuts s to one line of TEXT_COLS columns, at its last clause ("; ", ", ", " (") that leaves
 * room for " …" (else at a space): the short view's findings. */
static void one_line(char *s)
{
	size_t fit = line_cut(s, TEXT_COLS), cut = 0;
	if (!s[fit])
		return;
	size_t room = line_cut(s, TEXT_COLS - 2);
	for (size_t i = 1; i < room; i++)
		if ((s[i] == ';' || s[i] == ',') && s[i + 1] == ' ')
			cut = i;
		else if (s[i] == ' ' && s[i + 1] == '(')
			cut = i;
	if (!cut)
		cut = room;
	snprintf(s + cut, 8, " …");
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
	size_t nlisted[CBT_WARN_KINDS] = {0};
	double count[CBT_WARN_KINDS] = {0}, top[CBT_WARN_KINDS] = {0};
	int any = 0;
	memset(listed, 0, sizeof(listed));
	for (size_t i = 0; i < rep->nresults; i++) {
		const struct cbt_result *r = &rep->results[i];
		if (r->job.workload != workload)
			continue;
		size_t n = cbt_warnings(r, &rep->summaries[i], !rep->opts->repeat, w);
		for (size_t k = 0; k < n; k++)
			if (cbt_warning_listed(w[k].kind)) {
				note_add(listed[w[k].kind], sizeof(listed[0]), r->job.label,
					 w[k].text);
				nlisted[w[k].kind]++;
				count[w[k].kind] += w[k].count;
				if (w[k].value > top[w[k].kind])
					top[w[k].kind] = w[k].value;
			} else {
				char t[sizeof(w[k].text) + 80];
				snprintf(t, sizeof(t), "%s: %s", r->job.label, w[k].text);
				fputs(any++ ? "" : "\n", f);
				if (!rep->opts->verbose) /* its advice: with -v and in the JSON */
					one_line(t);
				cbt_text_wrapped(f, "  ! ", t);
			}
	}
	/* a listed note: by default in one line (its list is in the JSON's warnings), with -v
	 * each result named */
	for (int k = 0; k < CBT_WARN_KINDS; k++) {
		enum cbt_warning_kind kind = (enum cbt_warning_kind)k;
		if (!listed[k][0])
			continue;
		fputs(any++ ? "" : "\n", f);
		if (!rep->opts->verbose) {
			cbt_warning_list_summary(kind, nlisted[k], count[k], top[k], line, 512);
			one_line(line);
			cbt_text_bullet(f, line);
			continue;
		}
		size_t o = strlen(cbt_warning_list_intro(kind, line, 256));
		snprintf(line + o, sizeof(line) - o, ": ");
		memcpy(line + o + 2, listed[k], sizeof(listed[k]));
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

/* Per backend, its FINDINGS_PER_BACKEND weightiest findings (their headlines; the whole text
 * and evidence are in the JSON) in one bullet: by default one line (past 6 backends with an
 * Answer above, one finding each), with -v in full; then the comparisons, unless the Answer
 * block already answered them. */
void cbt_text_findings(FILE *f, const struct cbt_report *rep, const struct cbt_workload *workload,
		       bool answered)
{
	bool verbose = rep->opts->verbose;
	size_t nb = 0, per = FINDINGS_PER_BACKEND;
	for (size_t i = 0; i < rep->nresults; i++)
		nb += rep->results[i].job.workload == workload;
	if (answered && nb > 6 && !verbose)
		per = 1;
	size_t n = rep->findings.n, shown = 0, total = 0, shown_rules = 0;
	const struct cbt_finding **v = malloc((n ? n : 1) * sizeof(*v));
	char line[800];
	if (!v)
		return;
	for (size_t i = 0; i < rep->nresults; i++) {
		const struct cbt_result *r = &rep->results[i];
		if (r->job.workload != workload)
			continue;
		for (size_t j = 0; j < n; j++) {
			const struct cbt_finding *x = &rep->findings.items[j];
			total += x->kind == CBT_FINDING_RULE && x->job == &r->job;
		}
	}
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
		qsort(v, k, sizeof(*v), by_weight_desc);
		size_t o = (size_t)snprintf(line, sizeof(line), "%s · ", r->job.label);
		for (size_t j = 0; j < k && j < per; j++, shown++, shown_rules++) {
			const char *h = v[j]->headline[0] ? v[j]->headline : v[j]->text;
			if (!shown && verbose)
				fputs("\nFindings (each one's whole text and evidence: --json)\n",
				      f);
			else if (!shown)
				fprintf(f,
					"\nFindings (in one line each; in full: -v; all %zu with "
					"their evidence: --json)\n",
					total);
			if (o < sizeof(line))
				o += (size_t)snprintf(line + o, sizeof(line) - o, "%s%s",
						      j ? "; " : "", h);
		}
		if (!k)
			continue;
		if (!verbose)
			one_line(line);
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
	if (total > shown_rules && verbose)
		fprintf(f, "    (%zu more findings in --json's \"findings\")\n",
			total - shown_rules);
	free(v);
}
