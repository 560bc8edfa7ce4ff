/* workload.h - a workload is a pure description plus a body run once per task.
 *
 * Bodies never call blocking primitives directly where a backend may need to act around them:
 * they go through the task context, so a coroutine backend can turn a sleep into a yield to its
 * event loop and an interpreter-lock backend can release its lock around a blocking call.
 */
#ifndef CBT_WORKLOAD_H
#define CBT_WORKLOAD_H

#include <stdint.h>

#include "model/catalog.h"
#include "model/params.h"

struct cbt_task_ctx;

/* What a backend can hook. Every hook may be NULL (then the plain blocking call is made). */
struct cbt_task_hooks {
	/* A cooperative sleep (asyncio.sleep): NULL means a blocking nanosleep. */
	void (*sleep)(struct cbt_task_ctx *ctx, uint64_t ns);
	/* Around every blocking call (nanosleep, write, fsync): release / retake a lock, ... */
	void (*block_begin)(struct cbt_task_ctx *ctx);
	void (*block_end)(struct cbt_task_ctx *ctx);
	/* Called between units of CPU work ("bytecodes"): a point where a backend may switch. */
	void (*checkpoint)(struct cbt_task_ctx *ctx);
};

/* Everything a body needs to run one task. Prepared by the runner, once per task. */
struct cbt_task_ctx {
	const struct cbt_params *params;
	unsigned index;	    /* 0 .. tasks-1 */
	uint64_t sleep_ns;  /* this task's sleep (fixed, or its variable-sleep draw) */
	const char *io_dir; /* where io bodies create their file */
	const struct cbt_task_hooks *hooks;
	void *backend_data;
	uint64_t checksum; /* result of the cpu body: keeps it from being optimised away */
	int error;	   /* errno of a failed body, 0 if it succeeded */
};

extern const struct cbt_workload cbt_workloads[];
extern const unsigned cbt_nworkloads;

/* The entry named `name`, or NULL; the first entry of a kind. */
const struct cbt_workload *cbt_workload_find(const char *name);
const struct cbt_workload *cbt_workload_of_kind(enum cbt_workload_kind kind);

/* The body of a workload (NULL for the command pseudo-workload). */
typedef void (*cbt_body_fn)(struct cbt_task_ctx *ctx);
cbt_body_fn cbt_workload_body(const struct cbt_workload *w);

/* Runs a task's body with its context, then (if asked) appends its schedstat to a file. */
void cbt_task_run(const struct cbt_workload *w, struct cbt_task_ctx *ctx);

/* The draw of variable-sleep for task `index`: U(0,1) * sleep, reproducible from the seed. */
uint64_t cbt_variable_sleep_ns(const struct cbt_params *p, unsigned index);

#endif
