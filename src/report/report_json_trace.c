/* report_json_trace.c - the kernel-attribution part of a JSON result: tracing, totals, per_task. */
#include <math.h>

#include "model/timeline.h"
#include "report/report_verify.h"
#include "report/json.h"
#include "report/report_json.h"

static void reasons(struct cbt_json *j, const char *key, const double *v)
{
	cbt_json_object(j, key);
	for (int i = 0; i < CBT_REASON_COUNT; i++)
		cbt_json_num(j, cbt_reason_name((enum cbt_reason)i), v[i]);
	cbt_json_end(j, '}');
}

static void histogram(struct cbt_json *j, const uint64_t *hist)
{
	cbt_json_array(j, "runqueue_latency_hist");
	for (int i = 0; i < CBT_HIST_SLOTS; i++) {
		if (!hist[i])
			continue;
		cbt_json_object(j, NULL);
		cbt_json_u64(j, "low_ns", i ? (1ull << i) : 0);
		cbt_json_u64(j, "high_ns", 1ull << (i + 1));
		cbt_json_u64(j, "count", hist[i]);
		cbt_json_end(j, '}');
	}
	cbt_json_end(j, ']');
}

static void wakers(struct cbt_json *j, const struct cbt_trace_run *t)
{
	cbt_json_array(j, "top_wakers");
	for (size_t i = 0; t && i < t->nwakers; i++) {
		cbt_json_object(j, NULL);
		cbt_json_i64(j, "waker_tid", t->wakers[i].waker_tid);
		cbt_json_str(j, "waker_comm", t->wakers[i].waker_comm);
		cbt_json_i64(j, "wakee_tid", t->wakers[i].wakee_tid);
		cbt_json_u64(j, "count", t->wakers[i].count);
		cbt_json_end(j, '}');
	}
	cbt_json_end(j, ']');
	/* what the run's wakers woke beyond the first 8 wakees each (not in the pairs) */
	cbt_json_u64(j, "wakeups_beyond_pairs", t ? t->wakers_other : 0);
}

static void perf(struct cbt_json *j, const struct cbt_summary *s)
{
	if (!s->perf_requested) { /* opt-in (--perf-counters): they cost the tasks time */
		cbt_json_null(j, "perf_counters");
		return;
	}
	cbt_json_object(j, "perf_counters");
	for (int c = 0; c < CBT_PERF_COUNT; c++) {
		const char *name = cbt_perf_counter_name((enum cbt_perf_counter)c);
		if (s->perf[c].supported) {
			cbt_json_u64(j, name, s->perf[c].value);
		} else {
			cbt_json_object(j, name);
			cbt_json_null(j, "value");
			cbt_json_bool(j, "unsupported", true);
			cbt_json_end(j, '}');
		}
	}
	cbt_json_end(j, '}');
}

