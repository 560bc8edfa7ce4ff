/* warnings.c - see warnings.h: when each warning is given, and its words. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis/warnings.h"
#include "model/timeline.h"

/* Lost events are worth a warning past both limits; below, they were repaired. */
#define LOST_EVENTS_MIN	  10.0
#define LOST_EVENTS_SHARE 0.01
/* /proc/stat counts in 10 ms ticks per CPU: below this, other load is within its resolution */
#define BUSY_MACHINE_CPUS 0.25

/* "missed_wakeups 2, tids_reused 1": the causes of the lost events (records.h). */
static const char *lost_causes(const struct cbt_summary *s, char *buf, size_t len)
{
	size_t k = 0;

	buf[0] = '\0';
	for (int c = 0; c < CBT_LOST_CAUSES && k < len; c++)
		if (s->lost_by[c])
			k += (size_t)snprintf(buf + k, len - k, "%s%s %llu", k ? ", " : "",
					      cbt_lost_cause_name(c),
					      (unsigned long long)s->lost_by[c]);
	return buf;
}

size_t cbt_warnings(const struct cbt_result *r, const struct cbt_summary *s, bool adaptive,
		    struct cbt_warning out[CBT_MAX_WARNINGS])
{
	size_t n = 0;
	char w[256], why[160];
	memset(out, 0, sizeof(*out) * CBT_MAX_WARNINGS);
	if (r->failed_runs) {
		out[n].kind = CBT_WARN_FAILED_RUNS;
		snprintf(out[n++].text, sizeof(out[0].text), "%u run(s) failed: %s", r->failed_runs,
			 r->failure);
	}
	if (cbt_stats_warning(&r->wall, w, sizeof(w))) {
		out[n].kind = CBT_WARN_NOISY;
		snprintf(out[n++].text, sizeof(out[0].text), "%s", w);
	}
	double events = (s->vol + s->invol + s->wakeups) * (double)s->traced_runs;
	if (s->untracked_tasks ||
	    (double)s->lost_events > fmax(LOST_EVENTS_MIN, LOST_EVENTS_SHARE * events)) {
		out[n].kind = CBT_WARN_TRACE_INCOMPLETE;
		snprintf(out[n++].text, sizeof(out[0].text),
			 "the tracer lost %llu events (%s) and could not track %llu tasks: its "
			 "numbers are incomplete",
			 (unsigned long long)s->lost_events, lost_causes(s, why, sizeof(why)),
			 (unsigned long long)s->untracked_tasks);
	} else if (s->lost_events) {
		out[n].kind = CBT_WARN_EVENTS_REPAIRED;
		out[n].count = (double)s->lost_events;
		out[n].value = (double)s->lost_events / events;
		snprintf(out[n++].text, sizeof(out[0].text), " %llu (%.3f %%: %s)",
			 (unsigned long long)s->lost_events,
			 100.0 * (double)s->lost_events / events, lost_causes(s, why, sizeof(why)));
	}
	uint64_t tl_rb = 0, tl_limit = 0;
	for (size_t k = 0; k < r->nruns; k++)
		if (r->runs[k].traced && r->runs[k].trace.timeline) {
			tl_rb += r->runs[k].trace.timeline->dropped_ringbuf;
			tl_limit += r->runs[k].trace.timeline->dropped_limit;
		}
	if (tl_rb || tl_limit) {
		out[n].kind = CBT_WARN_TIMELINE_DROPS;
		snprintf(out[n++].text, sizeof(out[0].text),
			 "the timeline dropped %llu events (%llu over --timeline-limit, %llu with "
			 "the ring buffer full): those runs' tracks are cut short",
			 (unsigned long long)(tl_rb + tl_limit), (unsigned long long)tl_limit,
			 (unsigned long long)tl_rb);
	}
	if (s->others_cpus >= BUSY_MACHINE_CPUS) {
		out[n].kind = CBT_WARN_BUSY_MACHINE;
		out[n].value = s->others_cpus;
		snprintf(out[n++].text, sizeof(out[0].text), " %.1f", s->others_cpus);
	}
	if (r->nruns == 1 && adaptive && !r->interrupted) {
		out[n].kind = CBT_WARN_SINGLE_RUN;
		out[n++].text[0] = '\0';
	}
	return n;
}

bool cbt_warning_listed(enum cbt_warning_kind k)
{
	return k == CBT_WARN_SINGLE_RUN || k == CBT_WARN_EVENTS_REPAIRED ||
	       k == CBT_WARN_BUSY_MACHINE;
}

const char *cbt_warning_list_intro(enum cbt_warning_kind k, char *buf, size_t len)
{
	if (k == CBT_WARN_SINGLE_RUN)
		snprintf(buf, len,
			 "one run used the %.0f s budget, so ± sd is n/a (--repeat N for more)",
			 CBT_ADAPTIVE_BUDGET_S);
	else if (k == CBT_WARN_EVENTS_REPAIRED)
		snprintf(buf, len,
			 "scheduler events no tracepoint delivered and the kernel's record of the "
			 "task could not place, estimated from the task's next event");
	else if (k == CBT_WARN_BUSY_MACHINE)
		snprintf(
		    buf, len,
		    "the machine was busy: processes outside the run used CPUs during it "
		    "(/proc/stat), so run-queue waits and parallelism include their load; CPUs' "
		    "worth");
	else
		buf[0] = '\0';
	return buf;
}

const char *cbt_warning_list_summary(enum cbt_warning_kind k, size_t n, double count,
				     double max_value, char *buf, size_t len)
{
	if (k == CBT_WARN_SINGLE_RUN) /* which ones: the rows whose ± sd is n/a */
		snprintf(buf, len,
			 "one run used the %.0f s budget, so ± sd is n/a (--repeat N for more)",
			 CBT_ADAPTIVE_BUDGET_S);
	else if (k == CBT_WARN_EVENTS_REPAIRED)
		snprintf(
		    buf, len,
		    "scheduler events estimated from the task's next event: %.0f, at most %.3f "
		    "%% of a backend's",
		    count, 100 * max_value);
	else if (k == CBT_WARN_BUSY_MACHINE)
		snprintf(buf, len,
			 "busy machine: others used up to %.1f CPUs' worth in %zu backend%s' runs, "
			 "counted in run-queue waits",
			 max_value, n, n == 1 ? "" : "s");
	else
		buf[0] = '\0';
	return buf;
}

const char *cbt_warning_kind_name(enum cbt_warning_kind k)
{
	static const char *const names[CBT_WARN_KINDS] = {
	    "failed_runs",  "noisy",	  "trace_incomplete", "timeline_drops",
	    "busy_machine", "single_run", "events_repaired"};
	return (unsigned)k < CBT_WARN_KINDS ? names[k] : "?";
}
