/* backend_coro_offload.c - coro-threadpool and coro-procpool: N coroutines on one event-loop
 * thread; each hands its whole blocking body to a pool and awaits the result, the shape of
 * asyncio's `await loop.run_in_executor(executor, body)`. The loop blocks in ppoll() on the
 * pool's completion descriptor (an eventfd for threads, the result pipe for processes), as
 * asyncio's selector waits on its self-pipe. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>

#include "backends/backend.h"
#include "backends/coro.h"
#include "backends/pool.h"

#define CORO_STACK (64 * 1024)

struct offload_task {
	struct cbt_coro coro;
	struct cbt_pool *pool;
	unsigned index;
	struct cbt_pool_done done;
	int submit_rc;
};

static void offload_main(void *arg)
{
	struct offload_task *t = arg;
	t->submit_rc = cbt_pool_submit(t->pool, t->index);
	if (t->submit_rc == 0)
		cbt_coro_yield(&t->coro); /* await the future: resumed when the pool is done */
}

static int offload_run(enum cbt_pool_kind kind, const struct cbt_run_env *env,
		       struct cbt_backend_result *res)
{
	unsigned n = env->params->tasks, created = 0, finished = 0;
	struct offload_task *tasks = calloc(n, sizeof(*tasks));
	struct cbt_pool_done *batch = calloc(n, sizeof(*batch));
	struct cbt_pool *pool = NULL;
	int rc = (!tasks || !batch) ? -ENOMEM : 0;

	if (rc == 0)
		rc = cbt_pool_start(&pool, kind, cbt_pool_workers(env->params), env, 1);
	for (; rc == 0 && created < n; created++) {
		struct offload_task *t = &tasks[created];
		t->pool = pool;
		t->index = created;
		rc = cbt_coro_init(&t->coro, CORO_STACK, offload_main, t);
	}
	/* the loop's first pass runs every coroutine up to its await (it submits its body) */
	for (unsigned i = 0; rc == 0 && i < n; i++) {
		cbt_coro_resume(&tasks[i].coro);
		if (tasks[i].submit_rc)
			rc = tasks[i].submit_rc;
	}
	while (rc == 0 && finished < n) {
		struct pollfd pfd = {.fd = cbt_pool_fd(pool), .events = POLLIN};
		if (ppoll(&pfd, 1, NULL, NULL) < 0) {
			if (errno == EINTR)
				continue;
			rc = -errno;
			break;
		}
		int got = cbt_pool_reap(pool, batch, n);
		if (got < 0 || (got == 0 && (pfd.revents & (POLLHUP | POLLERR)))) {
			rc = got < 0 ? got : -EPIPE; /* a worker died */
			break;
		}
		for (int k = 0; k < got; k++) {
			struct offload_task *t = &tasks[batch[k].index];
			t->done = batch[k];
			cbt_coro_resume(&t->coro); /* the await returns; the coroutine ends */
			struct cbt_task_ctx ctx = {.error = t->done.error,
						   .checksum = t->done.checksum};
			cbt_backend_account(res, &ctx);
			finished++;
		}
	}
	cbt_pool_stop(pool);
	for (unsigned i = 0; i < created; i++)
		cbt_coro_destroy(&tasks[i].coro);
	free(tasks);
	free(batch);
	return rc;
}

static int coro_threadpool_run(const struct cbt_run_env *env, struct cbt_backend_result *res)
{
	return offload_run(CBT_POOL_THREADS, env, res);
}

static int coro_procpool_run(const struct cbt_run_env *env, struct cbt_backend_result *res)
{
	return offload_run(CBT_POOL_PROCESSES, env, res);
}

const struct cbt_backend cbt_backend_coro_threadpool = {
    .info = {"coro-threadpool",
	     "N coroutines on one loop thread; each awaits its body run in a thread pool",
	     "one event loop (ppoll) awaiting a thread pool", CBT_KNOB_WORKERS, true, NULL,
	     &cbt_backend_coro_procpool.info},
    .run = coro_threadpool_run};

const struct cbt_backend cbt_backend_coro_procpool = {
    .info = {"coro-procpool",
	     "N coroutines on one loop thread; each awaits its body run in a process pool",
	     "one event loop (ppoll) awaiting a process pool", CBT_KNOB_WORKERS, true},
    .run = coro_procpool_run};
