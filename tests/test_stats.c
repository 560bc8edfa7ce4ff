/* test_stats.c - statistics against hand-computed values; the JSON writer; histograms. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/analysis.h"
#include "report/json.h"
#include "model/stats.h"
#include "util/units.h"

static void test_basic_stats(void **state)
{
	(void)state;
	/* x = 2 4 4 4 5 5 7 9: mean 5, sample sd = sqrt(32/7) = 2.13809, median 4.5 */
	double x[] = {9, 4, 2, 4, 5, 4, 7, 5};
	struct cbt_stats s;
	cbt_stats_compute(x, 8, &s);
	assert_int_equal(s.n, 8);
	assert_true(fabs(s.mean - 5.0) < 1e-12);
	assert_true(fabs(s.stddev - 2.1380899) < 1e-6);
	assert_true(fabs(s.median - 4.5) < 1e-12);
	assert_true(s.min == 2 && s.max == 9);
	/* CI: 5 +- 2.365 * 2.13809 / sqrt(8) = 5 +- 1.78778 */
	assert_true(fabs(s.ci95_lo - 3.212218) < 1e-4);
	assert_true(fabs(s.ci95_hi - 6.787782) < 1e-4);
	/* MAD = 0.5: 9 has modified z 0.6745 * 4.5 / 0.5 = 6.07 > 3.5; 2 has 3.37 */
	assert_int_equal(s.outliers, 1);
}

static void test_small_samples(void **state)
{
	(void)state;
	struct cbt_stats s;
	double one = 3.5;
	cbt_stats_compute(&one, 1, &s);
	assert_true(s.mean == 3.5 && s.median == 3.5 && s.min == 3.5 && s.max == 3.5);
	assert_true(isnan(s.stddev) && isnan(s.ci95_lo));
	cbt_stats_compute(NULL, 0, &s);
	assert_true(isnan(s.mean));
	double two[] = {1, 3};
	cbt_stats_compute(two, 2, &s);
	assert_true(fabs(s.stddev - sqrt(2.0)) < 1e-12);
	assert_true(fabs(s.ci95_hi - (2 + 12.706 * sqrt(2.0) / sqrt(2.0))) < 1e-9);
}

static void test_outliers_and_warnings(void **state)
{
	(void)state;
	double x[] = {1.00, 1.01, 0.99, 1.02, 0.98, 1.00, 5.0};
	struct cbt_stats s;
	char w[256];
	cbt_stats_compute(x, 7, &s);
	assert_int_equal(s.outliers, 1);
	assert_int_equal(cbt_stats_warning(&s, w, sizeof(w)), 1);
	assert_non_null(strstr(w, "outlier"));
	double calm[] = {1.00, 1.01, 0.99, 1.02, 0.98};
	cbt_stats_compute(calm, 5, &s);
	assert_int_equal(s.outliers, 0);
	assert_int_equal(cbt_stats_warning(&s, w, sizeof(w)), 0);
	double noisy[] = {1.0, 2.0, 1.5};
	cbt_stats_compute(noisy, 3, &s);
	assert_int_equal(cbt_stats_warning(&s, w, sizeof(w)), 1);
	assert_non_null(strstr(w, "noisy"));
}

static void test_t_quantiles(void **state)
{
	(void)state;
	assert_true(fabs(cbt_t975(1) - 12.706) < 1e-9);
	assert_true(fabs(cbt_t975(29) - 2.045) < 1e-9);
	assert_true(fabs(cbt_t975(100000) - 1.96) < 1e-9);
}

static void test_histogram_percentiles(void **state)
{
	(void)state;
	uint64_t h[CBT_HIST_SLOTS] = {0};
	assert_true(isnan(cbt_hist_percentile(h, CBT_HIST_SLOTS, 0.5)));
	h[10] = 100; /* 100 values in [1024, 2048) ns */
	double p50 = cbt_hist_percentile(h, CBT_HIST_SLOTS, 0.5);
	assert_true(p50 >= 1024 && p50 < 2048);
	assert_true(fabs(p50 - 1536) < 1e-9); /* linear inside the bucket */
	h[20] = 1;			      /* one slow wait in [1 Mi, 2 Mi) ns */
	double p99 = cbt_hist_percentile(h, CBT_HIST_SLOTS, 0.995);
	assert_true(p99 >= 1048576 && p99 < 2097152);
}

static void test_json_writer(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct cbt_json j;
	cbt_json_init(&j, f);
	cbt_json_object(&j, NULL);
	cbt_json_str(&j, "s", "a\"b\\c\n\x01");
	cbt_json_num(&j, "nan", NAN);
	cbt_json_num(&j, "x", 1.5);
	cbt_json_array(&j, "a");
	cbt_json_u64(&j, NULL, 18446744073709551615ull);
	cbt_json_i64(&j, NULL, -3);
	cbt_json_end(&j, ']');
	cbt_json_array(&j, "empty");
	cbt_json_end(&j, ']');
	cbt_json_bool(&j, "t", true);
	cbt_json_str(&j, "null", NULL);
	cbt_json_end(&j, '}');
	cbt_json_finish(&j);
	fclose(f);
	const char *want =
	    "{\n  \"s\": \"a\\\"b\\\\c\\n\\u0001\",\n  \"nan\": null,\n  \"x\": 1.5,\n"
	    "  \"a\": [\n    18446744073709551615,\n    -3\n  ],\n  \"empty\": [],\n"
	    "  \"t\": true,\n  \"null\": null\n}\n";
	assert_string_equal(buf, want);
	free(buf);
}

static void test_units(void **state)
{
	(void)state;
	char b[32];
	assert_string_equal(cbt_fmt_seconds(b, sizeof(b), 96.21), "96.2 s");
	assert_string_equal(cbt_fmt_seconds(b, sizeof(b), 0.00473), "4.73 ms");
	assert_string_equal(cbt_fmt_seconds(b, sizeof(b), 38.1e-6), "38.1 µs");
	assert_string_equal(cbt_fmt_seconds(b, sizeof(b), 0.9996), "1.00 s");
	assert_string_equal(cbt_fmt_seconds(b, sizeof(b), 250e-9), "250 ns");
	assert_string_equal(cbt_fmt_seconds(b, sizeof(b), NAN), "n/a");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_basic_stats),
	    cmocka_unit_test(test_small_samples),
	    cmocka_unit_test(test_outliers_and_warnings),
	    cmocka_unit_test(test_t_quantiles),
	    cmocka_unit_test(test_histogram_percentiles),
	    cmocka_unit_test(test_json_writer),
	    cmocka_unit_test(test_units),
	};
	return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
