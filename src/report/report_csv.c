/* report_csv.c - one CSV row per workload × runtime × backend (RFC 4180 with \n line ends, as
 * hyperfine: a header line, fields quoted when they hold a comma, a quote or a line break).
 * hyperfine's columns first, with its names and in seconds
 * (`command,mean,stddev,median,user,system,min,max`), then ours; a value that was not measured is
 * an empty field. The columns are in docs/tables.md. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/columns.h"
#include "report/exporter.h"

static void field(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void write_csv(FILE *f, const struct cbt_report *rep)
{
	const struct cbt_table *t = &cbt_table_results;
	char buf[256];

	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			fputc(',', f);
		field(f, cbt_table_col(t, c)->key);
	}
	fputc('\n', f);
	for (size_t i = 0; i < rep->nresults; i++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const struct cbt_column *col = cbt_table_col(t, c);
			if (c)
				fputc(',', f);
			if (col->kind == CBT_COL_TEXT) {
				field(f, col->text(rep, i, buf, sizeof(buf)));
			} else {
				double v = col->num(rep, i);
				if (isfinite(v))
					fprintf(f, "%.9g", v);
			}
		}
		fputc('\n', f);
	}
}

const struct cbt_exporter cbt_exporter_csv = {
    "csv", "csv", "one row per workload x backend; hyperfine's columns first (docs/tables.md)",
    write_csv};
