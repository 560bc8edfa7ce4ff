/* progress.h - one self-overwriting status line on stderr, only when stderr is a terminal. */
#ifndef CBT_PROGRESS_H
#define CBT_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

struct cbt_progress {
	bool on;
	const char *workload, *backend;
	double start;
};

void cbt_progress_init(struct cbt_progress *pg, bool quiet, const char *workload,
		       const char *backend);
/* "workload · backend  run i/n  elapsed  ETA"; eta may be NAN (unknown). */
void cbt_progress_show(struct cbt_progress *pg, const char *what, size_t i, size_t n, double eta);
void cbt_progress_done(struct cbt_progress *pg);

#endif
