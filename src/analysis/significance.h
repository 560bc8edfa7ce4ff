/* significance.h - is a difference between two sets of runs real? Two-sided tests, as benchstat
 * does it (Mann-Whitney U), with Welch's t for samples too small for U to ever reach p < 0.05. */
#ifndef CBT_SIGNIFICANCE_H
#define CBT_SIGNIFICANCE_H

#include <stddef.h>

/* Two-sided p of the Mann-Whitney U test: exact (no ties, n1 + n2 <= 60), else the normal
 * approximation with tie and continuity corrections. NAN when a sample is empty. */
double cbt_mann_whitney_p(const double *a, size_t na, const double *b, size_t nb);

/* Two-sided p of Welch's unequal-variance t test. NAN when a sample has fewer than 2 runs. */
double cbt_welch_p(const double *a, size_t na, const double *b, size_t nb);

/* Regularized incomplete beta I_x(a, b) (continued fraction), for Student's t. */
double cbt_incbeta(double x, double a, double b);

enum cbt_sig_test { CBT_SIG_NONE, CBT_SIG_U, CBT_SIG_WELCH };

/* The test the samples allow: U when both have >= 4 runs (its smallest two-sided p is then
 * 2/70 < 0.05), Welch when both have >= 2, none otherwise. Writes p (NAN for none). */
enum cbt_sig_test cbt_significance(const double *a, size_t na, const double *b, size_t nb,
				   double *p);

#endif
