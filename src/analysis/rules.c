/* rules.c - the findings rules. Each reads measured numbers only, returns 1 and fills f when
 * its evidence is present, 0 otherwise. Thresholds are named and documented in findings.md. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/text.h"
#include "analysis/findings.h"
#include "util/units.h"

#define SLEEP_MIN_CALLS	      1000   /* sleeps per run before per-call cost is worth a finding */
#define SLEEP_SHORT_US	      2000.0 /* a "short" sleep: blocked less than this per call */
#define SERIAL_WORK_SHARE     0.90   /* one task did >= 90 % of the run's work ... */
#define SERIAL_WALL_SHARE     0.80   /* ... and its work time is >= 80 % of wall */
#define CONVOY_WAITS_PER_TASK 10     /* futex waits per logical task that make a convoy */
#define SATURATION_RUNNABLE   0.5    /* tasks waiting for a CPU on average */
#define SATURATION_VS_ONCPU   0.25   /* run-queue time relative to on-CPU time */
#define STARTUP_WALL_SHARE    0.10   /* task creation's share of wall time */
#define PARALLEL_MIN	      1.3    /* CPUs' worth at once that counts as parallel */
#define LOCK_WAITERS	      1.5    /* tasks waiting on a lock at once: contention */
#define CPU_BOUND_SHARE	      0.5    /* on-CPU + runnable + lock-wait share: CPU-bound */
#define SERIALISED_MAX	      1.15   /* CPU-bound yet no more than this many CPUs' worth */
#define IO_SHARE	      0.20   /* blocked-in-I/O share of task time */
#define GIL_SHARE	      0.10   /* share of thread time waiting for the GIL (gil_summary.h) */
#define GIL_FORCED_SHARE      0.50   /* share of that wait in forced switches: serialised CPU */

static double pct(double x)
{
	return 100.0 * x;
}

/* "Serialised" needs CPUs the run could have used: other processes' load (machine_load) is
 * subtracted, and with fewer than FREE_CPUS_MIN left, low parallelism proves nothing. */
#define FREE_CPUS_MIN 1.5

static double free_cpus(const struct cbt_rule_input *in)
{
	return (double)in->d->cpus - in->s->others_cpus;
}

/* A duration given in ns, with a readable unit ("250 µs", "3.71 ms"). */
#define DUR(ns) cbt_fmt_seconds((char[32]){0}, 32, (ns) / 1e9)

static int rule_timer_slack(const struct cbt_rule_input *in, struct cbt_finding *f)
{
	const struct cbt_derived *d = in->d;
	if (d->sleep_calls < SLEEP_MIN_CALLS || !(d->sleep_block_us < SLEEP_SHORT_US))
		return 0;
	double serial_s = d->sleep_calls * d->sleep_call_us / 1e6;
	int n =
	    snprintf(f->text, sizeof(f->text),
		     "%.0f short sleeps per run each blocked %.0f µs on average (%.0f µs from "
		     "system-call entry to exit) with a timer slack of %.3g µs: a zero-length "
		     "sleep is a real sleep on Linux, an hrtimer rounded up by the slack, then a "
		     "wait for a CPU",
		     d->sleep_calls, d->sleep_block_us, d->sleep_call_us, in->timer_slack_us);
	if (d->busiest_work_share >= SERIAL_WORK_SHARE && n > 0 && (size_t)n < sizeof(f->text))
		snprintf(f->text + n, sizeof(f->text) - (size_t)n,
			 "; one thread paid them one after another: %.0f × %.0f µs = %.2f s of "
			 "%.2f s wall",
			 d->sleep_calls, d->sleep_call_us, serial_s, d->wall_s);
	snprintf(f->headline, sizeof(f->headline),
		 "timer slack: %.0f sleep(0) calls blocked %.0f µs each (slack %.3g µs)%s",
		 d->sleep_calls, d->sleep_block_us, in->timer_slack_us,
		 d->busiest_work_share >= SERIAL_WORK_SHARE ? ", paid one after another" : "");
	cbt_evidence(f, "sleep_calls", d->sleep_calls);
	cbt_evidence(f, "sleep_block_us", d->sleep_block_us);
	cbt_evidence(f, "sleep_call_us", d->sleep_call_us);
	cbt_evidence(f, "timer_slack_us", in->timer_slack_us);
	cbt_evidence(f, "serial_sleep_s", serial_s);
	f->weight = d->busiest_work_share >= SERIAL_WORK_SHARE ? serial_s / d->wall_s
							       : d->share_blocked[CBT_REASON_SLEEP];
	return 1;
}

