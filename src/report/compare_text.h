/* compare_text.h - the terminal table of `concbench-trace compare`. */
#ifndef CBT_COMPARE_TEXT_H
#define CBT_COMPARE_TEXT_H

#include <stdio.h>

#include "analysis/compare.h"

/* One row per result (workload, runtime, backend), then the geometric mean; a legend says what
 * `~` and the tests mean. Fits 100 columns. */
void cbt_compare_report(FILE *f, const struct cbt_comparison *c, const char *old_path,
			const char *new_path, const struct cbt_compare_opts *o);

#endif
