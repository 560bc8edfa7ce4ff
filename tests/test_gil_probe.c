/* test_gil_probe.c - interpreter-lock uprobes on real CPythons, scoped by the real tracer (run as
 * root): counts per worker thread, take_gil/drop_gil where the symbols exist (pyenv's libpython)
 * and the degraded case where they do not (Debian's stripped python3.11), threads vs processes,
 * no counts from a Python the run did not start, nothing left after close. */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include <bpf/bpf.h>

#include "trace/gil_probe.h"
#include "trace/tracer.h"

#define PYENV_BIN  "/root/.pyenv/versions/3.11.7/bin/python3.11"
#define PYENV_LIB  "/root/.pyenv/versions/3.11.7/lib/libpython3.11.so.1.0"
#define DEBIAN_BIN "/usr/bin/python3.11"

#define NWORKERS 8
#define NSLEEPS	 300

/* every worker prints "W <native tid>" (a process's only thread: its pid) */
static const char threads_py[] = "import os, threading, time\n"
				 "def w():\n"
				 "    os.write(1, b'W %d\\n' % threading.get_native_id())\n"
				 "    for _ in range(300):\n"
				 "        time.sleep(0)\n"
				 "ts = [threading.Thread(target=w) for _ in range(8)]\n"
				 "for t in ts: t.start()\n"
				 "for t in ts: t.join()\n";

static const char processes_py[] = "import multiprocessing, os, threading, time\n"
				   "def w():\n"
				   "    os.write(1, b'W %d\\n' % threading.get_native_id())\n"
				   "    for _ in range(300):\n"
				   "        time.sleep(0)\n"
				   "ps = [multiprocessing.Process(target=w) for _ in range(8)]\n"
				   "for p in ps: p.start()\n"
				   "for p in ps: p.join()\n";

static struct cbt_tracer *tracer;

struct py_run {
	struct cbt_trace_run run;
	int nworkers;
	int32_t workers[64];
};

static bool exists(const char *path)
{
	if (access(path, R_OK) == 0)
		return true;
	print_message("  %s not found: skipped\n", path);
	return false;
}

static const struct cbt_task_record *find(const struct cbt_trace_run *run, int32_t tid)
{
	for (size_t i = 0; i < run->ntasks; i++)
		if (run->tasks[i].tid == tid)
			return &run->tasks[i];
	return NULL;
}

static uint64_t hist_sum(const struct cbt_trace_run *run)
{
	uint64_t n = 0;

	for (int k = 0; k < CBT_HIST_SLOTS; k++)
		n += run->gil_hist[k];
	return n;
}

static uint64_t contended_sum(const struct cbt_trace_run *run)
{
	uint64_t n = 0;

	for (size_t i = 0; i < run->ntasks; i++)
		n += run->tasks[i].gil.contended;
	return n;
}

/* Runs `python -c script` as the leader of a traced run; collects the tracer's and the probe's
 * counts and the worker tids the script printed. */
static void traced_python(struct cbt_gil_probe *g, const char *python, const char *script,
			  struct py_run *out)
{
	char err[512] = "", buf[4096], c = 'g';
	int go[2], res[2], st = 0;
	size_t used = 0;
	ssize_t n;
	pid_t pid;

	memset(out, 0, sizeof(*out));
	assert_int_equal(pipe(go), 0);
	assert_int_equal(pipe(res), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(go[1]);
		close(res[0]);
		dup2(res[1], 1);
		if (read(go[0], &c, 1) != 1)
			_exit(126);
		execl(python, python, "-c", script, (char *)NULL);
		_exit(127);
	}
	close(go[0]);
	close(res[1]);
	if (cbt_tracer_begin(tracer, pid, err, sizeof(err)) != 0)
		fail_msg("cbt_tracer_begin: %s", err);
	cbt_gil_probe_reset(g);
	assert_int_equal(write(go[1], &c, 1), 1);
	close(go[1]);
	while ((n = read(res[0], buf + used, sizeof(buf) - 1 - used)) > 0 ||
	       (n < 0 && errno == EINTR))
		if (n > 0)
			used += (size_t)n;
	buf[used] = '\0';
	close(res[0]);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	if (cbt_tracer_end(tracer, &out->run, err, sizeof(err)) != 0)
		fail_msg("cbt_tracer_end: %s", err);
	assert_true(out->run.enabled);
	assert_int_equal(cbt_gil_probe_collect(g, &out->run), 0);
	assert_true(out->run.gil_probed);

	for (char *p = buf; (p = strstr(p, "W ")); p += 2)
		if (out->nworkers < 64)
			out->workers[out->nworkers++] = (int32_t)atoi(p + 2);
	assert_int_equal(out->nworkers, NWORKERS);
}

