/* backend_gil_threads.c - one pthread per task, all sharing ONE interpreter-style lock (gil.h):
 * the threads backend as CPython runs it. A thread holds the lock to run its body's CPU parts,
 * releases it around every blocking call (sleep, nanosleep(0), write, fsync), and a thread that
 * waited --switch-interval makes the holder drop it at its next check. The leader, like
 * CPython's main thread, holds the lock while it creates threads and releases it to join. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

#include "backends/backend.h"
#include "backends/gil.h"

struct gil_task {
	pthread_t thread;
	struct cbt_task_ctx ctx;
	const struct cbt_workload *workload;
	struct cbt_gil *gil;
};

static void gil_block_begin(struct cbt_task_ctx *ctx)
{
	struct gil_task *t = ctx->backend_data;
	cbt_gil_drop(t->gil, t);
}

static void gil_block_end(struct cbt_task_ctx *ctx)
{
	struct gil_task *t = ctx->backend_data;
	cbt_gil_take(t->gil, t);
}

static void gil_checkpoint(struct cbt_task_ctx *ctx)
{
	struct gil_task *t = ctx->backend_data;
	cbt_gil_check(t->gil, t);
}

static const struct cbt_task_hooks gil_hooks = {
    .block_begin = gil_block_begin, .block_end = gil_block_end, .checkpoint = gil_checkpoint};

static void *gil_thread_main(void *arg)
{
	struct gil_task *t = arg;
	cbt_gil_take(t->gil, t); /* a new thread needs the lock before its first bytecode */
	cbt_task_run(t->workload, &t->ctx);
	cbt_gil_drop(t->gil, t);
	return NULL;
}

static int gil_threads_run(const struct cbt_run_env *env, struct cbt_backend_result *res)
{
	unsigned n = env->params->tasks, started = 0;
	struct gil_task *tasks = calloc(n, sizeof(*tasks));
	struct cbt_gil gil;
	const void *leader = &gil; /* the leader's identity as a lock holder */
	int rc = 0;

	if (!tasks)
		return -ENOMEM;
	cbt_gil_init(&gil, (uint64_t)(env->params->switch_interval_s * 1e9));
	cbt_gil_take(&gil, leader);
	for (; started < n; started++) {
		struct gil_task *t = &tasks[started];
		cbt_task_ctx_init(&t->ctx, env, started);
		t->ctx.hooks = &gil_hooks;
		t->ctx.backend_data = t;
		t->workload = env->workload;
		t->gil = &gil;
		int err = pthread_create(&t->thread, NULL, gil_thread_main, t);
		if (err) {
			rc = -err;
			break;
		}
		cbt_gil_check(&gil, leader); /* the leader runs bytecode between starts too */
	}
	cbt_gil_drop(&gil, leader); /* join blocks: release the lock around it */
	for (unsigned i = 0; i < started; i++) {
		pthread_join(tasks[i].thread, NULL);
		cbt_backend_account(res, &tasks[i].ctx);
	}
	cbt_gil_destroy(&gil);
	free(tasks);
	return rc;
}

const struct cbt_backend cbt_backend_gil_threads = {
    .info = {"gil-threads",
	     "one pthread per task sharing ONE interpreter-style lock (CPython's GIL model)",
	     "threads plus one interpreter-style lock (futex)", CBT_KNOB_SWITCH_INTERVAL, false,
	     &cbt_backend_threads.info, NULL, &cbt_backend_threads.info},
    .run = gil_threads_run};
