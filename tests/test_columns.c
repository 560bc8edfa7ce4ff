/* test_columns.c - the one column model (report/columns.h): every table's columns have what its
 * formats need, CSV starts with hyperfine's columns, and a column shown by both the terminal and
 * CSV prints the same value in both (the terminal's cell is the CSV value in the column's unit). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "backends/workload.h"
#include "report/columns.h"
#include "report/exporter.h"

static const struct cbt_table *const terminal[] = {&cbt_table_timing, &cbt_table_kernel,
						   &cbt_table_gil};

static void check_column(const struct cbt_column *col)
{
	if (col->kind == CBT_COL_TEXT)
		assert_true(col->text || col->cell);
	else
		assert_non_null(col->num);
}

static void test_tables_have_what_formats_need(void **state)
{
	(void)state;
	static const char *const hyperfine[] = {"command", "mean",   "stddev", "median",
						"user",	   "system", "min",    "max"};
	const struct cbt_table *t = &cbt_table_results;
	assert_true(t->ncols >= 8 && t->ncols <= CBT_MAX_COLUMNS);
	for (size_t c = 0; c < t->ncols; c++) {
		const struct cbt_column *col = cbt_table_col(t, c);
		assert_non_null(col->key);
		assert_non_null(col->title);
		check_column(col);
		if (c < 8) {
			assert_string_equal(col->key, hyperfine[c]);
			assert_true(col->flags & CBT_COL_HYPERFINE);
		} else {
			assert_false(col->flags & CBT_COL_HYPERFINE);
		}
		for (size_t k = 0; k < c; k++) /* each key once */
			assert_string_not_equal(col->key, cbt_table_col(t, k)->key);
	}
	for (size_t n = 0; n < sizeof(terminal) / sizeof(terminal[0]); n++) {
		t = terminal[n];
		assert_true(t->ncols > 1 && t->ncols <= CBT_MAX_COLUMNS);
		assert_ptr_equal(cbt_table_col(t, 0), &cbt_columns[CBT_C_LABEL]);
		for (size_t c = 0; c < t->ncols; c++) {
			const struct cbt_column *col = cbt_table_col(t, c);
			assert_non_null(col->head);
			assert_true(col->width > 0 && col->width < CBT_CELL_LEN);
			check_column(col);
		}
	}
}

/* One traced result with made-up but consistent numbers. */
static void fill(struct cbt_report *rep)
{
	static struct cbt_options o;
	static struct cbt_host h = {"host", "6.1", "x86_64", 2, 50000};
	static struct cbt_result r;
	static struct cbt_summary s;
	static struct cbt_derived d;
	static struct cbt_run_record runs[2];
	static struct cbt_workload_info wi;
	wi = (struct cbt_workload_info){&cbt_workloads[0], NAN};
	r.job.kind = CBT_JOB_NATIVE;
	r.job.workload = &cbt_workloads[0];
	r.job.name = "threads";
	strcpy(r.job.label, "threads");
	r.nruns = 2, r.runs = runs;
	r.wall = (struct cbt_stats){.n = 2,
				    .mean = 0.0123,
				    .stddev = 0.0004,
				    .median = 0.0123,
				    .min = 0.0119,
				    .max = 0.0127};
	s.traced = true, s.traced_runs = 2, s.tasks_seen = 101;
	s.vol = 20604, s.invol = 37, s.syscalls = 40500, s.rq_p50_ns = 5300, s.rq_p99_ns = 2.5e6;
	s.oncpu_ns = 2e7, s.runq_ns = 3e6, s.offcpu_ns = 7.7e7;
	s.offcpu_by_reason_ns[CBT_REASON_SLEEP] = 7.7e7;
	s.user_s = 0.004, s.sys_s = 0.016, s.cpu_pct = 162;
	d.valid = true, d.task_s = 0.1, d.share_oncpu = 0.2, d.share_runnable = 0.03;
	d.share_blocked[CBT_REASON_SLEEP] = 0.77;
	*rep = (struct cbt_report){.opts = &o,
				   .host = &h,
				   .tracing = "test",
				   .traced = true,
				   .winfo = &wi,
				   .nworkloads = 1,
				   .results = &r,
				   .summaries = &s,
				   .derived = &d,
				   .nresults = 1};
}

static void test_terminal_and_csv_agree(void **state)
{
	(void)state;
	struct cbt_report rep;
	char *csv = NULL;
	size_t len = 0;
	fill(&rep);
	FILE *f = open_memstream(&csv, &len);
	assert_non_null(f);
	cbt_exporter_csv.write(f, &rep);
	fclose(f);
	char *row = strchr(csv, '\n') + 1; /* the fields of the one result, in table order */
	const struct cbt_table *t = &cbt_table_results;
	size_t shared = 0;
	for (size_t c = 0; c < t->ncols; c++) {
		const struct cbt_column *col = cbt_table_col(t, c);
		size_t n = strcspn(row, ",\n");
		char field[128], cell[CBT_CELL_LEN], want[CBT_CELL_LEN];
		snprintf(field, sizeof(field), "%.*s", (int)n, row);
		row += n + 1;
		if (col->kind == CBT_COL_TEXT)
			continue;
		/* CSV: the value with 9 significant digits, empty when not measured */
		double x = col->num(&rep, 0);
		if (!isfinite(x)) {
			assert_string_equal(field, "");
			continue;
		}
		assert_true(fabs(strtod(field, NULL) - x) <= 1e-8 * fabs(x));
		bool in_terminal = false;
		for (size_t k = 0; k < sizeof(terminal) / sizeof(terminal[0]); k++)
			for (size_t m = 0; m < terminal[k]->ncols; m++)
				in_terminal |= cbt_table_col(terminal[k], m) == col;
		if (!in_terminal || col->cell)
			continue;
		/* the terminal: the CSV's number in the column's unit */
		double v = strtod(field, NULL);
		if (col->kind == CBT_COL_SECONDS)
			cbt_fmt_seconds(want, sizeof(want), v);
		else if (col->kind == CBT_COL_MICROS)
			cbt_fmt_seconds(want, sizeof(want), v / 1e6);
		else if (col->kind == CBT_COL_WHOLE)
			snprintf(want, sizeof(want), "%.0f", v);
		else
			cbt_fmt_count(want, sizeof(want), v);
		assert_string_equal(cbt_column_text(col, &rep, 0, cell, sizeof(cell)), want);
		shared++;
	}
	assert_true(shared >= 6); /* mean, min, max, runs, switches per task, run-queue p50/p99 */
	free(csv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tables_have_what_formats_need),
	    cmocka_unit_test(test_terminal_and_csv_agree),
	};
	return cmocka_run_group_tests_name("columns", tests, NULL, NULL);
}
