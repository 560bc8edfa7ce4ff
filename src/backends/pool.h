/* pool.h - worker pools that run task bodies: threads (a queue under a mutex, like
 * concurrent.futures.ThreadPoolExecutor) or forked processes (task numbers and results cross
 * pipes, like multiprocessing). Completions can be awaited (blocking) or polled through a file
 * descriptor by an event loop (the shape of asyncio's run_in_executor). */
#ifndef CBT_POOL_H
#define CBT_POOL_H

#include <stdint.h>

#include "backends/backend.h"

enum cbt_pool_kind { CBT_POOL_THREADS, CBT_POOL_PROCESSES };

struct cbt_pool_done {
	unsigned index;
	int error;
	uint64_t checksum;
};

struct cbt_pool;

/* Starts `workers` workers running bodies of env's workload. notify: also make completions
 * visible on cbt_pool_fd() (for an event loop). 0 or -errno. */
int cbt_pool_start(struct cbt_pool **out, enum cbt_pool_kind kind, unsigned workers,
		   const struct cbt_run_env *env, int notify);
int cbt_pool_submit(struct cbt_pool *p, unsigned index);
/* Blocks until one task has finished. 0, or -errno (e.g. a worker process died). */
int cbt_pool_wait(struct cbt_pool *p, struct cbt_pool_done *out);
/* With notify: a descriptor that is readable while completions are pending, and a
 * non-blocking reap of them (returns how many were stored, up to max). */
int cbt_pool_fd(const struct cbt_pool *p);
int cbt_pool_reap(struct cbt_pool *p, struct cbt_pool_done *out, unsigned max);
/* Shuts the workers down and joins/reaps them. */
void cbt_pool_stop(struct cbt_pool *p);

/* --workers 0 means: the number of CPUs this process may run on. */
unsigned cbt_pool_workers(const struct cbt_params *p);

#endif