static void gil(struct cbt_json *j, const struct cbt_summary *s)
{
	const struct cbt_gil_summary *g = &s->gil;
	cbt_json_object(j, "interpreter_lock");
	cbt_json_bool(j, "probed", g->probed);
	if (g->probed) {
		cbt_json_str(j, "waited_means",
			     g->every ? cbt_gil_waited_means : cbt_gil_waited_means_retakes);
		cbt_json_bool(j, "every_acquisition", g->every);
		cbt_json_bool(j, "forced_switches_identified", g->forced_known);
		cbt_json_num(j, "threads", g->threads);
		cbt_json_num(j, "acquisitions", g->acquisitions);
		cbt_json_num(j, "contended", g->contended);
		cbt_json_num(j, "uncontended", g->uncontended);
		cbt_json_num(j, "preempted", g->preempted);
		if (g->forced_known) {
			cbt_json_num(j, "forced_switches", g->forced);
			cbt_json_num(j, "forced_wait_ns", g->forced_wait_ns);
			cbt_json_num(j, "forced_hold_ns", g->forced_hold_ns);
		}
		cbt_json_num(j, "wait_ns", g->wait_ns);
		cbt_json_num(j, "thread_ns", g->thread_ns);
		cbt_json_num(j, "wait_share_of_threads", cbt_gil_wait_share(g));
		cbt_json_num(j, "blocked_ns", g->blocked_ns);
		cbt_json_num(j, "handoff_runnable_ns", g->handoff_ns);
		cbt_json_num(j, "oncpu_beyond_cost_ns", g->oncpu_ns);
		cbt_json_num(j, "preempted_ns", g->preempted_ns);
		cbt_json_num(j, "measuring_cost_ns", g->cost_ns);
		cbt_json_num(j, "measuring_cost_per_acquisition_ns", g->cost_per_acq_ns);
		cbt_json_num(j, "raw_wait_ns", g->raw_wait_ns);
		cbt_json_num(j, "probe_syscalls", g->probe_syscalls);
		cbt_json_num(j, "execs_inspected", g->execs);
		cbt_json_num(j, "exec_held_us",
			     g->exec_stops > 0 ? g->exec_held_ns / g->exec_stops / 1e3 : 0);
		cbt_json_num(j, "wait_p50_us", g->p50_ns / 1e3);
		cbt_json_num(j, "wait_p99_us", g->p99_ns / 1e3);
	}
	cbt_json_end(j, '}');
}

static void totals(struct cbt_json *j, const struct cbt_result *r, const struct cbt_summary *s)
{
	cbt_json_object(j, "totals");
	cbt_json_num(j, "tasks_seen", s->tasks_seen);
	cbt_json_num(j, "ctx_switches_voluntary", s->vol);
	cbt_json_num(j, "ctx_switches_involuntary", s->invol);
	cbt_json_num(j, "migrations", s->migrations);
	cbt_json_num(j, "syscalls", s->syscalls);
	cbt_json_object(j, "syscalls_by_name");
	for (size_t i = 0; i < s->nsyscalls; i++) {
		char nr[32];
		const char *name = s->sys[i].name;
		if (!name) {
			snprintf(nr, sizeof(nr), "syscall_%d", s->sys[i].nr);
			name = nr;
		}
		cbt_json_object(j, name);
		cbt_json_num(j, "count", s->sys[i].count);
		cbt_json_num(j, "time_ns", s->sys[i].time_ns);
		cbt_json_end(j, '}');
	}
	cbt_json_end(j, '}');
	cbt_json_num(j, "oncpu_ns", s->oncpu_ns);
	cbt_json_num(j, "runqueue_wait_ns", s->runq_ns);
	cbt_json_num(j, "offcpu_ns", s->offcpu_ns);
	reasons(j, "offcpu_by_reason_ns", s->offcpu_by_reason_ns);
	reasons(j, "blocks_by_reason", s->blocks_by_reason);
	histogram(j, s->rq_hist);
	cbt_json_num(j, "runqueue_latency_p50_us", s->rq_p50_ns / 1e3);
	cbt_json_num(j, "runqueue_latency_p90_us", s->rq_p90_ns / 1e3);
	cbt_json_num(j, "runqueue_latency_p99_us", s->rq_p99_ns / 1e3);
	cbt_json_num(j, "wakeups", s->wakeups);
	wakers(j, &r->runs[s->median_run].trace);
	perf(j, s);
	gil(j, s);
	cbt_json_end(j, '}');
}

#define NFIELDS(a)	 (sizeof(a) / sizeof((a)[0]))
#define TASK(field, key) CBT_JSON_U64_AT(struct cbt_task_record, field, key)
#define GIL(field, key)	 CBT_JSON_U64_AT(struct cbt_gil_counts, field, key)
#define DER(field, key)	 CBT_JSON_NUM_AT(struct cbt_derived, field, key)

/* A task's "kernel" object: its own accounting at its final switch-out (docs/verify.md). */
static const struct cbt_json_field kernel_fields[] = {
    TASK(kernel.nvcsw, "nvcsw"),
    TASK(kernel.nivcsw, "nivcsw"),
    TASK(kernel.pcount, "pcount"),
    TASK(kernel.run_delay_ns, "run_delay_ns"),
    TASK(kernel.sum_exec_ns, "sum_exec_runtime_ns"),
};