static int rule_serialised(const struct cbt_rule_input *in, struct cbt_finding *f)
{
	const struct cbt_derived *d = in->d;
	char comm[64]; /* a program's name: its control characters shown escaped */
	if (in->tasks < 2 || !(d->busiest_work_share >= SERIAL_WORK_SHARE) ||
	    d->busiest_busy_s < SERIAL_WALL_SHARE * d->wall_s)
		return 0;
	/* a wall the program timed itself (a Python script) leaves out the interpreter's start,
	 * which the thread's time holds: then the traced window is the span that compares */
	bool traced_span = d->busiest_busy_s > d->wall_s && d->window_s > d->wall_s;
	double span = traced_span ? d->window_s : d->wall_s;
	char what[96];
	if (traced_span)
		snprintf(what, sizeof(what), "%s traced (the %s wall leaves out its start)",
			 DUR(span * 1e9), DUR(d->wall_s * 1e9));
	else
		snprintf(what, sizeof(what), "%s wall", DUR(span * 1e9));
	snprintf(f->text, sizeof(f->text),
		 "one thread (tid %d, %s) carried %.0f %% of the run's work: its on-CPU and "
		 "blocked-in-work time, %s, is %.0f %% of the %s, so the %u tasks ran "
		 "one after another on it (a serial loop or a single event loop: a blocking call "
		 "stops every task)",
		 d->busiest_tid, cbt_term_safe(d->busiest_comm, comm, sizeof(comm)),
		 pct(d->busiest_work_share), DUR(d->busiest_busy_s * 1e9),
		 pct(fmin(1.0, d->busiest_busy_s / span)), what, in->tasks);
	snprintf(f->headline, sizeof(f->headline),
		 "serialised: one thread carried %.0f %% of the work (%s of the %s %s)",
		 pct(d->busiest_work_share), DUR(d->busiest_busy_s * 1e9), DUR(span * 1e9),
		 traced_span ? "traced" : "wall");
	cbt_evidence(f, "busiest_tid", d->busiest_tid);
	cbt_evidence(f, "busiest_work_share", d->busiest_work_share);
	cbt_evidence(f, "busiest_busy_s", d->busiest_busy_s);
	cbt_evidence(f, "wall_s", d->wall_s);
	f->weight = 0.9 * d->busiest_busy_s / d->wall_s; /* ranks just below what it explains */
	return 1;
}

/* Many lock waits per logical task: threads contending for one lock, not a join or a pool's
 * one wait per completed task. */
static bool convoy(const struct cbt_rule_input *in)
{
	return in->s->tasks_seen >= 2 && in->tasks > 0 &&
	       in->d->lock_waits >= CONVOY_WAITS_PER_TASK * (double)in->tasks;
}

