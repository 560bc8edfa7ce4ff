/* report_timeline.c - the Chrome trace-event JSON that Perfetto (ui.perfetto.dev) and
 * chrome://tracing open (the "JSON Object Format": {"traceEvents": [...], "otherData": {...}}):
 *   one process track per measured run (pid = 1, 2, ... in the order run), named
 *       "WORKLOAD · BACKEND · run K/N";
 *   one thread track per task (tid = the real tid), named "COMM TID";
 *   X slices: Running (args: cpu), Runnable, Blocked: REASON (args: syscall), Interpreter lock;
 *   flow events s -> f ("wakeup", bp "e": bound to the enclosing slices) from the waker's Running
 *       slice to the wakee's next Running slice;
 *   a C counter "runnable tasks" per process;  an instant "exec COMM" where a task executed.
 * Timestamps are microseconds from the run's start (tracking start, CLOCK_MONOTONIC), with
 * nanosecond decimals. Drops (ring buffer full, --timeline-limit) go into each process's name
 * and into otherData. Events are written compactly, one per line: a run has millions.
 * The schema is in docs/timeline.md.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/timeline.h"
#include "report/json.h"
#include "report/exporter.h"
#include "report/report.h"

struct writer {
	struct cbt_json j;
	FILE *f;
	uint64_t start; /* of the current run */
	int pid;
	uint64_t flow_id;
};

/* "ts":US.NNN relative to the run's start */
static void put_us(FILE *f, const char *key, uint64_t ns)
{
	fprintf(f, "\"%s\":%" PRIu64 ".%03u", key, ns / 1000, (unsigned)(ns % 1000));
}

static uint64_t rel(const struct writer *w, uint64_t ts)
{
	return ts > w->start ? ts - w->start : 0;
}

static void meta(struct writer *w, const char *what, int tid, const char *name, long sort)
{
	cbt_json_object(&w->j, NULL);
	cbt_json_str(&w->j, "ph", "M");
	cbt_json_str(&w->j, "name", what);
	cbt_json_i64(&w->j, "pid", w->pid);
	cbt_json_i64(&w->j, "tid", tid);
	cbt_json_object(&w->j, "args");
	if (name)
		cbt_json_str(&w->j, "name", name);
	else
		cbt_json_i64(&w->j, "sort_index", sort);
	cbt_json_end(&w->j, '}');
	cbt_json_end(&w->j, '}');
}

static const char *syscall_name(const struct cbt_timeline *tl, int nr)
{
	if (nr < 0 || nr >= tl->nsyscall_names || !tl->syscall_names[nr])
		return NULL;
	return tl->syscall_names[nr];
}

static void slice(struct writer *w, const struct cbt_timeline *tl, const struct cbt_tl_slice *s)
{
	const char *sc = syscall_name(tl, s->sys_nr);

	fputs(",\n{\"ph\":\"X\",\"name\":\"", w->f);
	if (s->state == CBT_TLS_BLOCKED)
		fprintf(w->f, "Blocked: %s", cbt_reason_name((enum cbt_reason)s->reason));
	else
		fputs(cbt_tl_state_name((enum cbt_tl_state)s->state), w->f);
	fprintf(w->f, "\",\"pid\":%d,\"tid\":%d,", w->pid, (int)s->tid);
	put_us(w->f, "ts", rel(w, s->start));
	fputc(',', w->f);
	put_us(w->f, "dur", s->end - s->start);
	if (s->state == CBT_TLS_RUNNING)
		fprintf(w->f, ",\"args\":{\"cpu\":%u}", (unsigned)s->cpu);
	else if ((s->state == CBT_TLS_BLOCKED || s->state == CBT_TLS_GIL) && sc)
		fprintf(w->f, ",\"args\":{\"syscall\":\"%s\"}", sc); /* kernel table: [a-z0-9_] */
	fputc('}', w->f);
}

