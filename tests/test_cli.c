/* test_cli.c - argument parsing: defaults, every accepted form, every class of bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "backends/backend.h"
#include "cli/cli.h"

static char err[512];

/* Parses a NULL-terminated list of arguments (argv[0] is added). */
static int parse(struct cbt_options *o, ...)
{
	char *argv[64] = {"concbench-trace"};
	int argc = 1;
	va_list ap;
	va_start(ap, o);
	for (char *a; (a = va_arg(ap, char *)) != NULL;)
		argv[argc++] = a;
	va_end(ap);
	return cbt_cli_parse(argc, argv, o, err, sizeof(err));
}

static void expect_usage_error(int rc, const char *needle)
{
	assert_int_equal(rc, CBT_EXIT_USAGE);
	assert_non_null(strstr(err, needle));
	assert_null(strchr(err, '\n')); /* one line */
}

static void test_defaults_are_the_seeds(void **state)
{
	(void)state;
	struct cbt_options o;
	assert_int_equal(parse(&o, "--workload", "yield-loop", NULL), 0);
	assert_int_equal(o.params.tasks, 100);
	assert_int_equal(o.params.iterations, 10000);
	assert_true(o.params.sleep_s == 5.0);
	assert_int_equal(o.params.yield, CBT_YIELD_NANOSLEEP);
	assert_int_equal(o.params.cpu_size, 1000000);
	assert_int_equal(o.repeat, 0); /* adaptive */
	assert_int_equal(o.warmup, 0);
	assert_int_equal(o.trace, CBT_TRACE_AUTO);
	assert_int_equal(o.nworkloads, 1);
	assert_int_equal(o.nbackends, 9); /* every backend */
	assert_int_equal(o.runtimes, CBT_RUNTIME_C);
	assert_true(o.explain);
}

static void test_accepted_forms(void **state)
{
	(void)state;
	struct cbt_options o;
	assert_int_equal(parse(&o, "-w", "cpu,io", "--backend=threads,processes", "--tasks=7",
			       "--iterations", "12", "--sleep", "0.25", "--yield", "sched_yield",
			       "-r", "4", "--warmup", "1", "--seed", "18446744073709551615",
			       "--io-size", "64K", "--io-block", "1k", "--json", "-", "--no-trace",
			       NULL),
			 0);
	assert_int_equal(o.nworkloads, 2);
	assert_string_equal(o.workloads[1], "io");
	assert_int_equal(o.nbackends, 2);
	assert_string_equal(o.backends[0], "threads");
	assert_int_equal(o.params.tasks, 7);
	assert_int_equal(o.params.iterations, 12);
	assert_true(o.params.sleep_s == 0.25);
	assert_int_equal(o.params.yield, CBT_YIELD_SCHED_YIELD);
	assert_int_equal(o.repeat, 4);
	assert_int_equal(o.warmup, 1);
	assert_true(o.params.seed == UINT64_MAX);
	assert_int_equal(o.params.io_size, 65536);
	assert_int_equal(o.params.io_block, 1024);
	assert_string_equal(o.json_path, "-");
	assert_int_equal(o.trace, CBT_TRACE_OFF);

	assert_int_equal(parse(&o, "--workload", "all", "--backend", "all", NULL), 0);
	assert_int_equal(o.nworkloads, 7);
	assert_int_equal(o.nbackends, 9);
	assert_int_equal(parse(&o, "-w", "cpu", "--workers", "3", "--switch-interval", "0.001",
			       "--timer-slack", "1", "--cpus", "0", "--runtime", "c,python",
			       "--python", "/usr/bin/python3.11", "--no-explain", NULL),
			 0);
	assert_int_equal(o.params.workers, 3);
	assert_true(o.params.switch_interval_s == 0.001);
	assert_true(o.params.timer_slack_ns == 1);
	assert_true(o.params.pin && CPU_ISSET(0, &o.params.cpus) && CPU_COUNT(&o.params.cpus) == 1);
	assert_int_equal(o.runtimes, CBT_RUNTIME_C | CBT_RUNTIME_PYTHON);
	assert_string_equal(o.python, "/usr/bin/python3.11");
	assert_false(o.explain);
	char *cmd[] = {"concbench-trace", "-r", "2", "--run-as-root", "--", "ls", "-l", NULL};
	assert_int_equal(cbt_cli_parse(7, cmd, &o, err, sizeof(err)), 0);
	assert_non_null(o.command);
	assert_string_equal(o.command[0], "ls");
	assert_string_equal(o.command[1], "-l");
	assert_true(o.run_as_root);
	assert_int_equal(parse(&o, "--help", NULL), 0);
	assert_true(o.help);
	assert_int_equal(parse(&o, "--list", NULL), 0);
	assert_true(o.list);
	assert_int_equal(parse(&o, "-V", NULL), 0);
	assert_true(o.version);
}

