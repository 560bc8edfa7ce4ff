/* params.h - the parameters of a workload, shared by every backend that runs it, and the names
 * of the yield-loop primitives (one table, model/params.c). Plain data: includes nothing of ours.
 */
#ifndef CBT_PARAMS_H
#define CBT_PARAMS_H

#include <stdbool.h>
#include <sched.h>
#include <stdint.h>

enum cbt_yield_kind { CBT_YIELD_NANOSLEEP, CBT_YIELD_SCHED_YIELD, CBT_YIELD_CLOCK_NANOSLEEP };

struct cbt_params {
	unsigned tasks;	     /* --tasks */
	unsigned iterations; /* --iterations: yield-loop calls per task */
	double sleep_s;	     /* --sleep */
	enum cbt_yield_kind yield;
	uint64_t seed;	       /* --seed: variable-sleep draws */
	unsigned cpu_size;     /* --cpu-size: squares computed per task */
	unsigned io_size;      /* --io-size: bytes written per task */
	unsigned io_block;     /* --io-block: bytes per write() */
	unsigned mixed_chunks; /* --mixed-chunks: cpu/io alternations per task */
	/* --dump-schedstat FILE: tasks append their schedstat when they finish */
	const char *schedstat_dump;
	unsigned workers;	   /* --workers: pool size; 0 = number of CPUs */
	unsigned workers_resolved; /* --workers, or the number of CPUs the run may use */
	double switch_interval_s;  /* --switch-interval: gil-threads' forced-switch interval */
	uint64_t timer_slack_ns; /* --timer-slack: set in the run leader; 0 = leave the system's */
	bool pin;		 /* --cpus given */
	cpu_set_t cpus;		 /* --cpus: the run leader and its tasks run only here */
	char cpus_spec[64];	 /* --cpus as given, for reports */
};

/* The primitive yield-loop calls, by name ("nanosleep", ...), and its parser (0, or -1). */
const char *cbt_yield_name(enum cbt_yield_kind k);
int cbt_yield_parse(const char *s, enum cbt_yield_kind *out);
/* "nanosleep, sched_yield, clock_nanosleep": for help and error messages. */
const char *cbt_yield_names(void);

#endif
