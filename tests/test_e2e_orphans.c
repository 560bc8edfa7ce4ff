/* test_e2e_orphans.c - SIGKILL of the tool at any moment: within 3 s no process of the run is
 * left and none of the BPF programs, links and maps the tool held still exists; as root and
 * after the drop to the sudo user, for native processes, a process pool, CPython and a command
 * whose shell forked. (Root: the tracer must be loaded for its objects to be checked.) */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <bpf/bpf.h>
#include <cmocka.h>

#include "e2e.h"

#define MAXP 512

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_s(double s)
{
	struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
	nanosleep(&ts, NULL);
}

/* State letter of a process ('?' when it no longer exists) and its parent. */
static char proc_state(pid_t pid, pid_t *ppid)
{
	char path[64], buf[512];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return '?';
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *rp = strrchr(buf, ')'), st = '?';
	int pp = 0;
	if (!rp || sscanf(rp + 2, "%c %d", &st, &pp) != 2)
		return '?';
	if (ppid)
		*ppid = pp;
	return st;
}

/* Every live descendant of root (by parent links in /proc). */
static int descendants(pid_t root, pid_t *out, int max)
{
	static pid_t pids[32768], ppids[32768];
	int n = 0, k = 0;
	DIR *d = opendir("/proc");
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL && n < 32768) {
		pid_t pid = atoi(e->d_name), pp;
		if (pid > 0 && proc_state(pid, &pp) != '?')
			pids[n] = pid, ppids[n++] = pp;
	}
	if (d)
		closedir(d);
	out[k++] = root;
	for (int i = 0; i < k; i++) /* breadth first over the list as it grows */
		for (int j = 0; j < n && k < max; j++)
			if (ppids[j] == out[i])
				out[k++] = pids[j];
	for (int i = 1; i < k; i++)
		out[i - 1] = out[i];
	return k - 1;
}

struct bpf_ids {
	unsigned prog[64], link[64], map[64];
	int np, nl, nm;
};

/* The BPF objects a process holds, from its fdinfo. */
static void held_bpf(pid_t pid, struct bpf_ids *ids)
{
	char dir[64], path[600], line[256];
	memset(ids, 0, sizeof(*ids));
	snprintf(dir, sizeof(dir), "/proc/%d/fdinfo", (int)pid);
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		FILE *f = e->d_name[0] != '.' ? fopen(path, "r") : NULL;
		unsigned id;
		while (f && fgets(line, sizeof(line), f)) {
			if (sscanf(line, "prog_id: %u", &id) == 1 && ids->np < 64)
				ids->prog[ids->np++] = id;
			else if (sscanf(line, "link_id: %u", &id) == 1 && ids->nl < 64)
				ids->link[ids->nl++] = id;
			else if (sscanf(line, "map_id: %u", &id) == 1 && ids->nm < 64)
				ids->map[ids->nm++] = id;
		}
		if (f)
			fclose(f);
	}
	if (d)
		closedir(d);
}

/* How many of the objects still exist. */
static int bpf_alive(const struct bpf_ids *ids)
{
	int alive = 0, fd;
	for (int i = 0; i < ids->np; i++)
		if ((fd = bpf_prog_get_fd_by_id(ids->prog[i])) >= 0)
			alive++, close(fd);
	for (int i = 0; i < ids->nl; i++)
		if ((fd = bpf_link_get_fd_by_id(ids->link[i])) >= 0)
			alive++, close(fd);
	for (int i = 0; i < ids->nm; i++)
		if ((fd = bpf_map_get_fd_by_id(ids->map[i])) >= 0)
			alive++, close(fd);
	return alive;
}

static pid_t spawn(const char *const *args, int sudo)
{
	char out[512], err[512];
	e2e_path(out, sizeof(out), "orphan-out.txt");
	e2e_path(err, sizeof(err), "orphan-err.txt");
	pid_t pid = fork();
	if (pid == 0) {
		const char *argv[64];
		int n = 0;
		argv[n++] = e2e_bin();
		while (*args && n < 63)
			argv[n++] = *args++;
		argv[n] = NULL;
		if (sudo) {
			setenv("SUDO_UID", "65534", 1);
			setenv("SUDO_GID", "65534", 1);
		}
		int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int in = open("/dev/null", O_RDONLY);
		dup2(in, 0);
		dup2(o, 1);
		dup2(e, 2);
		execv(argv[0], (char **)argv);
		_exit(127);
	}
	return pid;
}

/* Starts the tool, waits until `want` descendants run (or `delay` seconds when want is 0),
 * SIGKILLs it and checks that everything of the run goes within 3 s. */
