/* columns.c - the columns (see columns.h): what each one is and how to get its value, once.
 * Values come from the summaries and derived numbers that the JSON report prints, so every
 * exporter shows the same numbers. The tables that list them are in tables.c. */
#include <math.h>
#include <stdio.h>

#include "report/columns.h"

const char *cbt_row_command(const struct cbt_report *rep, size_t i, char *buf, size_t len)
{
	const struct cbt_result *r = &rep->results[i];
	snprintf(buf, len, "%s · %s", r->job.workload->name, r->job.label);
	return buf;
}

static bool has_runs(const struct cbt_report *rep, size_t i)
{
	return rep->results[i].nruns > 0;
}

static bool traced(const struct cbt_report *rep, size_t i)
{
	return has_runs(rep, i) && rep->summaries[i].traced && rep->derived &&
	       rep->derived[i].valid;
}

static bool probed(const struct cbt_report *rep, size_t i)
{
	return rep->summaries[i].gil.probed;
}

/* A value of the result's wall-time statistics or of its summary, NAN without a run. */
#define WALL(field)                                                                                \
	static double wall_##field(const struct cbt_report *rep, size_t i)                         \
	{                                                                                          \
		return has_runs(rep, i) ? rep->results[i].wall.field : NAN;                        \
	}
#define SUMMARY(name, expr)                                                                        \
	static double name(const struct cbt_report *rep, size_t i)                                 \
	{                                                                                          \
		const struct cbt_summary *s = &rep->summaries[i];                                  \
		return has_runs(rep, i) ? (expr) : NAN;                                            \
	}
/* A figure of the interpreter-lock probe, NAN when it did not attach. */
#define GIL(name, expr)                                                                            \
	static double name(const struct cbt_report *rep, size_t i)                                 \
	{                                                                                          \
		const struct cbt_gil_summary *g = &rep->summaries[i].gil;                          \
		return probed(rep, i) ? (expr) : NAN;                                              \
	}
WALL(mean)
WALL(stddev)
WALL(median)
WALL(min)
WALL(max)
SUMMARY(user_s, s->user_s)
SUMMARY(sys_s, s->sys_s)
SUMMARY(cpu_pct, s->cpu_pct)
SUMMARY(rusage_vol, s->voluntary)
SUMMARY(rusage_invol, s->involuntary)
SUMMARY(max_rss_mb, s->max_rss_kb / 1024.0)
GIL(gil_acquisitions, g->acquisitions)
GIL(gil_forced, g->forced_known ? g->forced : NAN)
GIL(gil_waited, g->wait_ns / 1e9)
GIL(gil_wait_share, cbt_gil_wait_share(g))
GIL(gil_blocked, g->blocked_ns / 1e9)
GIL(gil_handoff, g->handoff_ns / 1e9)
GIL(gil_p99, g->p99_ns / 1e9)
GIL(gil_cost, g->cost_ns / 1e9)

static double runs(const struct cbt_report *rep, size_t i)
{
	return (double)rep->results[i].nruns;
}

static const char *workload(const struct cbt_report *rep, size_t i, char *buf, size_t len)
{
	(void)buf, (void)len;
	return rep->results[i].job.workload->name;
}

static const char *runtime(const struct cbt_report *rep, size_t i, char *buf, size_t len)
{
	(void)buf, (void)len;
	return cbt_job_runtime(&rep->results[i].job);
}

static const char *backend(const struct cbt_report *rep, size_t i, char *buf, size_t len)
{
	(void)buf, (void)len;
	return rep->results[i].job.name;
}

static const char *label(const struct cbt_report *rep, size_t i, char *buf, size_t len)
{
	(void)buf, (void)len;
	return rep->results[i].job.label;
}

static double per_task(const struct cbt_report *rep, size_t i, double v)
{
	const struct cbt_summary *s = &rep->summaries[i];
	return traced(rep, i) && s->tasks_seen > 0 ? v / s->tasks_seen : NAN;
}

static double vol_per_task(const struct cbt_report *rep, size_t i)
{
	return per_task(rep, i, rep->summaries[i].vol);
}

static double invol_per_task(const struct cbt_report *rep, size_t i)
{
	return per_task(rep, i, rep->summaries[i].invol);
}

