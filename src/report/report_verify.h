/* report_verify.h - the `verify` section (see analysis/verify.h). */
#ifndef CBT_REPORT_VERIFY_H
#define CBT_REPORT_VERIFY_H

#include <stdio.h>

#include "model/result.h"
#include "report/json.h"

void cbt_report_json_verify(struct cbt_json *j, const struct cbt_result *r);
/* The table for --verify (a figure beyond its tolerance says DISAGREES and why). */
void cbt_report_text_verify(FILE *f, const struct cbt_result *results, size_t n);

#endif
