/* report_html_svg.c - the HTML report's charts, inline SVG sized in CSS pixels (no viewBox
 * scaling: a bar of share s is s × BAR_W pixels wide on screen, which the end-to-end test
 * measures in a headless Chromium's screenshot). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/report_html.h"
#include "util/units.h"

#define BAR_W	 800
#define BAR_H	 22
#define HIST_W	 560
#define HIST_H	 120
#define HIST_PAD 28

/* Fill colours, one per part; distinct from everything else on the page (the test finds the
 * bars by them). */
static const char *const part_color[CBT_PART_COUNT] = {
    [CBT_PART_ONCPU] = "#2e8b57",
    [CBT_PART_RUNNABLE] = "#f4a300",
    [CBT_PART_BLOCKED + CBT_REASON_SLEEP] = "#4a7fd4",
    [CBT_PART_BLOCKED + CBT_REASON_LOCK] = "#d43d3d",
    [CBT_PART_BLOCKED + CBT_REASON_IO] = "#8a4fc7",
    [CBT_PART_BLOCKED + CBT_REASON_CHILD] = "#7d7d7d",
    [CBT_PART_BLOCKED + CBT_REASON_POLL] = "#1fa3a3",
    [CBT_PART_BLOCKED + CBT_REASON_OTHER] = "#b8b8b8",
    [CBT_PART_GIL] = "#7a1f5c",
};

const char *cbt_html_part_name(enum cbt_html_part p)
{
	static char names[CBT_REASON_COUNT][24];
	if (p == CBT_PART_ONCPU)
		return "on-CPU";
	if (p == CBT_PART_RUNNABLE)
		return "runnable";
	if (p == CBT_PART_GIL)
		return "interpreter lock";
	if (p >= CBT_PART_BLOCKED && p < CBT_PART_GIL) {
		int r = p - CBT_PART_BLOCKED;
		snprintf(names[r], sizeof(names[r]), "blocked: %s",
			 cbt_reason_name((enum cbt_reason)r));
		return names[r];
	}
	return "?";
}

static double clamp0(double v)
{
	return v > 0 ? v : 0;
}

bool cbt_html_parts(const struct cbt_report *rep, size_t i, double share[CBT_PART_COUNT])
{
	const struct cbt_derived *d = rep->derived ? &rep->derived[i] : NULL;
	const struct cbt_gil_summary *g = &rep->summaries[i].gil;
	double gil_block = 0, gil_hand = 0, gil_on = 0;

	memset(share, 0, sizeof(double) * CBT_PART_COUNT);
	if (!rep->results[i].nruns || !d || !d->valid || !(d->task_s > 0))
		return false;
	if (g->probed) {
		gil_block = g->blocked_ns / 1e9 / d->task_s;
		gil_hand = g->handoff_ns / 1e9 / d->task_s;
		gil_on = g->oncpu_ns / 1e9 / d->task_s;
	}
	share[CBT_PART_ONCPU] = clamp0(d->share_oncpu - gil_on);
	share[CBT_PART_RUNNABLE] = clamp0(d->share_runnable - gil_hand);
	for (int r = 0; r < CBT_REASON_COUNT; r++)
		share[CBT_PART_BLOCKED + r] = d->share_blocked[r];
	share[CBT_PART_BLOCKED + CBT_REASON_LOCK] =
	    clamp0(d->share_blocked[CBT_REASON_LOCK] - gil_block);
	share[CBT_PART_GIL] = gil_block + gil_hand + gil_on;
	return true;
}

