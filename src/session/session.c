/* session.c - see session.h. */
#include <math.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backends/pool.h"
#include "cli/cli.h"
#include "runner/runner.h"
#include "report/exporter.h"
#include "session/bench.h"
#include "session/session.h"
#include "python/python_elf.h"
#include "trace/gil_probe.h"
#include "trace/timeline_probe.h"
#include "trace/tracer.h"

/* Room for the tasks of a run: a command may create any number (the maps say when full). */
#define COMMAND_MAX_TASKS 4096
#define TASKS_HEADROOM	  64 /* the leader, pool workers, interpreter threads */

/* Decides whether to trace; opens the tracer. Returns 0, or an exit status. */
static int open_tracer(struct cbt_session *s)
{
	const struct cbt_options *o = s->o;
	if (o->trace == CBT_TRACE_OFF) {
		snprintf(s->tracing, sizeof(s->tracing), "off (--no-trace)");
		return 0;
	}
	const char *missing = cbt_tracer_missing_privilege();
	if (missing) {
		if (o->trace == CBT_TRACE_ON) {
			fprintf(stderr, "concbench-trace: %s\n", missing);
			return CBT_EXIT_USAGE;
		}
		fprintf(stderr, "concbench-trace: note: %s; timing only\n", missing);
		snprintf(s->tracing, sizeof(s->tracing), "off (not privileged)");
		return 0;
	}
	struct cbt_tracer_config cfg = {.max_tasks = o->command ? COMMAND_MAX_TASKS
								: o->params.tasks + TASKS_HEADROOM,
					.perf_counters = o->perf_counters};
	char err[256];
	if (cbt_tracer_open(&s->tracer, &cfg, err, sizeof(err)) != 0) {
		fprintf(stderr, "concbench-trace: cannot start tracing: %s%s\n", err,
			o->trace == CBT_TRACE_ON ? "" : " (use --no-trace to time only)");
		s->tracer = NULL;
		return 1;
	}
	snprintf(s->tracing, sizeof(s->tracing), "%s", cbt_tracer_description(s->tracer));
	s->traced = true;
	return 0;
}

/* For the lock probe's exec watcher: what an executable is, read from its ELF files (never run):
 * 1 and its libpython (or itself) when it is a CPython with a lock, 2 free-threaded, 0 other. */
static int resolve_interpreter(const char *exe, char *target, size_t len)
{
	struct cbt_python_elf py;
	char err[256];

	if (cbt_python_elf_inspect(exe, &py, err, sizeof(err)) != 0)
		return 0;
	if (py.free_threaded)
		return 2;
	snprintf(target, len, "%s", py.libpython[0] ? py.libpython : py.executable);
	return 1;
}

/* The interpreter-lock probe, when tracing a CPython: --runtime python; for -- CMD, whatever the
 * run's tasks execute (the exec watcher finds each CPython, or program linking libpython, they
 * run, by its ELF files, and probes it before its first instruction). */
static void open_gil_probe(struct cbt_session *s)
{
	const struct cbt_options *o = s->o;
	const struct cbt_python *py = s->python ? &s->py : NULL;
	struct cbt_python cmd_py;
	char err[256];

	s->gil_status[0] = '\0';
	/* CBT_EXP_NOGIL: the kernel view alone, for make bench's split of the cost (overhead.md) */
	if (!s->tracer || getenv("CBT_EXP_NOGIL"))
		return;
	if (o->command) {
		if (cbt_gil_probe_open_watch(&s->gil, cbt_tracer_tasks_map_fd(s->tracer),
					     resolve_interpreter, s->gil_status,
					     sizeof(s->gil_status)) != 0) {
			fprintf(
			    stderr,
			    "concbench-trace: note: interpreter lock not probed: %s; the kernel "
			    "view (futex waits) remains\n",
			    s->gil_status);
			s->gil = NULL;
			return;
		}
		/* the program named first, read now (a shim resolved): not held at its exec */
		if (cbt_python_inspect(o->command[0], &cmd_py, err, sizeof(err)) == 0)
			cbt_gil_probe_prepare(s->gil, cmd_py.executable);
		return;
	}
	if (!py)
		return;
	if (cbt_gil_probe_open(&s->gil, cbt_tracer_tasks_map_fd(s->tracer),
			       cbt_python_probe_target(py), s->gil_status,
			       sizeof(s->gil_status)) != 0) {
		fprintf(stderr,
			"concbench-trace: note: interpreter lock not probed: %s; the kernel "
			"view (futex waits) remains\n",
			s->gil_status);
		s->gil = NULL;
	}
}

