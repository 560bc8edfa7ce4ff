/* report_json.c - one JSON document per invocation; the schema is in docs/json.md. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis/warnings.h"
#include "report/json.h"
#include "report/experiments_out.h"
#include "report/exporter.h"
#include "report/report_json.h"

static void workload_object(struct cbt_json *j, const char *key, const struct cbt_report *rep,
			    const struct cbt_workload_info *wi)
{
	const struct cbt_options *o = rep->opts;
	const struct cbt_params *p = &o->params;
	cbt_json_object(j, key);
	cbt_json_str(j, "name", wi->workload->name);
	cbt_json_u64(j, "tasks", p->tasks);
	cbt_json_u64(j, "iterations", p->iterations);
	cbt_json_str(j, "yield", cbt_yield_name(p->yield));
	cbt_json_num(j, "sleep_s", p->sleep_s);
	cbt_json_u64(j, "seed", p->seed);
	cbt_json_u64(j, "cpu_size", p->cpu_size);
	cbt_json_u64(j, "io_size", p->io_size);
	cbt_json_u64(j, "io_block", p->io_block);
	cbt_json_u64(j, "mixed_chunks", p->mixed_chunks);
	cbt_json_num(j, "task_cpu_ms", wi->task_cpu_ms);
	cbt_report_json_knobs(j, p);
	if (o->repeat)
		cbt_json_u64(j, "repeat", o->repeat);
	else
		cbt_json_str(j, "repeat", "adaptive");
	cbt_json_u64(j, "warmup", o->warmup);
	cbt_json_end(j, '}');
}

static void wall_object(struct cbt_json *j, const struct cbt_result *r)
{
	cbt_json_object(j, "wall_seconds");
	cbt_json_array(j, "runs");
	for (size_t i = 0; i < r->nruns; i++)
		cbt_json_num(j, NULL, r->runs[i].wall_s);
	cbt_json_end(j, ']');
	cbt_json_num(j, "mean", r->wall.mean);
	cbt_json_num(j, "stddev", r->wall.stddev);
	cbt_json_num(j, "median", r->wall.median);
	cbt_json_num(j, "min", r->wall.min);
	cbt_json_num(j, "max", r->wall.max);
	cbt_json_array(j, "ci95");
	cbt_json_num(j, NULL, r->wall.ci95_lo);
	cbt_json_num(j, NULL, r->wall.ci95_hi);
	cbt_json_end(j, ']');
	cbt_json_u64(j, "outliers", r->wall.outliers);
	cbt_json_end(j, '}');
}

/* getrusage of the run's tasks, means per run. */
static void rusage_object(struct cbt_json *j, const struct cbt_summary *s)
{
#define RU(field, key) CBT_JSON_NUM_AT(struct cbt_summary, field, key)
	static const struct cbt_json_field fields[] = {
	    RU(user_s, "user_s"),
	    RU(sys_s, "sys_s"),
	    RU(voluntary, "voluntary_switches"),
	    RU(involuntary, "involuntary_switches"),
	    RU(max_rss_kb, "max_rss_kb"),
	};
#undef RU
	cbt_json_object(j, "rusage");
	cbt_json_fields(j, s, fields, sizeof(fields) / sizeof(fields[0]));
	cbt_json_end(j, '}');
}

/* What may make the result's numbers less trustworthy (analysis/warnings.h), each as its whole
 * sentence: the terminal's short view says the listed ones in one line for all results. */
static void warnings_array(struct cbt_json *j, const struct cbt_result *r,
			   const struct cbt_summary *s, bool adaptive)
{
	struct cbt_warning w[CBT_MAX_WARNINGS];
	size_t n = cbt_warnings(r, s, adaptive, w);
	cbt_json_array(j, "warnings");
	for (size_t k = 0; k < n; k++) {
		char text[sizeof(w[k].text) + 320];
		if (cbt_warning_listed(w[k].kind)) {
			size_t o = strlen(cbt_warning_list_intro(w[k].kind, text, 300));
			snprintf(text + o, sizeof(text) - o, "%s%s", w[k].text[0] ? ":" : "",
				 w[k].text);
		} else
			snprintf(text, sizeof(text), "%s", w[k].text);
		cbt_json_object(j, NULL);
		cbt_json_str(j, "kind", cbt_warning_kind_name(w[k].kind));
		cbt_json_str(j, "text", text);
		cbt_json_end(j, '}');
	}
	cbt_json_end(j, ']');
}

