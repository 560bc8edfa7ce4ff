/* test_tracer.c - the tracer against the kernel's own accounting (needs root: CAP_BPF+PERFMON).
 *
 * A forked leader (released through a pipe, like the real runner) forks 2 children and starts 4
 * threads; each of the 6 workers does 1000 x nanosleep(0), which really blocks here. Every task
 * reports its own /proc/thread-self/schedstat just before exiting. The traced numbers must agree
 * with schedstat, with wait4's rusage and with the perf counters.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "model/records.h"
#include "trace/tracer.h"

#define NTHREADS   4
#define NCHILDREN  2
#define NSLEEPS	   1000
#define MAX_REPORT 64

struct report {
	int32_t tid;
	uint64_t run_ns, wait_ns, slices; /* schedstat: on-CPU, run-queue wait, switch-ins */
};

static int report_fd = -1;
static struct cbt_tracer *tracer; /* opened by the group setup, closed by test_close_detaches */

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int read_schedstat(const char *path, uint64_t *run, uint64_t *wait, uint64_t *slices)
{
	char buf[128];
	unsigned long long r = 0, w = 0, c = 0;
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	if (sscanf(buf, "%llu %llu %llu", &r, &w, &c) != 3)
		return -1;
	*run = r;
	*wait = w;
	*slices = c;
	return 0;
}

static void send_schedstat(int32_t tid, const char *path)
{
	struct report r = {.tid = tid};

	if (read_schedstat(path, &r.run_ns, &r.wait_ns, &r.slices) == 0)
		(void)!write(report_fd, &r, sizeof(r)); /* < PIPE_BUF: atomic */
}

static void send_report(void)
{
	send_schedstat((int32_t)syscall(SYS_gettid), "/proc/thread-self/schedstat");
}

static void sleep_loop(void)
{
	struct timespec zero = {0, 0};

	for (int i = 0; i < NSLEEPS; i++)
		nanosleep(&zero, NULL);
}

static void *worker_thread(void *arg)
{
	(void)arg;
	sleep_loop();
	send_report();
	return NULL;
}

static void leader_sleep_workload(void)
{
	pthread_t th[NTHREADS];
	pid_t kids[NCHILDREN];

	for (int i = 0; i < NCHILDREN; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			sleep_loop();
			_exit(0);
		}
	}
	for (int i = 0; i < NTHREADS; i++)
		pthread_create(&th[i], NULL, worker_thread, NULL);
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(th[i], NULL);
	/* a child's totals are final once it is a zombie: report them for it, then reap it */
	for (int i = 0; i < NCHILDREN; i++) {
		siginfo_t si;
		char path[64];

		waitid(P_PID, (id_t)kids[i], &si, WEXITED | WNOWAIT);
		snprintf(path, sizeof(path), "/proc/%d/schedstat", (int)kids[i]);
		send_schedstat(kids[i], path);
		waitpid(kids[i], NULL, 0);
	}
	send_report();
}

static void *pinned_thread(void *arg)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET((int)(intptr_t)arg, &set);
	pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
	sleep_loop();
	send_report();
	return NULL;
}

/* One sleeper per CPU: every wake-up finds its CPU idle, nothing is preempted. */
static void leader_pinned_sleepers(void)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	pthread_t th[64];

	if (ncpu > 64)
		ncpu = 64;
	for (long i = 0; i < ncpu; i++)
		pthread_create(&th[i], NULL, pinned_thread, (void *)(intptr_t)i);
	for (long i = 0; i < ncpu; i++)
		pthread_join(th[i], NULL);
}

static void spin_ms(unsigned ms)
{
	uint64_t end = mono_ns() + ms * 1000000ull; /* vDSO clock only: no syscalls */

	while (mono_ns() < end)
		;
}

static void *pinned_spinner(void *arg)
{
	cpu_set_t set;

	(void)arg;
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
	spin_ms(150);
	send_report();
	return NULL;
}

/* Two spinners sharing CPU 0: their waits all come from preemption by the tick. */
static void leader_shared_cpu_spinners(void)
{
	pthread_t th[2];

	for (int i = 0; i < 2; i++)
		pthread_create(&th[i], NULL, pinned_spinner, NULL);
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
}

static void leader_spin(void)
{
	spin_ms(100);
}

