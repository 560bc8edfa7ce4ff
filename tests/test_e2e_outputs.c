/* test_e2e_outputs.c - what the tool leaves behind and how it ends: --json appears complete or
 * not at all, an unwritable output fails before anything runs, a full stdout is an error, -- CMD
 * runs once and returns the command's status, --repeat N is N runs, Ctrl-C re-raises SIGINT. */
#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>

#include <cmocka.h>

#include "e2e.h"

static void write_text(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(s, f);
	fclose(f);
}

/* Files of the test dir whose name starts with prefix. */
static int count_files(const char *prefix)
{
	DIR *d = opendir(e2e_dir);
	struct dirent *e;
	int n = 0;
	while (d && (e = readdir(d)) != NULL)
		n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
	if (d)
		closedir(d);
	return n;
}

static int lines_of(const char *name)
{
	const char *s = e2e_read(name);
	int n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* --json FILE: an existing file survives a usage error found late, a SIGKILL mid-run and an
 * interrupt; a complete run replaces it (keeping its permissions); no temporary is left. */
static void test_json_is_atomic(void **state)
{
	(void)state;
	char json[512], args[1024];
	e2e_path(json, sizeof(json), "keep.json");
	write_text(json, "previous\n");
	chmod(json, 0640);
	snprintf(args, sizeof(args),
		 "-q --no-trace -w fixed-sleep --sleep 0.01 -n 2 -r 1 --runtime python --python "
		 "/nonexistent/python --json %s",
		 json);
	assert_int_equal(e2e_run(args), 2);
	assert_string_equal(e2e_read("keep.json"), "previous\n");

	/* SIGKILL while the runs go on */
	char cmd[1024];
	snprintf(cmd, sizeof(cmd),
		 "%s -q --no-trace -w fixed-sleep --sleep 5 -n 2 -r 1 --json %s >/dev/null 2>&1 & "
		 "sleep 1; kill -KILL $!; wait $!",
		 e2e_bin(), json);
	assert_int_not_equal(system(cmd), 0);
	assert_string_equal(e2e_read("keep.json"), "previous\n");
	/* Ctrl-C: the session reports what it has, but an existing file is not replaced */
	snprintf(
	    cmd, sizeof(cmd),
	    "%s -q --no-trace -w fixed-sleep --sleep 5 -n 2 -r 1 --json %s >/dev/null 2>%s/int.txt "
	    "& sleep 1; kill -INT $!; wait $!",
	    e2e_bin(), json, e2e_dir);
	assert_int_not_equal(system(cmd), 0);
	assert_string_equal(e2e_read("keep.json"), "previous\n");
	assert_non_null(strstr(e2e_read("int.txt"), "not replaced"));
	/* ... while a file that did not exist gets what was measured, marked interrupted */
	char fresh[512];
	snprintf(cmd, sizeof(cmd),
		 "%s -q --no-trace -w fixed-sleep --sleep 5 -n 2 -r 1 --json %s >/dev/null 2>&1 & "
		 "sleep 1; kill -INT $!; wait $!",
		 e2e_bin(), e2e_path(fresh, sizeof(fresh), "fresh.json"));
	assert_int_not_equal(system(cmd), 0);
	assert_true(e2e_json("fresh.json", "d['interrupted']") == 1);

	snprintf(args, sizeof(args),
		 "-q --no-trace -w fixed-sleep --sleep 0.01 -n 2 -r 1 --json %s", json);
	assert_int_equal(e2e_run(args), 0);
	assert_true(e2e_json("keep.json", "len(R) > 0") == 1);
	struct stat st;
	assert_int_equal(stat(json, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	assert_int_equal(count_files(".keep.json"), 0); /* no temporary left */
}

/* An output that cannot be written fails with exit 2 before anything runs. */
static void test_unwritable_output_fails_first(void **state)
{
	(void)state;
	char marker[512], args[1024], dir[512];
	e2e_path(marker, sizeof(marker), "ran");
	e2e_path(dir, sizeof(dir), "");
	const char *bad[] = {"/nonexistent/dir/x.json", dir, "/proc/version"};
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(args, sizeof(args), "-q --no-trace --json %s -- touch %s", bad[i], marker);
		assert_int_equal(e2e_run(args), 2);
		assert_non_null(strstr(e2e_read("err.txt"), "--json"));
		assert_int_not_equal(access(marker, F_OK), 0);
	}
}

/* > /dev/full: the report cannot be written; say so and fail. */
static void test_full_stdout_fails(void **state)
{
	(void)state;
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "%s -q --no-trace -- true >/dev/full 2>%s/full.txt", e2e_bin(),
		 e2e_dir);
	int st = system(cmd);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 1);
	assert_non_null(strstr(e2e_read("full.txt"), "standard output"));
	snprintf(cmd, sizeof(cmd), "%s -q --no-trace --json - -- true >/dev/full 2>%s/full.txt",
		 e2e_bin(), e2e_dir);
	st = system(cmd);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 1);
	assert_non_null(strstr(e2e_read("full.txt"), "standard output"));
}

