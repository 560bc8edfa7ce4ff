/* plan.h - the matrix to measure: workload x runtime x backend, or one command. */
#ifndef CBT_PLAN_H
#define CBT_PLAN_H

#include "cli/options.h"
#include "python/python_rt.h"
#include "model/result.h"

struct cbt_plan {
	struct cbt_result *results; /* in the order they run; each has its job set */
	size_t n;
	struct cbt_workload_info winfo[CBT_MAX_SELECTED];
	unsigned nworkloads;
	char command_lines[CBT_MAX_COMMANDS][1024]; /* each command's line, in full (escaped) */
	char command_names[CBT_MAX_COMMANDS][128];  /* its --name, escaped */
};

/* Fills the plan. py: the interpreter when --runtime python is selected, else NULL.
 * Returns 0, or -1 (out of memory). Notes about skipped combinations go to stderr. */
int cbt_plan_build(const struct cbt_options *o, const struct cbt_python *py, struct cbt_plan *plan);
void cbt_plan_free(struct cbt_plan *plan);

/* The pseudo-workload of a traced command. */
extern const struct cbt_workload cbt_command_workload;

#endif
