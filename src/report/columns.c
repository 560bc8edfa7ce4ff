/* columns.c - see columns.h. Values come from the summaries and derived numbers that the text
 * and JSON reports print, so every exporter shows the same numbers. */
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

#define WALL(field)                                                                                \
	static double wall_##field(const struct cbt_report *rep, size_t i)                         \
	{                                                                                          \
		return has_runs(rep, i) ? rep->results[i].wall.field : NAN;                        \
	}
WALL(mean)
WALL(stddev)
WALL(median)
WALL(min)
WALL(max)

static double user_s(const struct cbt_report *rep, size_t i)
{
	return has_runs(rep, i) ? rep->summaries[i].user_s : NAN;
}

static double sys_s(const struct cbt_report *rep, size_t i)
{
	return has_runs(rep, i) ? rep->summaries[i].sys_s : NAN;
}

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

const struct cbt_result_column cbt_result_columns[] = {
    {"command", "Command", CBT_COL_TEXT, true, false, NULL, cbt_row_command},
    {"mean", "Mean", CBT_COL_SECONDS, true, false, wall_mean, NULL},
    {"stddev", "Std dev", CBT_COL_SECONDS, true, false, wall_stddev, NULL},
    {"median", "Median", CBT_COL_SECONDS, true, false, wall_median, NULL},
    {"user", "User", CBT_COL_SECONDS, true, false, user_s, NULL},
    {"system", "System", CBT_COL_SECONDS, true, false, sys_s, NULL},
    {"min", "Min", CBT_COL_SECONDS, true, false, wall_min, NULL},
    {"max", "Max", CBT_COL_SECONDS, true, false, wall_max, NULL},
    {"workload", "Workload", CBT_COL_TEXT, false, true, NULL, workload},
    {"runtime", "Runtime", CBT_COL_TEXT, false, true, NULL, runtime},
    {"backend", "Backend", CBT_COL_TEXT, false, true, NULL, backend},
    {"runs", "Runs", CBT_COL_COUNT, false, true, runs, NULL},
    {"voluntary_switches_per_task", "Vol sw/task", CBT_COL_COUNT, false, false, vol_per_task, NULL},
    {"involuntary_switches_per_task", "Invol sw/task", CBT_COL_COUNT, false, false, invol_per_task,
     NULL},
    {"runqueue_p50_us", "Run queue p50", CBT_COL_MICROS, false, false, rq_p50, NULL},
    {"runqueue_p99_us", "Run queue p99", CBT_COL_MICROS, false, false, rq_p99, NULL},
    {"oncpu_share", "On CPU", CBT_COL_SHARE, false, false, share_oncpu, NULL},
    {"runnable_share", "Runnable", CBT_COL_SHARE, false, false, share_runnable, NULL},
    {"blocked_share", "Blocked", CBT_COL_SHARE, false, false, share_blocked, NULL},
    {"blocked_top_reason", "Top block", CBT_COL_TEXT, false, false, NULL, top_reason},
    {"blocked_top_reason_share", "Top block share", CBT_COL_SHARE, false, false, top_reason_share,
     NULL},
    {"interpreter_lock_wait_share", "Lock wait", CBT_COL_SHARE, false, false, lock_share, NULL},
};
const size_t cbt_nresult_columns = sizeof(cbt_result_columns) / sizeof(cbt_result_columns[0]);

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