/* Polls /proc/PID/`file` every ms for up to 5 s until `done` says so; fails with `what`. */
static void wait_proc(pid_t pid, const char *file, bool (*done)(const char *), const char *what)
{
	char path[64], buf[512];

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	for (int i = 0; i < 5000; i++) {
		int fd = open(path, O_RDONLY);
		ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

		if (fd >= 0)
			close(fd);
		buf[n > 0 ? n : 0] = '\0';
		if (done(buf))
			return;
		usleep(1000);
	}
	fail_msg("leader %d never %s", (int)pid, what);
}

/* /proc/PID/syscall "0 ...": blocked in read() (the go pipe) */
static bool in_read(const char *syscall_line)
{
	return syscall_line[0] == '0' && syscall_line[1] == ' ';
}

/* /proc/PID/stat "pid (comm) S ...": sleeping (pause() after its body, when held) */
static bool sleeping(const char *stat_line)
{
	const char *p = strrchr(stat_line, ')');

	return p && p[1] == ' ' && p[2] == 'S';
}

static long status_field(pid_t pid, const char *name)
{
	char path[64], line[256];
	size_t len = strlen(name);
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, name, len) == 0 && line[len] == ':')
			v = atol(line + len + 1);
	fclose(f);
	return v;
}

struct traced {
	struct cbt_trace_run run;
	struct rusage ru;
	long base_vcsw, base_ivcsw;		   /* leader's switches before tracking started */
	uint64_t base_run, base_wait, base_slices; /* leader's schedstat before tracking */
	pid_t leader;
	struct report rep[MAX_REPORT];
	int nrep;
};

/* Forks a leader running body once released, traces it from release to reap; with `hold`, the
 * leader pauses after body and the trace ends while it is alive (then it is killed). */
static void run_leader(struct cbt_tracer *t, void (*body)(void), struct traced *out, bool hold)
{
	int go[2], rep[2], status;
	char err[256] = "", c = 'g', path[64];
	ssize_t n;

	memset(out, 0, sizeof(*out));
	assert_int_equal(pipe(go), 0);
	assert_int_equal(pipe(rep), 0);
	out->leader = fork();
	assert_true(out->leader >= 0);
	if (out->leader == 0) {
		char b;

		close(go[1]);
		close(rep[0]);
		report_fd = rep[1];
		if (read(go[0], &b, 1) != 1)
			_exit(2);
		body();
		while (hold)
			pause();
		_exit(0);
	}
	close(go[0]);
	close(rep[1]);
	wait_proc(out->leader, "syscall", in_read, "blocked in read()");
	out->base_vcsw = status_field(out->leader, "voluntary_ctxt_switches");
	out->base_ivcsw = status_field(out->leader, "nonvoluntary_ctxt_switches");
	snprintf(path, sizeof(path), "/proc/%d/schedstat", (int)out->leader);
	assert_int_equal(read_schedstat(path, &out->base_run, &out->base_wait, &out->base_slices),
			 0);

	if (cbt_tracer_begin(t, out->leader, err, sizeof(err)) != 0)
		fail_msg("cbt_tracer_begin: %s", err);
	assert_int_equal(write(go[1], &c, 1), 1);
	close(go[1]);
	if (hold) {
		wait_proc(out->leader, "stat", sleeping, "paused");
		usleep(20000); /* its switch-out is complete */
		if (cbt_tracer_end(t, &out->run, err, sizeof(err)) != 0)
			fail_msg("cbt_tracer_end: %s", err);
		kill(out->leader, SIGKILL);
		assert_int_equal(wait4(out->leader, &status, 0, &out->ru), out->leader);
	} else {
		assert_int_equal(wait4(out->leader, &status, 0, &out->ru), out->leader);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		if (cbt_tracer_end(t, &out->run, err, sizeof(err)) != 0)
			fail_msg("cbt_tracer_end: %s", err);
	}

	while (out->nrep < MAX_REPORT &&
	       (n = read(rep[0], &out->rep[out->nrep], sizeof(out->rep[0]))) == sizeof(out->rep[0]))
		out->nrep++;
	close(rep[0]);
}

static void traced_run(struct cbt_tracer *t, void (*body)(void), struct traced *out)
{
	run_leader(t, body, out, false);
}

static const struct cbt_task_record *find_task(const struct cbt_trace_run *r, int32_t tid)
{
	for (size_t i = 0; i < r->ntasks; i++)
		if (r->tasks[i].tid == tid)
			return &r->tasks[i];
	return NULL;
}

