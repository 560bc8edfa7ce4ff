/* report_verify.c - the `verify` section: the event-derived figures of every backend against the
 * kernel's own accounting of the same tasks (analysis/verify.c); JSON always, a table with
 * --verify. */
#include <math.h>
#include <stdio.h>

#include "analysis/verify.h"
#include "report/report_verify.h"

void cbt_report_json_verify(struct cbt_json *j, const struct cbt_result *r)
{
	struct cbt_verify v;

	cbt_verify_result(r, &v);
	cbt_json_object(j, "verify");
	cbt_json_bool(j, "available", v.available);
	cbt_json_u64(j, "tasks", v.tasks);
	cbt_json_bool(j, "ok", v.ok);
	if (v.available)
		cbt_json_num(j, "signal_runnable_switches", v.signal_runnable);
	for (int i = 0; v.available && i < CBT_VERIFY_N; i++) {
		const struct cbt_verify_row *w = &v.row[i];

		cbt_json_object(j, w->figure);
		cbt_json_num(j, "traced", w->traced);
		cbt_json_num(j, "kernel", w->kernel);
		cbt_json_num(j, "allowed_difference", w->allowed);
		cbt_json_bool(j, "ok", w->ok);
		cbt_json_str(j, "kernel_effect", w->effect);
		cbt_json_end(j, '}');
	}
	cbt_json_end(j, '}');
}

static void value(char *buf, size_t len, const struct cbt_verify_row *w, double x)
{
	if (w->time)
		snprintf(buf, len, "%.3f ms", x / 1e6);
	else
		snprintf(buf, len, "%.0f", x);
}

void cbt_report_text_verify(FILE *f, const struct cbt_result *results, size_t n)
{

	fprintf(f,
		"\nverify: traced figures vs the kernel's own accounting of the tasks that exited "
		"while tracked\n%-22s %-22s %14s %14s %9s %12s\n",
		"backend", "figure", "traced", "kernel", "diff", "allowed");
	for (size_t i = 0; i < n; i++) {
		struct cbt_verify v;

		cbt_verify_result(&results[i], &v);
		if (!v.available) {
			fprintf(f, "%-22s (no traced task exited while tracked)\n",
				results[i].job.label);
			continue;
		}
		for (int k = 0; k < CBT_VERIFY_N; k++) {
			const struct cbt_verify_row *w = &v.row[k];
			char t[32], kn[32], al[32];
			double d = w->kernel > 0 ? (w->traced - w->kernel) / w->kernel * 100 : 0;

			value(t, sizeof(t), w, w->traced);
			value(kn, sizeof(kn), w, w->kernel);
			value(al, sizeof(al), w, w->allowed);
			fprintf(f, "%-22s %-22s %14s %14s %+8.2f%% %12s %s\n",
				k ? "" : results[i].job.label, w->label, t, kn, d, al,
				w->ok ? "ok" : "DISAGREES");
			if (!w->ok)
				fprintf(f, "%47s known kernel effect: %s\n", "", w->effect);
		}
	}
}
