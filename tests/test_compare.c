/* test_compare.c - `compare`: the JSON reader, the significance tests against hand-computed
 * values, comparisons of hand-made documents with known answers, and one end-to-end comparison of
 * two real runs that differ by one cause (the timer slack). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/compare.h"
#include "analysis/significance.h"
#include "e2e.h"
#include "util/json_read.h"

static struct cbt_jval *parse(const char *s)
{
	char err[200];
	return cbt_jparse(s, strlen(s), err, sizeof(err));
}

static void test_json_reader(void **state)
{
	(void)state;
	struct cbt_jval *v = parse(" {\"a\": [1, -2.5e3, true, false, null], \"s\": \"x\\ty\\u00e9"
				   "\\ud83d\\ude00\\\"\", \"o\": {\"k\": 7}} ");
	assert_non_null(v);
	assert_int_equal(cbt_jget(v, "a")->n, 5);
	assert_true(cbt_jget(v, "a")->items[1].num == -2500);
	assert_true(cbt_jget(v, "a")->items[2].b && !cbt_jget(v, "a")->items[3].b);
	assert_int_equal(cbt_jget(v, "a")->items[4].type, CBT_JNULL);
	assert_string_equal(cbt_jstr(v, "s"), "x\ty\xc3\xa9\xf0\x9f\x98\x80\"");
	assert_true(cbt_jnum(v, "o.k") == 7);
	assert_true(isnan(cbt_jnum(v, "o.missing")) && isnan(cbt_jnum(v, "s")));
	cbt_jfree(v);

	/* rejected, each with where */
	const char *bad[] = {
	    "",	   "{",	     "{\"a\" 1}", "[1,]", "[01]", "\"\\x\"",	       "[1] 2",
	    "tru", "{1: 2}", "\"a\nb\"",  "-",	  "[1.]", "\"\\ud800\\u0041\""};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char err[200] = "";
		struct cbt_jval *b = cbt_jparse(bad[i], strlen(bad[i]), err, sizeof(err));
		if (b)
			print_message("accepted: %s\n", bad[i]);
		assert_null(b);
		assert_non_null(strstr(err, "line 1, column"));
	}
	/* nesting is bounded: no stack exhaustion from a hostile file */
	char deep[400];
	memset(deep, '[', sizeof(deep) - 1);
	deep[sizeof(deep) - 1] = '\0';
	char err[200];
	assert_null(cbt_jparse(deep, strlen(deep), err, sizeof(err)));
	assert_non_null(strstr(err, "nested too deeply"));
}

static void test_significance(void **state)
{
	(void)state;
	/* I_0.5(2, 3) = 11/16 */
	assert_true(fabs(cbt_incbeta(0.5, 2, 3) - 0.6875) < 1e-12);
	/* complete separation of 4 + 4: exact two-sided p = 2 / C(8, 4) = 2/70 */
	double a[] = {1, 2, 3, 4}, b[] = {5, 6, 7, 8};
	assert_true(fabs(cbt_mann_whitney_p(a, 4, b, 4) - 2.0 / 70) < 1e-12);
	assert_true(fabs(cbt_mann_whitney_p(b, 4, a, 4) - 2.0 / 70) < 1e-12);
	/* interleaved: U = 8 of 16 is the middle, p = 1 */
	double c[] = {1, 3, 5, 7}, d[] = {2, 4, 6, 8};
	assert_true(cbt_mann_whitney_p(c, 4, d, 4) > 0.68);
	/* 5 + 5 separated: 2/252 */
	double e[] = {1.0, 1.1, 0.9, 1.02, 1.05}, f[] = {2.0, 2.1, 1.9, 2.02, 2.05};
	assert_true(fabs(cbt_mann_whitney_p(e, 5, f, 5) - 2.0 / 252) < 1e-12);
	/* Welch: {1,2,3} vs {4,5,6}: t = -3.674, df = 4, p = 0.021311 (hand: 2 * (1 - T4(3.674)))
	 */
	double g[] = {1, 2, 3}, h[] = {4, 5, 6};
	assert_true(fabs(cbt_welch_p(g, 3, h, 3) - 0.0213116) < 1e-5);
	double p;
	assert_int_equal(cbt_significance(g, 3, h, 3, &p), CBT_SIG_WELCH);
	assert_int_equal(cbt_significance(a, 4, b, 4, &p), CBT_SIG_U);
	assert_int_equal(cbt_significance(a, 1, b, 4, &p), CBT_SIG_NONE);
	assert_true(isnan(p));
}

/* A minimal document of the tool, with one result per (backend, runs, runqueue ns). */
static struct cbt_jval *doc(const char *host, const char *results)
{
	char buf[4096];
	snprintf(buf, sizeof(buf),
		 "{\"tool\": \"concbench-trace\", \"host\": {\"hostname\": \"%s\", \"kernel\": "
		 "\"6.1\", \"machine\": \"x86_64\", \"cpus\": 2}, \"results\": [%s]}",
		 host, results);
	struct cbt_jval *v = parse(buf);
	assert_non_null(v);
	return v;
}

#define RESULT(backend, runs, rq)                                                                  \
	"{\"workload\": \"yield-loop\", \"runtime\": \"c\", \"backend\": \"" backend "\", "        \
	"\"wall_seconds\": {\"runs\": [" runs "]}, \"totals\": {\"oncpu_ns\": 1e9, "               \
	"\"runqueue_wait_ns\": " rq ", \"offcpu_by_reason_ns\": {\"sleep\": 5e8}}}"

