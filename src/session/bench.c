/* bench.c - the measuring loop: warm-ups, measured runs, tracer around each run, progress. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/clock.h"
#include "util/grow.h"
#include "session/bench.h"
#include "session/machine_load.h"
#include "session/progress.h"
#include "runner/runner.h"

bool cbt_bench_want_more(const struct cbt_options *o, size_t runs, double used_s)
{
	if (o->repeat)
		return runs < o->repeat;
	if (runs < CBT_ADAPTIVE_MIN_RUNS)
		return true;
	if (runs >= CBT_ADAPTIVE_MAX_RUNS || runs >= CBT_ADAPTIVE_TARGET_RUNS)
		return false;
	return used_s < CBT_ADAPTIVE_BUDGET_S;
}

struct trace_ctx {
	struct cbt_tracer *tracer;
	struct cbt_gil_probe *gil;	     /* NULL unless the run is a CPython */
	struct cbt_timeline_probe *timeline; /* NULL unless a timeline was asked for */
	char err[256];
};

static int trace_begin(void *ud, pid_t leader)
{
	struct trace_ctx *tc = ud;
	int rc = cbt_tracer_begin(tc->tracer, leader, tc->err, sizeof(tc->err));
	if (rc == 0 && tc->gil)
		cbt_gil_probe_reset(tc->gil);
	if (rc == 0 && tc->timeline)
		rc = cbt_timeline_probe_begin(tc->timeline, tc->err, sizeof(tc->err));
	return rc;
}

static struct cbt_run_record *push_run(struct cbt_result *r)
{
	return CBT_GROW(r->runs, r->nruns, r->cap, 8);
}

/* What the run leader runs for a job: the runner's launch, with the backend's code. */
static void launch_of(const struct cbt_job *j, struct cbt_launch *l)
{
	static const enum cbt_launch_kind kinds[] = {[CBT_JOB_NATIVE] = CBT_LAUNCH_NATIVE,
						     [CBT_JOB_PYTHON] = CBT_LAUNCH_PYTHON,
						     [CBT_JOB_COMMAND] = CBT_LAUNCH_COMMAND};
	memset(l, 0, sizeof(*l));
	l->kind = kinds[j->kind];
	l->workload = j->kind == CBT_JOB_COMMAND ? NULL : j->workload;
	l->backend = j->kind == CBT_JOB_NATIVE ? cbt_backend_find(j->backend->name) : NULL;
	l->backend_name = j->backend ? j->backend->name : NULL;
	l->python = j->python;
	l->script = j->script;
	l->argv = j->argv;
	l->drop_privileges = j->drop_privileges;
}

/* One run; traced if tracer. Returns 0 and appends to r when measured. */
static int measure_once(const struct cbt_options *o, struct cbt_tracer *tracer,
			struct cbt_gil_probe *gil, struct cbt_timeline_probe *timeline,
			struct cbt_result *r, bool keep)
{
	struct trace_ctx tc = {.tracer = tracer, .gil = gil, .timeline = timeline};
	struct cbt_run_hooks hooks = {trace_begin, &tc};
	struct cbt_run_outcome out;
	struct cbt_trace_run trace = {0};
	struct cbt_launch launch;
	bool traced = false;

	launch_of(&r->job, &launch);
	struct cbt_load_mark m0, m1;
	cbt_load_mark(&m0);
	int rc = cbt_run_once(&launch, &o->params, tracer ? &hooks : NULL, &out);
	cbt_load_mark(&m1);
	r->exit_status = out.exit_status;
	if (tracer && !tc.err[0]) {
		char err[256];
		traced = cbt_tracer_end(tracer, &trace, err, sizeof(err)) == 0;
		if (traced && gil)
			cbt_gil_probe_collect(gil, &trace);
		if (!traced)
			snprintf(tc.err, sizeof(tc.err), "%s", err);
	}
	/* always: stops the timeline's reader whatever happened to the run */
	if (timeline)
		cbt_timeline_probe_end(timeline, traced ? &trace : NULL);
	if (tc.err[0])
		snprintf(r->failure, sizeof(r->failure), "tracer: %.200s", tc.err);
	if (out.status == CBT_RUN_INTERRUPTED)
		r->interrupted = true;
	if (rc == 0 && out.failed_tasks) {
		snprintf(out.error, sizeof(out.error), "%u of %u tasks failed: %s",
			 out.failed_tasks, o->params.tasks, strerror(out.first_error));
		rc = -1;
	}
	if (rc != 0 || (tracer && !traced)) {
		if (!r->interrupted) {
			r->failed_runs++;
			if (rc != 0)
				snprintf(r->failure, sizeof(r->failure), "%s", out.error);
		}
		if (traced)
			cbt_trace_run_free(&trace);
		return -1;
	}
	struct cbt_run_record *rec = keep ? push_run(r) : NULL;
	if (!rec) {
		if (traced)
			cbt_trace_run_free(&trace);
		return keep ? -1 : 0;
	}
	rec->wall_s = (double)out.wall_ns / 1e9;
	rec->ru = out.ru;
	if (m1.mono_s > m0.mono_s)
		rec->others_cpus = cbt_load_others_s(&m0, &m1, &out.ru) / (m1.mono_s - m0.mono_s);
	rec->traced = traced;
	rec->trace = trace;
	r->nruns++;
	return 0;
}