static void flow(struct writer *w, const struct cbt_tl_flow *fl)
{
	uint64_t id = ++w->flow_id;

	fprintf(w->f,
		",\n{\"ph\":\"s\",\"cat\":\"wakeup\",\"name\":\"wakeup\",\"id\":%" PRIu64
		",\"pid\":%d,\"tid\":%d,",
		id, w->pid, (int)fl->waker);
	put_us(w->f, "ts", rel(w, fl->ts_waker));
	fprintf(
	    w->f,
	    "}\n,{\"ph\":\"f\",\"bp\":\"e\",\"cat\":\"wakeup\",\"name\":\"wakeup\",\"id\":%" PRIu64
	    ",\"pid\":%d,\"tid\":%d,",
	    id, w->pid, (int)fl->wakee);
	put_us(w->f, "ts", rel(w, fl->ts_wakee));
	fputc('}', w->f);
}

static void counter(struct writer *w, const struct cbt_tl_count *c)
{
	fprintf(w->f, ",\n{\"ph\":\"C\",\"name\":\"runnable tasks\",\"pid\":%d,\"tid\":0,", w->pid);
	put_us(w->f, "ts", rel(w, c->ts));
	fprintf(w->f, ",\"args\":{\"runnable\":%u}}", (unsigned)c->runnable);
}

static void execs(struct writer *w, const struct cbt_timeline *tl)
{
	for (size_t i = 0; i < tl->nexecs; i++) {
		const struct cbt_tl_exec *x = &tl->execs[i];
		char name[40];

		snprintf(name, sizeof(name), "exec %s", x->comm);
		cbt_json_object(&w->j, NULL);
		cbt_json_str(&w->j, "ph", "i");
		cbt_json_str(&w->j, "s", "t");
		cbt_json_str(&w->j, "name", name);
		cbt_json_i64(&w->j, "pid", w->pid);
		cbt_json_i64(&w->j, "tid", x->tid);
		cbt_json_num(&w->j, "ts", (double)rel(w, x->ts) / 1e3);
		cbt_json_end(&w->j, '}');
	}
}

static void run_track(struct writer *w, const struct cbt_result *r, size_t k,
		      const struct cbt_trace_run *run, const struct cbt_tl_built *b)
{
	const struct cbt_timeline *tl = run->timeline;
	char name[256];
	uint64_t dropped = tl->dropped_ringbuf + tl->dropped_limit;

	w->pid++;
	w->start = run->start_ns;
	if (dropped)
		snprintf(name, sizeof(name), "%s · %s · run %zu/%zu (%" PRIu64 " events dropped)",
			 r->job.workload->name, r->job.label, k + 1, r->nruns, dropped);
	else
		snprintf(name, sizeof(name), "%s · %s · run %zu/%zu", r->job.workload->name,
			 r->job.label, k + 1, r->nruns);
	meta(w, "process_name", 0, name, 0);
	meta(w, "process_sort_index", 0, NULL, w->pid);
	for (size_t i = 0; i < run->ntasks; i++) {
		const struct cbt_task_record *t = &run->tasks[i];

		snprintf(name, sizeof(name), "%s %d", t->comm, (int)t->tid);
		meta(w, "thread_name", t->tid, name, 0);
		meta(w, "thread_sort_index", t->tid, NULL, (long)i);
	}
	execs(w, tl);
	for (size_t i = 0; i < b->nslices; i++)
		slice(w, tl, &b->slices[i]);
	for (size_t i = 0; i < b->nflows; i++)
		flow(w, &b->flows[i]);
	for (size_t i = 0; i < b->ncounts; i++)
		counter(w, &b->counts[i]);
}

/* What otherData says of each run (collected while its track is written). */
struct run_note {
	const struct cbt_result *r;
	size_t k;
	const struct cbt_timeline *tl;
	size_t nslices, nflows;
	bool built;
};