/* A task's interpreter-lock counts (the uprobes), in the task's own object. */
static const struct cbt_json_field gil_fields[] = {
    GIL(acquisitions, "gil_acquisitions"),
    GIL(raw_wait_ns, "gil_raw_wait_ns"),
    GIL(contended, "gil_contended"),
    GIL(blocked_ns, "gil_blocked_ns"),
    GIL(handoff_ns, "gil_handoff_runnable_ns"),
    GIL(contended_oncpu_ns, "gil_contended_oncpu_ns"),
    GIL(uncontended, "gil_uncontended"),
    GIL(uncontended_ns, "gil_uncontended_ns"),
    GIL(preempted, "gil_preempted"),
    GIL(preempted_ns, "gil_preempted_ns"),
    GIL(forced, "gil_forced"),
    GIL(forced_hold_ns, "gil_forced_hold_ns"),
};

static void per_task(struct cbt_json *j, const struct cbt_trace_run *t)
{
	cbt_json_array(j, "per_task");
	for (size_t i = 0; i < t->ntasks; i++) {
		const struct cbt_task_record *k = &t->tasks[i];
		double offr[CBT_REASON_COUNT];
		for (int r = 0; r < CBT_REASON_COUNT; r++)
			offr[r] = (double)k->offcpu_by_reason_ns[r];
		cbt_json_object(j, NULL);
		cbt_json_i64(j, "tid", k->tid);
		cbt_json_i64(j, "pid", k->pid);
		cbt_json_i64(j, "ppid", k->ppid);
		cbt_json_str(j, "comm", k->comm);
		cbt_json_u64(j, "created_ns", k->created_ns - t->start_ns);
		if (k->first_run_ns)
			cbt_json_u64(j, "first_run_ns", k->first_run_ns - t->start_ns);
		else
			cbt_json_null(j, "first_run_ns");
		if (k->exited_ns)
			cbt_json_u64(j, "exited_ns", k->exited_ns - t->start_ns);
		else
			cbt_json_null(j, "exited_ns");
		cbt_json_u64(j, "ctx_switches_voluntary", k->vol_switches);
		cbt_json_u64(j, "ctx_switches_involuntary", k->invol_switches);
		cbt_json_u64(j, "oncpu_ns", k->oncpu_ns);
		cbt_json_u64(j, "runqueue_wait_ns", k->runq_wait_ns);
		cbt_json_u64(j, "runqueue_waits", k->runq_waits);
		cbt_json_u64(j, "offcpu_ns", k->offcpu_ns);
		reasons(j, "offcpu_by_reason_ns", offr);
		cbt_json_u64(j, "syscalls", k->syscalls);
		cbt_json_u64(j, "migrations", k->migrations);
		cbt_json_u64(j, "wakeups", k->wakeups);
		if (k->kernel.valid) { /* the kernel's own accounting at its final switch-out */
			cbt_json_object(j, "kernel");
			cbt_json_fields(j, k, kernel_fields, NFIELDS(kernel_fields));
			cbt_json_end(j, '}');
		}
		if (t->gil_probed)
			cbt_json_fields(j, &k->gil, gil_fields, NFIELDS(gil_fields));
		cbt_json_end(j, '}');
	}
	cbt_json_end(j, ']');
}

/* The head of "time_decomposition": task time and the shares of it. */
static const struct cbt_json_field shares[] = {
    DER(task_s, "task_seconds"), DER(share_oncpu, "oncpu"),	  DER(share_user, "oncpu_user"),
    DER(share_sys, "oncpu_sys"), DER(share_runnable, "runnable"),
};

