/* stats.h - summary statistics of repeated measurements, and hyperfine-style warnings. */
#ifndef CBT_STATS_H
#define CBT_STATS_H

#include <stddef.h>

struct cbt_stats {
	size_t n;
	double mean, stddev, median, min, max; /* stddev is NAN for n < 2 */
	double ci95_lo, ci95_hi;	       /* 95 % CI of the mean (Student t); NAN for n < 2 */
	size_t outliers; /* |modified z-score| > 3.5 (Iglewicz & Hoaglin), needs n >= 5 */
};

void cbt_stats_compute(const double *x, size_t n, struct cbt_stats *s);

/* Two-sided 95 % quantile of Student's t with df degrees of freedom (df >= 1). */
double cbt_t975(size_t df);

/* Writes a one-line warning about noisy runs or outliers into buf; returns 0 if none. */
int cbt_stats_warning(const struct cbt_stats *s, char *buf, size_t len);

#endif
