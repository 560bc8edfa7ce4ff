/* timeline.c - the events of a run as slices per task, wake-up flows and the runnable counter.
 *
 * Per task, a state machine over its events in time order (the transitions of the counting path
 * in bpf/cbt.bpf.c, so the slices of a task add up to its on-CPU + runnable + off-CPU time):
 *   SWITCH_IN -> Running;  PREEMPT -> Runnable;  BLOCK -> Blocked (or Interpreter lock);
 *   WAKEUP of a blocked task -> Runnable;  EXIT -> dead (its life ends);  FORK -> Runnable.
 * A task tracked from the start of the run (the run leader) has no FORK: its first state is
 * known from its first event (a switch-in: it was runnable; a wake-up: blocked; a switch-out:
 * running). A switch-out of a task not seen switching in (this kernel does not report every
 * switch-in; events can be dropped) starts its Running slice where the kernel's own runtime count
 * says it started.
 */
#include "model/timeline.h"
#include "util/grow.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define STATE_UNKNOWN 0xff

void cbt_timeline_free(struct cbt_timeline *tl)
{
	if (!tl)
		return;
	free(tl->ev);
	free(tl->execs);
	memset(tl, 0, sizeof(*tl));
}

int cbt_timeline_push(struct cbt_timeline *tl, const struct cbt_tl_event *e)
{
	if (!CBT_GROW(tl->ev, tl->n, tl->cap, 4096))
		return -1;
	tl->ev[tl->n] = *e;
	tl->ev[tl->n].seq = (uint32_t)tl->n;
	tl->n++;
	return 0;
}

int cbt_timeline_push_exec(struct cbt_timeline *tl, const struct cbt_tl_exec *x)
{
	if (!CBT_GROW(tl->execs, tl->nexecs, tl->execs_cap, 4096))
		return -1;
	tl->execs[tl->nexecs++] = *x;
	return 0;
}

