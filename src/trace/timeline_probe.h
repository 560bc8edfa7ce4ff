/* timeline_probe.h - the scheduler events of the run's tasks, streamed through a BPF ring buffer
 * (bpf/timeline.bpf.c) for the Chrome/Perfetto timeline. Opened only when a timeline is asked
 * for: the counting path (tracer.c) is not changed by it.
 *
 * Scoped to exactly the tasks of the run by reusing the tracer's map of tracked tasks, and,
 * when the interpreter-lock probe is loaded, its per-thread map (a task blocked inside
 * an interpreter-lock acquisition waits for the lock).
 *
 *   cbt_timeline_probe_open   load and attach (idle until a run begins)
 *   cbt_timeline_probe_begin  after cbt_tracer_begin: start streaming into a new timeline
 *   cbt_timeline_probe_end    after cbt_tracer_end: stop, drain, hand the events to run->timeline
 *   cbt_timeline_probe_close  detach and free
 * Bounded: at most `limit` events over the whole invocation; the rest are counted as dropped.
 */
#ifndef CBT_TIMELINE_PROBE_H
#define CBT_TIMELINE_PROBE_H

#include <stddef.h>
#include <stdint.h>

#include "model/records.h"

struct cbt_timeline_probe;

struct cbt_timeline_config {
	int tasks_map_fd;     /* cbt_tracer_tasks_map_fd() */
	int gil_tasks_map_fd; /* cbt_gil_probe_tasks_map_fd(), or -1 */
	uint64_t limit;	      /* events over the whole invocation (--timeline-limit) */
};

int cbt_timeline_probe_open(struct cbt_timeline_probe **out, const struct cbt_timeline_config *c,
			    char *err, size_t errlen);
int cbt_timeline_probe_begin(struct cbt_timeline_probe *p, char *err, size_t errlen);
int cbt_timeline_probe_end(struct cbt_timeline_probe *p, struct cbt_trace_run *run);
void cbt_timeline_probe_close(struct cbt_timeline_probe *p);

#endif
