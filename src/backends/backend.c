/* backend.c - the backend registry and what every backend shares. */
#include <string.h>

#include "backends/backend.h"

const struct cbt_backend *const cbt_backends[] = {
    &cbt_backend_serial,	  &cbt_backend_threads,	      &cbt_backend_processes,
    &cbt_backend_coroutines,	  &cbt_backend_thread_pool,   &cbt_backend_process_pool,
    &cbt_backend_coro_threadpool, &cbt_backend_coro_procpool, &cbt_backend_gil_threads,
};
const unsigned cbt_nbackends = sizeof(cbt_backends) / sizeof(cbt_backends[0]);

const struct cbt_backend *cbt_backend_find(const char *name)
{
	for (unsigned i = 0; i < cbt_nbackends; i++)
		if (strcmp(cbt_backends[i]->info.name, name) == 0)
			return cbt_backends[i];
	return NULL;
}

void cbt_task_ctx_init(struct cbt_task_ctx *ctx, const struct cbt_run_env *env, unsigned index)
{
	const struct cbt_params *p = env->params;

	memset(ctx, 0, sizeof(*ctx));
	ctx->params = p;
	ctx->index = index;
	ctx->io_dir = env->io_dir;
	if (env->workload->kind == CBT_WORKLOAD_VARIABLE_SLEEP)
		ctx->sleep_ns = cbt_variable_sleep_ns(p, index);
	else
		ctx->sleep_ns = (uint64_t)(p->sleep_s * 1e9);
}

void cbt_backend_account(struct cbt_backend_result *res, const struct cbt_task_ctx *ctx)
{
	res->checksum += ctx->checksum;
	if (ctx->error) {
		if (!res->failed_tasks)
			res->first_error = ctx->error;
		res->failed_tasks++;
	}
}