static void result_object(struct cbt_json *j, const struct cbt_result *r,
			  const struct cbt_summary *s, const struct cbt_derived *d, bool adaptive)
{
	cbt_json_object(j, NULL);
	cbt_json_str(j, "workload", r->job.workload->name);
	cbt_json_str(j, "backend", r->job.name);
	cbt_json_str(j, "label", r->job.title ? r->job.title : r->job.label); /* never shortened */
	cbt_json_str(j, "runtime", cbt_job_runtime(&r->job));
	cbt_json_str(j, "status", r->nruns ? "ok" : r->interrupted ? "interrupted" : "failed");
	cbt_json_u64(j, "failed_runs", r->failed_runs);
	cbt_json_str(j, "failure", r->failure[0] ? r->failure : NULL);
	cbt_json_bool(j, "interrupted", r->interrupted);
	if (r->job.kind == CBT_JOB_COMMAND) {
		cbt_json_i64(j, "exit_status", r->exit_status);
		cbt_json_array(j, "command"); /* argv as given (the label is cut at 63 bytes) */
		for (char *const *a = r->job.argv; a && *a; a++)
			cbt_json_str(j, NULL, *a);
		cbt_json_end(j, ']');
	}
	wall_object(j, r);
	cbt_json_num(j, "cpu_percent", s->cpu_pct);
	cbt_json_num(j, "others_cpus", s->others_cpus);
	rusage_object(j, s);
	warnings_array(j, r, s, adaptive);
	cbt_report_json_trace(j, r, s, d);
	cbt_json_end(j, '}');
}

void cbt_report_json_knobs(struct cbt_json *j, const struct cbt_params *p)
{
	cbt_json_u64(j, "workers", p->workers_resolved);
	cbt_json_num(j, "switch_interval_s", p->switch_interval_s);
	if (p->timer_slack_ns)
		cbt_json_u64(j, "timer_slack_ns", p->timer_slack_ns);
	else
		cbt_json_null(j, "timer_slack_ns");
	cbt_json_str(j, "cpus", p->pin ? p->cpus_spec : NULL);
}

static void findings_array(struct cbt_json *j, const struct cbt_findings *fs)
{
	cbt_json_array(j, "findings");
	for (size_t i = 0; i < fs->n; i++) {
		const struct cbt_finding *f = &fs->items[i];
		char buf[sizeof(f->backends)];
		cbt_json_object(j, NULL);
		cbt_json_str(j, "rule", f->rule);
		cbt_json_str(j, "workload", f->workload->name);
		cbt_json_array(j, "backends");
		snprintf(buf, sizeof(buf), "%s", f->backends);
		for (char *save = NULL, *b = strtok_r(buf, ",", &save); b;
		     b = strtok_r(NULL, ",", &save))
			cbt_json_str(j, NULL, b);
		cbt_json_end(j, ']');
		cbt_json_str(j, "text", f->text);
		cbt_json_str(j, "headline", f->headline[0] ? f->headline : NULL);
		cbt_json_object(j, "evidence");
		for (size_t k = 0; k < f->nev; k++)
			cbt_json_num(j, f->ev[k].key, f->ev[k].value);
		cbt_json_end(j, '}');
		cbt_json_end(j, '}');
	}
	cbt_json_end(j, ']');
}

