/* tracer.h - trace: kernel attribution for one run: BPF programs + perf counters scoped to a run
 * leader and all of its descendants (and the lock probes, privilege check, syscall names). Fills
 * model records; includes the model only, never backends, workloads, the runner or reporters.
 *
 * Lifecycle (one tracer for the whole invocation):
 *   cbt_tracer_open   load and attach the BPF programs (idle until a run begins)
 *   cbt_tracer_begin  reset maps, track `leader` (and, from then on, every task it creates),
 *                     open perf counters on the leader with inheritance (--perf-counters)
 *   ... the leader starts its tasks, they run, the leader exits and is reaped ...
 *   cbt_tracer_end    collect everything into a cbt_trace_run, stop tracking
 *   cbt_tracer_close  detach and free everything (safe on a partially opened tracer, and twice)
 */
#ifndef CBT_TRACER_H
#define CBT_TRACER_H

#include <stddef.h>
#include <sys/types.h>

#include "model/records.h"

struct cbt_tracer;

struct cbt_tracer_config {
	unsigned max_tasks; /* capacity: tasks a run may create (map sizes derive from it) */
	/* also open perf software counters inherited by every task (--perf-counters): a cross-check
	 * that costs the traced tasks time at every switch (docs/overhead.md), so opt-in */
	bool perf_counters;
};

/* Returns 0, or -1 with a one-line human explanation in err (e.g. the missing capability). */
int cbt_tracer_open(struct cbt_tracer **out, const struct cbt_tracer_config *cfg, char *err,
		    size_t errlen);
int cbt_tracer_begin(struct cbt_tracer *t, pid_t leader, char *err, size_t errlen);
int cbt_tracer_end(struct cbt_tracer *t, struct cbt_trace_run *out, char *err, size_t errlen);
void cbt_tracer_close(struct cbt_tracer *t);

/* The BPF map of tracked tasks (key: tid), so another probe set (gil_probe) can scope itself to
 * exactly the tasks of the run by reusing it. -1 if not open. */
int cbt_tracer_tasks_map_fd(const struct cbt_tracer *t);

/* Kernel memory of the tracer's BPF maps in bytes (the "memlock" the kernel charges for them). */
unsigned long long cbt_tracer_map_bytes(const struct cbt_tracer *t);

/* What attaches ("eBPF (tp_btf) + perf sw counters"), for the report header. */
const char *cbt_tracer_description(const struct cbt_tracer *t);

/* Checks privileges without loading anything; NULL if tracing can work, else why not. */
const char *cbt_tracer_missing_privilege(void);

#endif