static int cmp_event(const void *a, const void *b)
{
	const struct cbt_tl_event *x = a, *y = b;
	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void cbt_timeline_sort(struct cbt_timeline *tl)
{
	if (tl->n) /* a run past the event limit has none: qsort(NULL, 0) is undefined */
		qsort(tl->ev, tl->n, sizeof(*tl->ev), cmp_event);
}

const char *cbt_tl_state_name(enum cbt_tl_state s)
{
	switch (s) {
	case CBT_TLS_RUNNING:
		return "Running";
	case CBT_TLS_RUNNABLE:
		return "Runnable";
	case CBT_TLS_BLOCKED:
		return "Blocked";
	case CBT_TLS_GIL:
		return "Interpreter lock";
	case CBT_TLS_DEAD:
		return "Exited";
	}
	return "?";
}

void cbt_tl_built_free(struct cbt_tl_built *b)
{
	if (!b)
		return;
	free(b->slices);
	free(b->flows);
	free(b->counts);
	memset(b, 0, sizeof(*b));
}

/* ---- the builder */

struct task_state {
	uint64_t since; /* the current slice started here */
	int32_t tid;
	int16_t sys_nr;
	uint8_t state; /* enum cbt_tl_state, or STATE_UNKNOWN before the first event */
	uint8_t reason;
	uint16_t cpu;
	bool woken;    /* a tracked waker's waking made it runnable: flow at switch-in */
	int32_t waker; /* pending waking: the waker (0: none) */
	uint64_t waking_ts;
};

struct delta {
	uint64_t ts;
	int d;
};

struct builder {
	struct cbt_tl_built *out;
	size_t cap_slices, cap_flows;
	struct delta *deltas;
	size_t ndeltas, cap_deltas;
	bool oom;
};

static void add_delta(struct builder *b, uint64_t ts, int d)
{
	if (!CBT_GROW(b->deltas, b->ndeltas, b->cap_deltas, 4096)) {
		b->oom = true;
		return;
	}
	b->deltas[b->ndeltas++] = (struct delta){ts, d};
}

/* Ends the current slice at ts and enters `state` (the runnable counter follows). */
static void enter(struct builder *b, struct task_state *t, uint64_t ts, uint8_t state)
{
	struct cbt_tl_built *o = b->out;

	if (ts < t->since)
		ts = t->since;
	if (t->state <= CBT_TLS_GIL && ts > t->since) {
		if (!CBT_GROW(o->slices, o->nslices, b->cap_slices, 4096)) {
			b->oom = true;
			return;
		}
		o->slices[o->nslices++] = (struct cbt_tl_slice){.start = t->since,
								.end = ts,
								.tid = t->tid,
								.sys_nr = t->sys_nr,
								.state = t->state,
								.reason = t->reason,
								.cpu = t->cpu};
	}
	if (t->state == CBT_TLS_RUNNABLE && state != CBT_TLS_RUNNABLE)
		add_delta(b, ts, -1);
	if (t->state != CBT_TLS_RUNNABLE && state == CBT_TLS_RUNNABLE)
		add_delta(b, ts, +1);
	t->state = state;
	t->since = ts;
}

/* A switch-out: the task was running until ts; if it was not seen switching in, it ran `ran` ns
 * by the kernel's count (bounded by its last transition). */
static void switch_out(struct builder *b, struct task_state *t, const struct cbt_tl_event *e)
{
	if (t->state == STATE_UNKNOWN) {
		t->state = CBT_TLS_RUNNING;
		t->cpu = e->cpu;
	}
	if (t->state != CBT_TLS_RUNNING) {
		uint64_t start = e->ts;
		if (e->arg < e->ts - t->since)
			start = e->ts - e->arg;
		else
			start = t->since;
		enter(b, t, start, CBT_TLS_RUNNING);
		t->cpu = e->cpu;
	}
}

static void flow(struct builder *b, struct task_state *t, uint64_t ts)
{
	struct cbt_tl_built *o = b->out;

	if (!t->woken || !t->waker)
		return;
	if (!CBT_GROW(o->flows, o->nflows, b->cap_flows, 4096)) {
		b->oom = true;
		return;
	}
	o->flows[o->nflows++] = (struct cbt_tl_flow){
	    .waker = t->waker, .wakee = t->tid, .ts_waker = t->waking_ts, .ts_wakee = ts};
	t->woken = false;
	t->waker = 0;
}

static void apply(struct builder *b, struct task_state *t, const struct cbt_tl_event *e)
{
	switch (e->type) {
	case CBT_TLE_FORK:
		if (t->state == STATE_UNKNOWN) {
			t->since = e->ts > t->since ? t->since : e->ts;
			t->state = CBT_TLS_RUNNABLE;
			add_delta(b, t->since, +1);
		}
		break;
	case CBT_TLE_SWITCH_IN:
		if (t->state == STATE_UNKNOWN) {
			t->state = CBT_TLS_RUNNABLE;
			add_delta(b, t->since, +1);
		}
		if (t->state != CBT_TLS_RUNNING) {
			enter(b, t, e->ts, CBT_TLS_RUNNING);
			t->cpu = e->cpu;
			flow(b, t, e->ts);
		}
		break;
	case CBT_TLE_PREEMPT:
		switch_out(b, t, e);
		enter(b, t, e->ts, CBT_TLS_RUNNABLE);
		break;
	case CBT_TLE_BLOCK:
		switch_out(b, t, e);
		t->woken = false; /* a waking seen while it ran did not wake it */
		t->waker = 0;
		t->sys_nr = e->sys_nr;
		t->reason = e->reason < CBT_REASON_COUNT ? e->reason : CBT_REASON_OTHER;
		enter(b, t, e->ts, e->gil ? CBT_TLS_GIL : CBT_TLS_BLOCKED);
		break;
	case CBT_TLE_EXIT:
		switch_out(b, t, e);
		enter(b, t, e->ts, CBT_TLS_DEAD);
		break;
	case CBT_TLE_WAKEUP:
		if (t->state == STATE_UNKNOWN) {
			t->state = CBT_TLS_BLOCKED;
			t->reason = CBT_REASON_OTHER;
			t->sys_nr = -1;
		}
		if (t->state == CBT_TLS_BLOCKED || t->state == CBT_TLS_GIL) {
			enter(b, t, e->ts, CBT_TLS_RUNNABLE);
			t->woken = t->waker != 0;
		}
		break;
	case CBT_TLE_WAKING:
		if (t->state != CBT_TLS_DEAD) {
			t->waker = e->other;
			t->waking_ts = e->ts;
		}
		break;
	}
}

static int cmp_i32(const void *a, const void *b)
{
	const struct task_state *x = a, *y = b;
	return x->tid < y->tid ? -1 : x->tid > y->tid;
}

static int cmp_slice(const void *a, const void *b)
{
	const struct cbt_tl_slice *x = a, *y = b;
	if (x->tid != y->tid)
		return x->tid < y->tid ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

static int cmp_delta(const void *a, const void *b)
{
	const struct delta *x = a, *y = b;
	return x->ts < y->ts ? -1 : x->ts > y->ts;
}

static struct task_state *find(struct task_state *ts, size_t n, int32_t tid)
{
	struct task_state key = {.tid = tid};
	return bsearch(&key, ts, n, sizeof(*ts), cmp_i32);
}

/* The waker's end of a flow must lie in one of its Running slices: a waking it did while its
 * own switch-in went unreported is moved to ... nowhere; such a flow is dropped. */
static bool waker_running(const struct cbt_tl_built *o, const struct cbt_tl_flow *f)
{
	struct cbt_tl_slice key = {.tid = f->waker, .start = f->ts_waker};
	size_t lo = 0, hi = o->nslices;

	/* last slice of the waker starting at or before ts_waker */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cmp_slice(&o->slices[mid], &key) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return false;
	const struct cbt_tl_slice *s = &o->slices[lo - 1];
	return s->tid == f->waker && s->state == CBT_TLS_RUNNING && s->start <= f->ts_waker &&
	       f->ts_waker <= s->end;
}

int cbt_timeline_build(const struct cbt_timeline *tl, const struct cbt_trace_run *run,
		       struct cbt_tl_built *out)
{
	struct builder b = {.out = out};
	size_t n = run->ntasks;
	struct task_state *ts = calloc(n ? n : 1, sizeof(*ts));

	memset(out, 0, sizeof(*out));
	if (!ts)
		return -1;
	for (size_t i = 0; i < n; i++)
		ts[i] = (struct task_state){.since = run->tasks[i].created_ns,
					    .tid = run->tasks[i].tid,
					    .sys_nr = -1,
					    .state = STATE_UNKNOWN,
					    .reason = CBT_REASON_OTHER};
	qsort(ts, n, sizeof(*ts), cmp_i32);
	for (size_t i = 0; tl && i < tl->n && !b.oom; i++) {
		struct task_state *t = find(ts, n, tl->ev[i].tid);
		if (t && t->state != CBT_TLS_DEAD)
			apply(&b, t, &tl->ev[i]);
	}
	for (size_t i = 0; i < n && !b.oom; i++) {
		if (ts[i].state == STATE_UNKNOWN) /* no event at all: it kept one state */
			continue;
		if (ts[i].state != CBT_TLS_DEAD)
			enter(&b, &ts[i], run->end_ns, CBT_TLS_DEAD);
	}
	free(ts);
	if (out->nslices) /* none past the event limit: qsort(NULL, 0) is undefined */
		qsort(out->slices, out->nslices, sizeof(*out->slices), cmp_slice);

	size_t k = 0;
	for (size_t i = 0; i < out->nflows; i++) {
		if (waker_running(out, &out->flows[i]))
			out->flows[k++] = out->flows[i];
		else
			out->unmatched_wakings++;
	}
	out->nflows = k;

	if (b.ndeltas)
		qsort(b.deltas, b.ndeltas, sizeof(*b.deltas), cmp_delta);
	out->counts = calloc(b.ndeltas ? b.ndeltas : 1, sizeof(*out->counts));
	if (!out->counts)
		b.oom = true;
	long level = 0;
	for (size_t i = 0; out->counts && i < b.ndeltas; i++) {
		level += b.deltas[i].d;
		uint32_t v = level > 0 ? (uint32_t)level : 0;
		if (out->ncounts && out->counts[out->ncounts - 1].ts == b.deltas[i].ts)
			out->counts[out->ncounts - 1].runnable = v;
		else
			out->counts[out->ncounts++] = (struct cbt_tl_count){b.deltas[i].ts, v};
	}
	free(b.deltas);
	if (b.oom) {
		cbt_tl_built_free(out);
		return -1;
	}
	return 0;
}
