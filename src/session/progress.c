/* progress.c - see progress.h. */
#include <math.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "util/clock.h"
#include "session/progress.h"

void cbt_progress_init(struct cbt_progress *pg, bool quiet, const char *workload,
		       const char *backend)
{
	pg->on = !quiet && isatty(STDERR_FILENO);
	pg->workload = workload;
	pg->backend = backend;
	pg->start = cbt_mono_s();
}

void cbt_progress_show(struct cbt_progress *pg, const char *what, size_t i, size_t n, double eta)
{
	if (!pg->on)
		return;
	char etabuf[32] = "ETA ?";
	if (!isnan(eta))
		snprintf(etabuf, sizeof(etabuf), "ETA %.0f s", eta < 0 ? 0 : eta);
	fprintf(stderr, "\r\033[K  %s · %-12s %s %zu/%zu   elapsed %.1f s   %s", pg->workload,
		pg->backend, what, i, n, cbt_mono_s() - pg->start, etabuf);
	fflush(stderr);
}

void cbt_progress_done(struct cbt_progress *pg)
{
	if (pg->on) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
}