/* The Answer: each question, its causes with the share of the gap each accounts for. */
static void answers_array(struct cbt_json *j, const struct cbt_report *rep)
{
	cbt_json_array(j, "answers");
	for (size_t i = 0; rep->answers && i < rep->answers->n; i++) {
		const struct cbt_answer *a = &rep->answers->items[i];
		cbt_json_object(j, NULL);
		cbt_json_str(j, "question", cbt_question_name(a->question));
		cbt_json_str(j, "workload", a->workload->name);
		cbt_json_str(j, "slow", rep->results[a->slow].job.label);
		cbt_json_str(j, "fast", rep->results[a->fast].job.label);
		cbt_json_num(j, "ratio", a->ratio);
		cbt_json_num(j, "gap_seconds", a->gap_s);
		cbt_json_str(j, "split", cbt_answer_split_name(a->split));
		cbt_json_num(j, "added_seconds", a->added_s);
		cbt_json_num(j, "saved_seconds", a->saved_s);
		cbt_json_array(j, "causes");
		for (size_t k = 0; k < a->ncauses; k++) {
			cbt_json_object(j, NULL);
			cbt_json_str(j, "cause", cbt_cause_name(a->causes[k].cause));
			cbt_json_num(j, "seconds", a->causes[k].seconds);
			cbt_json_num(j, "share_of_gap", a->causes[k].share);
			cbt_json_num(j, "share_of_slow_wall", a->causes[k].wall_share);
			cbt_json_end(j, '}');
		}
		cbt_json_end(j, ']');
		cbt_json_num(j, "rest_seconds", a->rest_s);
		cbt_json_num(j, "rest_share_of_gap", a->rest_share);
		cbt_json_str(j, "text", a->text);
		cbt_json_end(j, '}');
	}
	cbt_json_end(j, ']');
}

static void report_json(FILE *f, const struct cbt_report *rep)
{
	struct cbt_json j;
	cbt_json_init(&j, f);
	cbt_json_object(&j, NULL);
	cbt_json_str(&j, "tool", "concbench-trace");
	cbt_json_str(&j, "version", CBT_VERSION);
	cbt_json_object(&j, "host");
	cbt_json_str(&j, "hostname", rep->host->hostname);
	cbt_json_str(&j, "kernel", rep->host->kernel);
	cbt_json_str(&j, "machine", rep->host->machine);
	cbt_json_u64(&j, "cpus", (uint64_t)rep->host->cpus);
	cbt_json_u64(&j, "timer_slack_ns", rep->host->timer_slack_ns);
	cbt_json_str(&j, "tracing", rep->tracing);
	if (rep->bpf_map_bytes)
		cbt_json_u64(&j, "bpf_map_bytes", rep->bpf_map_bytes);
	cbt_json_str(&j, "interpreter_lock",
		     rep->gil_status && rep->gil_status[0] ? rep->gil_status : NULL);
	if (rep->python) {
		cbt_json_object(&j, "python");
		cbt_json_str(&j, "path", rep->python->path);
		cbt_json_str(&j, "executable", rep->python->executable);
		cbt_json_str(&j, "libpython",
			     rep->python->libpython[0] ? rep->python->libpython : NULL);
		cbt_json_str(&j, "version", rep->python->version);
		cbt_json_bool(&j, "free_threaded", rep->python->free_threaded);
		cbt_json_end(&j, '}');
	}
	cbt_json_end(&j, '}');
	if (rep->nworkloads == 1) {
		workload_object(&j, "workload", rep, &rep->winfo[0]);
	} else {
		cbt_json_array(&j, "workloads");
		for (unsigned w = 0; w < rep->nworkloads; w++)
			workload_object(&j, NULL, rep, &rep->winfo[w]);
		cbt_json_end(&j, ']');
	}
	cbt_json_bool(&j, "interrupted", rep->interrupted);
	cbt_json_array(&j, "results");
	for (size_t i = 0; i < rep->nresults; i++)
		result_object(&j, &rep->results[i], &rep->summaries[i], &rep->derived[i],
			      !rep->opts->repeat);
	cbt_json_end(&j, ']');
	answers_array(&j, rep);
	findings_array(&j, &rep->findings);
	cbt_json_experiments(&j, rep);
	cbt_json_end(&j, '}');
	cbt_json_finish(&j);
}

const struct cbt_exporter cbt_exporter_json = {
    "json", "json", "every number, finding and per-task record; schema in docs/json.md",
    report_json};
