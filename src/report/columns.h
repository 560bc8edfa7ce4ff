/* columns.h - the column model of the per-result tables that CSV, Markdown and HTML share: one
 * row per workload × runtime × backend; hyperfine's columns first (the ones people know from
 * `hyperfine --export-csv`), then the kernel's attribution. Each column says what it is and
 * how to get its value; each exporter lays the cells out its own way (docs/tables.md). */
#ifndef CBT_COLUMNS_H
#define CBT_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include "report/report.h"

enum cbt_col_kind {
	CBT_COL_SECONDS, /* seconds */
	CBT_COL_COUNT,	 /* a number of things (mean per run or per task) */
	CBT_COL_MICROS,	 /* microseconds */
	CBT_COL_SHARE,	 /* 0..1 of the summed task time */
	CBT_COL_TEXT,
};

struct cbt_result_column {
	const char *key;   /* CSV header (hyperfine's names for its columns) */
	const char *title; /* Markdown / HTML header */
	enum cbt_col_kind kind;
	bool hyperfine;	 /* one of hyperfine's columns (Markdown has its own layout for those) */
	bool in_command; /* said by the command already (Markdown and HTML leave it out) */
	/* the value for result i: NAN when not measured (not traced, one run, no lock probe) */
	double (*num)(const struct cbt_report *rep, size_t i);
	/* CBT_COL_TEXT: the cell (never NULL) */
	const char *(*text)(const struct cbt_report *rep, size_t i, char *buf, size_t len);
};

extern const struct cbt_result_column cbt_result_columns[];
extern const size_t cbt_nresult_columns;

/* "yield-loop · c threads": what a row is (hyperfine's "command"). */
const char *cbt_row_command(const struct cbt_report *rep, size_t i, char *buf, size_t len);

/* Relative speed of result i against the fastest result of the same workload (mean wall), and
 * its standard deviation by error propagation (NAN with one run); false when i has no mean. */
bool cbt_row_relative(const struct cbt_report *rep, size_t i, double *rel, double *rel_sd);

#endif
