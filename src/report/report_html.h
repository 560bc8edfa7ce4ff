/* report_html.h - the pieces of the HTML report (report_html.c: the page and its tables;
 * report_html_svg.c: the charts, inline SVG). */
#ifndef CBT_REPORT_HTML_H
#define CBT_REPORT_HTML_H

#include <stdio.h>

#include "report/report.h"

/* Text with &, <, >, " and ' escaped. */
void cbt_html_text(FILE *f, const char *s);

/* Parts of a backend's task time, in the order the stacked bar draws them. */
enum cbt_html_part {
	CBT_PART_ONCPU,
	CBT_PART_RUNNABLE,
	CBT_PART_BLOCKED, /* + enum cbt_reason */
	CBT_PART_GIL = CBT_PART_BLOCKED + CBT_REASON_COUNT,
	CBT_PART_COUNT
};

/* Shares (0..1) of result i's task time per part; false when it was not traced. The interpreter
 * lock's wait is taken out of the parts it is made of (blocked on the lock, runnable after the
 * hand-off, on-CPU beyond the measuring cost) so that the parts add up to 1. */
bool cbt_html_parts(const struct cbt_report *rep, size_t i, double share[CBT_PART_COUNT]);
const char *cbt_html_part_name(enum cbt_html_part p);

/* The charts: stacked bars of every traced result, the run-queue histograms. */
void cbt_html_bars(FILE *f, const struct cbt_report *rep);
void cbt_html_histograms(FILE *f, const struct cbt_report *rep);

#endif