static void test_unknown_names_suggest(void **state)
{
	(void)state;
	struct cbt_options o;
	expect_usage_error(parse(&o, "--workload", "yeild-loop", NULL),
			   "did you mean 'yield-loop'");
	expect_usage_error(parse(&o, "-w", "cpu", "--backend", "thread", NULL),
			   "did you mean 'threads'");
	expect_usage_error(parse(&o, "-w", "zzzzzzzzzz", NULL), "allowed: fixed-sleep");
	expect_usage_error(parse(&o, "-w", "cpu,cpu", NULL), "listed twice");
	expect_usage_error(parse(&o, "-w", ",", NULL), "at least one name");
	expect_usage_error(parse(&o, "-w", "cpu", "--yield", "spin", NULL),
			   "allowed: nanosleep, sched_yield, clock_nanosleep");
	expect_usage_error(parse(&o, "-w", "cpu", "--frobnicate", NULL), "unknown option");
	expect_usage_error(parse(&o, "-w", "cpu", "stray", NULL), "unexpected argument");
}

static void test_bad_numbers(void **state)
{
	(void)state;
	struct cbt_options o;
	expect_usage_error(parse(&o, "-w", "cpu", "--tasks", "0", NULL), "out of range");
	expect_usage_error(parse(&o, "-w", "cpu", "--tasks", "-3", NULL), "must not be negative");
	expect_usage_error(parse(&o, "-w", "cpu", "--tasks", "99999999999999999999999", NULL),
			   "too large");
	expect_usage_error(parse(&o, "-w", "cpu", "--tasks", "12abc", NULL), "whole number");
	expect_usage_error(parse(&o, "-w", "cpu", "--tasks", "", NULL), "empty value");
	expect_usage_error(parse(&o, "-w", "cpu", "--iterations", "0", NULL), "1..100000000");
	expect_usage_error(parse(&o, "-w", "cpu", "--repeat", "0", NULL), "out of range");
	expect_usage_error(parse(&o, "-w", "cpu", "--sleep", "0", NULL), "out of range");
	expect_usage_error(parse(&o, "-w", "cpu", "--sleep", "-1", NULL), "out of range");
	expect_usage_error(parse(&o, "-w", "cpu", "--sleep", "nan", NULL), "number of seconds");
	expect_usage_error(parse(&o, "-w", "cpu", "--sleep", "1e999", NULL), "number of seconds");
	expect_usage_error(parse(&o, "-w", "cpu", "--io-block", "1M", NULL), "out of range");
	expect_usage_error(parse(&o, "-w", "cpu", "--seed", "18446744073709551616", NULL),
			   "too large");
}

