/* outputs.h - where the report goes: the text exporter on standard output, and every
 * --FORMAT FILE of the options through the exporter registry (report/exporter.h). */
#ifndef CBT_OUTPUTS_H
#define CBT_OUTPUTS_H

#include <stdio.h>

#include "cli/options.h"
#include "report/report.h"

struct cbt_outputs {
	FILE *files[CBT_MAX_OUTPUTS]; /* one per o->outputs[], stdout for "-" */
	unsigned n;
	int to_stdout; /* an output took standard output: no text report there */
};

/* Opens every file before anything is measured. 0, or CBT_EXIT_USAGE with the reason on
 * stderr (nothing left open). */
int cbt_outputs_open(const struct cbt_options *o, struct cbt_outputs *out);
/* Writes the text report (unless standard output is taken) and every output, then closes
 * them. 0, or 1 when a file could not be written. */
int cbt_outputs_write(const struct cbt_options *o, struct cbt_outputs *out,
		      const struct cbt_report *rep);

#endif
