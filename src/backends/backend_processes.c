/* backend_processes.c - one fork()ed process per task: start all, then wait for all. */
#include <errno.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "backends/backend.h"
#include "util/proc.h"

static int processes_run(const struct cbt_run_env *env, struct cbt_backend_result *res)
{
	unsigned n = env->params->tasks, started = 0;
	pid_t *pids = calloc(n, sizeof(*pids));
	int rc = 0;

	if (!pids)
		return -ENOMEM;
	pid_t leader = getpid();
	for (; started < n; started++) {
		struct cbt_task_ctx ctx;
		cbt_task_ctx_init(&ctx, env, started);
		pid_t pid = fork();
		if (pid < 0) {
			rc = -errno;
			break;
		}
		if (pid == 0) {
			cbt_die_with_parent(leader);
			cbt_task_run(env->workload, &ctx);
			_exit(ctx.error ? 1 : 0);
		}
		pids[started] = pid;
	}
	for (unsigned i = 0; i < started; i++) {
		int status;
		while (waitpid(pids[i], &status, 0) < 0 && errno == EINTR)
			;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			if (!res->failed_tasks)
				res->first_error = EIO;
			res->failed_tasks++;
		}
	}
	free(pids);
	return rc;
}

const struct cbt_backend cbt_backend_processes = {
    .info = {"processes", "one fork()ed process per task: start all, then wait for all",
	     "fork all, then wait4 all", 0, true},
    .run = processes_run};
