/* tables.c - the cells of the result tables (see tables.h): what each column shows, once. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/tables.h"

#define LABEL_W 18

const char *cbt_fmt_count(char *buf, size_t len, double v)
{
	if (!isfinite(v))
		snprintf(buf, len, "n/a");
	else if (v >= 1e7)
		snprintf(buf, len, "%.1fM", v / 1e6);
	else if (v >= 100 || v == 0)
		snprintf(buf, len, "%.0f", v);
	else
		snprintf(buf, len, "%.1f", v);
	return buf;
}

#define CELL(row, c) (row)->cell[c], sizeof((row)->cell[c])

static const struct cbt_column timing_cols[] = {{"backend", LABEL_W, false},
						{"wall mean", 9, true},
						{"± sd", 11, false},
						{"min", 9, true},
						{"max", 9, true},
						{"runs", 4, true},
						{"cpu", 5, true},
						{"vol sw", 8, true},
						{"invol sw", 8, true},
						{"max RSS", 8, true}};

static bool timing_row(const struct cbt_report *rep, size_t i, struct cbt_row *row)
{
	const struct cbt_result *r = &rep->results[i];
	const struct cbt_summary *s = &rep->summaries[i];
	char m[32];
	if (!r->nruns)
		return false;
	snprintf(CELL(row, 0), "%s", r->job.label);
	cbt_fmt_seconds(CELL(row, 1), r->wall.mean);
	snprintf(CELL(row, 2), "± %s", cbt_fmt_seconds(m, sizeof(m), r->wall.stddev));
	cbt_fmt_seconds(CELL(row, 3), r->wall.min);
	cbt_fmt_seconds(CELL(row, 4), r->wall.max);
	snprintf(CELL(row, 5), "%zu", r->nruns);
	if (r->wall.mean >= CBT_SHORT_RUN_S)
		snprintf(CELL(row, 6), "%.0f%%", s->cpu_pct);
	else
		snprintf(CELL(row, 6), "n/a¹");
	cbt_fmt_count(CELL(row, 7), s->voluntary);
	cbt_fmt_count(CELL(row, 8), s->involuntary);
	snprintf(CELL(row, 9), "%.1f MB", s->max_rss_kb / 1024.0);
	return true;
}

const struct cbt_table cbt_table_timing = {"timing", 10, timing_cols, timing_row};

/* A 10-cell bar: on-CPU █, runnable ▒, blocked ░. */
static void share_bar(char *buf, size_t len, double on, double rq, double off)
{
	double tot = on + rq + off;
	int a = tot > 0 ? (int)lround(10 * on / tot) : 0;
	int b = tot > 0 ? (int)lround(10 * (on + rq) / tot) - a : 0;
	size_t o = 0;
	buf[0] = '\0';
	for (int i = 0; i < 10 && o + 4 < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s", i < a ? "█" : i < a + b ? "▒" : "░");
}

static const struct cbt_column kernel_cols[] = {{"backend", LABEL_W, false},
						{"vol", 7, true},
						{"invol", 5, true},
						{"p50", 8, true},
						{"p99", 8, true},
						{"█on ▒rq ░blk", 10, false},
						{"% on|rq|blk", 14, false},
						{"count", 7, true},
						{"top", 15, false}};

static bool kernel_row(const struct cbt_report *rep, size_t i, struct cbt_row *row)
{
	const struct cbt_result *r = &rep->results[i];
	const struct cbt_summary *s = &rep->summaries[i];
	if (!r->nruns || !s->traced)
		return false;
	double n = s->tasks_seen > 0 ? s->tasks_seen : 1;
	double tot = s->oncpu_ns + s->runq_ns + s->offcpu_ns;
	enum cbt_reason why = cbt_top_reason(s);
	snprintf(CELL(row, 0), "%s", r->job.label);
	cbt_fmt_count(CELL(row, 1), s->vol / n);
	cbt_fmt_count(CELL(row, 2), s->invol / n);
	cbt_fmt_seconds(CELL(row, 3), s->rq_p50_ns / 1e9);
	cbt_fmt_seconds(CELL(row, 4), s->rq_p99_ns / 1e9);
	share_bar(CELL(row, 5), s->oncpu_ns, s->runq_ns, s->offcpu_ns);
	if (tot > 0)
		snprintf(CELL(row, 6), "%2.0f|%2.0f|%2.0f %s", 100 * s->oncpu_ns / tot,
			 100 * s->runq_ns / tot, 100 * s->offcpu_ns / tot,
			 why < CBT_REASON_COUNT ? cbt_reason_name(why) : "");
	else
		snprintf(CELL(row, 6), "n/a");
	cbt_fmt_count(CELL(row, 7), s->syscalls / n);
	snprintf(CELL(row, 8), "%.15s", s->nsyscalls && s->sys[0].name ? s->sys[0].name : "-");
	return true;
}

const struct cbt_table cbt_table_kernel = {"kernel", 9, kernel_cols, kernel_row};

static const struct cbt_column gil_cols[] = {
    {"backend", LABEL_W, false}, {"acquisitions", 12, true}, {"forced", 8, true},
    {"waited", 9, true},	 {"of thr.", 8, true},	     {"blocked", 9, true},
    {"hand-off", 9, true},	 {"p99", 9, true},	     {"cost", 9, true}};

static bool gil_row(const struct cbt_report *rep, size_t i, struct cbt_row *row)
{
	const struct cbt_gil_summary *g = &rep->summaries[i].gil;
	if (!g->probed)
		return false;
	snprintf(CELL(row, 0), "%s", rep->results[i].job.label);
	snprintf(CELL(row, 1), "%.0f", g->acquisitions);
	if (g->forced_known)
		snprintf(CELL(row, 2), "%.0f", g->forced);
	else
		snprintf(CELL(row, 2), "n/a");
	cbt_fmt_seconds(CELL(row, 3), g->wait_ns / 1e9);
	snprintf(CELL(row, 4), "%.1f%%", 100.0 * cbt_gil_wait_share(g));
	cbt_fmt_seconds(CELL(row, 5), g->blocked_ns / 1e9);
	cbt_fmt_seconds(CELL(row, 6), g->handoff_ns / 1e9);
	cbt_fmt_seconds(CELL(row, 7), g->p99_ns / 1e9);
	cbt_fmt_seconds(CELL(row, 8), g->cost_ns / 1e9);
	return true;
}

const struct cbt_table cbt_table_gil = {"interpreter_lock", 9, gil_cols, gil_row};