static double syscalls_per_task(const struct cbt_report *rep, size_t i)
{
	return per_task(rep, i, rep->summaries[i].syscalls);
}

static double rq_p50(const struct cbt_report *rep, size_t i)
{
	return traced(rep, i) ? rep->summaries[i].rq_p50_ns / 1e3 : NAN;
}

static double rq_p99(const struct cbt_report *rep, size_t i)
{
	return traced(rep, i) ? rep->summaries[i].rq_p99_ns / 1e3 : NAN;
}

static double share_oncpu(const struct cbt_report *rep, size_t i)
{
	return traced(rep, i) ? rep->derived[i].share_oncpu : NAN;
}

static double share_runnable(const struct cbt_report *rep, size_t i)
{
	return traced(rep, i) ? rep->derived[i].share_runnable : NAN;
}

static double share_blocked(const struct cbt_report *rep, size_t i)
{
	double s = 0;
	if (!traced(rep, i))
		return NAN;
	for (int k = 0; k < CBT_REASON_COUNT; k++)
		s += rep->derived[i].share_blocked[k];
	return s;
}

static const char *top_reason(const struct cbt_report *rep, size_t i, char *buf, size_t len)
{
	(void)buf, (void)len;
	if (!traced(rep, i))
		return "";
	enum cbt_reason r = cbt_top_reason(&rep->summaries[i]);
	return r < CBT_REASON_COUNT ? cbt_reason_name(r) : "";
}

static double top_reason_share(const struct cbt_report *rep, size_t i)
{
	if (!traced(rep, i))
		return NAN;
	enum cbt_reason r = cbt_top_reason(&rep->summaries[i]);
	return r < CBT_REASON_COUNT ? rep->derived[i].share_blocked[r] : 0.0;
}

/* The lock's wait (the interpreter-lock table's "waited") over the summed task time. */
static double lock_share(const struct cbt_report *rep, size_t i)
{
	const struct cbt_gil_summary *g = &rep->summaries[i].gil;
	if (!traced(rep, i) || !g->probed || rep->derived[i].task_s <= 0)
		return NAN;
	return g->wait_ns / 1e9 / rep->derived[i].task_s;
}

static const char *top_syscall(const struct cbt_report *rep, size_t i, char *buf, size_t len)
{
	const struct cbt_summary *s = &rep->summaries[i];
	snprintf(buf, len, "%.15s", s->nsyscalls && s->sys[0].name ? s->sys[0].name : "-");
	return buf;
}

/* The terminal's cells that say more than the value. */

static const char *stddev_cell(const struct cbt_report *rep, size_t i, char *buf, size_t len)
{
	char m[32];
	snprintf(buf, len, "± %s", cbt_fmt_seconds(m, sizeof(m), wall_stddev(rep, i)));
	return buf;
}

static const char *cpu_cell(const struct cbt_report *rep, size_t i, char *buf, size_t len)
{
	if (rep->results[i].wall.mean >= CBT_SHORT_RUN_S)
		snprintf(buf, len, "%.0f%%", cpu_pct(rep, i));
	else
		snprintf(buf, len, "n/a¹"); /* the timing table's footnote says why */
	return buf;
}

static const char *rss_cell(const struct cbt_report *rep, size_t i, char *buf, size_t len)
{
	snprintf(buf, len, "%.1f MB", max_rss_mb(rep, i));
	return buf;
}

/* A 10-cell bar of the summed task time: on-CPU █, runnable ▒, blocked ░. */
static const char *bar_cell(const struct cbt_report *rep, size_t i, char *buf, size_t len)
{
	const struct cbt_summary *s = &rep->summaries[i];
	double on = s->oncpu_ns, rq = s->runq_ns, tot = on + rq + s->offcpu_ns;
	int a = tot > 0 ? (int)lround(10 * on / tot) : 0;
	int b = tot > 0 ? (int)lround(10 * (on + rq) / tot) - a : 0;
	size_t o = 0;
	buf[0] = '\0';
	for (int k = 0; k < 10 && o + 4 < len; k++)
		o += (size_t)snprintf(buf + o, len - o, "%s", k < a ? "█" : k < a + b ? "▒" : "░");
	return buf;
}