/* The timeline's event stream: only when a timeline report was asked for and the runs are
 * traced (an untraced run, or one without a timeline, loads nothing of it). */
static void open_timeline(struct cbt_session *s)
{
	const struct cbt_options *o = s->o;
	bool wanted = false;
	char err[256];

	for (unsigned i = 0; i < o->noutputs; i++)
		wanted |= cbt_exporter_find(o->outputs[i].format) == &cbt_exporter_timeline;
	if (!wanted)
		return;
	if (!s->tracer) {
		fprintf(stderr, "concbench-trace: note: no timeline: the runs are not traced\n");
		return;
	}
	struct cbt_timeline_config c = {.tasks_map_fd = cbt_tracer_tasks_map_fd(s->tracer),
					.gil_tasks_map_fd = cbt_gil_probe_tasks_map_fd(s->gil),
					.limit = o->timeline_limit};
	if (cbt_timeline_probe_open(&s->timeline, &c, err, sizeof(err)) != 0) {
		fprintf(stderr, "concbench-trace: note: no timeline: %s\n", err);
		s->timeline = NULL;
	}
}

int cbt_session_open(struct cbt_session *s, struct cbt_options *o)
{
	char err[512];
	int rc;

	memset(s, 0, sizeof(*s));
	s->o = o;
	if (cbt_interventions_check(o->experiments, err, sizeof(err)) != 0) {
		fprintf(stderr, "concbench-trace: %s\n", err);
		return CBT_EXIT_USAGE;
	}
	if ((rc = open_tracer(s)))
		return rc;
	cbt_host_read(&s->host);
	o->params.workers_resolved = cbt_pool_workers(&o->params);
	s->python = (o->runtimes & CBT_RUNTIME_PYTHON) != 0;
	if (s->python && cbt_python_find(o->python, &s->py, err, sizeof(err))) {
		fprintf(stderr, "concbench-trace: %s\n", err);
		cbt_tracer_close(s->tracer);
		s->tracer = NULL;
		return CBT_EXIT_USAGE;
	}
	if (cbt_plan_build(o, s->python ? &s->py : NULL, &s->plan) != 0 ||
	    !(s->sums = calloc(s->plan.n ? s->plan.n : 1, sizeof(*s->sums)))) {
		fprintf(stderr, "concbench-trace: out of memory\n");
		cbt_session_free(s);
		return 1;
	}
	open_gil_probe(s);
	open_timeline(s);
	return 0;
}

void cbt_session_measure(struct cbt_session *s)
{
	struct cbt_result *results = s->plan.results;
	for (size_t i = 0; i < s->plan.n && !cbt_interrupted; i++) {
		struct cbt_workload_info *wi = s->plan.winfo;
		while (wi->workload != results[i].job.workload)
			wi++;
		if (isnan(wi->task_cpu_ms) && wi->workload->cpu_body)
			wi->task_cpu_ms = cbt_bench_calibrate_cpu(&s->o->params);
		bool cpython = results[i].job.kind != CBT_JOB_NATIVE;
		cbt_bench_run(s->o, s->tracer, cpython ? s->gil : NULL, s->timeline, &results[i]);
		cbt_summarize(&results[i], &s->sums[i]);
		s->done++;
	}
	s->map_bytes = cbt_tracer_map_bytes(s->tracer);
	if (!s->o->experiment) /* the experiments still need the probes */
		cbt_session_detach(s);
}

