/* report_html.c - one self-contained HTML page: inline CSS and SVG, no script, no font or
 * anything else fetched, readable offline. The run's header, the timing table (the column
 * model of CSV and Markdown), where task time went (stacked bars), run-queue latency
 * histograms, the top waker -> wakee pairs, the findings with their evidence. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis/answer.h"
#include "analysis/warnings.h"
#include "report/columns.h"
#include "report/exporter.h"
#include "report/report_html.h"
#include "util/units.h"

void cbt_html_text(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}

static const char css[] =
    "body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#222}"
    "h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px;border-bottom:1px "
    "solid #ddd}"
    "dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px;margin:8px 0}"
    "dt{color:#666}dd{margin:0}"
    "table{border-collapse:collapse;font-size:12px}th,td{padding:3px 6px;border-bottom:1px "
    "solid #eee;text-align:right;white-space:nowrap}th{background:#f6f6f6}"
    "td.t,th.t{text-align:left}"
    ".legend span{margin-right:14px;white-space:nowrap}.legend "
    "i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}"
    ".bar{display:flex;align-items:center;margin:4px 0}.bl{width:230px;flex:none;"
    "overflow:hidden;text-overflow:ellipsis;white-space:nowrap}"
    ".stack{background:#fff;flex:none}"
    ".hists{display:flex;flex-wrap:wrap;gap:8px}figure{margin:0}figcaption{font-size:13px}"
    "rect.h{fill:#5a6b7d}text{font-size:10px;text-anchor:middle;fill:#444}"
    ".axis{stroke:#999}li{margin:6px 0}.ev{color:#555;font-size:12px}";

static void dt(FILE *f, const char *k, const char *v)
{
	fputs("<dt>", f);
	cbt_html_text(f, k);
	fputs("</dt><dd>", f);
	cbt_html_text(f, v);
	fputs("</dd>", f);
}

static void header(FILE *f, const struct cbt_report *rep)
{
	const struct cbt_host *h = rep->host;
	char buf[4400];

	fputs("<h1>concbench-trace ", f);
	cbt_html_text(f, CBT_VERSION);
	fputs("</h1>\n<dl>", f);
	dt(f, "host", h->hostname);
	snprintf(buf, sizeof(buf), "Linux %s (%s)", h->kernel, h->machine);
	dt(f, "kernel", buf);
	snprintf(buf, sizeof(buf), "%d", h->cpus);
	dt(f, "CPUs", buf);
	uint64_t slack =
	    rep->opts->params.timer_slack_ns ? rep->opts->params.timer_slack_ns : h->timer_slack_ns;
	snprintf(buf, sizeof(buf), "%.1f µs", (double)slack / 1e3);
	dt(f, "timer slack", buf);
	if (rep->python) {
		snprintf(buf, sizeof(buf), "CPython %s (%s)", rep->python->version,
			 rep->python->executable);
		dt(f, "interpreter", buf);
	}
	if (rep->gil_status && rep->gil_status[0])
		dt(f, "interpreter lock", rep->gil_status);
	dt(f, "tracing", rep->tracing);
	for (unsigned w = 0; w < rep->nworkloads; w++) {
		snprintf(buf, sizeof(buf), "%u tasks, %u iterations", rep->opts->params.tasks,
			 rep->opts->params.iterations);
		dt(f, rep->winfo[w].workload->name, buf);
	}
	if (rep->interrupted)
		dt(f, "interrupted", "yes: the results hold the runs that finished");
	fputs("</dl>\n", f);
}

static void cell_num(FILE *f, const struct cbt_column *col, double v)
{
	char buf[64];
	if (!isfinite(v))
		snprintf(buf, sizeof(buf), "n/a");
	else if (col->kind == CBT_COL_SECONDS)
		cbt_fmt_seconds(buf, sizeof(buf), v);
	else if (col->kind == CBT_COL_MICROS)
		cbt_fmt_seconds(buf, sizeof(buf), v / 1e6);
	else if (col->kind == CBT_COL_SHARE)
		snprintf(buf, sizeof(buf), "%.1f %%", 100 * v);
	else if (fabs(v) >= 100 || v == floor(v))
		snprintf(buf, sizeof(buf), "%.0f", v);
	else
		snprintf(buf, sizeof(buf), "%.1f", v);
	fprintf(f, "<td>%s</td>", buf);
}

static void timing_table(FILE *f, const struct cbt_report *rep)
{
	const struct cbt_table *t = &cbt_table_results;
	char buf[256];

	fputs("<table><tr><th class=\"t\">Command</th><th>Mean ± sd</th><th>Min</th><th>Max</th>"
	      "<th>Relative</th>",
	      f);
	for (size_t c = 0; c < t->ncols; c++)
		if (!(cbt_table_col(t, c)->flags & (CBT_COL_HYPERFINE | CBT_COL_IN_COMMAND)))
			fprintf(f, "<th%s>%s</th>",
				cbt_table_col(t, c)->kind == CBT_COL_TEXT ? " class=\"t\"" : "",
				cbt_table_col(t, c)->title);
	fputs("</tr>\n", f);
	for (size_t i = 0; i < rep->nresults; i++) {
		const struct cbt_result *r = &rep->results[i];
		char m[32], sd[32], lo[32], hi[32];
		double rel, rel_sd;

		fputs("<tr><td class=\"t\">", f);
		cbt_html_text(f, cbt_row_command(rep, i, buf, sizeof(buf)));
		fputs("</td>", f);
		if (r->nruns) {
			cbt_fmt_seconds(m, sizeof(m), r->wall.mean);
			cbt_fmt_seconds(sd, sizeof(sd), r->wall.stddev);
			cbt_fmt_seconds(lo, sizeof(lo), r->wall.min);
			cbt_fmt_seconds(hi, sizeof(hi), r->wall.max);
			fprintf(f, "<td>%s ± %s</td><td>%s</td><td>%s</td>", m, sd, lo, hi);
		} else {
			fputs("<td>n/a</td><td>n/a</td><td>n/a</td>", f);
		}
		if (cbt_row_relative(rep, i, &rel, &rel_sd) && isfinite(rel_sd) && rel != 1.0)
			fprintf(f, "<td>%.2f ± %.2f</td>", rel, rel_sd);
		else if (r->nruns)
			fprintf(f, "<td>%.2f</td>", rel);
		else
			fputs("<td>n/a</td>", f);
		for (size_t c = 0; c < t->ncols; c++) {
			const struct cbt_column *col = cbt_table_col(t, c);
			if (col->flags & (CBT_COL_HYPERFINE | CBT_COL_IN_COMMAND))
				continue;
			if (col->kind == CBT_COL_TEXT) {
				fputs("<td class=\"t\">", f);
				cbt_html_text(f, col->text(rep, i, buf, sizeof(buf)));
				fputs("</td>", f);
			} else {
				cell_num(f, col, col->num(rep, i));
			}
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

/* The most frequent waker -> wakee pairs of each traced result's median run. */
static void wakers(FILE *f, const struct cbt_report *rep)
{
	char buf[64];

	fputs("<table><tr><th class=\"t\">Backend</th><th class=\"t\">Waker</th><th "
	      "class=\"t\">Wakee</th><th>Wake-ups</th></tr>\n",
	      f);
	for (size_t i = 0; i < rep->nresults; i++) {
		const struct cbt_result *r = &rep->results[i];
		const struct cbt_summary *s = &rep->summaries[i];
		if (!r->nruns || !s->traced || s->median_run >= r->nruns ||
		    !r->runs[s->median_run].traced)
			continue;
		const struct cbt_trace_run *t = &r->runs[s->median_run].trace;
		for (size_t k = 0; k < t->nwakers && k < 5; k++) {
			const struct cbt_waker_pair *p = &t->wakers[k];
			const char *wakee = "";
			for (size_t n = 0; n < t->ntasks; n++)
				if (t->tasks[n].tid == p->wakee_tid)
					wakee = t->tasks[n].comm;
			fputs("<tr><td class=\"t\">", f);
			if (k == 0) {
				cbt_html_text(f, r->job.workload->name);
				fputs(" · ", f);
				cbt_html_text(f, r->job.label);
			}
			fputs("</td><td class=\"t\">", f);
			cbt_html_text(f, p->waker_comm);
			if (p->waker_tid) {
				snprintf(buf, sizeof(buf), " %d", (int)p->waker_tid);
				cbt_html_text(f, buf);
			}
			fputs(" →</td><td class=\"t\">", f);
			cbt_html_text(f, wakee);
			snprintf(buf, sizeof(buf), " %d", (int)p->wakee_tid);
			cbt_html_text(f, buf);
			fprintf(f, "</td><td>%llu</td></tr>\n", (unsigned long long)p->count);
		}
	}
	fputs("</table>\n<p class=\"ev\">Of each backend's median run; a waker of 0 ([irq]) is an "
	      "interrupt or the idle task (a timer ending a sleep).</p>\n",
	      f);
}