static void run_summary(struct writer *w, int pid, const struct run_note *n)
{
	const struct cbt_timeline *tl = n->tl;

	cbt_json_object(&w->j, NULL);
	cbt_json_i64(&w->j, "pid", pid);
	cbt_json_str(&w->j, "workload", n->r->job.workload->name);
	cbt_json_str(&w->j, "backend", n->r->job.label);
	cbt_json_u64(&w->j, "run", n->k + 1);
	cbt_json_u64(&w->j, "events", tl->n);
	cbt_json_u64(&w->j, "dropped_ringbuf", tl->dropped_ringbuf);
	cbt_json_u64(&w->j, "dropped_limit", tl->dropped_limit);
	cbt_json_bool(&w->j, "complete", n->built && !tl->dropped_ringbuf && !tl->dropped_limit);
	cbt_json_u64(&w->j, "slices", n->nslices);
	cbt_json_u64(&w->j, "flows", n->nflows);
	cbt_json_end(&w->j, '}');
}

static void cbt_report_timeline(FILE *f, const struct cbt_report *rep)
{
	struct writer w = {.f = f};
	uint64_t events = 0, drop_rb = 0, drop_limit = 0;
	size_t nruns = 0, nn = 0;

	for (size_t i = 0; i < rep->nresults; i++)
		nruns += rep->results[i].nruns;
	struct run_note *notes = calloc(nruns ? nruns : 1, sizeof(*notes));

	cbt_json_init(&w.j, f);
	cbt_json_object(&w.j, NULL);
	cbt_json_str(&w.j, "displayTimeUnit", "ns");
	cbt_json_array(&w.j, "traceEvents");
	/* one run at a time: build its slices, write its track, free them */
	for (size_t i = 0; i < rep->nresults; i++) {
		const struct cbt_result *r = &rep->results[i];
		for (size_t k = 0; k < r->nruns; k++) {
			const struct cbt_trace_run *run = &r->runs[k].trace;
			struct cbt_tl_built b;
			bool built;

			if (!r->runs[k].traced || !run->timeline)
				continue;
			built = cbt_timeline_build(run->timeline, run, &b) == 0;
			if (!built)
				memset(&b, 0, sizeof(b));
			run_track(&w, r, k, run, &b);
			if (notes)
				notes[nn++] = (struct run_note){r,	   k,	     run->timeline,
								b.nslices, b.nflows, built};
			cbt_tl_built_free(&b);
			events += run->timeline->n;
			drop_rb += run->timeline->dropped_ringbuf;
			drop_limit += run->timeline->dropped_limit;
		}
	}
	cbt_json_end(&w.j, ']');

	cbt_json_object(&w.j, "otherData");
	cbt_json_str(&w.j, "tool", "concbench-trace");
	cbt_json_str(&w.j, "version", CBT_VERSION);
	cbt_json_str(&w.j, "host", rep->host->hostname);
	cbt_json_str(&w.j, "kernel", rep->host->kernel);
	cbt_json_i64(&w.j, "cpus", rep->host->cpus);
	cbt_json_str(&w.j, "time_origin", "each run's start (tracking start), in microseconds");
	cbt_json_u64(&w.j, "events", events);
	cbt_json_u64(&w.j, "dropped_ringbuf", drop_rb);
	cbt_json_u64(&w.j, "dropped_limit", drop_limit);
	cbt_json_u64(&w.j, "timeline_limit", rep->opts->timeline_limit);
	cbt_json_array(&w.j, "runs");
	for (size_t i = 0; i < nn; i++)
		run_summary(&w, (int)i + 1, &notes[i]);
	cbt_json_end(&w.j, ']');
	cbt_json_end(&w.j, '}');
	cbt_json_end(&w.j, '}');
	cbt_json_finish(&w.j);
	free(notes);
}

const struct cbt_exporter cbt_exporter_timeline = {
    "timeline", "json",
    "Chrome trace-event JSON for Perfetto / chrome://tracing (docs/timeline.md)",
    cbt_report_timeline};