static double rel_diff(double a, double b)
{
	double m = a > b ? a : b;

	return m > 0 ? (a > b ? a - b : b - a) / m : 0;
}

/* Run-queue waits per task vs schedstat (run_delay, pcount), reported by each task before exit.
 *
 * schedstat's run_delay ends at the run queue's clock as of the start of __schedule(). When a
 * wake-up asks the CPU's current task (a busy task, or the idle task) to reschedule, the kernel
 * skips that clock update (rq_clock_skip_update()): run_delay then ends at the wake-up itself and
 * misses the latency until the switch (idle exit, or with PREEMPT_NONE the running task going on
 * until it blocks), which the tracer, timestamping at the tracepoints, does see. Measured here:
 * ~11 us per wake-up from idle, ~5 us under contention. Preemptions by the tick do not skip the
 * update, so there the two must agree. Checked: the number of waits exactly (schedstat's
 * timeslices), the time never below run_delay, and for wake-up waits at most 30 us per wait
 * above it (attributing blocked time to the run queue would add ~60 us per nanosleep here).
 * The same skipped update works the other way for the task that does the waking when the woken
 * task preempts it (a leader creating threads): it is put back on the run queue at the stale
 * clock, so its run_delay starts early and reads high - measured ~25-30 us per wait on the
 * leader (2.97 vs 3.28 ms over 13 waits). So "never below" allows 30 us per wait too. */
enum runq_check { RUNQ_EXACT, RUNQ_WAKEUP_LATENCY };

/* Asserts the counts and bounds; returns whether RUNQ_EXACT agreement held for every task. */
static bool compare_runq(const struct traced *tr, enum runq_check mode)
{
	const struct cbt_trace_run *r = &tr->run;
	bool exact = true;

	print_message("  lost events %llu, recovered wake-ups %llu\n",
		      (unsigned long long)r->lost_events, (unsigned long long)r->recovered_wakeups);
	for (int i = 0; i < tr->nrep; i++) {
		const struct report *p = &tr->rep[i];
		const struct cbt_task_record *k = find_task(r, p->tid);
		uint64_t want = p->wait_ns, slices = p->slices, slack;

		assert_non_null(k);
		if (p->tid == tr->leader) {
			want -= tr->base_wait;
			slices -= tr->base_slices;
		}
		print_message(
		    "  tid %-7d runq wait: traced %8.3f ms in %5llu, schedstat %8.3f ms in "
		    "%5llu, at its final switch-out %8.3f ms in %5llu\n",
		    p->tid, k->runq_wait_ns / 1e6, (unsigned long long)k->runq_waits, want / 1e6,
		    (unsigned long long)slices, k->kernel.run_delay_ns / 1e6,
		    (unsigned long long)k->kernel.pcount);
		/* A task reads its schedstat before it exits, and is switched in again on its exit
		 * path (more often under ASan, whose thread teardown takes locks: 16 switch-ins
		 * after the report measured). So the report bounds the traced figures from below;
		 * from above, the kernel's own accounting read by the tracer at the final
		 * switch-out, which covers the whole life, when there is one. A wait whose wake-up
		 * the kernel did not report (see lost_events) is not counted. */
		uint64_t top_n = slices + 6, top_ns = want;
		if (k->kernel.valid) {
			assert_true(k->kernel.pcount >= slices);
			top_n = k->kernel.pcount;
			top_ns = k->kernel.run_delay_ns > want ? k->kernel.run_delay_ns : want;
		}
		assert_true(k->runq_waits + r->lost_events >= slices && k->runq_waits <= top_n);
		slack = want / 20 > 200000 ? want / 20 : 200000;
		assert_true(k->runq_wait_ns + slack + slices * 30000 >= want);
		slack = top_ns / 20 > 200000 ? top_ns / 20 : 200000;
		if (mode == RUNQ_EXACT)
			exact = exact && k->runq_wait_ns <= top_ns + slack;
		else
			assert_true(k->runq_wait_ns <= top_ns + slack + k->runq_waits * 30000);
	}
	return exact;
}

