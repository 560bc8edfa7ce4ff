/* backend.h - backends: a backend starts N tasks of a workload and waits for them all. Owns the
 * backends, the workload bodies and their self-descriptions (model/catalog.h); includes the
 * model only, never the tracer, the runner or a reporter.
 *
 * run() is called inside the run leader (a fresh process) between the two clock readings that
 * make the wall time, so it must include every cost of creating, starting and joining tasks.
 */
#ifndef CBT_BACKEND_H
#define CBT_BACKEND_H

#include <stdint.h>

#include "backends/workload.h"

struct cbt_run_env {
	const struct cbt_workload *workload;
	const struct cbt_params *params;
	const char *io_dir; /* a private directory for io bodies, or NULL */
};

struct cbt_backend_result {
	unsigned failed_tasks; /* tasks whose body reported an error, or that died */
	int first_error;       /* errno of the first failure */
	uint64_t checksum;     /* sum of the tasks' checksums (processes: not collected, 0) */
};

struct cbt_backend {
	struct cbt_backend_info info; /* how it describes itself (model/catalog.h) */
	/* Returns 0 when every task was started and joined (failures are counted in res). */
	int (*run)(const struct cbt_run_env *env, struct cbt_backend_result *res);
};

extern const struct cbt_backend *const cbt_backends[];
extern const unsigned cbt_nbackends;

const struct cbt_backend *cbt_backend_find(const char *name);

/* Fills the context of task `index` (its sleep draw, io dir, no hooks). */
void cbt_task_ctx_init(struct cbt_task_ctx *ctx, const struct cbt_run_env *env, unsigned index);
/* Adds one finished task's outcome to the result. */
void cbt_backend_account(struct cbt_backend_result *res, const struct cbt_task_ctx *ctx);

extern const struct cbt_backend cbt_backend_serial;
extern const struct cbt_backend cbt_backend_threads;
extern const struct cbt_backend cbt_backend_processes;
extern const struct cbt_backend cbt_backend_coroutines;
extern const struct cbt_backend cbt_backend_thread_pool;
extern const struct cbt_backend cbt_backend_process_pool;
extern const struct cbt_backend cbt_backend_coro_threadpool;
extern const struct cbt_backend cbt_backend_coro_procpool;
extern const struct cbt_backend cbt_backend_gil_threads;

#endif
