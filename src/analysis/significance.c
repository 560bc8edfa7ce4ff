/* significance.c - see significance.h. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/significance.h"

#define EXACT_MAX 60

/* Number of arrangements of m + n ranks whose U (for the first sample) is u, by the recurrence
 * f(m, n, u) = f(m - 1, n, u - n) + f(m, n - 1, u); as doubles (C(60, 30) fits). */
static double exact_cdf(size_t m, size_t n, size_t u_max)
{
	size_t umax = m * n;
	/* dp[j][u] for the current i; rolling over i */
	double *prev = calloc((n + 1) * (umax + 1), sizeof(double));
	double *cur = calloc((n + 1) * (umax + 1), sizeof(double));
	double r = NAN;
	if (!prev || !cur)
		goto out;
#define AT(t, j, u) (t)[(j) * (umax + 1) + (u)]
	for (size_t j = 0; j <= n; j++)
		AT(prev, j, 0) = 1; /* i = 0: U is 0 in one way */
	for (size_t i = 1; i <= m; i++) {
		memset(cur, 0, (n + 1) * (umax + 1) * sizeof(double));
		for (size_t j = 0; j <= n; j++)
			for (size_t u = 0; u <= i * j; u++) {
				double v =
				    (u >= j ? AT(prev, j, u - j) : 0); /* largest is from a */
				if (j > 0)
					v += AT(cur, j - 1, u);
				AT(cur, j, u) = v;
			}
		double *t = prev;
		prev = cur;
		cur = t;
	}
	double total = 0, below = 0;
	for (size_t u = 0; u <= umax; u++) {
		total += AT(prev, n, u);
		if (u <= u_max)
			below += AT(prev, n, u);
	}
#undef AT
	r = below / total;
out:
	free(prev);
	free(cur);
	return r;
}

struct ranked {
	double v;
	int from_a;
};

static int cmp_ranked(const void *x, const void *y)
{
	double a = ((const struct ranked *)x)->v, b = ((const struct ranked *)y)->v;
	return (a > b) - (a < b);
}

double cbt_mann_whitney_p(const double *a, size_t na, const double *b, size_t nb)
{
	if (!na || !nb)
		return NAN;
	size_t n = na + nb;
	struct ranked *r = malloc(n * sizeof(*r));
	if (!r)
		return NAN;
	for (size_t i = 0; i < na; i++)
		r[i] = (struct ranked){a[i], 1};
	for (size_t i = 0; i < nb; i++)
		r[na + i] = (struct ranked){b[i], 0};
	qsort(r, n, sizeof(*r), cmp_ranked);
	double rank_a = 0, tie_term = 0;
	bool ties = false;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j + 1 < n && r[j + 1].v == r[i].v)
			j++;
		double mid = (double)(i + j) / 2 + 1, t = (double)(j - i + 1);
		if (t > 1) {
			ties = true;
			tie_term += t * t * t - t;
		}
		for (size_t k = i; k <= j; k++)
			if (r[k].from_a)
				rank_a += mid;
		i = j + 1;
	}
	free(r);
	double u = rank_a - (double)na * (double)(na + 1) / 2, mu = (double)na * (double)nb / 2;
	double p;
	if (!ties && n <= EXACT_MAX) {
		double lo = u < mu ? u : (double)na * (double)nb - u; /* the smaller tail */
		p = 2 * exact_cdf(na, nb, (size_t)lo);
	} else {
		double nn = (double)n;
		double var = (double)na * (double)nb / 12 * ((nn + 1) - tie_term / (nn * (nn - 1)));
		if (var <= 0)
			return 1;
		double z = (fabs(u - mu) - 0.5) / sqrt(var);
		p = z <= 0 ? 1 : erfc(z / sqrt(2));
	}
	return p > 1 ? 1 : p;
}

/* Continued fraction for the incomplete beta (Lentz's method). */
static double betacf(double x, double a, double b)
{
	const double tiny = 1e-300;
	double c = 1, d = 1 - (a + b) * x / (a + 1), h;
	d = 1 / (fabs(d) < tiny ? tiny : d);
	h = d;
	for (int m = 1; m <= 300; m++) {
		double m2 = 2 * m, aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
		d = 1 + aa * d;
		d = 1 / (fabs(d) < tiny ? tiny : d);
		c = 1 + aa / c;
		c = fabs(c) < tiny ? tiny : c;
		h *= d * c;
		aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
		d = 1 + aa * d;
		d = 1 / (fabs(d) < tiny ? tiny : d);
		c = 1 + aa / c;
		c = fabs(c) < tiny ? tiny : c;
		double del = d * c;
		h *= del;
		if (fabs(del - 1) < 1e-15)
			break;
	}
	return h;
}

double cbt_incbeta(double x, double a, double b)
{
	if (x <= 0)
		return 0;
	if (x >= 1)
		return 1;
	double lbt = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x);
	if (x < (a + 1) / (a + b + 2))
		return exp(lbt) * betacf(x, a, b) / a;
	return 1 - exp(lbt) * betacf(1 - x, b, a) / b;
}

static void mean_var(const double *x, size_t n, double *m, double *v)
{
	double s = 0, ss = 0;
	for (size_t i = 0; i < n; i++)
		s += x[i];
	*m = s / (double)n;
	for (size_t i = 0; i < n; i++)
		ss += (x[i] - *m) * (x[i] - *m);
	*v = ss / (double)(n - 1);
}

double cbt_welch_p(const double *a, size_t na, const double *b, size_t nb)
{
	if (na < 2 || nb < 2)
		return NAN;
	double ma, va, mb, vb;
	mean_var(a, na, &ma, &va);
	mean_var(b, nb, &mb, &vb);
	double sa = va / (double)na, sb = vb / (double)nb, se2 = sa + sb;
	if (se2 <= 0)
		return ma == mb ? 1 : 0;
	double t = (ma - mb) / sqrt(se2);
	double df = se2 * se2 / (sa * sa / (double)(na - 1) + sb * sb / (double)(nb - 1));
	return cbt_incbeta(df / (df + t * t), df / 2, 0.5);
}

enum cbt_sig_test cbt_significance(const double *a, size_t na, const double *b, size_t nb,
				   double *p)
{
	if (na >= 4 && nb >= 4) {
		*p = cbt_mann_whitney_p(a, na, b, nb);
		return CBT_SIG_U;
	}
	if (na >= 2 && nb >= 2) {
		*p = cbt_welch_p(a, na, b, nb);
		return CBT_SIG_WELCH;
	}
	*p = NAN;
	return CBT_SIG_NONE;
}
