/* backend_pools.c - thread-pool and process-pool: a fixed pool of --workers workers drains a
 * queue of the N tasks (concurrent.futures' executors: submit all, then wait for all). */
#include "backends/backend.h"
#include "backends/pool.h"

static int pool_run(enum cbt_pool_kind kind, const struct cbt_run_env *env,
		    struct cbt_backend_result *res)
{
	struct cbt_pool *pool;
	unsigned n = env->params->tasks, got = 0;
	int rc = cbt_pool_start(&pool, kind, cbt_pool_workers(env->params), env, 0);

	for (unsigned i = 0; rc == 0 && i < n; i++)
		rc = cbt_pool_submit(pool, i);
	for (; rc == 0 && got < n; got++) {
		struct cbt_pool_done d;
		rc = cbt_pool_wait(pool, &d);
		if (rc == 0) {
			struct cbt_task_ctx ctx = {.error = d.error, .checksum = d.checksum};
			cbt_backend_account(res, &ctx);
		}
	}
	cbt_pool_stop(pool);
	return rc;
}

static int thread_pool_run(const struct cbt_run_env *env, struct cbt_backend_result *res)
{
	return pool_run(CBT_POOL_THREADS, env, res);
}

static int process_pool_run(const struct cbt_run_env *env, struct cbt_backend_result *res)
{
	return pool_run(CBT_POOL_PROCESSES, env, res);
}

const struct cbt_backend cbt_backend_thread_pool = {
    .info = {"thread-pool", "--workers threads (default: CPUs) drain a queue of the N tasks",
	     "a queue drained by --workers threads (futex)", CBT_KNOB_WORKERS, true, NULL,
	     &cbt_backend_process_pool.info},
    .run = thread_pool_run};

const struct cbt_backend cbt_backend_process_pool = {
    .info = {"process-pool", "--workers forked processes; task numbers and results cross pipes",
	     "pipes to --workers forked processes", CBT_KNOB_WORKERS, true},
    .run = process_pool_run};