/* "18| 3|80 sleep": percent on-CPU | runnable | blocked, and the top blocking reason. */
static const char *split_cell(const struct cbt_report *rep, size_t i, char *buf, size_t len)
{
	const struct cbt_summary *s = &rep->summaries[i];
	double tot = s->oncpu_ns + s->runq_ns + s->offcpu_ns;
	enum cbt_reason why = cbt_top_reason(s);
	if (tot > 0)
		snprintf(buf, len, "%2.0f|%2.0f|%2.0f %s", 100 * s->oncpu_ns / tot,
			 100 * s->runq_ns / tot, 100 * s->offcpu_ns / tot,
			 why < CBT_REASON_COUNT ? cbt_reason_name(why) : "");
	else
		snprintf(buf, len, "n/a");
	return buf;
}

#define L  false /* left-aligned in the terminal */
#define R  true	 /* right-aligned */
#define HF CBT_COL_HYPERFINE
#define IC CBT_COL_IN_COMMAND

/* key, title, terminal head, width, alignment, unit, flags, value, text value, terminal cell */
const struct cbt_column cbt_columns[CBT_C_COUNT_] = {
    [CBT_C_COMMAND] = {"command", "Command", NULL, 0, L, CBT_COL_TEXT, HF, NULL, cbt_row_command},
    [CBT_C_MEAN] = {"mean", "Mean", "wall mean", 9, R, CBT_COL_SECONDS, HF, wall_mean},
    [CBT_C_STDDEV] = {"stddev", "Std dev", "± sd", 11, L, CBT_COL_SECONDS, HF, wall_stddev, NULL,
		      stddev_cell},
    [CBT_C_MEDIAN] = {"median", "Median", NULL, 0, R, CBT_COL_SECONDS, HF, wall_median},
    [CBT_C_USER] = {"user", "User", NULL, 0, R, CBT_COL_SECONDS, HF, user_s},
    [CBT_C_SYSTEM] = {"system", "System", NULL, 0, R, CBT_COL_SECONDS, HF, sys_s},
    [CBT_C_MIN] = {"min", "Min", "min", 9, R, CBT_COL_SECONDS, HF, wall_min},
    [CBT_C_MAX] = {"max", "Max", "max", 9, R, CBT_COL_SECONDS, HF, wall_max},
    [CBT_C_WORKLOAD] = {"workload", "Workload", NULL, 0, L, CBT_COL_TEXT, IC, NULL, workload},
    [CBT_C_RUNTIME] = {"runtime", "Runtime", NULL, 0, L, CBT_COL_TEXT, IC, NULL, runtime},
    [CBT_C_BACKEND] = {"backend", "Backend", NULL, 0, L, CBT_COL_TEXT, IC, NULL, backend},
    [CBT_C_RUNS] = {"runs", "Runs", "runs", 4, R, CBT_COL_WHOLE, IC, runs},
    [CBT_C_VOL_PER_TASK] = {"voluntary_switches_per_task", "Vol sw/task", "vol", 7, R,
			    CBT_COL_COUNT, 0, vol_per_task},
    [CBT_C_INVOL_PER_TASK] = {"involuntary_switches_per_task", "Invol sw/task", "invol", 5, R,
			      CBT_COL_COUNT, 0, invol_per_task},
    [CBT_C_RQ_P50] = {"runqueue_p50_us", "Run queue p50", "p50", 8, R, CBT_COL_MICROS, 0, rq_p50},
    [CBT_C_RQ_P99] = {"runqueue_p99_us", "Run queue p99", "p99", 8, R, CBT_COL_MICROS, 0, rq_p99},
    [CBT_C_ONCPU_SHARE] = {"oncpu_share", "On CPU", NULL, 0, R, CBT_COL_SHARE, 0, share_oncpu},
    [CBT_C_RUNNABLE_SHARE] = {"runnable_share", "Runnable", NULL, 0, R, CBT_COL_SHARE, 0,
			      share_runnable},
    [CBT_C_BLOCKED_SHARE] = {"blocked_share", "Blocked", NULL, 0, R, CBT_COL_SHARE, 0,
			     share_blocked},
    [CBT_C_TOP_REASON] = {"blocked_top_reason", "Top block", NULL, 0, L, CBT_COL_TEXT, 0, NULL,
			  top_reason},
    [CBT_C_TOP_REASON_SHARE] = {"blocked_top_reason_share", "Top block share", NULL, 0, R,
				CBT_COL_SHARE, 0, top_reason_share},
    [CBT_C_LOCK_SHARE] = {"interpreter_lock_wait_share", "Lock wait", NULL, 0, R, CBT_COL_SHARE, 0,
			  lock_share},
    /* the terminal's own: not (yet) in the CSV, Markdown and HTML tables */
    [CBT_C_LABEL] = {NULL, NULL, "backend", CBT_LABEL_COLUMNS, L, CBT_COL_TEXT, 0, NULL, label},
    [CBT_C_CPU] = {NULL, NULL, "cpu", 5, R, CBT_COL_COUNT, 0, cpu_pct, NULL, cpu_cell},
    [CBT_C_RUSAGE_VOL] = {NULL, NULL, "vol sw", 8, R, CBT_COL_COUNT, 0, rusage_vol},
    [CBT_C_RUSAGE_INVOL] = {NULL, NULL, "invol sw", 8, R, CBT_COL_COUNT, 0, rusage_invol},
    [CBT_C_MAX_RSS] = {NULL, NULL, "max RSS", 8, R, CBT_COL_COUNT, 0, max_rss_mb, NULL, rss_cell},
    [CBT_C_SHARE_BAR] = {NULL, NULL, "█on ▒rq ░blk", 10, L, CBT_COL_TEXT, 0, NULL, NULL, bar_cell},
    [CBT_C_SHARE_SPLIT] = {NULL, NULL, "% on|rq|blk", 14, L, CBT_COL_TEXT, 0, NULL, NULL,
			   split_cell},
    [CBT_C_SYSCALLS_PER_TASK] = {NULL, NULL, "count", 7, R, CBT_COL_COUNT, 0, syscalls_per_task},
    [CBT_C_TOP_SYSCALL] = {NULL, NULL, "top", 15, L, CBT_COL_TEXT, 0, NULL, top_syscall},
    [CBT_C_GIL_ACQUISITIONS] = {NULL, NULL, "acquisitions", 12, R, CBT_COL_WHOLE, 0,
				gil_acquisitions},
    [CBT_C_GIL_FORCED] = {NULL, NULL, "forced", 8, R, CBT_COL_WHOLE, 0, gil_forced},
    [CBT_C_GIL_WAITED] = {NULL, NULL, "waited", 9, R, CBT_COL_SECONDS, 0, gil_waited},
    [CBT_C_GIL_WAIT_SHARE] = {NULL, NULL, "of thr.", 8, R, CBT_COL_SHARE, 0, gil_wait_share},
    [CBT_C_GIL_BLOCKED] = {NULL, NULL, "blocked", 9, R, CBT_COL_SECONDS, 0, gil_blocked},
    [CBT_C_GIL_HANDOFF] = {NULL, NULL, "hand-off", 9, R, CBT_COL_SECONDS, 0, gil_handoff},
    [CBT_C_GIL_P99] = {NULL, NULL, "p99", 9, R, CBT_COL_SECONDS, 0, gil_p99},
    [CBT_C_GIL_COST] = {NULL, NULL, "cost", 9, R, CBT_COL_SECONDS, 0, gil_cost},
};

bool cbt_row_relative(const struct cbt_report *rep, size_t i, double *rel, double *rel_sd)
{
	const struct cbt_result *r = &rep->results[i];
	size_t best = i;

	if (!r->nruns || !(r->wall.mean > 0))
		return false;
	for (size_t k = 0; k < rep->nresults; k++)
		if (rep->results[k].job.workload == r->job.workload && rep->results[k].nruns &&
		    rep->results[k].wall.mean < rep->results[best].wall.mean)
			best = k;
	const struct cbt_stats *a = &r->wall, *b = &rep->results[best].wall;
	*rel = a->mean / b->mean;
	/* hyperfine: the ratio's standard deviation by error propagation of both means */
	*rel_sd = *rel * sqrt(pow(a->stddev / a->mean, 2) + pow(b->stddev / b->mean, 2));
	return true;
}