static void check_perf(const struct cbt_trace_run *r)
{
	for (int i = 0; i < CBT_PERF_COUNT; i++) {
		const struct cbt_perf_value *v = &r->perf[i];

		print_message("  perf %-16s %s %llu\n", cbt_perf_counter_name(i),
			      v->supported ? "supported  " : "unsupported",
			      (unsigned long long)v->value);
		if (i <= CBT_PERF_PAGE_FAULTS)
			assert_true(v->supported);
		/* never "supported" with a zero that only means "could not count" */
		if (i == CBT_PERF_CYCLES || i == CBT_PERF_INSTRUCTIONS)
			assert_true(!v->supported || v->value > 0);
	}
}

static void test_privilege(void **state)
{
	(void)state;
	assert_null(cbt_tracer_missing_privilege());
}

static void test_sleep_workload(void **state __attribute__((unused)))
{
	struct cbt_tracer *t = tracer;
	struct traced *tr = calloc(1, sizeof(*tr));
	const struct cbt_trace_run *r = &tr->run;
	uint64_t ours = 0, kernel, waits = 0, hist = 0, sleeps = 0;

	assert_non_null(tr);
	traced_run(t, leader_sleep_workload, tr);

	print_message("  tasks %zu, lost %llu, untracked %llu, window %.1f ms\n", r->ntasks,
		      (unsigned long long)r->lost_events, (unsigned long long)r->untracked_tasks,
		      (double)(r->end_ns - r->start_ns) / 1e6);
	assert_true(r->enabled);
	assert_int_equal(r->ntasks, 1 + NTHREADS + NCHILDREN);
	assert_int_equal(tr->nrep, 1 + NTHREADS + NCHILDREN);
	assert_int_equal(r->untracked_tasks, 0);
	assert_true(r->start_ns > 0 && r->end_ns > r->start_ns);

	for (size_t i = 0; i < r->ntasks; i++) {
		const struct cbt_task_record *k = &r->tasks[i];
		bool leader = k->tid == tr->leader;
		double life, sum;

		assert_true(k->tid > 0);
		assert_true(k->comm[0] != '\0');
		assert_true(k->exited_ns > 0 && k->first_run_ns >= k->created_ns);
		if (leader) {
			assert_int_equal(k->ppid, 0);
			assert_int_equal(k->pid, tr->leader);
		} else {
			assert_int_equal(k->ppid, tr->leader);
			assert_true(k->pid == tr->leader || k->pid == k->tid);
		}
		ours += k->vol_switches + k->invol_switches;
		waits += k->runq_waits;

		/* every nanosecond of the task's life (to its final switch-out) is in one bucket */
		life = (double)(k->exited_ns - k->created_ns);
		sum = (double)(k->oncpu_ns + k->runq_wait_ns + k->offcpu_ns);
		print_message("  tid %-7d %-10s vol %5llu invol %4llu on %6.2f rq %6.2f off %7.2f "
			      "life %7.2f ms sys %5llu mig %3llu wk %5llu\n",
			      k->tid, k->comm, (unsigned long long)k->vol_switches,
			      (unsigned long long)k->invol_switches, k->oncpu_ns / 1e6,
			      k->runq_wait_ns / 1e6, k->offcpu_ns / 1e6, life / 1e6,
			      (unsigned long long)k->syscalls, (unsigned long long)k->migrations,
			      (unsigned long long)k->wakeups);
		assert_true(rel_diff(sum, life) <= 0.02);

		uint64_t off = 0;
		for (int j = 0; j < CBT_REASON_COUNT; j++)
			off += k->offcpu_by_reason_ns[j];
		assert_true(off == k->offcpu_ns);
		if (!leader) {
			assert_true(k->syscalls >= NSLEEPS);
			assert_true(k->blocks_by_reason[CBT_REASON_SLEEP] >= NSLEEPS * 9 / 10);
			assert_true(k->offcpu_by_reason_ns[CBT_REASON_SLEEP] > k->offcpu_ns * 0.8);
			assert_true(k->wakeups >= NSLEEPS * 9 / 10);
		} else {
			/* the leader waited for its children and threads */
			assert_true(k->blocks_by_reason[CBT_REASON_CHILD] +
					k->blocks_by_reason[CBT_REASON_LOCK] >
				    0);
		}
	}

	(void)compare_runq(tr, RUNQ_WAKEUP_LATENCY);

	/* context switches vs wait4's rusage (leader + its threads + its reaped children) */
	kernel = (uint64_t)(tr->ru.ru_nvcsw + tr->ru.ru_nivcsw) -
		 (uint64_t)(tr->base_vcsw + tr->base_ivcsw);
	print_message("  switches: traced %llu, rusage %llu, perf %llu\n", (unsigned long long)ours,
		      (unsigned long long)kernel,
		      (unsigned long long)r->perf[CBT_PERF_CONTEXT_SWITCHES].value);
	assert_true(ours >= (uint64_t)(NTHREADS + NCHILDREN) * NSLEEPS * 9 / 10);
	/* repaired events (a wake-up and switch-in the tracer missed, inferred from the task's
	 * next event and counted: docs/verify.md, cause open) stay under the 1 % past which the
	 * report calls the trace incomplete; measured 0 to 1 % here, in bursts on one CPU */
	assert_true(r->lost_events * 100 <= ours);
	assert_true(rel_diff((double)ours, (double)kernel) <= 0.02);
	/* perf includes the inherited counts of every exited child and thread */
	assert_true(rel_diff((double)ours, (double)r->perf[CBT_PERF_CONTEXT_SWITCHES].value) <=
		    0.02);
	check_perf(r);

	/* migrations are counted where a task runs on another CPU than last time; perf counts
	 * every switch-in after set_task_cpu() moved it, even back to where it was (A->B->A) */
	uint64_t migr = 0;
	for (size_t i = 0; i < r->ntasks; i++)
		migr += r->tasks[i].migrations;
	print_message("  migrations: traced %llu, perf %llu\n", (unsigned long long)migr,
		      (unsigned long long)r->perf[CBT_PERF_CPU_MIGRATIONS].value);
	assert_true(migr <= r->perf[CBT_PERF_CPU_MIGRATIONS].value + 2);
	assert_true(migr * 2 + 4 >= r->perf[CBT_PERF_CPU_MIGRATIONS].value);

	for (int i = 0; i < CBT_HIST_SLOTS; i++)
		hist += r->rq_hist[i];
	assert_int_equal(hist, waits);

	/* syscalls: only counted ones, sorted by time, named from the kernel's table */
	assert_true(r->nsyscalls > 0);
	for (size_t i = 0; i < r->nsyscalls; i++) {
		const struct cbt_syscall_stat *s = &r->syscalls[i];

		assert_non_null(s->name);
		assert_true(s->count > 0);
		if (i)
			assert_true(r->syscalls[i - 1].time_ns >= s->time_ns);
		if (!strcmp(s->name, "nanosleep") || !strcmp(s->name, "clock_nanosleep"))
			sleeps += s->count;
	}
	print_message("  top syscall %s: %llu calls, %.1f ms\n", r->syscalls[0].name,
		      (unsigned long long)r->syscalls[0].count, r->syscalls[0].time_ns / 1e6);
	assert_true(sleeps >= (uint64_t)(NTHREADS + NCHILDREN) * NSLEEPS);

	/* wakers: the timer interrupt wakes the sleepers; sorted, at most 16 */
	assert_true(r->nwakers > 0 && r->nwakers <= 16);
	for (size_t i = 0; i < r->nwakers; i++) {
		print_message("  waker %-7d %-16s -> %-7d %llu\n", r->wakers[i].waker_tid,
			      r->wakers[i].waker_comm, r->wakers[i].wakee_tid,
			      (unsigned long long)r->wakers[i].count);
		if (i)
			assert_true(r->wakers[i - 1].count >= r->wakers[i].count);
	}
	/* each nanosleep ends with its timer's interrupt: an interrupted task (even one in user
	 * mode, whose interrupts run on its own stack) must not pose as the waker */
	for (size_t i = 0; i < r->ntasks; i++) {
		const struct cbt_task_record *k = &r->tasks[i];
		uint64_t from_irq = 0;

		for (size_t j = 0; j < r->nwakers; j++)
			if (r->wakers[j].wakee_tid == k->tid && r->wakers[j].waker_tid == 0)
				from_irq = r->wakers[j].count;
		/* a wake-up no tracepoint delivered has no waker: it is placed from the kernel's
		 * record of the task (recovered_wakeups, docs/verify.md) or lost. CI once saw 997
		 * of 1,000 from the timer for three tasks with lost 0 (wk 997 of 1,000 blocks). */
		if (k->tid != tr->leader)
			assert_true(from_irq + r->lost_events + r->recovered_wakeups >=
				    NSLEEPS - 2);
	}
	assert_int_equal(r->wakers[0].waker_tid, 0);
	assert_string_equal(r->wakers[0].waker_comm, "[irq]");
	assert_true(r->wakers[0].count >= NSLEEPS * 9 / 10);

	cbt_trace_run_free(&tr->run);
	free(tr);
}