static int rule_lock_convoy(const struct cbt_rule_input *in, struct cbt_finding *f)
{
	const struct cbt_derived *d = in->d;
	const struct cbt_summary *s = in->s;
	if (!convoy(in))
		return 0;
	char per_sleep[64] = "", chain[96] = "";
	if (d->sleep_calls > 0)
		snprintf(per_sleep, sizeof(per_sleep), ", %.2f per sleep call",
			 d->lock_waits_per_sleep);
	if (d->chain_count > 0)
		snprintf(chain, sizeof(chain), "; busiest hand-off: tid %d woke tid %d %.0f times",
			 d->chain_waker, d->chain_wakee, d->chain_count);
	snprintf(f->text, sizeof(f->text),
		 "lock convoy: %.0f futex waits per run (%.0f per task%s) kept tasks blocked on a "
		 "lock for %.2f s (%.0f %% of task time); the lock passes from thread to thread, "
		 "each hand-off a wake-up and a run-queue wait (p99 %s), with %.0f "
		 "involuntary switches%s",
		 d->lock_waits, d->lock_waits / s->tasks_seen, per_sleep,
		 s->offcpu_by_reason_ns[CBT_REASON_LOCK] / 1e9,
		 pct(d->share_blocked[CBT_REASON_LOCK]), DUR(s->rq_p99_ns), s->invol, chain);
	if (snprintf(f->headline, sizeof(f->headline),
		     "lock convoy: %.0f futex waits per run%s, %.0f %% of task time blocked on a "
		     "lock",
		     d->lock_waits, per_sleep,
		     pct(d->share_blocked[CBT_REASON_LOCK])) >= (int)sizeof(f->headline))
		/* longer than its line: cut where it shows (the text above has everything) */
		memcpy(f->headline + sizeof(f->headline) - 4, "...", 4);
	cbt_evidence(f, "futex_waits", d->lock_waits);
	cbt_evidence(f, "futex_waits_per_sleep", d->lock_waits_per_sleep);
	cbt_evidence(f, "lock_blocked_s", s->offcpu_by_reason_ns[CBT_REASON_LOCK] / 1e9);
	cbt_evidence(f, "lock_share", d->share_blocked[CBT_REASON_LOCK]);
	cbt_evidence(f, "involuntary_switches", s->invol);
	cbt_evidence(f, "runqueue_p99_us", s->rq_p99_ns / 1e3);
	f->weight = d->share_blocked[CBT_REASON_LOCK];
	return 1;
}

static int rule_cpu_saturation(const struct cbt_rule_input *in, struct cbt_finding *f)
{
	const struct cbt_derived *d = in->d;
	const struct cbt_summary *s = in->s;
	if (d->runnable_avg < SATURATION_RUNNABLE || s->runq_ns < SATURATION_VS_ONCPU * s->oncpu_ns)
		return 0;
	/* other processes' load is measured (machine_load): say whose CPUs were taken */
	char others[96] = "";
	if (s->others_cpus >= 0.25)
		snprintf(others, sizeof(others), " while other processes used %.1f of them",
			 s->others_cpus);
	snprintf(f->text, sizeof(f->text),
		 "CPU saturation: on average %.1f tasks were runnable but waiting for one of %d "
		 "CPUs%s: %.2f s of run-queue wait (%.0f %% of task time, %.0f %% of on-CPU time; "
		 "p50 %s, p99 %s)",
		 d->runnable_avg, d->cpus, others, s->runq_ns / 1e9, pct(d->share_runnable),
		 pct(s->runq_ns / s->oncpu_ns), DUR(s->rq_p50_ns), DUR(s->rq_p99_ns));
	snprintf(f->headline, sizeof(f->headline),
		 "CPU saturation: %.1f tasks runnable for %d CPUs%s, %.0f %% of task time (p99 %s)",
		 d->runnable_avg, d->cpus, others[0] ? " (others busy too)" : "",
		 pct(d->share_runnable), DUR(s->rq_p99_ns));
	cbt_evidence(f, "runnable_avg", d->runnable_avg);
	cbt_evidence(f, "cpus", d->cpus);
	cbt_evidence(f, "runqueue_wait_s", s->runq_ns / 1e9);
	cbt_evidence(f, "others_cpus", s->others_cpus);
	cbt_evidence(f, "runnable_share", d->share_runnable);
	f->weight = d->share_runnable;
	return 1;
}

static int rule_startup(const struct cbt_rule_input *in, struct cbt_finding *f)
{
	const struct cbt_derived *d = in->d;
	(void)in;
	double create_s = d->creates * d->create_call_us / 1e6;
	if (d->created_tasks < 2 || !(create_s >= STARTUP_WALL_SHARE * d->wall_s))
		return 0;
	snprintf(f->text, sizeof(f->text),
		 "startup: creating %.0f tasks cost %.0f µs each in clone/fork (%.3f s, %.0f %% of "
		 "wall), and a new task waited %.0f µs on average from creation to its first "
		 "instruction",
		 d->creates, d->create_call_us, create_s, pct(create_s / d->wall_s),
		 d->startup_delay_us);
	snprintf(f->headline, sizeof(f->headline),
		 "startup: %.0f task creations, %.0f µs each, %.0f %% of the wall", d->creates,
		 d->create_call_us, pct(create_s / d->wall_s));
	cbt_evidence(f, "creates", d->creates);
	cbt_evidence(f, "create_call_us", d->create_call_us);
	cbt_evidence(f, "create_share_of_wall", create_s / d->wall_s);
	cbt_evidence(f, "first_run_delay_us", d->startup_delay_us);
	f->weight = create_s / d->wall_s;
	return 1;
}

