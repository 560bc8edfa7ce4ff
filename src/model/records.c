/* records.c - helpers for the plain-data result model of a traced run. */
#include "model/records.h"
#include "model/timeline.h"

#include <stdlib.h>

void cbt_trace_run_free(struct cbt_trace_run *run)
{
	if (!run)
		return;
	free(run->tasks);
	free(run->syscalls); /* names point into the static syscall name table */
	free(run->wakers);
	cbt_timeline_free(run->timeline);
	free(run->timeline);
	run->timeline = NULL;
	run->tasks = NULL;
	run->syscalls = NULL;
	run->wakers = NULL;
	run->ntasks = 0;
	run->nsyscalls = 0;
	run->nwakers = 0;
	run->wakers_other = 0;
	run->cross_wakeups = 0;
}

const char *cbt_reason_name(enum cbt_reason r)
{
	static const char *const names[CBT_REASON_COUNT] = {
	    [CBT_REASON_SLEEP] = "sleep", [CBT_REASON_LOCK] = "lock", [CBT_REASON_IO] = "io",
	    [CBT_REASON_CHILD] = "child", [CBT_REASON_POLL] = "poll", [CBT_REASON_OTHER] = "other",
	};

	if ((unsigned)r >= CBT_REASON_COUNT)
		return "?";
	return names[r];
}

const char *cbt_lost_cause_name(enum cbt_lost_cause c)
{
	static const char *const names[CBT_LOST_CAUSES] = {
	    [CBT_LOST_WAKEUP] = "missed_wakeups",	[CBT_LOST_SWITCHIN] = "missed_switchins",
	    [CBT_LOST_SWITCHOUT] = "missed_switchouts", [CBT_LOST_TID_REUSED] = "tids_reused",
	    [CBT_LOST_SKIPPED] = "bpf_runs_skipped",	[CBT_LOST_LOCK] = "lock_probe_events",
	};

	if ((unsigned)c >= CBT_LOST_CAUSES)
		return "?";
	return names[c];
}

const char *cbt_perf_counter_name(enum cbt_perf_counter c)
{
	static const char *const names[CBT_PERF_COUNT] = {
	    [CBT_PERF_CONTEXT_SWITCHES] = "context-switches",
	    [CBT_PERF_CPU_MIGRATIONS] = "cpu-migrations",
	    [CBT_PERF_TASK_CLOCK] = "task-clock",
	    [CBT_PERF_PAGE_FAULTS] = "page-faults",
	    [CBT_PERF_CYCLES] = "cycles",
	    [CBT_PERF_INSTRUCTIONS] = "instructions",
	};

	if ((unsigned)c >= CBT_PERF_COUNT)
		return "?";
	return names[c];
}
