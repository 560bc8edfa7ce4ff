/* runner.c - forks the run leader, releases it, collects its timing and rusage. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/clock.h"
#include "util/fd_io.h"
#include "runner/launch.h"
#include "runner/run_guard.h"
#include "runner/runner.h"
#include "runner/terminal.h"
#include "util/proc.h"

volatile sig_atomic_t cbt_interrupted;

struct leader_report {
	uint64_t wall_ns;
	unsigned failed_tasks;
	int first_error;
	int rc;
	uint64_t checksum;
};

/* Reads exactly len bytes; -1 on EOF/error, -2 when interrupted by the user. */
static int read_all(int fd, void *buf, size_t len)
{
	int rc = cbt_read_full(fd, buf, len, &cbt_interrupted);
	return rc == 0 ? 0 : rc == -EINTR ? -2 : -1;
}

static void leader_main(const struct cbt_launch *l, const struct cbt_params *p, const char *io_dir,
			int go_fd, int res_fd, pid_t parent)
{
	struct leader_report rep = {0};
	struct cbt_backend_result br = {0};
	struct cbt_run_env env = {l->workload, p, io_dir};
	char go = 0;

	cbt_die_with_parent(parent); /* never outlive the tool */
	cbt_run_guard_enter();
	/* the tool's BPF objects, perf events and files are not the run's: tasks forked from
	 * here must not keep them open (attached) when the tool dies */
	int keep[] = {go_fd, res_fd};
	cbt_close_fds_except(keep, 2);
	/* orphans of the run (a task's own children) come back to the leader, not to init */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	if (p->timer_slack_ns && prctl(PR_SET_TIMERSLACK, (unsigned long)p->timer_slack_ns) != 0)
		_exit(114);
	if (p->pin && sched_setaffinity(0, sizeof(p->cpus), &p->cpus) != 0)
		_exit(115);
	if (cbt_write_full(res_fd, "R", 1) != 0 || read(go_fd, &go, 1) != 1 || go != 'G')
		_exit(112);
	close(go_fd);

	if (l->kind == CBT_LAUNCH_PYTHON)
		cbt_exec_python(l, p, io_dir, res_fd);
	if (l->kind == CBT_LAUNCH_COMMAND)
		cbt_exec_command(l);
	uint64_t t0 = cbt_mono_ns();
	rep.rc = l->backend->run(&env, &br);
	rep.wall_ns = cbt_mono_ns() - t0;
	rep.failed_tasks = br.failed_tasks;
	rep.first_error = br.first_error;
	rep.checksum = br.checksum;
	_exit(cbt_write_full(res_fd, &rep, sizeof(rep)) == 0 ? 0 : 113);
}

/* The Python script's one-line report: "wall_ns failed_tasks first_errno checksum". */
static int read_python_report(int fd, struct leader_report *rep)
{
	char line[256];
	size_t n = 0;
	while (n + 1 < sizeof(line)) {
		ssize_t r = read(fd, line + n, sizeof(line) - 1 - n);
		if (r < 0 && errno == EINTR) {
			if (cbt_interrupted)
				return -2;
			continue;
		}
		if (r <= 0)
			break;
		n += (size_t)r;
		if (memchr(line, '\n', n))
			break;
	}
	line[n] = '\0';
	unsigned long long wall, cks;
	unsigned failed;
	int err;
	if (sscanf(line, "%llu %u %d %llu", &wall, &failed, &err, &cks) != 4)
		return -1;
	rep->wall_ns = wall;
	rep->failed_tasks = failed;
	rep->first_error = err;
	rep->checksum = cks;
	return 0;
}

/* After a SIGSTOP of the leader: 1 when it was continued within HOLD_WAIT_MS (a hold of the
 * tracer's), 0 when it exited meanwhile (status and ru set), -2 when interrupted, 2 when it is
 * still stopped (a stop of its own, dealt with by the caller). */
