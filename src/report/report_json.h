/* report_json.h - the parts of the JSON exporter that live in files of their own. */
#ifndef CBT_REPORT_JSON_H
#define CBT_REPORT_JSON_H

#include "report/json.h"
#include "report/report.h"

/* The kernel-attribution members of one result: tracing, totals, time_decomposition,
 * per_operation, critical_path, per_task (report_json_trace.c). */
void cbt_report_json_trace(struct cbt_json *j, const struct cbt_result *r,
			   const struct cbt_summary *s, const struct cbt_derived *d);

/* The knobs of a run's parameters (workers, switch_interval_s, timer_slack_ns, cpus), as the
 * workload object and each experiment write them. */
void cbt_report_json_knobs(struct cbt_json *j, const struct cbt_params *p);

#endif
