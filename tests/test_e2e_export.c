/* test_e2e_export.c - --export FORMAT=FILE against the real binary: CSV (read with Python's csv
 * module) and Markdown agree with the JSON of the same invocation, - writes to standard output
 * instead of the text report, and a bad format or a path that cannot be written stop the tool
 * with exit status 2 before any run. The checks are in tests/data/check_tables.py. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "e2e.h"

static int need_root(void)
{
	if (geteuid() != 0) {
		print_message("needs root (tracing)\n");
		return 1;
	}
	return 0;
}

/* Native and CPython (the lock's share), two runs each (a standard deviation). */
static void test_csv_markdown_match_json(void **state)
{
	(void)state;
	char args[2048], js[512], csv[512], md[512], cmd[4096];
	if (need_root())
		fail();
	snprintf(
	    args, sizeof(args),
	    "--trace -q -r 2 --runtime c,python -w yield-loop -b threads,gil-threads,processes "
	    "-n 6 --iterations 100 --json %s --export csv=%s --export markdown=%s",
	    e2e_path(js, sizeof(js), "r.json"), e2e_path(csv, sizeof(csv), "r.csv"),
	    e2e_path(md, sizeof(md), "r.md"));
	assert_int_equal(e2e_run(args), 0);
	snprintf(cmd, sizeof(cmd), "'%s' tests/data/check_tables.py '%s' '%s' '%s'", e2e_python(),
		 js, csv, md);
	int st = system(cmd);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* FILE "-": the report goes to standard output, alone. */
static void test_stdout(void **state)
{
	(void)state;
	assert_int_equal(e2e_run("--no-trace -q -r 1 -w startup -b serial -n 3 --export csv=-"), 0);
	const char *out = e2e_read("out.txt");
	assert_true(strncmp(out, "command,mean,stddev,median,user,system,min,max,", 47) == 0);
	assert_null(strstr(out, "wall mean")); /* no text report mixed in */
	assert_int_equal(e2e_run("--no-trace -q -r 1 -w startup -b serial -n 3 --export csv=- "
				 "--export markdown=-"),
			 2);
	assert_non_null(strstr(e2e_read("err.txt"), "only one report can go to standard output"));
}

/* Bad usage stops the tool before any run: the tasks would have written --dump-schedstat. */
static void test_bad_usage_before_any_run(void **state)
{
	(void)state;
	char args[2048], dump[512], path[512];
	e2e_path(dump, sizeof(dump), "schedstat.txt");
	snprintf(args, sizeof(args),
		 "--no-trace -q -r 1 -w startup -b serial -n 3 --dump-schedstat %s "
		 "--export csv=%s/no/such/dir/r.csv",
		 dump, e2e_dir);
	assert_int_equal(e2e_run(args), 2);
	assert_non_null(strstr(e2e_read("err.txt"), "no/such/dir")); /* names the directory */
	assert_int_equal(access(dump, F_OK), -1);

	snprintf(args, sizeof(args),
		 "--no-trace -q -r 1 -w startup -b serial -n 3 --dump-schedstat %s "
		 "--export pdf=%s",
		 dump, e2e_path(path, sizeof(path), "r.pdf"));
	assert_int_equal(e2e_run(args), 2);
	const char *err = e2e_read("err.txt");
	assert_non_null(strstr(err, "unknown --export format 'pdf'"));
	assert_non_null(strstr(err, "csv"));
	assert_int_equal(access(dump, F_OK), -1);
	assert_int_equal(access(path, F_OK), -1);

	assert_int_equal(e2e_run("--no-trace -q -r 1 -w startup -b serial --export csv"), 2);
	assert_non_null(strstr(e2e_read("err.txt"), "FORMAT=FILE"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_csv_markdown_match_json, e2e_setup, e2e_teardown),
	    cmocka_unit_test_setup_teardown(test_stdout, e2e_setup, e2e_teardown),
	    cmocka_unit_test_setup_teardown(test_bad_usage_before_any_run, e2e_setup, e2e_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
