/* report_text.h - the parts of the text exporter that live in files of their own. */
#ifndef CBT_REPORT_TEXT_H
#define CBT_REPORT_TEXT_H

#include <stdio.h>

#include "report/report.h"

/* Prints text as a bullet ("  • "), wrapped at 100 columns. */
void cbt_text_bullet(FILE *f, const char *text);
/* What may make the workload's numbers less trustworthy (analysis/warnings.h). */
void cbt_text_warnings(FILE *f, const struct cbt_report *rep, const struct cbt_workload *workload);
/* Text wrapped at 100 columns, the first line behind mark ("  ! "), the others indented. */
void cbt_text_wrapped(FILE *f, const char *mark, const char *text);
/* Per backend its weightiest findings, one line each; then the comparisons unless answered
 * (the Answer block printed them better) (report_text_notes.c). */
void cbt_text_findings(FILE *f, const struct cbt_report *rep, const struct cbt_workload *workload,
		       bool answered);

#endif