#define HOLD_WAIT_MS 2000
static int wait_continued(pid_t leader, int *status, struct rusage *ru)
{
	for (int ms = 0; ms < HOLD_WAIT_MS; ms++) {
		int st;
		pid_t p = wait4(leader, &st, WUNTRACED | WCONTINUED | WNOHANG, ru);

		if (p == leader && WIFCONTINUED(st))
			return 1;
		if (p == leader && !WIFSTOPPED(st)) {
			*status = st;
			return 0;
		}
		if (p < 0 && errno != EINTR)
			return 2;
		if (cbt_interrupted)
			return -2;
		struct timespec one = {0, 1000000};
		nanosleep(&one, NULL);
	}
	return 2;
}

/* A command reports nothing: wait for it to close the pipe (exec) and exit. A stop is dealt
 * with, never waited on forever: Ctrl-Z (SIGTSTP) while it has the terminal stops the tool too,
 * as a shell job would, and `fg` continues both; a read of a terminal it does not have
 * (SIGTTIN, SIGTTOU) would wait forever: it is said and the run ended. */
static int wait_command(pid_t leader, int *status, struct rusage *ru, int tty)
{
	for (;;) {
		if (wait4(leader, status, WUNTRACED, ru) == leader) {
			if (!WIFSTOPPED(*status))
				return 0;
			int sig = WSTOPSIG(*status);
			if (sig == SIGTTIN || sig == SIGTTOU) {
				fprintf(
				    stderr,
				    "concbench-trace: the command stopped on %s: it uses the "
				    "terminal, which it can only have when concbench-trace runs in "
				    "the foreground; ending the run\n",
				    sig == SIGTTIN ? "SIGTTIN (a read)" : "SIGTTOU (a write)");
				return -1;
			}
			if (sig == SIGSTOP) {
				/* the tracer holds a task at an exec or a dlopen of a program it
				 * inspects (SIGSTOP from BPF, SIGCONT within milliseconds): not the
				 * command's stop, unless it lasts */
				int r = wait_continued(leader, status, ru);
				if (r <= 0)
					return r; /* exited meanwhile (0), or interrupted */
				if (r == 1)
					continue;
			}
			if (sig == SIGTSTP && tty >= 0) {
				cbt_term_take_back(tty);
				raise(SIGSTOP); /* until the shell continues us (fg) */
				if (cbt_term_give(leader) < 0)
					tty = -1;
			} else {
				fprintf(stderr,
					"concbench-trace: the command is stopped (signal %d); "
					"waiting until it continues\n",
					sig);
			}
			kill(-leader, SIGCONT);
			continue;
		}
		if (errno != EINTR)
			return -1;
		if (cbt_interrupted)
			return -2;
	}
}

/* Removes what io bodies left behind (a killed task cannot clean up), then the directory. */
static void remove_io_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d)) != NULL)
			if (e->d_name[0] != '.')
				unlinkat(dirfd(d), e->d_name, 0);
		closedir(d);
	}
	rmdir(dir);
}

static void kill_run(pid_t leader)
{
	kill(-leader, SIGKILL); /* the leader's process group: it and every process it forked */
	kill(leader, SIGKILL);
}

static int fail(struct cbt_run_outcome *out, enum cbt_run_status st, const char *fmt,
		const char *detail)
{
	out->status = st;
	snprintf(out->error, sizeof(out->error), fmt, detail);
	return -1;
}

