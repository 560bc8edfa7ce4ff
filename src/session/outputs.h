/* outputs.h - where the report goes: the text exporter on standard output, and every
 * --FORMAT FILE of the options through the exporter registry (report/exporter.h). */
#ifndef CBT_OUTPUTS_H
#define CBT_OUTPUTS_H

#include <stdio.h>

#include "cli/options.h"
#include "report/report.h"
#include "util/atomic_file.h"

struct cbt_outputs {
	FILE *files[CBT_MAX_OUTPUTS]; /* one per o->outputs[], stdout for "-" */
	struct cbt_atomic_file af[CBT_MAX_OUTPUTS]; /* a file's temporary, renamed when complete */
	unsigned n;
	int to_stdout; /* an output took standard output: no text report there */
};

/* Opens every file before anything is measured (each a temporary beside its destination, and
 * checks that --dump-schedstat can be written). 0, or CBT_EXIT_USAGE with the reason on
 * stderr (nothing left open, no existing file touched). */
int cbt_outputs_open(const struct cbt_options *o, struct cbt_outputs *out);
/* Writes the text report (unless standard output is taken) and every output, each renamed
 * into place when complete; an interrupted session (rep->interrupted) writes new files but
 * replaces no existing one. 0, or
 * 1 when a file or standard output could not be written (said on stderr). */
int cbt_outputs_write(const struct cbt_options *o, struct cbt_outputs *out,
		      const struct cbt_report *rep);
/* Drops what cbt_outputs_open opened (an error before the report): no file is touched. */
void cbt_outputs_abort(struct cbt_outputs *out);

#endif
