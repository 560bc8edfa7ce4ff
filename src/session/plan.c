/* plan.c - see plan.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backends/backend.h"
#include "session/plan.h"
#include "util/text.h"

const struct cbt_workload cbt_command_workload = {"command",
						  "a command given after --",
						  "whatever it does",
						  CBT_WORKLOAD_COMMAND,
						  0,
						  false,
						  false,
						  false};

/* One job per command: its label is its --name, or its command line (control characters
 * escaped), shortened in the middle to the tables' label column; the whole of it is the job's
 * title, which the reports print once in full (and the JSON as "label"). */
static void command_plan(const struct cbt_options *o, struct cbt_plan *plan)
{
	for (unsigned k = 0; k < o->ncommands; k++) {
		struct cbt_job *j = &plan->results[plan->n++].job;
		char *line = plan->command_lines[k], raw[sizeof(plan->command_lines[k])];
		size_t off = 0, len = sizeof(raw);
		for (char **a = o->commands[k]; *a && off < len - 1; a++)
			off += (size_t)snprintf(raw + off, len - off, "%s%s",
						a == o->commands[k] ? "" : " ", *a);
		if (off >= len - 1) /* cut: never inside a character */
			cbt_utf8_trim(raw);
		/* shown on the terminal: its control characters escaped (JSON "command" has it raw)
		 */
		cbt_term_safe(raw, line, len);
		if (k < o->nnames)
			cbt_term_safe(o->command_names[k], plan->command_names[k],
				      sizeof(plan->command_names[k]));
		j->kind = CBT_JOB_COMMAND;
		j->workload = &cbt_command_workload;
		j->argv = o->commands[k];
		j->drop_privileges = !o->run_as_root;
		j->name = line;
		j->title = k < o->nnames ? plan->command_names[k] : line;
		cbt_shorten_middle(j->title, CBT_LABEL_COLUMNS, j->label, sizeof(j->label));
	}
	plan->winfo[0].workload = &cbt_command_workload;
	plan->winfo[0].task_cpu_ms = NAN;
	plan->nworkloads = 1;
}

int cbt_plan_build(const struct cbt_options *o, const struct cbt_python *py, struct cbt_plan *plan)
{
	memset(plan, 0, sizeof(*plan));
	size_t cap = o->command ? o->ncommands : (size_t)o->nworkloads * o->nbackends * 2;
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
				const struct cbt_backend *be = cbt_backend_find(name);
				if (rt == CBT_RUNTIME_PYTHON && !be->info.python) {
					if (!noted && o->nbackends < cbt_nbackends)
						fprintf(stderr,
							"concbench-trace: note: %s is native only; "
							"CPython's threads are its GIL threads\n",
							name);
					noted = true;
					continue;
				}
				struct cbt_job *j = &plan->results[plan->n++].job;
				j->workload = wl;
				j->backend = &be->info;
				j->name = be->info.name;
				if (rt == CBT_RUNTIME_C) {
					j->kind = CBT_JOB_NATIVE;
					snprintf(j->label, sizeof(j->label), "%s%s",
						 both ? "c " : "", name);
				} else {
					j->kind = CBT_JOB_PYTHON;
					j->python = py->executable;
					j->script = py->script;
					j->drop_privileges = !o->run_as_root;
					snprintf(j->label, sizeof(j->label), "py %s", name);
				}
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
