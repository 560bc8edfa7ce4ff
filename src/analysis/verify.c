/* verify.c - see verify.h. */
#include <math.h>
#include <string.h>

#include "analysis/verify.h"

static const struct {
	const char *figure, *label;
	bool time;
	double rel, per_task,
	    per_event; /* allowed: rel * kernel + per_task * tasks + per_event * n */
	const char *effect;
} spec[CBT_VERIFY_N] = {
    [CBT_VERIFY_VOL] = {"voluntary_switches", "voluntary switches", false, 0, 0, 0,
			"none: a switch-out a signal kept runnable (voluntary to the kernel, a "
			"preemption to the tracepoint) is told per switch from nvcsw and moved to "
			"this row (signal_runnable_switches)"},
    [CBT_VERIFY_INVOL] = {"involuntary_switches", "involuntary switches", false, 0, 0, 0,
			  "none: the same switches moved out of this row"},
    [CBT_VERIFY_ARRIVALS] = {"switch_ins", "switch-ins (pcount)", false, 0.002, 1, 0,
			     "a switch-in from a wait whose wake-up was not reported is not a "
			     "counted wait (lost_events)"},
    [CBT_VERIFY_ONCPU] =
	{"oncpu_ns", "on-CPU time", true, 0.01, 50000, 500,
	 "a run starts at the run-queue clock, which is stale after a preempting "
	 "wake-up (rq_clock_skip_update): the kernel counts the end of the wait as "
	 "on-CPU (allowed: what the run-queue row moved) + the switch path"},
    [CBT_VERIFY_RUNQ] = {"runq_wait_ns", "run-queue wait", true, 0.05, 50000, 30000,
			 "schedstat's run-queue clock is stale after a preempting wake-up "
			 "(rq_clock_skip_update): run_delay ends early, by up to ~30 us a wait"},
    [CBT_VERIFY_SUM] = {"oncpu_plus_runq_ns", "on-CPU + run-queue", true, 0.01, 50000, 2000,
			"the switch path and the tracer's own programs between the kernel's "
			"clock update and the tracepoint (0.1-1.6 us a switch-in measured on a "
			"loaded 2-CPU VM)"},
};

void cbt_verify_result(const struct cbt_result *r, struct cbt_verify *v)
{
	double tr[CBT_VERIFY_N] = {0}, kn[CBT_VERIFY_N] = {0}, lost = 0;

	memset(v, 0, sizeof(*v));
	for (size_t i = 0; i < r->nruns; i++) {
		const struct cbt_run_record *run = &r->runs[i];

		if (!run->traced)
			continue;
		v->runs++;
		lost += (double)run->trace.lost_events;
		for (size_t k = 0; k < run->trace.ntasks; k++) {
			const struct cbt_task_record *t = &run->trace.tasks[k];

			/* exited while tracked (read at its final switch-out); the leader's
			 * counts are deltas from tracking start (trace/tracer.c) */
			if (!t->kernel.valid)
				continue;
			v->tasks++;
			/* a switch-out a signal kept runnable is the kernel's nvcsw and the
			 * tracer's preemption: counted per switch, moved to the kernel's side */
			v->signal_runnable += (double)t->signal_runnable;
			tr[CBT_VERIFY_VOL] += (double)(t->vol_switches + t->signal_runnable) + 1;
			kn[CBT_VERIFY_VOL] += (double)t->kernel.nvcsw;
			tr[CBT_VERIFY_INVOL] += (double)(t->invol_switches - t->signal_runnable);
			kn[CBT_VERIFY_INVOL] += (double)t->kernel.nivcsw;
			tr[CBT_VERIFY_ARRIVALS] += (double)t->runq_waits;
			kn[CBT_VERIFY_ARRIVALS] += (double)t->kernel.pcount;
			tr[CBT_VERIFY_ONCPU] += (double)t->oncpu_ns;
			kn[CBT_VERIFY_ONCPU] += (double)t->kernel.sum_exec_ns;
			tr[CBT_VERIFY_RUNQ] += (double)t->runq_wait_ns;
			kn[CBT_VERIFY_RUNQ] += (double)t->kernel.run_delay_ns;
			tr[CBT_VERIFY_SUM] += (double)(t->oncpu_ns + t->runq_wait_ns);
			kn[CBT_VERIFY_SUM] +=
			    (double)(t->kernel.sum_exec_ns + t->kernel.run_delay_ns);
		}
	}
	v->available = v->tasks > 0;
	v->ok = true;
	for (int i = 0; i < CBT_VERIFY_N; i++) {
		struct cbt_verify_row *w = &v->row[i];

		w->figure = spec[i].figure;
		w->label = spec[i].label;
		w->time = spec[i].time;
		w->effect = spec[i].effect;
		w->traced = tr[i];
		w->kernel = kn[i];
		w->allowed = spec[i].rel * kn[i] + spec[i].per_task * (double)v->tasks +
			     spec[i].per_event * kn[CBT_VERIFY_ARRIVALS];
		if (!w->time) /* a repaired event (lost_events) is a switch counted on the other
				 side */
			w->allowed += lost;
		if (i == CBT_VERIFY_ONCPU) /* the time the stale clock moved out of the wait */
			w->allowed += fmax(0, tr[CBT_VERIFY_RUNQ] - kn[CBT_VERIFY_RUNQ]);
		w->ok = !v->available || fabs(tr[i] - kn[i]) <= w->allowed;
		v->ok = v->ok && w->ok;
	}
}

bool cbt_verify_all_ok(const struct cbt_result *results, size_t n)
{
	struct cbt_verify v;

	for (size_t i = 0; i < n; i++) {
		cbt_verify_result(&results[i], &v);
		if (!v.ok)
			return false;
	}
	return true;
}