static int rule_parallel(const struct cbt_rule_input *in, struct cbt_finding *f)
{
	const struct cbt_derived *d = in->d;
	const struct cbt_summary *s = in->s;
	/* wanting a CPU: on one, waiting for one, or waiting for the lock that lets it run */
	/* lock waits are CPU demand when several tasks wait at once (not one joining leader) */
	double waiters = s->offcpu_by_reason_ns[CBT_REASON_LOCK] / 1e9 / d->window_s;
	double lock = waiters >= LOCK_WAITERS ? d->share_blocked[CBT_REASON_LOCK] : 0.0;
	double want = d->share_oncpu + d->share_runnable + lock;
	bool cpu_bound = want >= CPU_BOUND_SHARE, serialised = false;
	f->rule = "parallel";
	if (d->parallelism >= PARALLEL_MIN) {
		snprintf(
		    f->text, sizeof(f->text),
		    "parallel: %.2f CPUs' worth of work ran at once (%.2f s on-CPU in the run's "
		    "%.2f s, %d CPUs available)",
		    d->parallelism, s->oncpu_ns / 1e9, d->window_s, d->cpus);
	} else if (cpu_bound && in->tasks >= 2 && free_cpus(in) >= FREE_CPUS_MIN &&
		   d->parallelism <= SERIALISED_MAX) {
		f->rule = "cpu-serialised";
		serialised = true;
		snprintf(
		    f->text, sizeof(f->text),
		    "CPU-bound (%.0f %% of task time on a CPU, waiting for one, or waiting for a "
		    "lock: %.0f %% of it) yet only %.2f CPUs' worth ran at once of %d available: "
		    "the CPU work was serialised%s",
		    pct(want), pct(lock), d->parallelism, d->cpus,
		    s->gil.forced > 0 && d->task_s > 0 &&
			    s->gil.wait_ns / 1e9 / d->task_s >= GIL_SHARE
			? " by the interpreter lock (see gil-serialised)"
			: "");
	} else {
		return 0;
	}
	snprintf(f->headline, sizeof(f->headline), "%s: %.2f CPUs' worth ran at once of %d%s",
		 serialised ? "CPU-bound yet serialised" : "parallel", d->parallelism, d->cpus,
		 serialised && s->gil.forced > 0 && d->task_s > 0 &&
			 s->gil.wait_ns / 1e9 / d->task_s >= GIL_SHARE
		     ? " (by the interpreter lock)"
		     : "");
	cbt_evidence(f, "parallelism", d->parallelism);
	cbt_evidence(f, "oncpu_s", s->oncpu_ns / 1e9);
	cbt_evidence(f, "cpus", d->cpus);
	f->weight = serialised ? want : 0.5 * d->share_oncpu;
	return 1;
}

static int rule_pool_handoff(const struct cbt_rule_input *in, struct cbt_finding *f)
{
	const struct cbt_derived *d = in->d;
	const struct cbt_summary *s = in->s;
	if (s->tasks_seen >= in->tasks + 1 || d->cross_wakeups < in->tasks)
		return 0;
	double calls = 0, time_ns = 0;
	static const char *const handoff[] = {"read", "futex", "ppoll", "poll", "epoll_wait"};
	for (size_t i = 0; i < s->nsyscalls; i++)
		for (size_t k = 0; k < sizeof(handoff) / sizeof(handoff[0]); k++)
			if (s->sys[i].name && strcmp(s->sys[i].name, handoff[k]) == 0)
				calls += s->sys[i].count, time_ns += s->sys[i].time_ns;
	snprintf(f->text, sizeof(f->text),
		 "pool hand-off: %u tasks ran on %.0f kernel tasks; moving work to and from the "
		 "workers took %.1f wake-ups between them and %.1f read/futex/poll calls per task "
		 "(%s per task inside those calls, waiting included)",
		 in->tasks, s->tasks_seen, d->cross_wakeups / in->tasks, calls / in->tasks,
		 DUR(time_ns / in->tasks));
	snprintf(f->headline, sizeof(f->headline),
		 "pool hand-off: %.1f wake-ups and %.1f calls per task, %s per task in them",
		 d->cross_wakeups / in->tasks, calls / in->tasks, DUR(time_ns / in->tasks));
	cbt_evidence(f, "kernel_tasks", s->tasks_seen);
	cbt_evidence(f, "cross_wakeups_per_task", d->cross_wakeups / in->tasks);
	cbt_evidence(f, "handoff_calls_per_task", calls / in->tasks);
	cbt_evidence(f, "handoff_us_per_task", time_ns / in->tasks / 1e3);
	f->weight = d->task_s > 0 ? time_ns / 1e9 / d->task_s : 0;
	return 1;
}