/* "per_operation": what one call of each kind cost (analysis/derived.h). */
static const struct cbt_json_field per_operation[] = {
    DER(sleep_calls, "sleep_calls"),
    DER(sleep_block_us, "sleep_blocked_us_per_block"),
    DER(sleep_call_us, "sleep_call_us"),
    DER(lock_waits, "futex_waits"),
    DER(lock_waits_per_sleep, "futex_waits_per_sleep_call"),
    DER(switches_per_sleep, "switches_per_sleep_call"),
    DER(creates, "task_creations"),
    DER(create_call_us, "task_creation_call_us"),
    DER(startup_delay_us, "first_run_delay_us"),
    DER(cross_wakeups, "cross_task_wakeups"),
};

static void decomposition(struct cbt_json *j, const struct cbt_derived *d)
{
	cbt_json_object(j, "time_decomposition");
	cbt_json_fields(j, d, shares, NFIELDS(shares));
	cbt_json_object(j, "blocked");
	for (int i = 0; i < CBT_REASON_COUNT; i++)
		cbt_json_num(j, cbt_reason_name((enum cbt_reason)i), d->share_blocked[i]);
	cbt_json_end(j, '}');
	cbt_json_num(j, "parallelism", d->parallelism);
	cbt_json_num(j, "runnable_tasks_avg", d->runnable_avg);
	cbt_json_u64(j, "cpus", (uint64_t)d->cpus);
	cbt_json_end(j, '}');
	cbt_json_object(j, "per_operation");
	cbt_json_fields(j, d, per_operation, NFIELDS(per_operation));
	cbt_json_end(j, '}');
	cbt_json_object(j, "critical_path");
	cbt_json_i64(j, "busiest_tid", d->busiest_tid);
	cbt_json_str(j, "busiest_comm", d->busiest_comm);
	cbt_json_num(j, "busiest_work_seconds", d->busiest_busy_s);
	cbt_json_num(j, "busiest_work_share", d->busiest_work_share);
	cbt_json_end(j, '}');
}

/* With --export timeline: what the timeline kept and dropped, summed over runs (docs/json.md). */
static void timeline_object(struct cbt_json *j, const struct cbt_result *r)
{
	uint64_t ev = 0, rb = 0, lim = 0;
	bool any = false;

	for (size_t k = 0; k < r->nruns; k++) {
		const struct cbt_timeline *tl =
		    r->runs[k].traced ? r->runs[k].trace.timeline : NULL;
		if (!tl)
			continue;
		any = true;
		ev += tl->n;
		rb += tl->dropped_ringbuf;
		lim += tl->dropped_limit;
	}
	if (!any)
		return;
	cbt_json_object(j, "timeline");
	cbt_json_u64(j, "events", ev);
	cbt_json_u64(j, "dropped_ringbuf", rb);
	cbt_json_u64(j, "dropped_limit", lim);
	cbt_json_end(j, '}');
}

void cbt_report_json_trace(struct cbt_json *j, const struct cbt_result *r,
			   const struct cbt_summary *s, const struct cbt_derived *d)
{
	cbt_json_object(j, "tracing");
	cbt_json_bool(j, "enabled", s->traced);
	cbt_json_u64(j, "traced_runs", s->traced_runs);
	cbt_json_u64(j, "lost_events", s->lost_events);
	cbt_json_object(j, "lost_by_cause");
	for (int c = 0; c < CBT_LOST_CAUSES; c++)
		cbt_json_u64(j, cbt_lost_cause_name(c), s->lost_by[c]);
	cbt_json_end(j, '}');
	cbt_json_u64(j, "untracked_tasks", s->untracked_tasks);
	cbt_json_u64(j, "recovered_wakeups", s->recovered_wakeups);
	cbt_json_u64(j, "recovered_switchins", s->recovered_switchins);
	timeline_object(j, r);
	cbt_json_end(j, '}');
	if (!s->traced)
		return;
	totals(j, r, s);
	if (d->valid)
		decomposition(j, d);
	cbt_json_u64(j, "per_task_run", s->median_run);
	per_task(j, &r->runs[s->median_run].trace);
	cbt_report_json_verify(j, r);
}
