/* machine_load.h - how busy the whole machine was during a run, so that a run-queue wait caused
 * by other processes is not explained as the run's own doing. /proc/stat's CPU counters (ticks of
 * USER_HZ: 10 ms per CPU) around the run, minus the run's own CPU time (rusage). */
#ifndef CBT_MACHINE_LOAD_H
#define CBT_MACHINE_LOAD_H

#include <sys/resource.h>

struct cbt_load_mark {
	double busy_s; /* all CPUs' non-idle time since boot */
	double self_s; /* this process's own CPU time */
	double mono_s; /* CLOCK_MONOTONIC */
};

void cbt_load_mark(struct cbt_load_mark *m);

/* CPU seconds that processes outside the run (and outside this tool) used between two marks;
 * `run` is the rusage of the run (its leader and every descendant). Never negative. */
double cbt_load_others_s(const struct cbt_load_mark *a, const struct cbt_load_mark *b,
			 const struct rusage *run);

#endif
