/* main.c - cli -> plan (workload x backend x repeat) -> runner/tracer -> analysis -> reporters */
#include <errno.h>
#include <math.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "session/bench.h"
#include "session/compare_cmd.h"
#include "cli/cli.h"
#include "analysis/findings.h"
#include "trace/gil_probe.h"
#include "model/host.h"
#include "session/plan.h"
#include "backends/pool.h"
#include "python/python_rt.h"
#include "report/report.h"
#include "runner/runner.h"
#include "trace/tracer.h"

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
	cbt_interrupted = 1;
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal; /* no SA_RESTART: a blocked read returns EINTR */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* Decides whether to trace; opens the tracer. Returns 0, or an exit status. */
static int setup_tracer(const struct cbt_options *o, struct cbt_tracer **tracer, char *desc,
			size_t len)
{
	*tracer = NULL;
	if (o->trace == CBT_TRACE_OFF) {
		snprintf(desc, len, "off (--no-trace)");
		return 0;
	}
	const char *missing = cbt_tracer_missing_privilege();
	if (missing) {
		if (o->trace == CBT_TRACE_ON) {
			fprintf(stderr, "concbench-trace: %s\n", missing);
			return CBT_EXIT_USAGE;
		}
		fprintf(stderr, "concbench-trace: note: %s; timing only\n", missing);
		snprintf(desc, len, "off (not privileged)");
		return 0;
	}
	/* a command may create any number of tasks: give it room (the maps say when full) */
	struct cbt_tracer_config cfg = {.max_tasks = o->command ? 4096 : o->params.tasks + 64};
	char err[256];
	if (cbt_tracer_open(tracer, &cfg, err, sizeof(err)) != 0) {
		fprintf(stderr, "concbench-trace: cannot start tracing: %s%s\n", err,
			o->trace == CBT_TRACE_ON ? "" : " (use --no-trace to time only)");
		return 1;
	}
	snprintf(desc, len, "%s", cbt_tracer_description(*tracer));
	return 0;
}

/* Derived numbers for every result, then the findings of each workload. */
static void explain(const struct cbt_options *o, const struct cbt_host *host,
		    const struct cbt_workload_info *winfo, unsigned nw,
		    const struct cbt_result *results, const struct cbt_summary *sums,
		    struct cbt_derived *derived, size_t n, struct cbt_findings *findings)
{
	const struct cbt_params *p = &o->params;
	int cpus = p->pin ? CPU_COUNT(&p->cpus) : host->cpus;
	double slack_us =
	    (double)(p->timer_slack_ns ? p->timer_slack_ns : host->timer_slack_ns) / 1e3;
	struct cbt_rule_input *in = calloc(n ? n : 1, sizeof(*in));
	if (!in)
		return;
	for (size_t i = 0; i < n; i++)
		cbt_derive(&results[i], &sums[i], cpus, &derived[i]);
	for (unsigned w = 0; w < nw; w++) {
		size_t k = 0;
		for (size_t i = 0; i < n; i++) {
			if (results[i].job.workload != winfo[w].workload || !results[i].nruns)
				continue;
			in[k++] = (struct cbt_rule_input){.backend = results[i].job.label,
							  .runtime = results[i].job.kind,
							  .info = results[i].job.backend,
							  .tasks = p->tasks,
							  .timer_slack_us = slack_us,
							  .s = &sums[i],
							  .d = &derived[i]};
		}
		cbt_findings_run(findings, winfo[w].workload, in, k);
	}
	free(in);
}

/* The interpreter-lock probe, when tracing a CPython: --runtime python, or -- python... */
static struct cbt_gil_probe *setup_gil_probe(const struct cbt_options *o, struct cbt_tracer *tracer,
					     const struct cbt_python *py, char *status, size_t len)
{
	struct cbt_python cmd_py;
	struct cbt_gil_probe *gil = NULL;
	char err[256];

	status[0] = '\0';
	if (!tracer)
		return NULL;
	if (o->command) {
		/* any command whose executable is a CPython (read from its ELF files, not run) */
		const char *base = strrchr(o->command[0], '/');
		base = base ? base + 1 : o->command[0];
		if (cbt_python_inspect(o->command[0], &cmd_py, err, sizeof(err)) != 0) {
			if (strncmp(base, "python", 6) == 0)
				snprintf(status, len, "not probed: %s", err);
			return NULL;
		}
		py = &cmd_py;
	}
	if (!py)
		return NULL;
	if (cbt_gil_probe_open(&gil, cbt_tracer_tasks_map_fd(tracer), cbt_python_probe_target(py),
			       status, len) != 0) {
		fprintf(stderr,
			"concbench-trace: note: interpreter lock not probed: %s; the kernel "
			"view (futex waits) remains\n",
			status);
		return NULL;
	}
	return gil;
}