static int rule_io_wait(const struct cbt_rule_input *in, struct cbt_finding *f)
{
	const struct cbt_derived *d = in->d;
	const struct cbt_summary *s = in->s;
	double io_s = s->offcpu_by_reason_ns[CBT_REASON_IO] / 1e9;
	if (d->share_blocked[CBT_REASON_IO] < IO_SHARE)
		return 0;
	double overlap = io_s / d->wall_s;
	/* the I/O call that took the most time: fsync and write mean files, read often pipes */
	const char *top = "?";
	for (size_t i = 0; i < s->nsyscalls && top[0] == '?'; i++)
		if (s->sys[i].name &&
		    (strstr(s->sys[i].name, "read") || strstr(s->sys[i].name, "write") ||
		     strstr(s->sys[i].name, "sync") || strstr(s->sys[i].name, "open")))
			top = s->sys[i].name;
	snprintf(f->text, sizeof(f->text),
		 "I/O wait: tasks were blocked in I/O calls %.0f %% of task time (%.2f s, most in "
		 "%s); %.2f s of I/O wait in %.2f s of wall is %.1f× overlap%s",
		 pct(d->share_blocked[CBT_REASON_IO]), io_s, top, io_s, d->wall_s, overlap,
		 overlap < 1.2 ? " (no overlap: the waits happened one at a time)"
			       : " (tasks waited for I/O at the same time)");
	snprintf(f->headline, sizeof(f->headline),
		 "I/O wait: %.0f %% of task time blocked in I/O (most in %s), %.1f× overlap",
		 pct(d->share_blocked[CBT_REASON_IO]), top, overlap);
	cbt_evidence(f, "io_share", d->share_blocked[CBT_REASON_IO]);
	cbt_evidence(f, "io_blocked_s", io_s);
	cbt_evidence(f, "io_overlap", overlap);
	f->weight = d->share_blocked[CBT_REASON_IO];
	return 1;
}

/* The interpreter lock, from the lock probes (every acquisition when take_gil is in the
 * symbols). When the run was CPU-bound yet used no more than one CPU's worth, the lock is the
 * cause of the serialisation, shown by the forced switches and the CPUs used. */
