/* gil_probe_exec.c - the exec watcher: finds the interpreter by what the run's tasks execute, not
 * by the command's name (`-- env python3 x.py`, `-- sh -c 'python3 x.py'`, a script with a
 * `#!/usr/bin/env python3` line, a program linking libpython, a task that execs another Python).
 *
 * bpf/gil.bpf.c reports each exec of a tracked task and stops the task (SIGSTOP) before the new
 * program's first instruction. This thread reads /proc/PID/exe (the file the kernel now runs: the
 * interpreter of a #! script, never the script), has the caller's resolver inspect it (session:
 * python/python_elf.c, ELF only, never run), attaches the lock probes to its libpython or
 * executable when it is a CPython, and sends SIGCONT. A file is inspected once (by device and
 * inode); later execs of it are continued at once. The time each task was held is measured and
 * reported. A dlopen() (the loader's hook, gil_probe_dl.c) is held and handled the same way,
 * with /proc/PID/maps scanned for a libpython instead of /proc/PID/exe read. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include <bpf/libbpf.h>

#include "gil.skel.h"
#include "trace/gil_probe.h"
#include "trace/gil_probe_priv.h"
#include "util/clock.h"
#include "util/msg.h"

/* Tells the BPF side not to report or hold execs of this file again. The kernel's dev_t of
 * the superblock is MKDEV(major, minor) = major << 20 | minor. */
static void mark_known(struct cbt_gil_probe *g, const struct stat *st, bool cpython)
{
	struct cbt_gil_file_key key = {.ino = (__u64)st->st_ino,
				       .dev = (__u32)(major(st->st_dev) << 20 | minor(st->st_dev))};
	__u8 v = cpython ? CBT_GIL_KNOWN_CPYTHON : CBT_GIL_KNOWN_OTHER;
	bpf_map_update_elem(bpf_map__fd(g->skel->maps.cbt_gil_known), &key, &v, BPF_ANY);
}

/* Whether the file was looked at before; records it if not. Caller holds g->lock. */
static bool seen_before(struct cbt_gil_probe *g, const struct stat *st)
{
	for (int i = 0; i < g->nseen; i++)
		if (g->seen[i].dev == st->st_dev && g->seen[i].ino == st->st_ino)
			return true;
	if (g->nseen < MAX_SEEN) {
		g->seen[g->nseen].dev = st->st_dev;
		g->seen[g->nseen].ino = st->st_ino;
		g->nseen++;
	}
	return false;
}

/* Inspects the executable file `exe` (whose stat is st) once; attaches if it is a CPython.
 * Caller holds g->lock. */
static void inspect(struct cbt_gil_probe *g, const char *exe, const struct stat *st)
{
	char target[PATH_MAX], err[512];
	int kind;

	if (seen_before(g, st))
		return;
	kind = g->resolve ? g->resolve(exe, target, sizeof(target)) : 0;
	mark_known(g, st, kind != 0); /* whatever it is, once is enough */
	if (kind == 2) {
		size_t k = strlen(g->status);
		snprintf(g->status + k, sizeof(g->status) - k,
			 "%s%s is a free-threaded CPython (no GIL): no interpreter lock to wait "
			 "for, no lock view",
			 k ? "; " : "", exe);
	} else if (kind == 1 && cbt_gil_probe_add_locked(g, target, err, sizeof(err)) != 0) {
		size_t k = strlen(g->status);
		snprintf(g->status + k, sizeof(g->status) - k, "%snot probed: %s", k ? "; " : "",
			 err);
	}
}

struct dl_ctx {
	struct cbt_gil_probe *g;
	pid_t pid;
	bool found;
};

/* A libpython mapped by a held process: inspected (once per file) and probed; the process's
 * later dlopens are not held. Caller holds g->lock. */
static void on_libpython(void *ctx, const char *path, const struct stat *st)
{
	struct dl_ctx *c = ctx;
	__u32 pid = (__u32)c->pid;
	__u8 one = 1;

	inspect(c->g, path, st);
	if (!c->found)
		bpf_map_update_elem(bpf_map__fd(c->g->skel->maps.cbt_gil_dl_done), &pid, &one,
				    BPF_ANY);
	c->found = true;
}

