/* seeds.h - the figures the two benchmarks that motivate this tool published (docs/seeds.md
 * says where they come from): data only, for the teaching view (--compare-seed). */
#ifndef CBT_SEEDS_H
#define CBT_SEEDS_H

#include <stddef.h>

struct cbt_seed_benchmark {
	const char *id;	     /* "A", "B" */
	const char *year;    /* of publication */
	const char *runtime; /* "CPython 3.11.4" */
	const char *machine; /* "macOS, 4-core i7 4.2 GHz" */
	const char *how;     /* what one figure is ("mean of 30 runs") */
	unsigned tasks;	     /* tasks per run (0: not stated) */
	unsigned iterations; /* yield-loop sleeps per task (0: none) */
};

struct cbt_seed_figure {
	const struct cbt_seed_benchmark *bench;
	const char *workload; /* our workload name */
	const char *backend;  /* our backend name */
	double seconds;	      /* published wall time */
};

extern const struct cbt_seed_benchmark cbt_seed_benchmarks[];
extern const struct cbt_seed_figure cbt_seed_figures[];
extern const size_t cbt_nseed_figures;

#endif