static void findings(FILE *f, const struct cbt_report *rep)
{
	char buf[64];

	if (!rep->findings.n) {
		fputs("<p>No finding: no rule matched (or the runs were not traced).</p>\n", f);
		return;
	}
	fputs("<ul>\n", f);
	for (size_t i = 0; i < rep->findings.n; i++) {
		const struct cbt_finding *x = &rep->findings.items[i];
		fputs("<li><b>", f);
		cbt_html_text(f, x->workload->name);
		fputs(" · ", f);
		cbt_html_text(f, x->backends);
		fputs("</b> ", f);
		cbt_html_text(f, x->text);
		fputs("<div class=\"ev\">evidence: ", f);
		for (size_t k = 0; k < x->nev; k++) {
			snprintf(buf, sizeof(buf), "%s%s = %.6g", k ? ", " : "", x->ev[k].key,
				 x->ev[k].value);
			cbt_html_text(f, buf);
		}
		fputs(" (rule ", f);
		cbt_html_text(f, x->rule);
		fputs(")</div></li>\n", f);
	}
	fputs("</ul>\n", f);
}

/* The Answer block's questions, as the terminal's first lines (docs/findings.md). */
static void answers(FILE *f, const struct cbt_report *rep)
{
	if (!rep->answers || !rep->answers->n)
		return;
	fputs("<h2>Answer</h2>\n<ul>\n", f);
	for (size_t i = 0; i < rep->answers->n; i++) {
		fputs("<li>", f);
		cbt_html_text(f, rep->answers->items[i].text);
		fputs("</li>\n", f);
	}
	fputs("</ul>\n", f);
}

