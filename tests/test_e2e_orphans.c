/* test_e2e_orphans.c - SIGKILL of the tool at any moment: within 3 s no process of the run is
 * left and none of the BPF programs, links and maps the tool held still exists; as root and
 * after the drop to the sudo user, for native processes, a process pool, CPython and a command
 * whose shell forked; killed after a delay, and stopped under ptrace at the exact moments around
 * the making of the run cgroup (no run cgroup may be left either). (Root: the tracer must be
 * loaded for its objects to be checked.) */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <time.h>

#include <cmocka.h>

#include "e2e.h"
#include "e2e_procs.h"

/* traced: the tool stops at exec under ptrace (PTRACE_TRACEME), for kill_at_syscall. */
static pid_t spawn(const char *const *args, int sudo, int traced)
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
		if (traced)
			ptrace(PTRACE_TRACEME, 0, NULL, NULL);
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
	pid_t tool = spawn(args, sudo, 0);
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
	assert_true(cgroup_gone(tool, 1.0));
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

/* A string of a stopped tracee (truncated at len - 1 bytes; "" when unreadable). */
static void tracee_string(pid_t pid, uint64_t addr, char *out, size_t len)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/mem", (int)pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t n = 0;
	while (fd >= 0 && n < len - 1) { /* page by page: the next page may not be mapped */
		size_t chunk = 4096 - ((addr + n) & 4095);
		ssize_t r = pread(fd, out + n, chunk < len - 1 - n ? chunk : len - 1 - n,
				  (off_t)(addr + n));
		if (r <= 0)
			break;
		n += (size_t)r;
		if (memchr(out, '\0', n))
			break;
	}
	if (fd >= 0)
		close(fd);
	out[n] = '\0';
}

/* The moments kill_at_syscall stops the tool at. */
enum moment {
	AFTER_MKDIR, /* the run cgroup was just made (mkdir returned 0) */
	AFTER_FORK,  /* ... and then the run leader was just forked (before it entered it) */
};

/* Runs the tool under ptrace and SIGKILLs it at the exit of a given system call: the moments a
 * timer cannot hit reliably. Then everything it forked and its run cgroup must be gone within
 * 3 s. The cgroup of a tool killed right after its mkdir is what was once left behind (the
 * guardian that removes it was forked after the mkdir). */
static void kill_at_syscall(const char *what, const char *const *args, int sudo, enum moment at)
{
	static pid_t run[MAXP];
	char cg[1200];
	pid_t tool = spawn(args, sudo, 1);
	int st, sig = 0, made = 0, caught = 0, n = 0;
	uint64_t nr = 0;
	assert_true(tool > 0);
	assert_int_equal(waitpid(tool, &st, 0), tool); /* the stop at exec */
	assert_true(WIFSTOPPED(st));
	assert_int_equal(ptrace(PTRACE_SETOPTIONS, tool, NULL,
				(void *)(long)(PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL)),
			 0);
	run_cgroup(tool, cg, sizeof(cg));
	while (ptrace(PTRACE_SYSCALL, tool, NULL, (void *)(long)sig) == 0 &&
	       waitpid(tool, &st, 0) == tool && WIFSTOPPED(st)) {
		struct __ptrace_syscall_info si;
		sig = WSTOPSIG(st) == (SIGTRAP | 0x80) ? 0 : WSTOPSIG(st); /* pass signals on */
		if (sig || ptrace(PTRACE_GET_SYSCALL_INFO, tool, (void *)sizeof(si), &si) <= 0)
			continue;
		if (si.op == PTRACE_SYSCALL_INFO_ENTRY) {
			nr = si.entry.nr;
			if (!made && cg[0] && (nr == SYS_mkdir || nr == SYS_mkdirat)) {
				char path[1200];
				tracee_string(tool, si.entry.args[nr == SYS_mkdir ? 0 : 1], path,
					      sizeof(path));
				made = strcmp(path, cg) == 0 ? -1 : 0; /* -1: until it returns */
			}
			continue;
		}
		if (si.op != PTRACE_SYSCALL_INFO_EXIT)
			continue;
		if (made < 0) {
			made = si.exit.rval == 0;
			if (made && at == AFTER_MKDIR) {
				caught = 1;
				break;
			}
		} else if (made && at == AFTER_FORK && si.exit.rval > 0 &&
			   (nr == SYS_clone || nr == SYS_clone3 || nr == SYS_fork ||
			    nr == SYS_vfork)) {
			caught = 1;
			break;
		}
	}
	n = descendants(tool, run, MAXP); /* the guardian; after the fork, the leader too */
	kill(tool, SIGKILL);
	waitpid(tool, &st, 0);
	double k = now_s(), gone_s = -1;
	int left = n, cg_gone = 0;
	while (now_s() - k < 3.0) {
		left = 0;
		for (int i = 0; i < n; i++) {
			char s = proc_state(run[i], NULL);
			left += s != '?' && s != 'Z';
		}
		cg_gone = cgroup_gone(tool, 0);
		if (!left && cg_gone) {
			gone_s = now_s() - k;
			break;
		}
		sleep_s(0.02);
	}
	print_message("%-34s %s: killed %s, %d processes; all gone in %.2f s (left: %d "
		      "processes, run cgroup %s)\n",
		      what, sudo ? "SUDO_UID=65534" : "root          ",
		      caught ? "there" : "NOT there (ran to the end)", n, gone_s, left,
		      cg_gone ? "gone" : "LEFT");
	/* as root the tool always makes its run cgroup in a writable cgroup v2 */
	char own[1024];
	if (geteuid() == 0 && own_cgroup(own, sizeof(own)) == 0 && access(own, W_OK) == 0)
		assert_true(caught);
	assert_int_equal(left, 0);
	assert_true(cg_gone);
}

/* The moments around the run cgroup's creation, as root and after the drop. */
static void test_cgroup_moments(void **state)
{
	(void)state;
	const char *const a[] = {"-q",	"-r", "1",	   "-w", "fixed-sleep", "--sleep",
				 "0.1", "-b", "processes", "-n", "5",		NULL};
	for (int sudo = 0; sudo < 2; sudo++) {
		kill_at_syscall("right after the cgroup's mkdir", a, sudo, AFTER_MKDIR);
		kill_at_syscall("right after the leader's fork", a, sudo, AFTER_FORK);
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
	    cmocka_unit_test(test_any_moment),	     cmocka_unit_test(test_cgroup_moments),
	};
	return cmocka_run_group_tests_name("e2e-orphans", tests, e2e_setup, e2e_teardown);
}
