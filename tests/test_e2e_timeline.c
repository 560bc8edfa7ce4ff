/* test_e2e_timeline.c - --export timeline=FILE against the real binary: the trace-event JSON is
 * well formed, a thread's slices never overlap, a task's slices add up to its on-CPU + runnable
 * + off-CPU time of the counting path (2 %), every flow has both ends, the event limit is kept
 * and its drops counted, and the timeline's BPF programs are loaded only when one is asked for.
 * The checks are in tests/data/check_timeline.py. Needs root (tracing). */
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

static int check(const char *tl, const char *res, int min_flows, int min_lock)
{
	char cmd[2048], a[512], b[512];
	snprintf(cmd, sizeof(cmd), "'%s' tests/data/check_timeline.py '%s' '%s' %d %d",
		 e2e_python(), e2e_path(a, sizeof(a), tl), e2e_path(b, sizeof(b), res), min_flows,
		 min_lock);
	int st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}

/* A Python expression over d = the timeline document `file` of the test dir, as a number. */
static double tl_json(const char *file, const char *expr)
{
	char cmd[2048], path[512], out[64] = "";
	snprintf(cmd, sizeof(cmd),
		 "'%s' -c 'import json, sys; d = json.load(open(sys.argv[1])); "
		 "print(float(%s))' '%s'",
		 e2e_python(), expr, e2e_path(path, sizeof(path), file));
	FILE *p = popen(cmd, "r");
	if (!p)
		return NAN;
	if (!fgets(out, sizeof(out), p))
		out[0] = '\0';
	return pclose(p) == 0 && out[0] ? strtod(out, NULL) : NAN;
}

/* Threads (sleeps woken by timers), gil-threads (lock hand-offs) and process-pool (results
 * through pipes wake the leader: flows between tasks). */
static void test_native_timeline(void **state)
{
	(void)state;
	char args[2048], tl[512], js[512];
	if (need_root())
		fail();
	snprintf(args, sizeof(args),
		 "--trace -q -r 1 -w yield-loop -b threads,gil-threads,process-pool -n 8 "
		 "--iterations 300 "
		 "--export timeline=%s --json %s",
		 e2e_path(tl, sizeof(tl), "tl.json"), e2e_path(js, sizeof(js), "r.json"));
	assert_int_equal(e2e_run(args), 0);
	assert_int_equal(check("tl.json", "r.json", 5, 0), 0);
	assert_true(tl_json("tl.json", "d[\"otherData\"][\"dropped_ringbuf\"]") == 0);
	assert_true(tl_json("tl.json", "d[\"otherData\"][\"dropped_limit\"]") == 0);
}

/* CPython threads: a thread blocked inside an interpreter-lock acquisition is drawn as
 * "Interpreter lock" (the lock probe's map, shared with the timeline). */
static void test_python_lock_slices(void **state)
{
	(void)state;
	char args[2048], tl[512], js[512];
	if (need_root())
		fail();
	snprintf(args, sizeof(args),
		 "--trace -q -r 1 --runtime python -w yield-loop -b threads -n 6 --iterations 200 "
		 "--export timeline=%s --json %s",
		 e2e_path(tl, sizeof(tl), "py.json"), e2e_path(js, sizeof(js), "pyr.json"));
	assert_int_equal(e2e_run(args), 0);
	assert_int_equal(check("py.json", "pyr.json", 1, 1), 0);
}

/* --timeline-limit N: at most N events kept over the invocation, the rest counted. */
static void test_limit(void **state)
{
	(void)state;
	char args[2048], tl[512], js[512];
	if (need_root())
		fail();
	snprintf(args, sizeof(args),
		 "--trace -q -r 2 -w yield-loop -b threads -n 4 --iterations 200 "
		 "--timeline-limit 500 --export timeline=%s --json %s",
		 e2e_path(tl, sizeof(tl), "lim.json"), e2e_path(js, sizeof(js), "limr.json"));
	assert_int_equal(e2e_run(args), 0);
	double kept = tl_json("lim.json", "d[\"otherData\"][\"events\"]");
	double dropped = tl_json("lim.json", "d[\"otherData\"][\"dropped_limit\"]");
	print_message("limit 500: %.0f kept, %.0f dropped\n", kept, dropped);
	assert_true(kept <= 500 && kept > 0);
	assert_true(dropped > 0);
	/* the report says so too: the JSON's tracing.timeline, a warning in the text */
	assert_true(tl_json("limr.json", "d[\"results\"][0][\"tracing\"][\"timeline\"][\"dropped_"
					 "limit\"]") == dropped);
	assert_non_null(strstr(e2e_read("out.txt"), "the timeline dropped"));
	/* the second run had no budget left: it says so in its track's name */
	assert_true(tl_json("lim.json", "not d[\"otherData\"][\"runs\"][-1][\"complete\"]") == 1);
	assert_true(tl_json("lim.json",
			    "any(\"dropped\" in e[\"args\"].get(\"name\", \"\") for e in "
			    "d[\"traceEvents\"] if e[\"ph\"] == \"M\")") == 1);
}

/* The timeline's programs are loaded only when a timeline is asked for: the run's command lists
 * the BPF programs the tool (its parent) holds open. */
static void test_loaded_only_when_asked(void **state)
{
	(void)state;
	char args[2048], script[512], tl[512];
	if (need_root())
		fail();
	FILE *f = fopen(e2e_path(script, sizeof(script), "own.sh"), "w");
	assert_non_null(f);
	fputs("for f in /proc/$PPID/fdinfo/*; do sed -n 's/^prog_id:[[:space:]]*//p' \"$f\"; done |"
	      " sort -u | while read id; do bpftool prog show id \"$id\"; done |"
	      " grep -o 'name [a-z_]*' > \"$1\"\n",
	      f);
	fclose(f);
	snprintf(args, sizeof(args), "--trace -q -r 1 -- sh %s %s/without.txt", script, e2e_dir);
	assert_int_equal(e2e_run(args), 0);
	snprintf(args, sizeof(args), "--trace -q -r 1 --export timeline=%s -- sh %s %s/with.txt",
		 e2e_path(tl, sizeof(tl), "cmd.json"), script, e2e_dir);
	assert_int_equal(e2e_run(args), 0);
	assert_non_null(strstr(e2e_read("without.txt"), "name cbt_switch"));
	assert_null(strstr(e2e_read("without.txt"), "cbt_tl_"));
	assert_non_null(strstr(e2e_read("with.txt"), "name cbt_tl_switch"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_native_timeline, e2e_setup, e2e_teardown),
	    cmocka_unit_test_setup_teardown(test_python_lock_slices, e2e_setup, e2e_teardown),
	    cmocka_unit_test_setup_teardown(test_limit, e2e_setup, e2e_teardown),
	    cmocka_unit_test_setup_teardown(test_loaded_only_when_asked, e2e_setup, e2e_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
