/* test_e2e_dlopen.c - the interpreter is found by what the run's tasks map, not only by what they
 * exec: a program that does not link libpython (tests/data/embed_dlopen.c) dlopen()s pyenv's
 * 3.11 libpython after it started and runs 4 threads doing time.sleep(0) in it. The tool must
 * show the interpreter-lock view for it, cross-checked with the kernel's view of the same run:
 * each time.sleep(0) is one clock_nanosleep system call and one retake of the lock, so the lock
 * was taken at least as often as the threads slept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "e2e.h"

static const char libpython[] = "/root/.pyenv/versions/3.11.7/lib/libpython3.11.so.1.0";

static void test_dlopened_libpython_is_probed(void **state)
{
	(void)state;
	char prog[512], json[512], cmd[2048];
	if (access(libpython, R_OK) != 0) {
		print_message("  %s not installed: skipped\n", libpython);
		skip();
	}
	e2e_path(prog, sizeof(prog), "embed_dlopen");
	snprintf(cmd, sizeof(cmd), "cc -O2 -o '%s' tests/data/embed_dlopen.c -ldl", prog);
	assert_int_equal(system(cmd), 0);
	/* the program itself names no libpython: only the dlopen can reveal it */
	snprintf(cmd, sizeof(cmd), "readelf -d '%s' | grep -q libpython", prog);
	assert_int_not_equal(system(cmd), 0);

	snprintf(cmd, sizeof(cmd), "--syscalls -q -r 1 --json %s -- %s %s 4 300",
		 e2e_path(json, sizeof(json), "dl.json"), prog, libpython);
	assert_int_equal(e2e_run(cmd), 0);
	/* the header names the libpython the program loaded */
	snprintf(cmd, sizeof(cmd), "d['host']['interpreter_lock'].startswith('take_gil in %s')",
		 libpython);
	assert_true(e2e_json("dl.json", cmd) == 1);
	double acq = e2e_json("dl.json", "R[0]['totals']['interpreter_lock']['acquisitions']");
	double sleeps =
	    e2e_json("dl.json", "R[0]['totals']['syscalls_by_name']['clock_nanosleep']['count']");
	double threads = e2e_json("dl.json", "R[0]['totals']['interpreter_lock']['threads']");
	print_message("  dlopen()ed libpython: %.0f acquisitions by %.0f threads, %.0f "
		      "clock_nanosleep calls\n",
		      acq, threads, sleeps);
	assert_true(sleeps >= 4 * 300);
	assert_true(acq >= sleeps);
	/* the 4 workers and the main thread took the lock */
	assert_true(threads == 5);
}

int main(void)
{
	if (geteuid() != 0) {
		fprintf(stderr, "test_e2e_dlopen: needs root (BPF)\n");
		return 77;
	}
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dlopened_libpython_is_probed),
	};
	return cmocka_run_group_tests_name("e2e-dlopen", tests, e2e_setup, e2e_teardown);
}