static int rule_gil_wait(const struct cbt_rule_input *in, struct cbt_finding *f)
{
	const struct cbt_derived *d = in->d;
	const struct cbt_gil_summary *g = &in->s->gil;
	if (!g->probed || g->acquisitions <= 0 || d->task_s <= 0)
		return 0;
	double share = cbt_gil_wait_share(g);
	if (!(share >= GIL_SHARE))
		return 0;
	double futex_s = in->s->offcpu_by_reason_ns[CBT_REASON_LOCK] / 1e9;
	/* serialised CPU work: most of the wait was for forced switches (the holder ran Python
	 * until a waiter's switch interval expired), not retakes after blocking calls */
	bool serialised = g->forced_known && g->forced > 0 &&
			  g->forced_wait_ns >= GIL_FORCED_SHARE * g->wait_ns && d->cpus >= 2 &&
			  d->parallelism <= SERIALISED_MAX;
	if (serialised) {
		snprintf(
		    f->text, sizeof(f->text),
		    "interpreter lock: it serialised the CPU work: %.0f CPython threads spent %.0f "
		    "%% of their time (%.2f s) waiting for the GIL, so %.2f CPUs' worth ran at "
		    "once "
		    "of %d available; %.0f forced switches (the eval loop dropped the lock on "
		    "another thread's request after holding it %s on average: CPython's switch "
		    "interval, sys.getswitchinterval(), 5 ms by default); %.2f s blocked in the "
		    "lock's futex, %.2f s runnable after hand-offs",
		    g->threads, pct(share), g->wait_ns / 1e9, d->parallelism, d->cpus, g->forced,
		    DUR(g->forced > 0 ? g->forced_hold_ns / g->forced : 0), g->blocked_ns / 1e9,
		    g->handoff_ns / 1e9);
	} else {
		char per_sleep[64] = "";
		if (d->sleep_calls > 0)
			snprintf(per_sleep, sizeof(per_sleep), " (%.2f per sleep call)",
				 g->acquisitions / d->sleep_calls);
		snprintf(
		    f->text, sizeof(f->text),
		    "interpreter lock: CPython threads spent %.0f %% of their time (%.2f s) "
		    "waiting for the GIL: %.0f acquisitions%s, %.0f of them contended, %s each "
		    "on average, p99 %s; %.2f s blocked in the lock's futex, %.2f s runnable "
		    "after the hand-off (the kernel saw %.2f s of futex waits in all)",
		    pct(share), g->wait_ns / 1e9, g->acquisitions, per_sleep, g->contended,
		    DUR(g->contended > 0 ? g->wait_ns / g->contended : 0), DUR(g->p99_ns),
		    g->blocked_ns / 1e9, g->handoff_ns / 1e9, futex_s);
	}
	if (serialised)
		snprintf(f->headline, sizeof(f->headline),
			 "interpreter lock serialised the work: %.0f %% of task time waiting, "
			 "%.2f of %d CPUs busy, %.0f forced switches",
			 pct(share), d->parallelism, d->cpus, g->forced);
	else
		snprintf(
		    f->headline, sizeof(f->headline),
		    "interpreter lock: %.0f %% of task time waiting for it, %.0f acquisitions, "
		    "p99 %s",
		    pct(share), g->acquisitions, DUR(g->p99_ns));
	/* the serialisation's evidence first (a finding keeps a limited number of values) */
	cbt_evidence(f, "gil_wait_share", share);
	if (g->forced_known) {
		cbt_evidence(f, "gil_forced_switches", g->forced);
		cbt_evidence(f, "gil_hold_before_forced_ms",
			     g->forced > 0 ? g->forced_hold_ns / g->forced / 1e6 : 0);
	}
	cbt_evidence(f, "parallelism", d->parallelism);
	cbt_evidence(f, "cpus", d->cpus);
	cbt_evidence(f, "gil_wait_s", g->wait_ns / 1e9);
	cbt_evidence(f, "gil_blocked_s", g->blocked_ns / 1e9);
	cbt_evidence(f, "gil_handoff_s", g->handoff_ns / 1e9);
	cbt_evidence(f, "gil_acquisitions", g->acquisitions);
	cbt_evidence(f, "gil_contended", g->contended);
	cbt_evidence(f, "gil_wait_p99_us", g->p99_ns / 1e3);
	cbt_evidence(f, "futex_blocked_s", futex_s);
	cbt_evidence(f, "gil_measuring_cost_s", g->cost_ns / 1e9);
	/* the direct cause ranks above its kernel-side symptoms (lock convoy, serialised) */
	f->weight = (serialised ? 1.0 : 0.0) + share + 0.01;
	f->rule = serialised ? "gil-serialised" : "gil-wait";
	return 1;
}

const struct cbt_rule cbt_rules[] = {
    {"gil-wait", rule_gil_wait},
    {"timer-slack", rule_timer_slack},
    {"serialised", rule_serialised},
    {"lock-convoy", rule_lock_convoy},
    {"cpu-saturation", rule_cpu_saturation},
    {"startup", rule_startup},
    {"parallel", rule_parallel},
    {"pool-handoff", rule_pool_handoff},
    {"io-wait", rule_io_wait},
};
const size_t cbt_nrules = sizeof(cbt_rules) / sizeof(cbt_rules[0]);
