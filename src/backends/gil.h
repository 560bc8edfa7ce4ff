/* gil.h - an interpreter-style global lock, modelled on CPython's since 3.2 (Python/ceval_gil.h):
 *
 *  - a thread must hold the lock to run "bytecode" (a workload's CPU parts);
 *  - it releases the lock around every blocking call and takes it back afterwards;
 *  - a thread that waited a whole switch interval without any switch happening sets a drop
 *    request; the holder sees it at its next check (cbt_gil_check) and drops the lock;
 *  - forced switching: a thread that dropped on request waits until another thread has taken
 *    the lock before it tries to retake it.
 * Built from one mutex + condition variable (waiters) and a second pair (switch), as CPython's. */
#ifndef CBT_GIL_H
#define CBT_GIL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

struct cbt_gil {
	pthread_mutex_t mutex;
	pthread_cond_t cond; /* waiters for the lock */
	pthread_mutex_t switch_mutex;
	pthread_cond_t switch_cond; /* a forced dropper waits here for the switch */
	int locked;
	const void *last_holder;
	uint64_t switch_number;
	atomic_int drop_request;
	uint64_t interval_ns;
	/* counters (read after the run; protected by mutex) */
	uint64_t acquisitions, contended, drop_requests, forced_switches;
};

void cbt_gil_init(struct cbt_gil *g, uint64_t interval_ns);
void cbt_gil_destroy(struct cbt_gil *g);
void cbt_gil_take(struct cbt_gil *g, const void *thread);
void cbt_gil_drop(struct cbt_gil *g, const void *thread);
/* The eval loop's periodic check: drop and retake the lock if another thread asked for it. */
void cbt_gil_check(struct cbt_gil *g, const void *thread);

#endif