/* Per-worker checks against the tracer's own accounting of the same threads; returns the
 * workers' time blocked on the lock. every: take_gil probed (else PyEval_RestoreThread). */
static uint64_t check_workers(const struct py_run *r, const char *what, bool every)
{
	uint64_t acq = 0, blocked = 0, handoff = 0, contended = 0, unc = 0, unc_ns = 0, futex = 0;

	for (int i = 0; i < r->nworkers; i++) {
		const struct cbt_task_record *t = find(&r->run, r->workers[i]);
		const struct cbt_gil_counts *g;

		assert_non_null(t);
		g = &t->gil;
		/* one acquisition per sleep at least (take_gil also at thread start) */
		assert_true(g->acquisitions >= NSLEEPS);
		assert_int_equal(g->acquisitions, g->contended + g->uncontended + g->preempted);
		/* the parts come from the tracer's accounting of this thread: they fit in its
		 * off-CPU and run-queue time, and inside the acquisitions' own duration */
		assert_true(g->blocked_ns <= t->offcpu_ns);
		assert_true(g->handoff_ns <= t->runq_wait_ns);
		assert_true(g->blocked_ns + g->handoff_ns + g->contended_oncpu_ns +
				g->uncontended_ns + g->preempted_ns <=
			    g->raw_wait_ns);
		assert_true(g->forced <= g->acquisitions);
		acq += g->acquisitions;
		blocked += g->blocked_ns;
		handoff += g->handoff_ns;
		contended += g->contended;
		unc += g->uncontended;
		unc_ns += g->uncontended_ns;
		futex += t->offcpu_by_reason_ns[CBT_REASON_LOCK];
	}
	print_message("  %-9s %d workers: %llu acquisitions, %llu contended: blocked %.2f ms, "
		      "hand-off %.2f ms (kernel: %.2f ms blocked in futex); %llu uncontended, "
		      "%.2f us each; %zu tasks, %llu lost\n",
		      what, r->nworkers, (unsigned long long)acq, (unsigned long long)contended,
		      blocked / 1e6, handoff / 1e6, futex / 1e6, (unsigned long long)unc,
		      unc ? unc_ns / 1e3 / unc : 0.0, r->run.ntasks,
		      (unsigned long long)r->run.lost_events);
	assert_int_equal(r->run.gil_every, every);
	/* every contended wait is in the histogram, and only tasks of the run are counted */
	assert_true(hist_sum(&r->run) == contended_sum(&r->run));
	/* a contended acquisition blocked in the lock's futex: what the kernel saw as lock
	 * waits includes it (the rest: drop_gil's forced-switch wait, thread joins) */
	assert_true(blocked <= futex);
	return blocked;
}

static struct cbt_gil_probe *open_probe(const char *binary, char *status, size_t len)
{
	struct cbt_gil_probe *g = NULL;
	int ret = cbt_gil_probe_open(&g, cbt_tracer_tasks_map_fd(tracer), binary, status, len);