int cbt_bench_run_one(const struct cbt_options *o, struct cbt_tracer *tracer,
		      struct cbt_gil_probe *gil, struct cbt_result *r)
{
	return measure_once(o, tracer, gil, NULL, r, true); /* no timeline: baseline runs have it */
}

void cbt_bench_run(const struct cbt_options *o, struct cbt_tracer *tracer,
		   struct cbt_gil_probe *gil, struct cbt_timeline_probe *timeline,
		   struct cbt_result *r)
{
	struct cbt_progress pg;
	double t0;

	cbt_progress_init(&pg, o->quiet, r->job.workload->name, r->job.label);
	for (unsigned i = 0; i < o->warmup && !cbt_interrupted; i++) {
		cbt_progress_show(&pg, "warm-up", i + 1, o->warmup, NAN);
		measure_once(o, NULL, NULL, NULL, r, false);
	}
	r->failed_runs = 0; /* warm-up failures show again in the measured runs */
	t0 = cbt_mono_s();
	while (!cbt_interrupted) {
		double used = cbt_mono_s() - t0;
		/* --repeat N: N runs, failed ones included (reported, never retried) */
		size_t tried = r->nruns + (o->repeat ? r->failed_runs : 0);
		if (!cbt_bench_want_more(o, tried, used))
			break;
		if (!o->repeat && r->failed_runs >= 3)
			break;
		size_t planned = o->repeat ? o->repeat : CBT_ADAPTIVE_TARGET_RUNS;
		double per_run = r->nruns ? used / (double)r->nruns : NAN;
		double eta = per_run * (double)(planned - tried);
		if (!o->repeat && r->nruns && used + eta > CBT_ADAPTIVE_BUDGET_S)
			eta = per_run; /* the budget will stop it after the next run */
		cbt_progress_show(&pg, "run", tried + 1, planned, eta);
		measure_once(o, tracer, gil, timeline, r, true);
		if (r->failed_runs && r->nruns == 0 && !o->repeat)
			break; /* adaptive: a backend that fails its first run is not retried */
	}
	r->measure_s = cbt_mono_s() - t0;
	cbt_progress_done(&pg);

	double *walls = malloc((r->nruns ? r->nruns : 1) * sizeof(*walls));
	for (size_t i = 0; walls && i < r->nruns; i++)
		walls[i] = r->runs[i].wall_s;
	cbt_stats_compute(walls, walls ? r->nruns : 0, &r->wall);
	free(walls);
}

void cbt_result_free(struct cbt_result *r)
{
	for (size_t i = 0; i < r->nruns; i++)
		if (r->runs[i].traced)
			cbt_trace_run_free(&r->runs[i].trace);
	free(r->runs);
	r->runs = NULL;
	r->nruns = r->cap = 0;
}

double cbt_bench_calibrate_cpu(const struct cbt_params *p)
{
	const struct cbt_workload *w = cbt_workload_of_kind(CBT_WORKLOAD_CPU);
	struct cbt_params q = *p;
	double t[3];

	q.schedstat_dump = NULL;
	for (int i = 0; i < 3; i++) {
		struct cbt_task_ctx ctx = {.params = &q};
		double s = cbt_mono_s();
		cbt_task_run(w, &ctx);
		t[i] = (cbt_mono_s() - s) * 1e3;
	}
	struct cbt_stats st;
	cbt_stats_compute(t, 3, &st);
	return st.median;
}