static void test_runq_uncontended(void **state __attribute__((unused)))
{
	struct traced *tr = calloc(1, sizeof(*tr));
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	assert_non_null(tr);
	traced_run(tracer, leader_pinned_sleepers, tr);
	assert_int_equal(tr->run.ntasks, 1 + (ncpu > 64 ? 64 : ncpu));
	assert_int_equal(tr->nrep, ncpu > 64 ? 64 : ncpu);
	(void)compare_runq(tr, RUNQ_WAKEUP_LATENCY);
	cbt_trace_run_free(&tr->run);
	free(tr);
}

/* Tick preemptions leave the kernel's clock fresh, so here traced and schedstat waits agree.
 * Other load on CPU 0 (wake-ups that skip the clock update) can still skew schedstat, so a
 * mismatch is retried: a real accounting error fails every attempt. */
static void test_runq_preempted(void **state __attribute__((unused)))
{
	bool exact = false;

	for (int attempt = 0; attempt < 3 && !exact; attempt++) {
		struct traced *tr = calloc(1, sizeof(*tr));

		assert_non_null(tr);
		traced_run(tracer, leader_shared_cpu_spinners, tr);
		assert_int_equal(tr->run.ntasks, 3);
		assert_int_equal(tr->nrep, 2);
		exact = compare_runq(tr, RUNQ_EXACT);
		for (int i = 0; i < 2; i++) {
			const struct cbt_task_record *k = find_task(&tr->run, tr->rep[i].tid);

			/* sharing a CPU for 150 ms: roughly half of it waiting */
			assert_true(k->runq_wait_ns > 40000000ull && k->invol_switches > 2);
		}
		if (!exact)
			print_message("  (schedstat disagrees: other load on CPU 0? retrying)\n");
		cbt_trace_run_free(&tr->run);
		free(tr);
	}
	assert_true(exact);
}

