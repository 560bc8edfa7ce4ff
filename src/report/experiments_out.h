/* experiments_out.h - the experiments (--experiment) in the text and JSON exporters: one table
 * per workload, one "experiments" array (docs/json.md, docs/experiments.md). */
#ifndef CBT_EXPERIMENTS_OUT_H
#define CBT_EXPERIMENTS_OUT_H

#include <stdio.h>

#include "report/json.h"
#include "report/report.h"

/* The text section of one workload's experiments; nothing when none ran for it. */
void cbt_text_experiments(FILE *f, const struct cbt_report *rep,
			  const struct cbt_workload *workload);
/* "experiments": [...] with every experiment and its raw runs; nothing without --experiment. */
void cbt_json_experiments(struct cbt_json *j, const struct cbt_report *rep);

#endif
