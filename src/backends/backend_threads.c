/* backend_threads.c - one pthread per task: create all, then join all. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

#include "backends/backend.h"

struct thread_task {
	pthread_t thread;
	struct cbt_task_ctx ctx;
	const struct cbt_workload *workload;
};

static void *thread_main(void *arg)
{
	struct thread_task *t = arg;
	cbt_task_run(t->workload, &t->ctx);
	return NULL;
}

static int threads_run(const struct cbt_run_env *env, struct cbt_backend_result *res)
{
	unsigned n = env->params->tasks, started = 0;
	struct thread_task *tasks = calloc(n, sizeof(*tasks));
	int rc = 0;

	if (!tasks)
		return -ENOMEM;
	for (; started < n; started++) {
		struct thread_task *t = &tasks[started];
		cbt_task_ctx_init(&t->ctx, env, started);
		t->workload = env->workload;
		int err = pthread_create(&t->thread, NULL, thread_main, t);
		if (err) {
			rc = -err;
			break;
		}
	}
	for (unsigned i = 0; i < started; i++) {
		pthread_join(tasks[i].thread, NULL);
		cbt_backend_account(res, &tasks[i].ctx);
	}
	free(tasks);
	return rc;
}

const struct cbt_backend cbt_backend_threads = {
    .info = {"threads", "one pthread per task: create and start all, then join all",
	     "pthread_create all, then pthread_join all (futex)", 0, true, NULL,
	     &cbt_backend_processes.info, &cbt_backend_processes.info},
    .run = threads_run};