static void test_missing_values_and_conflicts(void **state)
{
	(void)state;
	struct cbt_options o;
	expect_usage_error(parse(&o, "-w", "cpu", "--tasks", NULL), "needs a value");
	expect_usage_error(parse(&o, "--workload", NULL), "needs a value");
	expect_usage_error(parse(&o, "--tasks", "3", NULL), "no workload chosen");
	expect_usage_error(parse(&o, "-w", "cpu", "--trace", "--no-trace", NULL), "contradict");
	expect_usage_error(parse(&o, "-w", "cpu", "--per-task", "--no-trace", NULL),
			   "needs tracing");
	expect_usage_error(parse(&o, "-w", "cpu", "-w", "io", NULL), "given twice");
	expect_usage_error(parse(&o, "-w", "io", "--io-size", "100", "--io-block", "200", NULL),
			   "larger than --io-size");
	expect_usage_error(parse(&o, "-w", "cpu", "--no-trace=yes", NULL), "takes no value");
	expect_usage_error(parse(&o, "-w", "cpu", "--json", "", NULL), "file name");
	expect_usage_error(parse(&o, "-w", "cpu", "--runtime", "pyton", NULL),
			   "did you mean 'python'");
	expect_usage_error(parse(&o, "-w", "cpu", "--runtime", "c,c", NULL), "listed twice");
	expect_usage_error(parse(&o, "-w", "cpu", "--python", "python3", NULL),
			   "needs --runtime python");
	expect_usage_error(parse(&o, "-w", "cpu", "--run-as-root", NULL), "only applies to -- CMD");
	expect_usage_error(parse(&o, "-w", "cpu", "--", "ls", NULL), "drop --workload");
	expect_usage_error(parse(&o, "--runtime", "python", "--", "ls", NULL), "exclude");
	expect_usage_error(parse(&o, "--", NULL), "followed by a command");
	expect_usage_error(parse(&o, "-w", "cpu", "--workers", "0", NULL), "out of range");
	expect_usage_error(parse(&o, "-w", "cpu", "--switch-interval", "2", NULL), "between");
	expect_usage_error(parse(&o, "-w", "cpu", "--timer-slack", "0", NULL), "out of range");
	expect_usage_error(parse(&o, "-w", "cpu", "--cpus", "4096", NULL), "not");
	expect_usage_error(parse(&o, "-w", "cpu", "--cpus", "0-", NULL), "not a CPU list");
}

/* --help is generated from the option table: every option (long and short name, and the
 * command after --) is in it, and every workload and backend from their own tables. */
static void test_help_lists_every_option(void **state)
{
	(void)state;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	cbt_cli_help(f);
	fclose(f);
	assert_true(cbt_nopts >= 30);
	for (unsigned i = 0; i < cbt_nopts; i++) {
		char want[80];
		const char *arg = cbt_opts[i].arg;
		snprintf(want, sizeof(want), "%s%s%s", cbt_opts[i].name,
			 arg && arg[0] != '[' ? " " : "", arg ? arg : "");
		if (!strstr(text, want))
			fail_msg("--help lacks '%s'", want);
		if (cbt_opts[i].alias && !strstr(text, cbt_opts[i].alias))
			fail_msg("--help lacks '%s'", cbt_opts[i].alias);
	}
	static const char *const must[] = {"--runtime", "--python", "-- CMD", "--run-as-root"};
	for (size_t i = 0; i < sizeof(must) / sizeof(must[0]); i++)
		assert_non_null(strstr(text, must[i]));
	for (unsigned i = 0; i < cbt_nworkloads; i++)
		assert_non_null(strstr(text, cbt_workloads[i].name));
	for (unsigned i = 0; i < cbt_nbackends; i++)
		assert_non_null(strstr(text, cbt_backends[i]->info.name));
	free(text);
}

static void test_edit_distance(void **state)
{
	(void)state;
	assert_int_equal(cbt_edit_distance("kitten", "sitting"), 3);
	assert_int_equal(cbt_edit_distance("", "abc"), 3);
	assert_int_equal(cbt_edit_distance("same", "same"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults_are_the_seeds),
	    cmocka_unit_test(test_accepted_forms),
	    cmocka_unit_test(test_unknown_names_suggest),
	    cmocka_unit_test(test_bad_numbers),
	    cmocka_unit_test(test_missing_values_and_conflicts),
	    cmocka_unit_test(test_edit_distance),
	    cmocka_unit_test(test_help_lists_every_option),
	};
	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
