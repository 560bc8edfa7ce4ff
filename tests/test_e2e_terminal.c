/* test_e2e_terminal.c - an interactive command under a terminal (a pty): in the foreground it
 * gets the terminal and reads what is typed; in the background its read stops it (SIGTTIN) and
 * the tool says so and ends the run instead of waiting forever. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <cmocka.h>

#include "e2e.h"

/* Reads from the pty master until `want` shows up or the child exits (at most `secs`). */
static int read_until(int master, const char *want, char *buf, size_t len, int secs)
{
	size_t n = 0;
	time_t end = time(NULL) + secs;
	buf[0] = '\0';
	while (time(NULL) < end && n + 1 < len) {
		struct pollfd p = {master, POLLIN, 0};
		if (poll(&p, 1, 200) <= 0)
			continue;
		ssize_t r = read(master, buf + n, len - 1 - n);
		if (r <= 0)
			break; /* EIO: the slave side is closed */
		n += (size_t)r;
		buf[n] = '\0';
		if (want && strstr(buf, want))
			return 1;
	}
	return want ? strstr(buf, want) != NULL : 0;
}

static int wait_exit(pid_t pid, int secs)
{
	int st;
	for (int i = 0; i < secs * 20; i++) {
		pid_t w = waitpid(pid, &st, WNOHANG);
		if (w == pid)
			return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		struct timespec ts = {0, 50000000};
		nanosleep(&ts, NULL);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	return -1;
}

static void test_foreground_command_reads_the_terminal(void **state)
{
	(void)state;
	int master;
	pid_t pid = forkpty(&master, NULL, NULL, NULL);
	assert_true(pid >= 0);
	if (pid == 0) {
		execl(e2e_bin(), e2e_bin(), "-q", "--no-trace", "--", "sh", "-c",
		      "echo ready; read x; echo got:$x", (char *)NULL);
		_exit(127);
	}
	char buf[8192];
	assert_true(read_until(master, "ready", buf, sizeof(buf), 20));
	assert_true(write(master, "hello\n", 6) == 6);
	int got = read_until(master, "got:hello", buf, sizeof(buf), 20);
	int rc = wait_exit(pid, 20);
	close(master);
	print_message("foreground: read %s, exit %d\n", got ? "the typed line" : "NOTHING", rc);
	assert_true(got);
	assert_int_equal(rc, 0);
}

static void test_background_command_is_reported(void **state)
{
	(void)state;
	int master;
	pid_t pid = forkpty(&master, NULL, NULL, NULL);
	assert_true(pid >= 0);
	if (pid == 0) {
		/* the tool in a group of its own that is not the terminal's foreground one */
		setpgid(0, 0);
		pid_t c = fork();
		if (c == 0) {
			setpgid(0, 0);
			execl(e2e_bin(), e2e_bin(), "-q", "--no-trace", "--", "sh", "-c",
			      "read x; echo got:$x", (char *)NULL);
			_exit(127);
		}
		int st;
		waitpid(c, &st, 0);
		_exit(WIFEXITED(st) ? WEXITSTATUS(st) : 100);
	}
	char buf[8192];
	int said = read_until(master, "SIGTTIN", buf, sizeof(buf), 30);
	int rc = wait_exit(pid, 30);
	close(master);
	print_message("background: %s; exit %d\n", said ? "the stop was reported" : "NOT reported",
		      rc);
	assert_true(said);
	assert_true(rc != 0 && rc != -1); /* ended, not hung */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_foreground_command_reads_the_terminal),
	    cmocka_unit_test(test_background_command_is_reported),
	};
	return cmocka_run_group_tests_name("e2e-terminal", tests, e2e_setup, e2e_teardown);
}
