/* timeline.h - the scheduler events of one traced run, in time order, and the per-task slices
 * (Running / Runnable / Blocked / Interpreter lock), wake-up flows and runnable-task counter
 * built from them. Plain data: filled by trace/timeline.c, read by the timeline exporter.
 * Timestamps are CLOCK_MONOTONIC nanoseconds, like records.h.
 */
#ifndef CBT_TIMELINE_H
#define CBT_TIMELINE_H

#include <stddef.h>
#include <stdint.h>

#include "model/records.h"

enum cbt_tl_type {
	CBT_TLE_SWITCH_IN = 1, /* tid starts running on cpu */
	CBT_TLE_PREEMPT, /* tid switched out while runnable; arg: ns it ran (kernel's count) */
	CBT_TLE_BLOCK,	 /* tid switched out blocked (reason, sys_nr, gil); arg: ns it ran */
	CBT_TLE_EXIT,	 /* final switch-out after exit; arg: ns it ran */
	CBT_TLE_WAKEUP,	 /* tid enqueued: blocked -> runnable */
	CBT_TLE_WAKING,	 /* other (a task of the run) wakes tid */
	CBT_TLE_FORK,	 /* tid created by other; pid: its thread group */
	CBT_TLE_EXEC,	 /* tid executed a new program (comm in cbt_timeline.execs) */
};

struct cbt_tl_event {
	uint64_t ts;
	uint64_t arg;
	int32_t tid;
	int32_t other;	/* WAKING: the waker; FORK: the creator */
	int32_t pid;	/* FORK, EXEC: thread group */
	uint32_t seq;	/* arrival order (set by cbt_timeline_push): ties in ts keep it */
	int16_t sys_nr; /* BLOCK: syscall it blocked in, -1 if none */
	uint8_t type;	/* enum cbt_tl_type */
	uint8_t reason; /* BLOCK: enum cbt_reason */
	uint8_t gil;	/* BLOCK: inside an interpreter-lock acquisition (take_gil) */
	uint16_t cpu;
};

struct cbt_tl_exec {
	uint64_t ts;
	int32_t tid;
	char comm[16];
};

/* What one run streamed. Owned by its struct cbt_trace_run (freed with it). */
struct cbt_timeline {
	size_t n, cap;
	struct cbt_tl_event *ev; /* sorted by ts (stable) once the run ended */
	size_t nexecs, execs_cap;
	struct cbt_tl_exec *execs;
	uint64_t dropped_ringbuf;	  /* the ring buffer had no room */
	uint64_t dropped_limit;		  /* over --timeline-limit */
	const char *const *syscall_names; /* nr -> name (NULL if unknown), nsyscall_names of them */
	int nsyscall_names;
};

void cbt_timeline_free(struct cbt_timeline *tl);
/* Appends one event; -1 when out of memory. */
int cbt_timeline_push(struct cbt_timeline *tl, const struct cbt_tl_event *e);
int cbt_timeline_push_exec(struct cbt_timeline *tl, const struct cbt_tl_exec *x);
/* Sorts the events by time (ring-buffer records of different CPUs interleave). */
void cbt_timeline_sort(struct cbt_timeline *tl);

/* ---- slices, built from the events and the run's task records */

enum cbt_tl_state {
	CBT_TLS_RUNNING,
	CBT_TLS_RUNNABLE,
	CBT_TLS_BLOCKED,
	CBT_TLS_GIL, /* blocked inside an interpreter-lock acquisition */
	CBT_TLS_DEAD,
};

struct cbt_tl_slice {
	uint64_t start, end;
	int32_t tid;
	int16_t sys_nr; /* BLOCKED, GIL: the syscall, -1 if none or unknown */
	uint8_t state;	/* enum cbt_tl_state */
	uint8_t reason; /* BLOCKED: enum cbt_reason */
	uint16_t cpu;	/* RUNNING: the CPU */
};

struct cbt_tl_flow {
	int32_t waker, wakee;
	uint64_t ts_waker; /* sched_waking, in the waker's Running slice */
	uint64_t ts_wakee; /* the wakee's next switch-in: the start of its Running slice */
};

struct cbt_tl_count {
	uint64_t ts;
	uint32_t runnable; /* tasks of the run runnable but not running, from ts on */
};

struct cbt_tl_built {
	size_t nslices, nflows, ncounts;
	struct cbt_tl_slice *slices; /* per task in time order; tasks in run->tasks order */
	struct cbt_tl_flow *flows;
	struct cbt_tl_count *counts;
	uint64_t unmatched_wakings; /* wakings with no later switch-in of the wakee: not drawn */
};

/* Builds the slices of every task of the run: from its creation (fork, or the start of tracking)
 * to its final switch-out or the end of tracking, without gaps or overlaps. Returns 0, -1 when
 * out of memory. */
int cbt_timeline_build(const struct cbt_timeline *tl, const struct cbt_trace_run *run,
		       struct cbt_tl_built *out);
void cbt_tl_built_free(struct cbt_tl_built *b);
const char *cbt_tl_state_name(enum cbt_tl_state s); /* "Running", "Runnable", ... */

#endif
