/* tables.h - the column models of the result tables, shared by every exporter that draws
 * tables (text today; Markdown, CSV, HTML render the same columns): a table is a list of
 * columns and a function that fills the cells of one result's row. Layout is the exporter's. */
#ifndef CBT_TABLES_H
#define CBT_TABLES_H

#include <stdbool.h>
#include <stddef.h>

#include "report/report.h"

#define CBT_MAX_COLUMNS 12
#define CBT_CELL_LEN	64
#define CBT_SHORT_RUN_S 0.01 /* a run shorter than this has no meaningful cpu % */

struct cbt_column {
	const char *head;
	int width;  /* text columns */
	bool right; /* right-aligned (numbers) */
};

struct cbt_row {
	char cell[CBT_MAX_COLUMNS][CBT_CELL_LEN];
};

struct cbt_table {
	const char *name; /* "timing", "kernel", "interpreter_lock" */
	size_t ncols;
	const struct cbt_column *cols;
	/* Fills the row of result i; false when the result has no row here (no run, not traced,
	 * no lock probe): exporters say why in their own words. */
	bool (*row)(const struct cbt_report *rep, size_t i, struct cbt_row *row);
};

extern const struct cbt_table cbt_table_timing; /* wall time, runs, cpu, switches, RSS */
extern const struct cbt_table cbt_table_kernel; /* per task: switches, run-queue, time split */
extern const struct cbt_table cbt_table_gil;	/* CPython's interpreter lock */

/* "12.3M", "512", "3.5", "n/a". */
const char *cbt_fmt_count(char *buf, size_t len, double v);

#endif
