/* report_markdown.c - a GitHub-flavoured Markdown table, one row per workload × runtime ×
 * backend, laid out as `hyperfine --export-markdown` does (| Command | Mean [unit] | Min [unit] |
 * Max [unit] | Relative |, the mean with ± its standard deviation, Relative to the fastest of the
 * workload), then our columns. The columns are in docs/tables.md. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/columns.h"
#include "report/exporter.h"

/* A cell: '|' would end it, a line break the row. */
static void cell(FILE *f, const char *s)
{
	fputs("| ", f);
	for (; *s; s++) {
		if (*s == '|')
			fputs("\\|", f);
		else if (*s == '\n' || *s == '\r')
			fputc(' ', f);
		else
			fputc(*s, f);
	}
	fputc(' ', f);
}

static void number(FILE *f, const struct cbt_column *col, double v)
{
	char buf[64];
	if (!isfinite(v))
		snprintf(buf, sizeof(buf), "n/a");
	else if (col->kind == CBT_COL_SHARE)
		snprintf(buf, sizeof(buf), "%.1f %%", 100 * v);
	else if (col->kind == CBT_COL_MICROS)
		snprintf(buf, sizeof(buf), "%.1f", v);
	else if (fabs(v) >= 100 || v == floor(v))
		snprintf(buf, sizeof(buf), "%.0f", v);
	else
		snprintf(buf, sizeof(buf), "%.1f", v);
	cell(f, buf);
}

static void write_markdown(FILE *f, const struct cbt_report *rep)
{
	const struct cbt_table *t = &cbt_table_results;
	double fastest = INFINITY;
	char buf[256];

	for (size_t i = 0; i < rep->nresults; i++)
		if (rep->results[i].nruns && rep->results[i].wall.mean < fastest)
			fastest = rep->results[i].wall.mean;
	/* hyperfine's choice: milliseconds unless the fastest takes a second or more */
	bool ms = !(fastest >= 1.0);
	const char *u = ms ? "ms" : "s";
	double k = ms ? 1e3 : 1.0;
	int prec = ms ? 1 : 3;

	fprintf(f, "| Command | Mean [%s] | Min [%s] | Max [%s] | Relative ", u, u, u);
	for (size_t c = 0; c < t->ncols; c++) {
		const struct cbt_column *col = cbt_table_col(t, c);
		if (col->flags & (CBT_COL_HYPERFINE | CBT_COL_IN_COMMAND))
			continue;
		fprintf(f, "| %s%s ", col->title, col->kind == CBT_COL_MICROS ? " [µs]" : "");
	}
	fputs("|\n|:---|---:|---:|---:|---:", f);
	for (size_t c = 0; c < t->ncols; c++)
		if (!(cbt_table_col(t, c)->flags & (CBT_COL_HYPERFINE | CBT_COL_IN_COMMAND)))
			fputs(cbt_table_col(t, c)->kind == CBT_COL_TEXT ? "|:---" : "|---:", f);
	fputs("|\n", f);

	for (size_t i = 0; i < rep->nresults; i++) {
		const struct cbt_result *r = &rep->results[i];
		double rel, rel_sd;

		snprintf(buf, sizeof(buf), "`%s`", cbt_row_command(rep, i, buf + 128, 128));
		cell(f, buf);
		if (!r->nruns) {
			cell(f, "n/a"), cell(f, "n/a"), cell(f, "n/a"), cell(f, "n/a");
		} else {
			if (isfinite(r->wall.stddev))
				snprintf(buf, sizeof(buf), "%.*f ± %.*f", prec, r->wall.mean * k,
					 prec, r->wall.stddev * k);
			else
				snprintf(buf, sizeof(buf), "%.*f", prec, r->wall.mean * k);
			cell(f, buf);
			snprintf(buf, sizeof(buf), "%.*f", prec, r->wall.min * k);
			cell(f, buf);
			snprintf(buf, sizeof(buf), "%.*f", prec, r->wall.max * k);
			cell(f, buf);
			if (!cbt_row_relative(rep, i, &rel, &rel_sd))
				snprintf(buf, sizeof(buf), "n/a");
			else if (rel == 1.0 || !isfinite(rel_sd))
				snprintf(buf, sizeof(buf), "%.2f", rel);
			else
				snprintf(buf, sizeof(buf), "%.2f ± %.2f", rel, rel_sd);
			cell(f, buf);
		}
		for (size_t c = 0; c < t->ncols; c++) {
			const struct cbt_column *col = cbt_table_col(t, c);
			if (col->flags & (CBT_COL_HYPERFINE | CBT_COL_IN_COMMAND))
				continue;
			if (col->kind == CBT_COL_TEXT)
				cell(f, col->text(rep, i, buf, sizeof(buf)));
			else
				number(f, col, col->num(rep, i));
		}
		fputs("|\n", f);
	}
}

const struct cbt_exporter cbt_exporter_markdown = {
    "markdown", "md", "a Markdown table laid out as hyperfine's, then ours (docs/tables.md)",
    write_markdown};