static FILE *open_json(const char *path)
{
	if (!path)
		return NULL;
	if (strcmp(path, "-") == 0)
		return stdout;
	FILE *f = fopen(path, "w");
	if (!f)
		fprintf(stderr, "concbench-trace: cannot write --json '%s': %s\n", path,
			strerror(errno));
	return f;
}

int main(int argc, char **argv)
{
	struct cbt_options o;
	char err[512], tracing[160];
	struct cbt_tracer *tracer = NULL;
	struct cbt_host host;
	int rc;

	if (argc > 1 && strcmp(argv[1], "compare") == 0) /* a subcommand: its own options */
		return cbt_compare_main(argc - 1, argv + 1);
	if ((rc = cbt_cli_parse(argc, argv, &o, err, sizeof(err)))) {
		fprintf(stderr, "concbench-trace: %s\n", err);
		return rc;
	}
	if (o.help) {
		cbt_cli_help(stdout);
		return 0;
	}
	if (o.version) {
		printf("concbench-trace %s\n", CBT_VERSION);
		return 0;
	}
	if (o.list) {
		cbt_cli_list(stdout);
		return 0;
	}
	FILE *json = open_json(o.json_path);
	if (o.json_path && !json)
		return CBT_EXIT_USAGE;
	install_signals();
	if ((rc = setup_tracer(&o, &tracer, tracing, sizeof(tracing))))
		return rc;
	cbt_host_read(&host);
	o.params.workers_resolved = cbt_pool_workers(&o.params);

	struct cbt_python py;
	struct cbt_plan plan;
	if ((o.runtimes & CBT_RUNTIME_PYTHON) && cbt_python_find(o.python, &py, err, sizeof(err))) {
		fprintf(stderr, "concbench-trace: %s\n", err);
		cbt_tracer_close(tracer);
		return CBT_EXIT_USAGE;
	}
	if (cbt_plan_build(&o, (o.runtimes & CBT_RUNTIME_PYTHON) ? &py : NULL, &plan) != 0) {
		fprintf(stderr, "concbench-trace: out of memory\n");
		cbt_tracer_close(tracer);
		return 1;
	}
	char gil_status[512];
	struct cbt_gil_probe *gil =
	    setup_gil_probe(&o, tracer, (o.runtimes & CBT_RUNTIME_PYTHON) ? &py : NULL, gil_status,
			    sizeof(gil_status));
	struct cbt_result *results = plan.results;
	struct cbt_workload_info *winfo = plan.winfo;
	unsigned nw = plan.nworkloads;
	size_t done = 0;
	struct cbt_summary *sums = calloc(plan.n ? plan.n : 1, sizeof(*sums));
	if (!sums) {
		fprintf(stderr, "concbench-trace: out of memory\n");
		cbt_tracer_close(tracer);
		return 1;
	}
	for (size_t i = 0; i < plan.n && !cbt_interrupted; i++) {
		struct cbt_workload_info *wi = winfo;
		while (wi->workload != results[i].job.workload)
			wi++;
		if (isnan(wi->task_cpu_ms) && wi->workload->cpu_body)
			wi->task_cpu_ms = cbt_bench_calibrate_cpu(&o.params);
		bool cpython = results[i].job.kind != CBT_JOB_NATIVE;
		cbt_bench_run(&o, tracer, cpython ? gil : NULL, &results[i]);
		cbt_summarize(&results[i], &sums[i]);
		done++;
	}
	unsigned long long map_bytes = cbt_tracer_map_bytes(tracer);
	cbt_gil_probe_close(gil); /* detach before reporting: nothing of ours stays attached */
	cbt_tracer_close(tracer);
	struct cbt_derived *derived = calloc(done ? done : 1, sizeof(*derived));
	struct cbt_findings findings = {0};
	if (derived)
		explain(&o, &host, winfo, nw, results, sums, derived, done, &findings);

	struct cbt_report rep = {.opts = &o,
				 .host = &host,
				 .python = (o.runtimes & CBT_RUNTIME_PYTHON) ? &py : NULL,
				 .gil_status = gil_status,
				 .bpf_map_bytes = map_bytes,
				 .tracing = tracing,
				 .traced = tracer != NULL,
				 .winfo = winfo,
				 .nworkloads = nw,
				 .results = results,
				 .summaries = sums,
				 .derived = derived,
				 .findings = findings,
				 .nresults = done,
				 .interrupted = cbt_interrupted != 0};
	if (!json || json != stdout)
		cbt_report_text(stdout, &rep);
	if (json) {
		cbt_report_json(json, &rep);
		if (json != stdout && fclose(json) != 0) {
			fprintf(stderr, "concbench-trace: writing --json failed: %s\n",
				strerror(errno));
			rc = 1;
		}
	}
	for (size_t i = 0; i < done; i++)
		if (results[i].failed_runs || (!results[i].nruns && !results[i].interrupted))
			rc = 1;
	cbt_plan_free(&plan);
	free(sums);
	free(derived);
	cbt_findings_free(&findings);
	fflush(stdout);
	if (stop_signal)
		return 128 + stop_signal;
	return rc;
}