static void test_cpu_bound_leader(void **state __attribute__((unused)))
{
	struct cbt_tracer *t = tracer;
	struct traced *tr = calloc(1, sizeof(*tr));
	const struct cbt_trace_run *r = &tr->run;
	const struct cbt_task_record *k;

	assert_non_null(tr);
	/* held alive after spinning: perf's task clock stops at the task's exit before the kernel
	 * frees its memory, which se.sum_exec_runtime (and the tracer) count: 1.3 ms for a 1 MB
	 * process here, 38 ms after touching 400 MB, 103 ms after 1.6 GB, more under ASan. With
	 * the trace ended before the exit, both measure the same window. */
	run_leader(t, leader_spin, tr, true);
	assert_int_equal(r->ntasks, 1);
	k = &r->tasks[0];
	print_message("  spin: vol %llu invol %llu on %.1f ms rq %.1f ms off %.1f ms sys %llu; "
		      "kernel: on %.1f ms rq %.1f ms in %llu\n",
		      (unsigned long long)k->vol_switches, (unsigned long long)k->invol_switches,
		      k->oncpu_ns / 1e6, k->runq_wait_ns / 1e6, k->offcpu_ns / 1e6,
		      (unsigned long long)k->syscalls, k->kernel.sum_exec_ns / 1e6,
		      k->kernel.run_delay_ns / 1e6, (unsigned long long)k->kernel.pcount);
	assert_int_equal(k->tid, tr->leader);
	assert_true(k->vol_switches < 100);
	/* 100 ms of wall spinning: on a CPU or waiting for one (other load on the machine takes
	 * its share), and what it got on a CPU is what the kernel's task clock says (+-10 %) */
	assert_true(k->oncpu_ns + k->runq_wait_ns >= 90000000ull);
	assert_true(k->oncpu_ns >= 10000000ull);
	assert_true(k->syscalls < 20);
	check_perf(r);
	assert_true(r->perf[CBT_PERF_TASK_CLOCK].value >= k->oncpu_ns / 10 * 9 &&
		    r->perf[CBT_PERF_TASK_CLOCK].value <= k->oncpu_ns / 10 * 11 + 1000000);
	cbt_trace_run_free(&tr->run);
	free(tr);
}

