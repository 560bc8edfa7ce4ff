/* tables.c - the tables of the column model (columns.h): which columns each lists, in order,
 * and the terminal's cells. Adding a column to a table is one id in its list. */
#include <math.h>
#include <stdio.h>

#include "report/columns.h"

const char *cbt_fmt_count(char *buf, size_t len, double v)
{
	if (!isfinite(v))
		snprintf(buf, len, "n/a");
	else if (v >= 1e7)
		snprintf(buf, len, "%.1fM", v / 1e6);
	else if (v >= 100 || v == 0)
		snprintf(buf, len, "%.0f", v);
	else
		snprintf(buf, len, "%.1f", v);
	return buf;
}

const char *cbt_column_text(const struct cbt_column *col, const struct cbt_report *rep, size_t i,
			    char *buf, size_t len)
{
	if (col->cell)
		return col->cell(rep, i, buf, len);
	if (col->kind == CBT_COL_TEXT) {
		const char *s = col->text(rep, i, buf, len);
		if (s != buf)
			snprintf(buf, len, "%s", s);
		return buf;
	}
	double v = col->num(rep, i);
	switch (col->kind) {
	case CBT_COL_SECONDS:
		return cbt_fmt_seconds(buf, len, v);
	case CBT_COL_MICROS:
		return cbt_fmt_seconds(buf, len, v / 1e6);
	case CBT_COL_COUNT:
		return cbt_fmt_count(buf, len, v);
	case CBT_COL_WHOLE:
		if (isfinite(v))
			snprintf(buf, len, "%.0f", v);
		else
			snprintf(buf, len, "n/a");
		return buf;
	case CBT_COL_SHARE:
		if (isfinite(v))
			snprintf(buf, len, "%.1f%%", 100 * v);
		else
			snprintf(buf, len, "n/a");
		return buf;
	case CBT_COL_TEXT:
		break;
	}
	return buf;
}

bool cbt_table_row(const struct cbt_table *t, const struct cbt_report *rep, size_t i,
		   struct cbt_row *row)
{
	if (t->has_row && !t->has_row(rep, i))
		return false;
	for (size_t c = 0; c < t->ncols && c < CBT_MAX_COLUMNS; c++)
		cbt_column_text(cbt_table_col(t, c), rep, i, row->cell[c], sizeof(row->cell[c]));
	return true;
}

#define TABLE(var, name, has_row, ...)                                                             \
	static const enum cbt_col_id var##_cols[] = {__VA_ARGS__};                                 \
	const struct cbt_table var = {name, sizeof(var##_cols) / sizeof(var##_cols[0]),            \
				      var##_cols, has_row}

static bool has_run(const struct cbt_report *rep, size_t i)
{
	return rep->results[i].nruns > 0;
}

static bool traced_run(const struct cbt_report *rep, size_t i)
{
	return rep->results[i].nruns > 0 && rep->summaries[i].traced;
}

static bool lock_probed(const struct cbt_report *rep, size_t i)
{
	return rep->summaries[i].gil.probed;
}

/* CSV (every column in this order), Markdown and HTML (hyperfine's layout for the HF columns,
 * then the others not said by the command). */
TABLE(cbt_table_results, "results", NULL, CBT_C_COMMAND, CBT_C_MEAN, CBT_C_STDDEV, CBT_C_MEDIAN,
      CBT_C_USER, CBT_C_SYSTEM, CBT_C_MIN, CBT_C_MAX, CBT_C_WORKLOAD, CBT_C_RUNTIME, CBT_C_BACKEND,
      CBT_C_RUNS, CBT_C_VOL_PER_TASK, CBT_C_INVOL_PER_TASK, CBT_C_RQ_P50, CBT_C_RQ_P99,
      CBT_C_ONCPU_SHARE, CBT_C_RUNNABLE_SHARE, CBT_C_BLOCKED_SHARE, CBT_C_TOP_REASON,
      CBT_C_TOP_REASON_SHARE, CBT_C_LOCK_SHARE);

/* The terminal's tables. */
TABLE(cbt_table_timing, "timing", has_run, CBT_C_LABEL, CBT_C_MEAN, CBT_C_STDDEV, CBT_C_MIN,
      CBT_C_MAX, CBT_C_RUNS, CBT_C_CPU, CBT_C_RUSAGE_VOL, CBT_C_RUSAGE_INVOL, CBT_C_MAX_RSS);
TABLE(cbt_table_kernel, "kernel", traced_run, CBT_C_LABEL, CBT_C_VOL_PER_TASK, CBT_C_INVOL_PER_TASK,
      CBT_C_RQ_P50, CBT_C_RQ_P99, CBT_C_SHARE_BAR, CBT_C_SHARE_SPLIT, CBT_C_SYSCALLS_PER_TASK,
      CBT_C_TOP_SYSCALL);
TABLE(cbt_table_gil, "interpreter_lock", lock_probed, CBT_C_LABEL, CBT_C_GIL_ACQUISITIONS,
      CBT_C_GIL_FORCED, CBT_C_GIL_WAITED, CBT_C_GIL_WAIT_SHARE, CBT_C_GIL_BLOCKED,
      CBT_C_GIL_HANDOFF, CBT_C_GIL_P99, CBT_C_GIL_COST);
