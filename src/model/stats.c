/* stats.c - mean, standard deviation, median, confidence interval, outliers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/stats.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median_sorted(const double *v, size_t n)
{
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

double cbt_t975(size_t df)
{
	static const double t[] = {0,	  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365,
				   2.306, 2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
				   2.120, 2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069,
				   2.064, 2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
	if (df < sizeof(t) / sizeof(t[0]))
		return t[df];
	if (df <= 40)
		return 2.021;
	if (df <= 60)
		return 2.000;
	if (df <= 120)
		return 1.980;
	return 1.960;
}

void cbt_stats_compute(const double *x, size_t n, struct cbt_stats *s)
{
	memset(s, 0, sizeof(*s));
	s->n = n;
	s->stddev = s->ci95_lo = s->ci95_hi = NAN;
	if (n == 0) {
		s->mean = s->median = s->min = s->max = NAN;
		return;
	}
	double *v = malloc(n * sizeof(*v)), sum = 0;
	if (!v) {
		s->mean = s->median = s->min = s->max = NAN;
		return;
	}
	memcpy(v, x, n * sizeof(*v));
	qsort(v, n, sizeof(*v), cmp_double);
	for (size_t i = 0; i < n; i++)
		sum += v[i];
	s->mean = sum / (double)n;
	s->min = v[0];
	s->max = v[n - 1];
	s->median = median_sorted(v, n);
	if (n >= 2) {
		double ss = 0;
		for (size_t i = 0; i < n; i++)
			ss += (v[i] - s->mean) * (v[i] - s->mean);
		s->stddev = sqrt(ss / (double)(n - 1));
		double half = cbt_t975(n - 1) * s->stddev / sqrt((double)n);
		s->ci95_lo = s->mean - half;
		s->ci95_hi = s->mean + half;
	}
	if (n >= 5) {
		double *dev = malloc(n * sizeof(*dev));
		if (dev) {
			for (size_t i = 0; i < n; i++)
				dev[i] = fabs(v[i] - s->median);
			qsort(dev, n, sizeof(*dev), cmp_double);
			double mad = median_sorted(dev, n);
			for (size_t i = 0; i < n && mad > 0; i++)
				if (fabs(0.6745 * (v[i] - s->median) / mad) > 3.5)
					s->outliers++;
			free(dev);
		}
	}
	free(v);
}

int cbt_stats_warning(const struct cbt_stats *s, char *buf, size_t len)
{
	if (s->outliers > 0) {
		snprintf(buf, len,
			 "%zu of %zu runs are statistical outliers: another process may have "
			 "interfered; use --warmup or a quieter machine",
			 s->outliers, s->n);
		return 1;
	}
	if (s->n >= 2 && s->mean > 0 && s->stddev / s->mean > 0.10) {
		snprintf(
		    buf, len,
		    "runs are noisy (standard deviation %.0f %% of the mean); use more --repeat "
		    "or a quieter machine",
		    100.0 * s->stddev / s->mean);
		return 1;
	}
	return 0;
}