void cbt_session_detach(struct cbt_session *s)
{
	cbt_timeline_probe_close(s->timeline);
	s->timeline = NULL;
	if (s->gil) /* what the probe found and attached to, by now */
		snprintf(s->gil_status, sizeof(s->gil_status), "%s", cbt_gil_probe_status(s->gil));
	cbt_gil_probe_close(s->gil); /* detach before reporting: nothing of ours stays attached */
	cbt_tracer_close(s->tracer);
	s->gil = NULL;
	s->tracer = NULL;
}

/* A command's tasks are what the run measured: every thread and process it had besides its
 * leader (at least 1), never the --tasks default. */
static unsigned command_tasks(const struct cbt_summary *s)
{
	double n = round(s->tasks_seen) - 1;
	return n >= 1 ? (unsigned)n : 1;
}

void cbt_session_explain(struct cbt_session *s)
{
	const struct cbt_params *p = &s->o->params;
	const struct cbt_result *results = s->plan.results;
	size_t n = s->done;
	int cpus = p->pin ? CPU_COUNT(&p->cpus) : s->host.cpus;
	double slack_us =
	    (double)(p->timer_slack_ns ? p->timer_slack_ns : s->host.timer_slack_ns) / 1e3;

	s->derived = calloc(n ? n : 1, sizeof(*s->derived));
	struct cbt_rule_input *in = calloc(n ? n : 1, sizeof(*in));
	if (!s->derived || !in) {
		free(in);
		return;
	}
	for (size_t i = 0; i < n; i++)
		cbt_derive(&results[i], &s->sums[i], cpus, &s->derived[i]);
	for (unsigned w = 0; w < s->plan.nworkloads; w++) {
		size_t k = 0;
		for (size_t i = 0; i < n; i++) {
			if (results[i].job.workload != s->plan.winfo[w].workload ||
			    !results[i].nruns)
				continue;
			in[k++] = (struct cbt_rule_input){
			    .backend = results[i].job.label,
			    .job = &results[i].job,
			    .runtime = results[i].job.kind,
			    .info = results[i].job.backend,
			    .tasks = s->o->command ? command_tasks(&s->sums[i]) : p->tasks,
			    .timer_slack_us = slack_us,
			    .s = &s->sums[i],
			    .d = &s->derived[i]};
		}
		cbt_findings_run(&s->findings, s->plan.winfo[w].workload, in, k);
	}
	cbt_answers_build(results, s->sums, s->derived, n, &s->answers);
	free(in);
}

struct cbt_report cbt_session_report(struct cbt_session *s, bool interrupted)
{
	return (struct cbt_report){.opts = s->o,
				   .host = &s->host,
				   .python = s->python ? &s->py : NULL,
				   .gil_status = s->gil_status,
				   .bpf_map_bytes = s->map_bytes,
				   .tracing = s->tracing,
				   .traced = s->traced,
				   .winfo = s->plan.winfo,
				   .nworkloads = s->plan.nworkloads,
				   .results = s->plan.results,
				   .summaries = s->sums,
				   .derived = s->derived,
				   .findings = s->findings,
				   .experiments = s->o->experiment ? &s->experiments : NULL,
				   .answers = &s->answers,
				   .nresults = s->derived ? s->done : 0,
				   .interrupted = interrupted};
}

int cbt_session_exit_status(const struct cbt_session *s)
{
	for (size_t i = 0; i < s->done; i++) {
		const struct cbt_result *r = &s->plan.results[i];
		if (r->failed_runs || (!r->nruns && !r->interrupted))
			return 1;
	}
	return 0;
}

void cbt_session_free(struct cbt_session *s)
{
	cbt_timeline_probe_close(s->timeline);
	s->timeline = NULL;
	cbt_gil_probe_close(s->gil);
	cbt_tracer_close(s->tracer);
	s->gil = NULL;
	s->tracer = NULL;
	cbt_plan_free(&s->plan);
	free(s->sums);
	free(s->derived);
	cbt_findings_free(&s->findings);
	cbt_experiments_free(&s->experiments);
	s->sums = NULL;
	s->derived = NULL;
}
