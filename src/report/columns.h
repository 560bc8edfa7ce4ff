/* columns.h - the one column model of the per-result tables (hyperfine's src/export/markup.rs:
 * one table model, each format renders it). A column says once what it is: its names (the CSV
 * key, the Markdown/HTML title, the terminal's head), its unit, how to get its value from a
 * result, and how the terminal shows it. A table is a list of columns: the results table
 * (CSV, Markdown, HTML; hyperfine's columns first) and the terminal's timing, kernel and
 * interpreter-lock tables. Layout is each exporter's own (docs/tables.md says where a column is
 * added). */
#ifndef CBT_COLUMNS_H
#define CBT_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include "report/report.h"

#define CBT_MAX_COLUMNS 24
#define CBT_CELL_LEN	64
#define CBT_SHORT_RUN_S 0.01 /* a run shorter than this has no meaningful cpu % */

/* The unit of a column's value, and so how each format prints it. */
enum cbt_col_kind {
	CBT_COL_SECONDS, /* seconds */
	CBT_COL_COUNT,	 /* a number of things (mean per run or per task) */
	CBT_COL_WHOLE,	 /* a whole number (runs, acquisitions) */
	CBT_COL_MICROS,	 /* microseconds */
	CBT_COL_SHARE,	 /* 0..1 (of the summed task time, of the threads' time) */
	CBT_COL_TEXT,
};

enum cbt_col_flags {
	CBT_COL_HYPERFINE = 1u << 0, /* one of hyperfine's columns (Markdown, HTML: own layout) */
	CBT_COL_IN_COMMAND =
	    1u << 1, /* said by the command already (Markdown, HTML leave it out) */
};

struct cbt_column {
	const char *key;   /* CSV header (hyperfine's names for its columns); NULL: terminal only */
	const char *title; /* Markdown / HTML header */
	const char *head;  /* the terminal's header; NULL: not in a terminal table */
	int width;	   /* the terminal's column width (display columns) */
	bool right;	   /* right-aligned there */
	enum cbt_col_kind kind;
	unsigned flags; /* enum cbt_col_flags */
	/* the value for result i: NAN when not measured (not traced, one run, no lock probe) */
	double (*num)(const struct cbt_report *rep, size_t i);
	/* CBT_COL_TEXT: the value (never NULL in cbt_table_results; a terminal-only column may
	 * leave num and text NULL when its cell says everything) */
	const char *(*text)(const struct cbt_report *rep, size_t i, char *buf, size_t len);
	/* the terminal's cell when it is more than the value in its kind's format ("± 1.2 ms", a
	 * bar of shares); NULL: cbt_column_text() formats the value by kind */
	const char *(*cell)(const struct cbt_report *rep, size_t i, char *buf, size_t len);
};

/* Every column, each named once; tables list them by id. */
enum cbt_col_id {
	/* the results table: hyperfine's columns, then ours (CSV order) */
	CBT_C_COMMAND,
	CBT_C_MEAN,
	CBT_C_STDDEV,
	CBT_C_MEDIAN,
	CBT_C_USER,
	CBT_C_SYSTEM,
	CBT_C_MIN,
	CBT_C_MAX,
	CBT_C_WORKLOAD,
	CBT_C_RUNTIME,
	CBT_C_BACKEND,
	CBT_C_RUNS,
	CBT_C_VOL_PER_TASK,
	CBT_C_INVOL_PER_TASK,
	CBT_C_RQ_P50,
	CBT_C_RQ_P99,
	CBT_C_ONCPU_SHARE,
	CBT_C_RUNNABLE_SHARE,
	CBT_C_BLOCKED_SHARE,
	CBT_C_TOP_REASON,
	CBT_C_TOP_REASON_SHARE,
	CBT_C_LOCK_SHARE,
	/* the terminal's tables only */
	CBT_C_LABEL,
	CBT_C_CPU,
	CBT_C_RUSAGE_VOL,
	CBT_C_RUSAGE_INVOL,
	CBT_C_MAX_RSS,
	CBT_C_SHARE_BAR,
	CBT_C_SHARE_SPLIT,
	CBT_C_SYSCALLS_PER_TASK,
	CBT_C_TOP_SYSCALL,
	CBT_C_GIL_ACQUISITIONS,
	CBT_C_GIL_FORCED,
	CBT_C_GIL_WAITED,
	CBT_C_GIL_WAIT_SHARE,
	CBT_C_GIL_BLOCKED,
	CBT_C_GIL_HANDOFF,
	CBT_C_GIL_P99,
	CBT_C_GIL_COST,
	CBT_C_COUNT_
};

extern const struct cbt_column cbt_columns[CBT_C_COUNT_];

struct cbt_table {
	const char *name; /* "results", "timing", "kernel", "interpreter_lock" */
	size_t ncols;
	const enum cbt_col_id *cols;
	/* whether result i has a row here (a run, traced, lock probed); exporters say why not in
	 * their own words. NULL: every result has one. */
	bool (*has_row)(const struct cbt_report *rep, size_t i);
};

extern const struct cbt_table cbt_table_results; /* CSV, Markdown, HTML: one row per result */
extern const struct cbt_table cbt_table_timing;	 /* wall time, runs, cpu, switches, RSS */
extern const struct cbt_table cbt_table_kernel;	 /* per task: switches, run-queue, time split */
extern const struct cbt_table cbt_table_gil;	 /* CPython's interpreter lock */

/* The c-th column of a table. */
static inline const struct cbt_column *cbt_table_col(const struct cbt_table *t, size_t c)
{
	return &cbt_columns[t->cols[c]];
}

/* The terminal's cells of one row. */
struct cbt_row {
	char cell[CBT_MAX_COLUMNS][CBT_CELL_LEN];
};

/* The terminal's cell of column col for result i: its `cell`, else its value by kind ("n/a"
 * when not measured). */
const char *cbt_column_text(const struct cbt_column *col, const struct cbt_report *rep, size_t i,
			    char *buf, size_t len);

/* Fills the terminal's row of result i; false when the result has no row in t. */
bool cbt_table_row(const struct cbt_table *t, const struct cbt_report *rep, size_t i,
		   struct cbt_row *row);

/* "12.3M", "512", "3.5", "n/a". */
const char *cbt_fmt_count(char *buf, size_t len, double v);

/* "yield-loop · c threads": what a row is (hyperfine's "command"). */
const char *cbt_row_command(const struct cbt_report *rep, size_t i, char *buf, size_t len);

/* Relative speed of result i against the fastest result of the same workload (mean wall), and
 * its standard deviation by error propagation (NAN with one run); false when i has no mean. */
bool cbt_row_relative(const struct cbt_report *rep, size_t i, double *rel, double *rel_sd);

#endif
