/* seed_text.h - the teaching view: the seeds' published figures beside a run's (--compare-seed). */
#ifndef CBT_SEED_TEXT_H
#define CBT_SEED_TEXT_H

#include <stdio.h>

#include "report/report.h"

/* For each result of `workload` that a seed benchmark published a figure for: both figures and
 * one line on why they differ here, printed with wrap(f, mark, text). */
void cbt_seed_section(FILE *f, const struct cbt_report *rep, const struct cbt_workload *workload,
		      void (*wrap)(FILE *, const char *, const char *));

#endif