	print_message("  open(%s) = %d: %s\n", binary, ret, status);
	assert_int_equal(ret, 0);
	assert_non_null(g);
	return g;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Three alternating pairs of runs: the comparison is of the medians, so that a burst of load
 * from elsewhere (which shortens the threads' contention and lengthens the processes' waits)
 * during one run does not decide it. */
#define PAIRS 3

static void test_pyenv_threads_vs_processes(void **state)
{
	uint64_t wthreads[PAIRS], wprocs[PAIRS];
	struct cbt_gil_probe *g;
	struct py_run r;
	char status[512];

	(void)state;
	if (!exists(PYENV_LIB) || !exists(PYENV_BIN))
		skip();
	g = open_probe(PYENV_LIB, status, sizeof(status));
	assert_non_null(strstr(status, "take_gil in"));
	assert_non_null(strstr(status, "every acquisition"));
	assert_non_null(strstr(status, "forced switches (from _PyEval_EvalFrameDefault)"));

	for (int i = 0; i < PAIRS; i++) {
		traced_python(g, PYENV_BIN, threads_py, &r);
		wthreads[i] = check_workers(&r, "threads", true);
		cbt_trace_run_free(&r.run);

		traced_python(g, PYENV_BIN, processes_py, &r);
		wprocs[i] = check_workers(&r, "processes", true);
		for (int k = 0; k < r.nworkers; k++) /* each worker is a process of its own */
			assert_int_equal(find(&r.run, r.workers[k])->pid, r.workers[k]);
		cbt_trace_run_free(&r.run);
	}
	qsort(wthreads, PAIRS, sizeof(wthreads[0]), cmp_u64);
	qsort(wprocs, PAIRS, sizeof(wprocs[0]), cmp_u64);

	/* each process has its own lock, which nobody else wants: never blocked on it */
	print_message("  median time blocked on the lock: threads %.2f ms, processes %.2f ms\n",
		      wthreads[PAIRS / 2] / 1e6, wprocs[PAIRS / 2] / 1e6);
	assert_true(wthreads[PAIRS / 2] > 0);
	assert_true(wprocs[PAIRS - 1] == 0);
	cbt_gil_probe_close(g);
}

static void test_debian_stripped(void **state)
{
	struct cbt_gil_probe *g;
	struct py_run r;
	char status[512];

	(void)state;
	if (!exists(DEBIAN_BIN))
		skip();
	g = open_probe(DEBIAN_BIN, status, sizeof(status));
	assert_non_null(strstr(status, "PyEval_RestoreThread only"));
	assert_non_null(strstr(status, "forced switches, thread start and other acquisitions not "
				       "measured"));
	assert_non_null(strstr(status, "stripped"));

	traced_python(g, DEBIAN_BIN, threads_py, &r);
	check_workers(&r, "threads", false);
	for (size_t i = 0; i < r.run.ntasks; i++)
		assert_true(r.run.tasks[i].gil.forced == 0);
	assert_false(r.run.gil_forced_known);
	cbt_trace_run_free(&r.run);
	cbt_gil_probe_close(g);
}

/* No free-threaded build is installed here: a copy of 3.13's libpython under the free-threaded
 * name (the 't' ABI flag, as in libpython3.13t.so) must be reported as having no GIL, never
 * probed and shown as "no waits". */
static void test_free_threaded_reported(void **state)
{
	static const char lib313[] = "/root/.pyenv/versions/3.13.0/lib/libpython3.13.so.1.0";
	char dir[] = "/tmp/cbt-ft-XXXXXX", path[128], cmd[512], status[512] = "";
	struct cbt_gil_probe *g = NULL;

	(void)state;
	if (!exists(lib313))
		skip();
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/libpython3.13t.so.1.0", dir);
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", lib313, path);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(
	    cbt_gil_probe_open(&g, cbt_tracer_tasks_map_fd(tracer), path, status, sizeof(status)),
	    -1);
	print_message("  %s\n", status);
	assert_null(g);
	assert_non_null(strstr(status, "free-threaded CPython (no GIL)"));
	assert_non_null(strstr(status, "no lock view"));
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void test_not_python(void **state)
{
	struct cbt_gil_probe *g = (struct cbt_gil_probe *)&g;
	char status[512] = "";
	int fd = cbt_tracer_tasks_map_fd(tracer);

	(void)state;
	assert_int_equal(cbt_gil_probe_open(&g, fd, "/bin/true", status, sizeof(status)), -1);
	print_message("  /bin/true: %s\n", status);
	assert_null(g);
	assert_non_null(strstr(status, "no PyEval_RestoreThread in /bin/true"));

	status[0] = '\0';
	assert_int_equal(cbt_gil_probe_open(&g, fd, "/nonexistent/python", status, sizeof(status)),
			 -1);
	print_message("  /nonexistent/python: %s\n", status);
	assert_non_null(strstr(status, "/nonexistent/python"));

	status[0] = '\0';
	assert_int_equal(cbt_gil_probe_open(&g, -1, PYENV_LIB, status, sizeof(status)), -1);
	print_message("  no tracer: %s\n", status);
	assert_true(status[0] != '\0');

	if (access(PYENV_BIN, R_OK) == 0) { /* the executable only links libpython */
		status[0] = '\0';
		assert_int_equal(cbt_gil_probe_open(&g, fd, PYENV_BIN, status, sizeof(status)), -1);
		print_message("  %s: %s\n", PYENV_BIN, status);
		assert_non_null(strstr(status, "libpython3.11"));
	}
	cbt_gil_probe_close(NULL);
}

/* A Python started before the run, sleeping in two threads all along, counts nowhere. */
static void test_scoped_to_the_run(void **state)
{
	static const char outsider_py[] = "import os, threading, time\n"
					  "def w():\n"
					  "    while True:\n"
					  "        time.sleep(0)\n"
					  "for _ in range(2):\n"
					  "    threading.Thread(target=w, daemon=True).start()\n"
					  "os.write(1, b'ready\\n')\n"
					  "while True:\n"
					  "    time.sleep(0)\n";
	int32_t outsiders[16];
	int nout = 0, out[2], st;
	struct cbt_gil_probe *g;
	char status[512], buf[16], path[64];
	struct dirent *de;
	struct py_run r;
	DIR *dir;
	pid_t pid;

	(void)state;
	if (!exists(PYENV_LIB) || !exists(PYENV_BIN))
		skip();
	g = open_probe(PYENV_LIB, status, sizeof(status));
	assert_int_equal(pipe(out), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(out[0]);
		dup2(out[1], 1);
		execl(PYENV_BIN, PYENV_BIN, "-c", outsider_py, (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	assert_true(read(out[0], buf, sizeof(buf)) > 0); /* its threads run */

	traced_python(g, PYENV_BIN, threads_py, &r);

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	dir = opendir(path);
	assert_non_null(dir);
	while ((de = readdir(dir)) && nout < 16)
		if (de->d_name[0] != '.')
			outsiders[nout++] = (int32_t)atoi(de->d_name);
	closedir(dir);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	close(out[0]);
	print_message("  outsider %d with %d threads during the run\n", (int)pid, nout);
	assert_true(nout >= 3); /* it was alive, sleeping in its threads, during the run */
	for (int i = 0; i < nout; i++)
		assert_null(find(&r.run, outsiders[i]));
	check_workers(&r, "threads", true); /* includes hist == acquisitions of the run */
	cbt_trace_run_free(&r.run);
	cbt_gil_probe_close(g);
}

/* ids of the cbt_gil_* programs this process holds a descriptor of (its fdinfo): not all
 * loaded ones, since other runs on the machine load and unload their own at any moment (a
 * system-wide count once saw 4 new programs where this probe had opened 2). */
static int own_gil_prog_ids(__u32 *ids, int max)
{
	DIR *d = opendir("/proc/self/fdinfo");
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)) != NULL) {
		char path[300], line[256];
		__u32 id;
		snprintf(path, sizeof(path), "/proc/self/fdinfo/%s", e->d_name);
		FILE *f = e->d_name[0] != '.' ? fopen(path, "r") : NULL;
		while (f && fgets(line, sizeof(line), f)) {
			struct bpf_prog_info info;
			__u32 len = sizeof(info);
			int fd, k;
			if (sscanf(line, "prog_id: %u", &id) != 1)
				continue;
			for (k = 0; k < n && ids[k] != id; k++)
				;
			if (k < n || n >= max || (fd = bpf_prog_get_fd_by_id(id)) < 0)
				continue;
			memset(&info, 0, sizeof(info));
			if (bpf_obj_get_info_by_fd(fd, &info, &len) == 0 &&
			    strncmp(info.name, "cbt_gil_", 8) == 0)
				ids[n++] = id;
			close(fd);
		}
		if (f)
			fclose(f);
	}
	if (d)
		closedir(d);
	return n;
}

/* How many of the programs still exist. */
static int progs_alive(const __u32 *ids, int n)
{
	int alive = 0;
	for (int i = 0; i < n; i++) {
		int fd = bpf_prog_get_fd_by_id(ids[i]);
		if (fd >= 0)
			alive++, close(fd);
	}
	return alive;
}

static void test_nothing_left_after_close(void **state)
{
	__u32 ours[64];
	int nours, left = -1;
	struct cbt_gil_probe *g;
	char status[512];

	(void)state;
	if (!exists(PYENV_LIB))
		skip();
	g = open_probe(PYENV_LIB, status, sizeof(status));
	nours = own_gil_prog_ids(ours, 64);
	cbt_gil_probe_close(g);
	/* programs are freed asynchronously (after an RCU grace period) */
	for (int i = 0; i < 150 && left; i++) {
		left = progs_alive(ours, nours);
		if (left)
			usleep(20000);
	}
	print_message("  %d cbt_gil_ programs while open, %d left after close\n", nours, left);
	assert_int_equal(nours, 2); /* entry + return: two traps per acquisition */
	assert_int_equal(left, 0);
}

static int setup(void **state)
{
	struct cbt_tracer_config cfg = {.max_tasks = 256};
	char err[512] = "";

	(void)state;
	if (geteuid() != 0 || cbt_tracer_missing_privilege()) {
		print_error("not root: the interpreter-lock probes need root\n");
		return -1;
	}
	if (cbt_tracer_open(&tracer, &cfg, err, sizeof(err)) != 0) {
		print_error("cbt_tracer_open: %s\n", err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	cbt_tracer_close(tracer);
	tracer = NULL;
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pyenv_threads_vs_processes),
	    cmocka_unit_test(test_debian_stripped),
	    cmocka_unit_test(test_not_python),
	    cmocka_unit_test(test_free_threaded_reported),
	    cmocka_unit_test(test_scoped_to_the_run),
	    cmocka_unit_test(test_nothing_left_after_close),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
