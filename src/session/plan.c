/* plan.c - see plan.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session/plan.h"

const struct cbt_workload cbt_command_workload = {"command", "a command given after --", NULL, 0};

static const char *const python_backends[] = {"serial",		 "threads",	 "processes",
					      "coroutines",	 "thread-pool",	 "process-pool",
					      "coro-threadpool", "coro-procpool"};

static bool python_has(const char *backend)
{
	for (size_t i = 0; i < sizeof(python_backends) / sizeof(python_backends[0]); i++)
		if (strcmp(python_backends[i], backend) == 0)
			return true;
	return false;
}

static void command_plan(const struct cbt_options *o, struct cbt_plan *plan)
{
	struct cbt_result *r = &plan->results[plan->n++];
	size_t off = 0;
	for (char **a = o->command; *a && off < sizeof(plan->command_label) - 1; a++)
		off +=
		    (size_t)snprintf(plan->command_label + off, sizeof(plan->command_label) - off,
				     "%s%s", a == o->command ? "" : " ", *a);
	r->workload = &cbt_command_workload;
	r->launch.kind = CBT_LAUNCH_COMMAND;
	r->launch.argv = o->command;
	r->launch.drop_privileges = !o->run_as_root;
	r->backend = plan->command_label;
	r->runtime = "command";
	snprintf(r->label, sizeof(r->label), "%s", plan->command_label);
	plan->winfo[0].workload = &cbt_command_workload;
	plan->winfo[0].task_cpu_ms = NAN;
	plan->nworkloads = 1;
}

int cbt_plan_build(const struct cbt_options *o, const struct cbt_python *py, struct cbt_plan *plan)
{
	memset(plan, 0, sizeof(*plan));
	size_t cap = o->command ? 1 : (size_t)o->nworkloads * o->nbackends * 2;
	plan->results = calloc(cap ? cap : 1, sizeof(*plan->results));
	if (!plan->results)
		return -1;
	if (o->command) {
		command_plan(o, plan);
		return 0;
	}
	bool both = (o->runtimes & CBT_RUNTIME_C) && (o->runtimes & CBT_RUNTIME_PYTHON);
	bool noted = false;
	for (unsigned w = 0; w < o->nworkloads; w++) {
		const struct cbt_workload *wl = cbt_workload_find(o->workloads[w]);
		plan->winfo[w].workload = wl;
		plan->winfo[w].task_cpu_ms = NAN;
		for (unsigned rt = CBT_RUNTIME_C; rt <= CBT_RUNTIME_PYTHON; rt <<= 1) {
			if (!(o->runtimes & rt))
				continue;
			for (unsigned b = 0; b < o->nbackends; b++) {
				const char *name = o->backends[b];
				if (rt == CBT_RUNTIME_PYTHON && !python_has(name)) {
					if (!noted && o->nbackends < cbt_nbackends)
						fprintf(stderr,
							"concbench-trace: note: %s is native only; "
							"CPython's threads are its GIL threads\n",
							name);
					noted = true;
					continue;
				}
				struct cbt_result *r = &plan->results[plan->n++];
				r->workload = wl;
				r->backend = name;
				if (rt == CBT_RUNTIME_C) {
					r->launch.kind = CBT_LAUNCH_NATIVE;
					r->launch.backend = cbt_backend_find(name);
					r->runtime = "c";
					snprintf(r->label, sizeof(r->label), "%s%s",
						 both ? "c " : "", name);
				} else {
					r->launch.kind = CBT_LAUNCH_PYTHON;
					r->launch.backend_name = name;
					r->launch.python = py->executable;
					r->launch.script = py->script;
					r->launch.drop_privileges = !o->run_as_root;
					r->runtime = "python";
					snprintf(r->label, sizeof(r->label), "py %s", name);
				}
				r->launch.workload = wl;
			}
		}
	}
	plan->nworkloads = o->nworkloads;
	return 0;
}

void cbt_plan_free(struct cbt_plan *plan)
{
	for (size_t i = 0; i < plan->n; i++)
		cbt_result_free(&plan->results[i]);
	free(plan->results);
	plan->results = NULL;
	plan->n = 0;
}