/* -- CMD runs once; --repeat N runs N times even when runs fail (reported, not retried); the
 * tool's exit status is the command's, 128 + n when a signal n killed it. */
static void test_runs_and_exit_status(void **state)
{
	(void)state;
	char args[1024], count[512];
	e2e_path(count, sizeof(count), "count.txt");
	snprintf(args, sizeof(args), "-q --no-trace -- sh -c 'echo x >> %s'", count);
	assert_int_equal(e2e_run(args), 0);
	assert_int_equal(lines_of("count.txt"), 1);
	unlink(count);
	snprintf(args, sizeof(args), "-q --no-trace -r 1 -- sh -c 'echo x >> %s; exit 3'", count);
	assert_int_equal(e2e_run(args), 3);
	assert_int_equal(lines_of("count.txt"), 1);
	unlink(count);
	snprintf(args, sizeof(args), "-q --no-trace -r 4 -- sh -c 'echo x >> %s; exit 5'", count);
	assert_int_equal(e2e_run(args), 5);
	assert_int_equal(lines_of("count.txt"), 4);
	assert_non_null(strstr(e2e_read("out.txt"), "4 run(s) failed"));
	assert_int_equal(e2e_run("-q --no-trace -- sh -c 'kill -TERM $$'"), 128 + SIGTERM);
	assert_int_equal(e2e_run("-q --no-trace -- /nonexistent/program"), 127);
	/* a native workload: --repeat 2 is two measured runs */
	char json[512];
	snprintf(args, sizeof(args),
		 "-q --no-trace -w fixed-sleep --sleep 0.01 -n 2 -b serial -r 2 --json %s",
		 e2e_path(json, sizeof(json), "r2.json"));
	assert_int_equal(e2e_run(args), 0);
	assert_true(e2e_json("r2.json", "len(R[0]['wall_seconds']['runs'])") == 2);
}

/* Ctrl-C: the tool cleans up, then dies of SIGINT itself (a calling shell loop stops). */
static void test_sigint_is_reraised(void **state)
{
	(void)state;
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		signal(SIGINT, SIG_DFL);
		execl(e2e_bin(), e2e_bin(), "-q", "--no-trace", "--", "sleep", "30", (char *)NULL);
		_exit(127);
	}
	struct timespec s = {1, 0};
	nanosleep(&s, NULL);
	kill(pid, SIGINT);
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGINT);
}

/* Options that would do nothing are refused (exit 2, naming the conflict), before any run. */
static void test_useless_options_refused(void **state)
{
	(void)state;
	static const struct {
		const char *args, *says;
	} cases[] = {
	    {"--tasks 5 -- true", "--tasks"},
	    {"-n 5 -- true", "--tasks"},
	    {"--sleep 1 -- true", "--sleep"},
	    {"--workers 2 -- true", "--workers"},
	    {"--dump-schedstat /tmp/x -- true", "--dump-schedstat"},
	    {"--per-task --no-trace -- true", "--per-task"},
	    {"--syscalls --no-trace -- true", "--syscalls"},
	    {"--trace --no-trace -- true", "--trace and --no-trace"},
	    {"--trace --no-trace -w fixed-sleep", "--trace and --no-trace"},
	    {"-w fixed-sleep --runtime python --dump-schedstat /tmp/x", "--dump-schedstat"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char args[512];
		snprintf(args, sizeof(args), "-q %s", cases[i].args);
		assert_int_equal(e2e_run(args), 2);
		assert_non_null(strstr(e2e_read("err.txt"), cases[i].says));
	}
}

/* --dump-schedstat to a path that cannot be written: exit 2 before the first run. */
static void test_unwritable_schedstat_dump(void **state)
{
	(void)state;
	char args[1024], json[512];
	snprintf(args, sizeof(args),
		 "-q --no-trace -w fixed-sleep --sleep 0.01 -n 2 -b serial -r 1 --json %s "
		 "--dump-schedstat /nonexistent/dir/stat",
		 e2e_path(json, sizeof(json), "never.json"));
	assert_int_equal(e2e_run(args), 2);
	assert_non_null(strstr(e2e_read("err.txt"), "--dump-schedstat"));
	assert_int_not_equal(access(json, F_OK), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_json_is_atomic),
	    cmocka_unit_test(test_unwritable_output_fails_first),
	    cmocka_unit_test(test_full_stdout_fails),
	    cmocka_unit_test(test_runs_and_exit_status),
	    cmocka_unit_test(test_sigint_is_reraised),
	    cmocka_unit_test(test_useless_options_refused),
	    cmocka_unit_test(test_unwritable_schedstat_dump),
	};
	return cmocka_run_group_tests_name("e2e-outputs", tests, e2e_setup, e2e_teardown);
}
