/* run_guard.c - see run_guard.h. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "runner/run_guard.h"
#include "util/proc.h"

static struct {
	int tried;
	char dir[PATH_MAX]; /* the cgroup, "" when there is none */
	int procs_fd;	    /* its cgroup.procs, kept open: a leader can enter after any drop */
	int guard_fd;	    /* our end of the guardian's pipe, -1 without a guardian */
	pid_t guardian;
} g = {.procs_fd = -1, .guard_fd = -1};

/* The cgroup v2 mount point (from mountinfo) + our own cgroup (from /proc/self/cgroup). */
static int own_cgroup_dir(char *out, size_t len)
{
	char line[4096], mnt[PATH_MAX] = "", rel[PATH_MAX] = "";
	FILE *f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		return -1;
	while (!mnt[0] && fgets(line, sizeof(line), f)) {
		char point[PATH_MAX];
		if (strstr(line, " - cgroup2 ") &&
		    sscanf(line, "%*s %*s %*s %*s %4095s", point) == 1)
			snprintf(mnt, sizeof(mnt), "%s", point);
	}
	fclose(f);
	if (!mnt[0] || !(f = fopen("/proc/self/cgroup", "re")))
		return -1;
	while (!rel[0] && fgets(line, sizeof(line), f))
		if (strncmp(line, "0::", 3) == 0) {
			line[strcspn(line, "\n")] = '\0';
			snprintf(rel, sizeof(rel), "%s", line + 3);
		}
	fclose(f);
	if (!rel[0])
		return -1;
	int n = snprintf(out, len, "%s%s", mnt, strcmp(rel, "/") == 0 ? "" : rel);
	return n > 0 && (size_t)n < len ? 0 : -1;
}

static int open_in(const char *dir, const char *name, int flags)
{
	char path[PATH_MAX + 32];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return open(path, flags | O_CLOEXEC);
}

/* 1 while any process is in the cgroup (cgroup.events: "populated 1"). */
static int populated(const char *dir)
{
	char buf[256];
	int fd = open_in(dir, "cgroup.events", O_RDONLY);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return strstr(buf, "populated 1") != NULL;
}

static void kill_cgroup(const char *dir)
{
	struct timespec ms = {0, 1000000};
	int fd = dir[0] ? open_in(dir, "cgroup.kill", O_WRONLY) : -1;
	if (fd < 0)
		return;
	ssize_t n = write(fd, "1", 1);
	close(fd);
	for (int i = 0; n == 1 && i < 2000 && populated(dir); i++)
		nanosleep(&ms, NULL);
}

/* Kills the cgroup and removes it, retrying while it is busy: a run leader forked just before
 * the tool died can still enter it between the kill and the rmdir (it dies of PDEATHSIG a
 * moment later, but an empty cgroup would be left). Gives up after ~2 s. */
static void remove_cgroup(const char *dir)
{
	struct timespec ms = {0, 1000000};
	for (int i = 0; dir[0] && i < 2000; i++) {
		kill_cgroup(dir);
		if (rmdir(dir) == 0 || errno != EBUSY)
			return;
		nanosleep(&ms, NULL);
	}
}

/* The guardian: follows the running leader's process group until the tool's end of the pipe
 * closes (exit, crash, SIGKILL), then kills it and the cgroup. It holds no descriptor of the
 * tool's but the pipe: no BPF object stays alive because of it. It is forked before the
 * cgroup is made and knows its name, so there is no moment at which a SIGKILLed tool leaves a
 * cgroup without a guardian (whether the tool got to make it or not: rmdir says). */
static void guardian(int fd)
{
	pid_t pgid = 0, v;
	cbt_close_fds_except(&fd, 1);
	setpgid(0, 0); /* a Ctrl-C or a kill of the tool's process group leaves it to clean up */
	signal(SIGINT, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
	prctl(PR_SET_NAME, "cbt-guardian");
	for (;;) {
		ssize_t n = read(fd, &v, sizeof(v));
		if (n < 0 && errno == EINTR)
			continue;
		if (n != sizeof(v))
			break;
		pgid = v;
	}
	if (pgid > 0)
		kill(-pgid, SIGKILL);
	remove_cgroup(g.dir);
	_exit(0);
}

/* The cgroup's name (<own cgroup>/concbench-trace-PID) in g.dir; "" when there is no cgroup v2.
 */
static void name_cgroup(void)
{
	char own[PATH_MAX - 64];
	if (own_cgroup_dir(own, sizeof(own)) == 0)
		snprintf(g.dir, sizeof(g.dir), "%s/concbench-trace-%d", own, (int)getpid());
}

static void make_cgroup(void)
{
	if (!g.dir[0])
		return;
	if (mkdir(g.dir, 0755) != 0 && errno != EEXIST) {
		g.dir[0] = '\0';
		return;
	}
	char path[PATH_MAX + 32];
	snprintf(path, sizeof(path), "%s/cgroup.kill", g.dir);
	if (access(path, W_OK) == 0) /* cgroup.kill came with Linux 5.14 */
		g.procs_fd = open_in(g.dir, "cgroup.procs", O_WRONLY);
	if (g.procs_fd < 0) {
		rmdir(g.dir);
		g.dir[0] = '\0';
	}
}

void cbt_run_guard_setup(void)
{
	int pfd[2];
	if (g.tried)
		return;
	g.tried = 1;
	atexit(cbt_run_guard_teardown);
	name_cgroup();
	/* the guardian first, then the cgroup (see guardian()) */
	if (pipe2(pfd, O_CLOEXEC) == 0) {
		fflush(NULL);
		g.guardian = fork();
		if (g.guardian == 0) {
			close(pfd[1]);
			guardian(pfd[0]);
		}
		close(pfd[0]);
		if (g.guardian > 0)
			g.guard_fd = pfd[1];
		else
			close(pfd[1]);
	}
	make_cgroup();
}

void cbt_run_guard_enter(void)
{
	if (g.procs_fd >= 0 && write(g.procs_fd, "0", 1) != 1) {
		/* not in the cgroup: the process group and PDEATHSIG remain */
	}
}

static void tell(pid_t pgid)
{
	if (g.guard_fd >= 0 && write(g.guard_fd, &pgid, sizeof(pgid)) != sizeof(pgid)) {
		/* the guardian is gone: the cgroup and PDEATHSIG remain */
	}
}

void cbt_run_guard_started(pid_t leader)
{
	tell(leader);
}

void cbt_run_guard_finished(void)
{
	kill_cgroup(g.dir);
	tell(0);
}

void cbt_run_guard_teardown(void)
{
	if (g.procs_fd >= 0) {
		kill_cgroup(g.dir);
		close(g.procs_fd);
		g.procs_fd = -1;
		rmdir(g.dir);
	}
	g.dir[0] = '\0';
	if (g.guard_fd >= 0) {
		close(g.guard_fd); /* the guardian finds nothing left to do and exits */
		g.guard_fd = -1;
		while (waitpid(g.guardian, NULL, 0) < 0 && errno == EINTR)
			;
	}
}

const char *cbt_run_guard_cgroup(void)
{
	return g.dir[0] ? g.dir : NULL;
}