int cbt_run_once(const struct cbt_launch *l, const struct cbt_params *p,
		 const struct cbt_run_hooks *hooks, struct cbt_run_outcome *out)
{
	int go[2] = {-1, -1}, res[2] = {-1, -1}, rc = -1, status = 0;
	char io_dir[4096] = "", ready = 0;
	struct leader_report rep = {0};
	bool reaped = false;
	pid_t leader;

	memset(out, 0, sizeof(*out));
	if (l->workload && l->workload->needs_io_dir) {
		const char *tmp = getenv("TMPDIR");
		snprintf(io_dir, sizeof(io_dir), "%s/concbench-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(io_dir))
			return fail(out, CBT_RUN_FAILED, "cannot create a temporary directory: %s",
				    strerror(errno));
	}
	if (pipe2(go, O_CLOEXEC) != 0 || pipe2(res, O_CLOEXEC) != 0) {
		fail(out, CBT_RUN_FAILED, "pipe: %s", strerror(errno));
		goto out;
	}
	cbt_run_guard_setup(); /* once per invocation */
	pid_t parent = getpid();
	fflush(NULL);
	leader = fork();
	if (leader < 0) {
		fail(out, CBT_RUN_FAILED, "fork: %s", strerror(errno));
		goto out;
	}
	if (leader == 0) {
		setpgid(0, 0);
		close(go[1]);
		close(res[0]);
		leader_main(l, p, io_dir[0] ? io_dir : NULL, go[0], res[1], parent);
	}
	setpgid(leader, leader);
	cbt_run_guard_started(leader);
	int tty = l->kind == CBT_LAUNCH_COMMAND ? cbt_term_give(leader) : -1;
	close(go[0]);
	close(res[1]);
	go[0] = res[1] = -1;

	int r = read_all(res[0], &ready, 1);
	if (r == 0 && hooks && hooks->before_go && hooks->before_go(hooks->ud, leader) != 0)
		r = -3;
	uint64_t t0 = cbt_mono_ns();
	if (r == 0 && cbt_write_full(go[1], "G", 1) != 0)
		r = -1;
	if (r == 0 && l->kind == CBT_LAUNCH_NATIVE)
		r = read_all(res[0], &rep, sizeof(rep));
	else if (r == 0 && l->kind == CBT_LAUNCH_PYTHON)
		r = read_python_report(res[0], &rep);
	else if (r == 0) {
		r = wait_command(leader, &status, &out->ru, tty);
		reaped = r == 0;
		rep.wall_ns = cbt_mono_ns() - t0;
	}
	if (r != 0)
		kill_run(leader);
	while (!reaped && wait4(leader, &status, 0, &out->ru) < 0 && errno == EINTR)
		;
	cbt_term_take_back(tty);
	/* Ctrl-C went to the command's group, which had the terminal: the tool is interrupted too
	 */
	if (tty >= 0 && reaped && WIFSIGNALED(status) && WTERMSIG(status) == SIGINT)
		raise(SIGINT);
	out->exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	if (r == -2) {
		fail(out, CBT_RUN_INTERRUPTED, "%s", "interrupted");
	} else if (r == -3) {
		fail(out, CBT_RUN_FAILED, "%s", "the tracer could not attach to the run");
	} else if (l->kind == CBT_LAUNCH_COMMAND && out->exit_status != 0) {
		char why[64];
		snprintf(why, sizeof(why), "%d", out->exit_status);
		fail(out, CBT_RUN_FAILED, "the command failed (exit status %s)", why);
	} else if (r != 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		char why[64];
		if (WIFSIGNALED(status))
			snprintf(why, sizeof(why), "killed by signal %d", WTERMSIG(status));
		else
			snprintf(why, sizeof(why), "exit status %d", WEXITSTATUS(status));
		fail(out, CBT_RUN_FAILED, "the run leader died (%s)", why);
	} else if (rep.rc != 0) {
		fail(out, CBT_RUN_FAILED, "the backend could not start all tasks: %s",
		     strerror(-rep.rc));
	} else {
		out->status = CBT_RUN_OK;
		rc = 0;
	}
	kill(-leader, SIGKILL);	  /* anything of the run still alive (a task that outlived it) */
	cbt_run_guard_finished(); /* ... even out of the process group (setsid daemons) */
	out->wall_ns = rep.wall_ns;
	if (r == 0) {
		out->failed_tasks = rep.failed_tasks;
		out->first_error = rep.first_error;
		out->checksum = rep.checksum;
	}
out:
	for (int i = 0; i < 2; i++) {
		if (go[i] >= 0)
			close(go[i]);
		if (res[i] >= 0)
			close(res[i]);
	}
	if (io_dir[0])
		remove_io_dir(io_dir);
	return rc;
}