/* Every warning of every result, each with its whole sentence (the terminal's short view says
 * the listed ones in one line). */
static void notes(FILE *f, const struct cbt_report *rep)
{
	struct cbt_warning w[CBT_MAX_WARNINGS];
	int any = 0;
	for (size_t i = 0; i < rep->nresults; i++) {
		size_t n =
		    cbt_warnings(&rep->results[i], &rep->summaries[i], !rep->opts->repeat, w);
		for (size_t k = 0; k < n; k++) {
			char intro[320] = "";
			if (!any++)
				fputs("<h2>Notes</h2>\n<ul>\n", f);
			if (cbt_warning_listed(w[k].kind))
				cbt_warning_list_intro(w[k].kind, intro, sizeof(intro));
			fputs("<li><b>", f);
			cbt_html_text(f, rep->results[i].job.label);
			fputs("</b> ", f);
			cbt_html_text(f, intro);
			cbt_html_text(f, intro[0] && w[k].text[0] ? ":" : "");
			cbt_html_text(f, w[k].text);
			fputs("</li>\n", f);
		}
	}
	if (any)
		fputs("</ul>\n", f);
}

static void write_html(FILE *f, const struct cbt_report *rep)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	      "<title>concbench-trace report</title><style>",
	      f);
	fputs(css, f);
	fputs("</style></head><body>\n", f);
	header(f, rep);
	answers(f, rep);
	fputs("<h2>Timing</h2>\n", f);
	timing_table(f, rep);
	fputs("<h2>Where task time went</h2>\n<p class=\"ev\">Shares of the time of every task of "
	      "a run (summed over tasks, mean per run): running, runnable but waiting for a CPU, "
	      "blocked by the system call it blocked in; for CPython, waiting for the interpreter "
	      "lock.</p>\n",
	      f);
	cbt_html_bars(f, rep);
	fputs("<h2>Run-queue latency</h2>\n<p class=\"ev\">Every wait for a CPU of every task "
	      "(woken or preempted until running), log2 buckets, all runs.</p>\n",
	      f);
	cbt_html_histograms(f, rep);
	fputs("<h2>Who woke whom</h2>\n", f);
	wakers(f, rep);
	fputs("<h2>Findings</h2>\n", f);
	findings(f, rep);
	notes(f, rep);
	fputs("</body></html>\n", f);
}

const struct cbt_exporter cbt_exporter_html = {
    "html", "html", "one self-contained page: tables and charts (inline SVG)", write_html};