static void kill_and_check(const char *what, const char *const *args, int sudo, int want,
			   double delay)
{
	static pid_t run[MAXP];
	struct bpf_ids ids;
	pid_t tool = spawn(args, sudo);
	int n = 0;
	assert_true(tool > 0);
	double t0 = now_s();
	if (want) {
		/* the run is up: its tasks exist and the tracer is attached */
		while (now_s() - t0 < 60) {
			n = descendants(tool, run, MAXP);
			held_bpf(tool, &ids);
			if (n >= want && ids.nl > 0)
				break;
			sleep_s(0.05);
		}
		sleep_s(0.2);
	} else {
		sleep_s(delay);
	}
	n = descendants(tool, run, MAXP);
	held_bpf(tool, &ids);
	int nbpf = ids.np + ids.nl + ids.nm;
	assert_int_equal(kill(tool, SIGKILL), 0);
	int st;
	waitpid(tool, &st, 0);
	double k = now_s(), gone_s = -1;
	int left = n, bpf_left = nbpf;
	while (now_s() - k < 3.0) {
		left = 0;
		for (int i = 0; i < n; i++) {
			char s = proc_state(run[i], NULL);
			left += s != '?' && s != 'Z';
		}
		bpf_left = bpf_alive(&ids);
		if (!left && !bpf_left) {
			gone_s = now_s() - k;
			break;
		}
		sleep_s(0.02);
	}
	print_message("%-34s %s: %3d processes, %2d BPF objects; after SIGKILL: all gone in "
		      "%.2f s (left: %d processes, %d BPF objects)\n",
		      what, sudo ? "SUDO_UID=65534" : "root          ", n, nbpf, gone_s, left,
		      bpf_left);
	if (want) {
		assert_true(n >= want);
		assert_true(nbpf > 0);
	}
	assert_int_equal(left, 0);
	assert_int_equal(bpf_left, 0);
	/* ... and the run cgroup of the tool is gone too */
	char cg[128];
	snprintf(cg, sizeof(cg), "/sys/fs/cgroup/unified/concbench-trace-%d", (int)tool);
	for (double w = now_s(); access(cg, F_OK) == 0 && now_s() - w < 1.0;)
		sleep_s(0.02);
	assert_int_not_equal(access(cg, F_OK), 0);
}

#define COMMON "-q", "--trace", "-r", "1", "-w", "fixed-sleep", "--sleep", "30"

static void test_native_processes(void **state)
{
	(void)state;
	const char *const a[] = {COMMON, "-b", "processes", "-n", "50", NULL};
	for (int sudo = 0; sudo < 2; sudo++)
		kill_and_check("processes, 50 tasks", a, sudo, 51, 0);
}

static void test_process_pool(void **state)
{
	(void)state;
	const char *const a[] = {COMMON, "-b", "process-pool", "-n", "20", "--workers", "2", NULL};
	for (int sudo = 0; sudo < 2; sudo++)
		kill_and_check("process-pool, 2 workers", a, sudo, 3, 0);
}

static void test_python_runtime(void **state)
{
	(void)state;
	/* the sudo user cannot read root's pyenv: Debian's interpreter after the drop */
	const char *const a[] = {COMMON, "--runtime", "python",	   "-b", "process-pool",
				 "-n",	 "20",	      "--workers", "2",	 NULL};
	const char *const b[] = {COMMON, "--runtime", "python", "--python", "/usr/bin/python3.11",
				 "-b",	 "processes", "-n",	"20",	    NULL};
	kill_and_check("python process-pool, 2 workers", a, 0, 3, 0);
	kill_and_check("python processes, 20 tasks", b, 1, 21, 0);
}

static void test_command_shell(void **state)
{
	(void)state;
	const char *const a[] = {"-q", "--trace", "--", "sh", "-c", "sleep 30; true", NULL};
	const char *const b[] = {"-q", "--trace", "--", "sh", "-c", "setsid sleep 30; true", NULL};
	for (int sudo = 0; sudo < 2; sudo++) {
		kill_and_check("-- sh -c 'sleep 30'", a, sudo, 2, 0);
		kill_and_check("-- sh -c 'setsid sleep 30'", b, sudo, 2, 0);
	}
}

/* Any moment: while the tracer loads, while tasks are forked, between runs. */
static void test_any_moment(void **state)
{
	(void)state;
	const char *const a[] = {"-q",		"--trace", "-r",  "3",	"-w",
				 "fixed-sleep", "--sleep", "0.2", "-b", "processes,process-pool",
				 "-n",		"30",	   NULL};
	static const double at[] = {0.01, 0.1, 0.3, 0.6, 1.0, 1.5};
	for (unsigned i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		char what[64];
		snprintf(what, sizeof(what), "killed at %.2f s", at[i]);
		kill_and_check(what, a, (int)(i & 1), 0, at[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_native_processes), cmocka_unit_test(test_process_pool),
	    cmocka_unit_test(test_python_runtime),   cmocka_unit_test(test_command_shell),
	    cmocka_unit_test(test_any_moment),
	};
	return cmocka_run_group_tests_name("e2e-orphans", tests, e2e_setup, e2e_teardown);
}
