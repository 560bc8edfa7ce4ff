/* perf_counters.h - the run's perf_event counters: software ones (context switches, migrations,
 * task clock, page faults) and, where the machine has them, hardware cycles and instructions.
 *
 * Opened on the run leader with inherit=1 before it starts its tasks, so every thread and process
 * it creates (however deep) is counted; an exiting task's counts are folded into the leader's
 * counter when it exits, so reading after the leader has been reaped gives the whole run.
 */
#ifndef CBT_PERF_COUNTERS_H
#define CBT_PERF_COUNTERS_H

#include <sys/types.h>

#include "model/records.h"

struct cbt_perf_set {
	int fd[CBT_PERF_COUNT];	 /* -1: not open (unsupported or failed) */
	int err[CBT_PERF_COUNT]; /* errno of a failed perf_event_open, 0 if open */
};

/* Marks every counter closed; call once before cbt_perf_open/cbt_perf_close. */
void cbt_perf_init(struct cbt_perf_set *s);

/* Opens all counters on pid (cpu=-1, inherit). Closes any still open. Returns how many opened. */
int cbt_perf_open(struct cbt_perf_set *s, pid_t pid);

/* Reads every counter (scaled if it was multiplexed). A counter that is not open, or that never
 * ran, is reported with supported=false. */
void cbt_perf_read(const struct cbt_perf_set *s, struct cbt_perf_value out[CBT_PERF_COUNT]);

void cbt_perf_close(struct cbt_perf_set *s);

#endif