void cbt_html_bars(FILE *f, const struct cbt_report *rep)
{
	double share[CBT_PART_COUNT];
	char pct[32];

	fputs("<div class=\"legend\">", f);
	for (int p = 0; p < CBT_PART_COUNT; p++) {
		fprintf(f, "<span><i style=\"background:%s\"></i>", part_color[p]);
		cbt_html_text(f, cbt_html_part_name((enum cbt_html_part)p));
		fputs("</span> ", f);
	}
	fputs("</div>\n", f);
	for (size_t i = 0; i < rep->nresults; i++) {
		const struct cbt_result *r = &rep->results[i];
		double x = 0;

		if (!cbt_html_parts(rep, i, share))
			continue;
		fputs("<div class=\"bar\"><span class=\"bl\">", f);
		cbt_html_text(f, r->job.workload->name);
		fputs(" · ", f);
		cbt_html_text(f, r->job.label);
		fprintf(f,
			"</span><svg class=\"stack\" width=\"%d\" height=\"%d\" "
			"data-workload=\"",
			BAR_W, BAR_H);
		cbt_html_text(f, r->job.workload->name);
		fputs("\" data-label=\"", f);
		cbt_html_text(f, r->job.label);
		fputs("\">", f);
		for (int p = 0; p < CBT_PART_COUNT; p++) {
			double w = share[p] * BAR_W;
			if (!(w > 0))
				continue;
			snprintf(pct, sizeof(pct), "%.1f %%", 100 * share[p]);
			fprintf(f,
				"<rect x=\"%.3f\" y=\"0\" width=\"%.3f\" height=\"%d\" fill=\"%s\" "
				"data-part=\"%s\" data-share=\"%.6f\"><title>%s %s</title></rect>",
				x, w, BAR_H, part_color[p],
				cbt_html_part_name((enum cbt_html_part)p), share[p],
				cbt_html_part_name((enum cbt_html_part)p), pct);
			x += w;
		}
		fputs("</svg></div>\n", f);
	}
}

/* One column chart per traced result: log2 buckets of run-queue waits, from the first to the
 * last non-empty bucket; heights relative to the tallest bucket, counts in the tooltips. */
void cbt_html_histograms(FILE *f, const struct cbt_report *rep)
{
	char lo[32], label[64];

	fputs("<div class=\"hists\">\n", f);
	for (size_t i = 0; i < rep->nresults; i++) {
		const struct cbt_summary *s = &rep->summaries[i];
		const struct cbt_result *r = &rep->results[i];
		int first = -1, last = -1;
		uint64_t max = 0;

		if (!r->nruns || !s->traced)
			continue;
		for (int k = 0; k < CBT_HIST_SLOTS; k++)
			if (s->rq_hist[k]) {
				if (first < 0)
					first = k;
				last = k;
				if (s->rq_hist[k] > max)
					max = s->rq_hist[k];
			}
		if (first < 0)
			continue;
		int n = last - first + 1;
		double bw = (double)(HIST_W - 2 * HIST_PAD) / n;
		fputs("<figure><figcaption>", f);
		cbt_html_text(f, r->job.workload->name);
		fputs(" · ", f);
		cbt_html_text(f, r->job.label);
		fprintf(f, "</figcaption><svg width=\"%d\" height=\"%d\">", HIST_W, HIST_H + 30);
		for (int k = first; k <= last; k++) {
			double h = (double)s->rq_hist[k] / (double)max * HIST_H;
			double x = HIST_PAD + (k - first) * bw;
			cbt_fmt_seconds(lo, sizeof(lo), k ? (double)(1ull << k) / 1e9 : 0);
			fprintf(f,
				"<rect class=\"h\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
				"height=\"%.1f\"><title>",
				x + 1, HIST_H - h, bw - 2, h);
			snprintf(label, sizeof(label), "≥ %s: %llu waits", lo,
				 (unsigned long long)s->rq_hist[k]);
			cbt_html_text(f, label);
			fputs("</title></rect>", f);
			/* every third bucket, and the last unless a label is too close */
			if ((k - first) % 3 == 0 || (k == last && (k - first) % 3 == 2)) {
				fprintf(f, "<text x=\"%.1f\" y=\"%d\">", x + bw / 2, HIST_H + 16);
				cbt_html_text(f, lo);
				fputs("</text>", f);
			}
		}
		fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>",
			HIST_PAD, HIST_H, HIST_W - HIST_PAD, HIST_H);
		fputs("</svg></figure>\n", f);
	}
	fputs("</div>\n", f);
}