static void test_compare_known_answers(void **state)
{
	(void)state;
	struct cbt_jval *o =
	    doc("a", RESULT("threads", "1.0, 1.1, 0.9, 1.02, 1.05", "1e9") "," RESULT(
			 "serial", "4, 4.1, 3.9", "0") "," RESULT("gone", "1, 1", "0"));
	struct cbt_jval *n =
	    doc("a", RESULT("threads", "2.0, 2.1, 1.9, 2.02, 2.05", "3e9") "," RESULT(
			 "serial", "2, 2.02, 1.98", "0") "," RESULT("new", "1, 1", "0"));
	struct cbt_compare_opts opt = {.noise_floor = 0.01, .alpha = 0.05};
	struct cbt_comparison c;
	char err[300];
	assert_int_equal(cbt_compare(o, n, &opt, &c, err, sizeof(err)), 0);
	assert_int_equal(c.n, 4); /* threads, serial, new; gone (old only) */
	const struct cbt_cmp_row *t = &c.rows[0], *s = &c.rows[1];
	assert_string_equal(t->backend, "threads");
	assert_true(fabs(t->change - (2.02 / 1.02 - 1)) < 1e-9); /* medians 1.02 -> 2.02 */
	assert_true(fabs(t->new_median - 2.02) < 1e-12 && fabs(t->old_median - 1.02) < 1e-12);
	assert_int_equal(t->test, CBT_SIG_U);
	assert_true(fabs(t->p - 2.0 / 252) < 1e-12 && t->significant);
	assert_string_equal(t->attribution, "run-queue"); /* +2 s; on-CPU and sleep did not move */
	assert_true(fabs(t->attribution_change - 2.0) < 1e-12);
	assert_true(fabs(t->attribution_delta_s - 2.0) < 1e-12);
	assert_int_equal(s->test, CBT_SIG_WELCH);
	assert_true(fabs(s->change + 0.5) < 1e-9 && s->significant);
	assert_true(c.rows[2].only_new && c.rows[3].only_old);
	/* geometric mean of x(2.02/1.02) and x0.5 */
	assert_int_equal(c.geomean_n, 2);
	assert_true(fabs(c.geomean_change - (sqrt(2.02 / 1.02 * 0.5) - 1)) < 1e-9);
	cbt_comparison_free(&c);

	/* below the noise floor: never significant, whatever p */
	struct cbt_compare_opts loud = {.noise_floor = 1.5, .alpha = 0.05};
	assert_int_equal(cbt_compare(o, n, &loud, &c, err, sizeof(err)), 0);
	assert_false(c.rows[0].significant);
	cbt_comparison_free(&c);

	/* another machine: refused, unless forced */
	struct cbt_jval *other = doc("b", RESULT("threads", "1, 1", "0"));
	assert_int_equal(cbt_compare(o, other, &opt, &c, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "hostname a vs b"));
	assert_non_null(strstr(err, "--force"));
	opt.force = true;
	assert_int_equal(cbt_compare(o, other, &opt, &c, err, sizeof(err)), 0);
	assert_true(c.forced);
	cbt_comparison_free(&c);
	/* not ours */
	struct cbt_jval *alien = parse("{\"results\": []}");
	assert_int_equal(cbt_compare(alien, o, &opt, &c, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "not a concbench-trace JSON document"));
	cbt_jfree(alien);
	cbt_jfree(other);
	cbt_jfree(o);
	cbt_jfree(n);
}

/* Two real runs that differ by one cause, chosen to hold on a busy machine: fixed-sleep serial
 * with 50 ms and with 200 ms sleeps (sleeping needs no CPU, so other load adds milliseconds, not
 * the 4x). compare must call it significant, name blocked sleep, and trip --fail-above in one
 * direction only. */
static void test_compare_two_real_runs(void **state)
{
	(void)state;
	char args[2048], a[512], b[512];
	e2e_path(a, sizeof(a), "short.json");
	e2e_path(b, sizeof(b), "long.json");
	snprintf(args, sizeof(args),
		 "--trace -q -w fixed-sleep -b serial -n 2 --sleep 0.05 --repeat 5 --json %s", a);
	assert_int_equal(e2e_run(args), 0);
	snprintf(args, sizeof(args),
		 "--trace -q -w fixed-sleep -b serial -n 2 --sleep 0.2 --repeat 5 --json %s", b);
	assert_int_equal(e2e_run(args), 0);
	snprintf(args, sizeof(args), "compare --fail-above 20 %s %s", a, b);
	assert_int_equal(e2e_run(args), 1);
	const char *out = e2e_read("out.txt");
	print_message("%s", out);
	assert_non_null(strstr(out, "fixed-sleep c serial"));
	assert_non_null(strstr(out, "blocked sleep"));
	assert_non_null(strstr(out, "0.008 U"));
	assert_non_null(strstr(e2e_read("err.txt"), "beyond --fail-above 20"));
	snprintf(args, sizeof(args), "compare --fail-above 20 %s %s", b, a);
	assert_int_equal(e2e_run(args), 0);
	snprintf(args, sizeof(args), "compare %s", a);
	assert_int_equal(e2e_run(args), 2);
	snprintf(args, sizeof(args), "compare --noise x %s %s", a, b);
	assert_int_equal(e2e_run(args), 2);
	assert_non_null(strstr(e2e_read("err.txt"), "--noise takes a number"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_json_reader),
	    cmocka_unit_test(test_significance),
	    cmocka_unit_test(test_compare_known_answers),
	    cmocka_unit_test(test_compare_two_real_runs),
	};
	return cmocka_run_group_tests_name("compare", tests, e2e_setup, e2e_teardown);
}
