/* launch.c - what a released run leader does for the exec()ing launch kinds: run the Python
 * backends' script, or any command (as the invoking user under sudo). Never returns. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runner/launch.h"
#include "util/proc.h"
#include "util/text.h"

static void arg(char **argv, int *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void arg(char **argv, int *n, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	argv[(*n)++] = s;
}

/* The invoking user under sudo (SUDO_UID, SUDO_GID), when there is one to become: 1, or 0 when
 * the tool was not started through sudo or by root itself (SUDO_UID=0). */
static int sudo_user(uid_t *uid, gid_t *gid)
{
	const char *su = getenv("SUDO_UID"), *sg = getenv("SUDO_GID");
	if (!su || !*su || getuid() != 0)
		return 0;
	*uid = (uid_t)strtoul(su, NULL, 10);
	*gid = sg && *sg ? (gid_t)strtoul(sg, NULL, 10) : (gid_t)*uid;
	return *uid != 0;
}

/* Becomes the invoking user (with their supplementary groups) before exec, when asked and there
 * is one. Never returns on failure. */
static void drop_privileges(const struct cbt_launch *l, const char *own_dir)
{
	uid_t uid;
	gid_t gid;
	if (!l->drop_privileges || !sudo_user(&uid, &gid))
		return;
	pid_t parent = getppid();
	struct passwd *pw = getpwuid(uid);
	errno = 0;
	if (own_dir && chown(own_dir, uid, gid) != 0) /* the io workload's directory */
		goto fail;
	if (pw ? initgroups(pw->pw_name, gid) != 0 : setgroups(0, NULL) != 0)
		goto fail;
	if (setgid(gid) != 0 || setuid(uid) != 0)
		goto fail;
	if (setuid(0) == 0) { /* must not be able to regain root */
		errno = EPERM;
		goto fail;
	}
	cbt_die_with_parent(parent); /* setuid cleared the parent-death signal: re-arm it */
	return;
fail:
	fprintf(stderr, "concbench-trace: cannot become the sudo user (uid %u): %s\n",
		(unsigned)uid, strerror(errno ? errno : EPERM));
	_exit(126);
}

void cbt_exec_python(const struct cbt_launch *l, const struct cbt_params *p, const char *io_dir,
		     int result_fd)
{
	char *argv[40];
	int n = 0;

	/* the script writes its result here: keep it open across exec */
	fcntl(result_fd, F_SETFD, 0);
	arg(argv, &n, "%s", l->python);
	arg(argv, &n, "%s", l->script);
	arg(argv, &n, "--workload=%s", l->workload->name);
	arg(argv, &n, "--backend=%s", l->backend_name);
	arg(argv, &n, "--tasks=%u", p->tasks);
	arg(argv, &n, "--iterations=%u", p->iterations);
	arg(argv, &n, "--sleep=%.9g", p->sleep_s);
	arg(argv, &n, "--seed=%llu", (unsigned long long)p->seed);
	arg(argv, &n, "--yield=%s", cbt_yield_name(p->yield));
	arg(argv, &n, "--cpu-size=%u", p->cpu_size);
	arg(argv, &n, "--io-size=%u", p->io_size);
	arg(argv, &n, "--io-block=%u", p->io_block);
	arg(argv, &n, "--mixed-chunks=%u", p->mixed_chunks);
	arg(argv, &n, "--workers=%u", p->workers_resolved);
	arg(argv, &n, "--result-fd=%d", result_fd);
	/* CPython's own switch interval (sys.setswitchinterval): the default is CPython's */
	arg(argv, &n, "--switch-interval=%.9g", p->switch_interval_s);
	if (io_dir)
		arg(argv, &n, "--io-dir=%s", io_dir);
	argv[n] = NULL;
	drop_privileges(l, io_dir);
	execv(l->python, argv);
	char name[256];
	fprintf(stderr, "concbench-trace: cannot run '%s': %s\n",
		cbt_term_safe(l->python, name, sizeof(name)), strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

void cbt_exec_command(const struct cbt_launch *l)
{
	drop_privileges(l, NULL);
	execvp(l->argv[0], l->argv);
	char name[256];
	fprintf(stderr, "concbench-trace: cannot run '%s': %s\n",
		cbt_term_safe(l->argv[0], name, sizeof(name)), strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}