static int on_exec(void *ctx, void *data, size_t size)
{
	struct cbt_gil_probe *g = ctx;
	const struct cbt_gil_exec_event *e = data;

	if (size < sizeof(*e))
		return 0;
	char link[64], exe[PATH_MAX];
	struct stat st;
	ssize_t n;

	pthread_mutex_lock(&g->lock);
	if (e->kind == CBT_GIL_EV_DLOPEN) {
		/* a libpython among the process's mappings now: probed before it runs */
		struct dl_ctx c = {g, (pid_t)e->pid, false};
		cbt_gil_dl_scan((pid_t)e->pid, on_libpython, &c);
		g->dlopens++;
	} else {
		snprintf(link, sizeof(link), "/proc/%d/exe", (int)e->pid);
		n = readlink(link, exe, sizeof(exe) - 1);
		if (n > 0 && stat(link, &st) == 0) { /* else gone already */
			exe[n] = '\0';
			inspect(g, exe, &st);
		}
		g->execs++;
	}
	if (e->stopped) {
		uint64_t now = cbt_mono_ns();
		kill((pid_t)e->pid, SIGCONT);
		g->stops++;
		g->stopped_ns += now > e->ts ? now - e->ts : 0;
	}
	pthread_mutex_unlock(&g->lock);
	return 0;
}

int cbt_gil_probe_prepare(struct cbt_gil_probe *g, const char *exe)
{
	struct stat st;

	if (!g || !exe || stat(exe, &st) != 0)
		return -1;
	pthread_mutex_lock(&g->lock);
	inspect(g, exe, &st);
	pthread_mutex_unlock(&g->lock);
	return 0;
}

static void *watch(void *arg)
{
	struct cbt_gil_probe *g = arg;
	struct sched_param sp = {.sched_priority = 1};

	/* a held task waits for this thread: on a busy machine a normal thread waits tens of ms
	 * for a CPU (measured: ~50 ms per hold at load 20); real-time priority runs it at once.
	 * It sleeps in epoll otherwise. Not fatal if refused. */
	pthread_setschedparam(pthread_self(), SCHED_FIFO, &sp);

	while (!g->stop)
		ring_buffer__poll(g->rb, 100);
	ring_buffer__consume(g->rb); /* continue whatever was stopped meanwhile */
	return NULL;
}

int cbt_gil_watch_start(struct cbt_gil_probe *g, char *status, size_t len)
{
	g->exec_link = bpf_program__attach(g->skel->progs.cbt_gil_exec);
	if (!g->exec_link) {
		cbt_msg(status, len, "attaching the exec watcher failed: %s", strerror(errno));
		return -1;
	}
	if (g->dl.hook_vaddr) {
		/* every process mapping the loader traps there; the program keeps the run's tasks
		 */
		LIBBPF_OPTS(bpf_uprobe_opts, o);
		g->dl_link = bpf_program__attach_uprobe_opts(g->skel->progs.cbt_gil_dlopen, -1,
							     g->dl.loader, g->dl.hook_offset, &o);
		if (!g->dl_link) {
			cbt_msg(status, len, "attaching to _dl_debug_state in %s failed: %s",
				g->dl.loader, strerror(errno));
			return -1;
		}
		g->fork_link = bpf_program__attach(g->skel->progs.cbt_gil_fork);
		if (!g->fork_link) {
			cbt_msg(status, len, "attaching the fork watcher failed: %s",
				strerror(errno));
			return -1;
		}
	}
	g->rb = ring_buffer__new(bpf_map__fd(g->skel->maps.cbt_gil_execs), on_exec, g, NULL);
	if (!g->rb) {
		cbt_msg(status, len, "opening the exec ring buffer failed: %s", strerror(errno));
		return -1;
	}
	int e = pthread_create(&g->thread, NULL, watch, g);
	if (e) {
		cbt_msg(status, len, "starting the exec watcher failed: %s", strerror(e));
		return -1;
	}
	g->watching = true;
	return 0;
}

void cbt_gil_watch_stop(struct cbt_gil_probe *g)
{
	bpf_link__destroy(g->exec_link); /* no more stops; NULL-safe */
	g->exec_link = NULL;
	bpf_link__destroy(g->dl_link);
	g->dl_link = NULL;
	bpf_link__destroy(g->fork_link);
	g->fork_link = NULL;
	if (g->watching) {
		g->stop = true;
		pthread_join(g->thread, NULL);
		g->watching = false;
	}
	ring_buffer__free(g->rb); /* NULL-safe */
	g->rb = NULL;
}