static void test_misuse(void **state __attribute__((unused)))
{
	struct cbt_tracer *t = tracer;
	struct cbt_trace_run r;
	char err[256] = "";

	assert_int_equal(cbt_tracer_end(t, &r, err, sizeof(err)), -1); /* no run in progress */
	assert_true(err[0] != '\0');
	assert_int_equal(cbt_tracer_begin(t, 0, err, sizeof(err)), -1);
	assert_non_null(cbt_tracer_description(t));
	cbt_tracer_close(NULL);
}

/* ids of the BPF programs this process holds (prog and link fds in /proc/self/fdinfo) */
static int own_prog_ids(int *ids, int max, int *nlinks)
{
	char path[64], line[256];
	int n = 0;

	*nlinks = 0;
	for (int fd = 0; fd < 1024; fd++) {
		FILE *f;
		int id = -1;
		bool link = false;

		snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
		f = fopen(path, "r");
		if (!f)
			continue;
		while (fgets(line, sizeof(line), f)) {
			sscanf(line, "prog_id: %d", &id);
			if (!strncmp(line, "link_id:", 8))
				link = true;
		}
		fclose(f);
		if (id < 0)
			continue;
		*nlinks += link;
		bool seen = false;
		for (int i = 0; i < n; i++)
			seen = seen || ids[i] == id;
		if (!seen && n < max)
			ids[n++] = id;
	}
	return n;
}

/* how many of ids still exist, as programs or as the program of a link (bpftool's view) */
static int still_loaded(const int *ids, int nids)
{
	char line[512], cmd[64];
	int n = 0;
	FILE *f;

	for (int i = 0; i < nids; i++) {
		snprintf(cmd, sizeof(cmd), "bpftool prog show id %d >/dev/null 2>&1", ids[i]);
		if (system(cmd) == 0)
			n++;
	}
	f = popen("bpftool link show 2>/dev/null", "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		char *p = strstr(line, "prog ");

		for (int i = 0; p && i < nids; i++)
			if (atoi(p + 5) == ids[i])
				n++;
	}
	pclose(f);
	return n;
}

static void test_close_detaches(void **state)
{
	int ids[64], nids, nlinks, left = -1;
	char cmd[128];

	(void)state;
	nids = own_prog_ids(ids, 64, &nlinks);
	print_message("  %d programs, %d links held before close\n", nids, nlinks);
	assert_true(nids >= 6 && nlinks >= 6);
	for (int i = 0; i < nids; i++) { /* our programs all carry the cbt_ prefix */
		snprintf(cmd, sizeof(cmd), "bpftool prog show id %d | grep -q ' name cbt_'",
			 ids[i]);
		assert_int_equal(system(cmd), 0);
	}
	cbt_tracer_close(tracer);
	tracer = NULL;
	assert_int_equal(own_prog_ids((int[64]){0}, 64, &nlinks), 0);
	assert_int_equal(nlinks, 0);
	/* programs are freed after an RCU grace period: allow a moment */
	for (int i = 0; i < 100 && left != 0; i++) {
		left = still_loaded(ids, nids);
		if (left)
			usleep(20000);
	}
	assert_int_equal(left, 0);
}

static int setup(void **state)
{
	/* with the perf counters (opt-in in the tool): these tests cross-check them */
	struct cbt_tracer_config cfg = {.max_tasks = 256, .perf_counters = true};
	struct cbt_tracer *t = NULL;
	char err[512] = "";

	(void)state;
	if (cbt_tracer_missing_privilege()) {
		print_error("%s\n", cbt_tracer_missing_privilege());
		return -1;
	}
	if (cbt_tracer_open(&t, &cfg, err, sizeof(err)) != 0) {
		print_error("cbt_tracer_open: %s\n", err);
		return -1;
	}
	tracer = t;
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
	    cmocka_unit_test(test_privilege),	     cmocka_unit_test(test_sleep_workload),
	    cmocka_unit_test(test_runq_uncontended), cmocka_unit_test(test_runq_preempted),
	    cmocka_unit_test(test_cpu_bound_leader), cmocka_unit_test(test_misuse),
	    cmocka_unit_test(test_close_detaches),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
