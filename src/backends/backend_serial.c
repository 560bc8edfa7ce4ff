/* backend_serial.c - the control: every task runs to completion, one after another. */
#include "backends/backend.h"

static int serial_run(const struct cbt_run_env *env, struct cbt_backend_result *res)
{
	for (unsigned i = 0; i < env->params->tasks; i++) {
		struct cbt_task_ctx ctx;
		cbt_task_ctx_init(&ctx, env, i);
		cbt_task_run(env->workload, &ctx);
		cbt_backend_account(res, &ctx);
	}
	return 0;
}

const struct cbt_backend cbt_backend_serial = {
    .info = {"serial", "tasks run one after another in the run leader (the control)",
	     "the tasks in turn, in the run leader", 0, true},
    .run = serial_run};
