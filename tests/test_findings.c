/* test_findings.c - every findings rule on synthetic records: it fires when its evidence is
 * present, stays silent when it is absent, and prints the right numbers. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/findings.h"

static struct cbt_summary s;
static struct cbt_derived d;
static struct cbt_rule_input in;
static struct cbt_finding f;

static int setup(void **state)
{
	(void)state;
	memset(&s, 0, sizeof(s));
	memset(&d, 0, sizeof(d));
	memset(&f, 0, sizeof(f));
	s.traced = true;
	s.rq_p50_ns = s.rq_p99_ns = NAN;
	d.valid = true;
	d.cpus = 2;
	d.wall_s = 1.0;
	d.window_s = 1.0;
	d.sleep_block_us = d.sleep_call_us = d.create_call_us = d.startup_delay_us = NAN;
	d.busiest_work_share = NAN;
	in = (struct cbt_rule_input){
	    .backend = "b", .tasks = 100, .timer_slack_us = 50, .s = &s, .d = &d};
	return 0;
}

static int run(const char *rule)
{
	for (size_t i = 0; i < cbt_nrules; i++)
		if (strcmp(cbt_rules[i].name, rule) == 0) {
			memset(&f, 0, sizeof(f));
			f.rule = cbt_rules[i].name;
			return cbt_rules[i].fn(&in, &f);
		}
	fail_msg("no rule %s", rule);
	return -1;
}

static double ev(const char *key)
{
	for (size_t i = 0; i < f.nev; i++)
		if (strcmp(f.ev[i].key, key) == 0)
			return f.ev[i].value;
	fail_msg("no evidence %s", key);
	return NAN;
}

static void test_timer_slack(void **state)
{
	(void)state;
	assert_int_equal(run("timer-slack"), 0); /* no sleeps */
	d.sleep_calls = 1000000;
	d.sleep_block_us = 80;
	d.sleep_call_us = 96;
	d.busiest_work_share = 0.99;
	d.wall_s = 96.5;
	assert_int_equal(run("timer-slack"), 1);
	assert_non_null(strstr(f.text, "1000000 short sleeps"));
	assert_non_null(strstr(f.text, "blocked 80 µs"));
	assert_non_null(strstr(f.text, "timer slack of 50 µs"));
	assert_non_null(strstr(f.text, "= 96.00 s of 96.50 s wall"));
	assert_true(fabs(ev("serial_sleep_s") - 96.0) < 1e-9);
	d.sleep_block_us = 5000; /* long sleeps: not about the slack */
	assert_int_equal(run("timer-slack"), 0);
	d.sleep_block_us = 80;
	d.sleep_calls = 999; /* too few to matter */
	assert_int_equal(run("timer-slack"), 0);
}

static void test_serialised(void **state)
{
	(void)state;
	d.busiest_tid = 42;
	memcpy(d.busiest_comm, "leader", 7);
	d.busiest_work_share = 0.999;
	d.busiest_busy_s = 0.95;
	assert_int_equal(run("serialised"), 1);
	assert_non_null(strstr(f.text, "tid 42"));
	assert_non_null(strstr(f.text, "100 % of the run's work"));
	assert_non_null(strstr(f.text, "95 % of the 1.00 s wall"));
	assert_non_null(strstr(f.text, "time, 950 ms, is"));
	/* a wall the script timed itself leaves out the interpreter's start: the busy thread's
	 * time is compared with the traced window then, never said to exceed the wall */
	d.busiest_busy_s = 1.1;
	d.window_s = 1.2;
	assert_int_equal(run("serialised"), 1);
	assert_non_null(strstr(f.text, "92 % of the 1.20 s traced (the 1.00 s wall leaves out"));
	assert_non_null(strstr(f.headline, "(1.10 s of the 1.20 s traced)"));
	d.window_s = 1.0;
	d.busiest_busy_s = 0.5; /* busy for half the wall: something else took the time */
	assert_int_equal(run("serialised"), 0);
	d.busiest_busy_s = 0.95;
	d.busiest_work_share = 0.3; /* work spread over tasks */
	assert_int_equal(run("serialised"), 0);
	d.busiest_work_share = 0.999;
	in.tasks = 1; /* one task: nothing to serialise */
	assert_int_equal(run("serialised"), 0);
}

static void test_lock_convoy(void **state)
{
	(void)state;
	s.tasks_seen = 101;
	d.lock_waits = 101; /* one wait per task (the joins): no convoy */
	assert_int_equal(run("lock-convoy"), 0);
	s.tasks_seen = 3;
	d.lock_waits = 100; /* a pool's leader waiting once per completed task: no convoy */
	assert_int_equal(run("lock-convoy"), 0);
	d.lock_waits = 1500000;
	d.sleep_calls = 1000000;
	d.lock_waits_per_sleep = 1.5;
	s.offcpu_by_reason_ns[CBT_REASON_LOCK] = 60e9;
	d.share_blocked[CBT_REASON_LOCK] = 0.6;
	s.invol = 30000;
	s.rq_p99_ns = 250000;
	d.chain_waker = 7;
	d.chain_wakee = 8;
	d.chain_count = 900;
	assert_int_equal(run("lock-convoy"), 1);
	assert_non_null(strstr(f.text, "1500000 futex waits"));
	assert_non_null(strstr(f.text, "1.50 per sleep call"));
	assert_non_null(strstr(f.text, "60.00 s (60 %"));
	assert_non_null(strstr(f.text, "p99 250 µs"));
	assert_non_null(strstr(f.text, "tid 7 woke tid 8 900 times"));
	assert_true(ev("futex_waits_per_sleep") == 1.5);
}

static void test_cpu_saturation(void **state)
{
	(void)state;
	s.oncpu_ns = 2e9;
	s.runq_ns = 0.1e9;
	d.runnable_avg = 0.1;
	assert_int_equal(run("cpu-saturation"), 0);
	s.runq_ns = 3e9;
	d.runnable_avg = 3.0;
	d.share_runnable = 0.5;
	s.rq_p50_ns = 40000;
	s.rq_p99_ns = 900000;
	assert_int_equal(run("cpu-saturation"), 1);
	assert_non_null(strstr(f.text, "3.0 tasks were runnable"));
	assert_non_null(strstr(f.text, "one of 2 CPUs"));
	assert_non_null(strstr(f.text, "150 % of on-CPU"));
}

static void test_startup(void **state)
{
	(void)state;
	assert_int_equal(run("startup"), 0); /* nothing created */
	d.created_tasks = 100;
	d.creates = 100;
	d.create_call_us = 120;
	d.startup_delay_us = 35;
	d.wall_s = 0.02; /* 12 ms of creation in 20 ms */
	assert_int_equal(run("startup"), 1);
	assert_non_null(strstr(f.text, "creating 100 tasks cost 120 µs each"));
	assert_non_null(strstr(f.text, "60 % of wall"));
	assert_non_null(strstr(f.text, "waited 35 µs"));
	d.wall_s = 10; /* creation is 0.1 % of a long run */
	assert_int_equal(run("startup"), 0);
}

static void test_parallel_and_serialised_cpu(void **state)
{
	(void)state;
	s.oncpu_ns = 1.9e9;
	d.parallelism = 1.9;
	assert_int_equal(run("parallel"), 1);
	assert_string_equal(f.rule, "parallel");
	assert_non_null(strstr(f.text, "1.90 CPUs' worth"));
	d.parallelism = 1.0;
	d.share_oncpu = 0.5;
	d.share_runnable = 0.45;
	assert_int_equal(run("parallel"), 1);
	assert_string_equal(f.rule, "cpu-serialised");
	assert_non_null(strstr(f.text, "only 1.00 CPUs' worth"));
	d.share_oncpu = 0.2; /* waiting for a contended lock to run counts as wanting a CPU */
	d.share_runnable = 0.0;
	d.share_blocked[CBT_REASON_LOCK] = 0.7;
	d.window_s = 1.0;
	s.offcpu_by_reason_ns[CBT_REASON_LOCK] = 1e9; /* one task waiting (a join): no contention */
	assert_int_equal(run("parallel"), 0);
	s.offcpu_by_reason_ns[CBT_REASON_LOCK] = 6e9; /* six tasks waiting at once: contended */
	assert_int_equal(run("parallel"), 1);
	assert_string_equal(f.rule, "cpu-serialised");
	assert_non_null(strstr(f.text, "lock: 70 %"));
	d.share_oncpu = 0.05; /* not CPU-bound: sleeping tasks are not "serialised CPU" */
	d.share_blocked[CBT_REASON_LOCK] = 0.0;
	assert_int_equal(run("parallel"), 0);
}

static void test_pool_handoff(void **state)
{
	(void)state;
	s.tasks_seen = 101; /* a task per logical task: no pool */
	d.cross_wakeups = 300;
	assert_int_equal(run("pool-handoff"), 0);
	s.tasks_seen = 3;
	s.nsyscalls = 2;
	s.sys[0] = (struct cbt_syscall_row){0, "read", 200, 4e6};
	s.sys[1] = (struct cbt_syscall_row){1, "write", 999, 1e6};
	assert_int_equal(run("pool-handoff"), 1);
	assert_non_null(strstr(f.text, "100 tasks ran on 3 kernel tasks"));
	assert_non_null(strstr(f.text, "3.0 wake-ups"));
	assert_non_null(strstr(f.text, "2.0 read/futex/poll calls per task"));
	assert_true(ev("handoff_us_per_task") == 40);
	d.cross_wakeups = 10; /* fewer hand-offs than tasks: not a pool's pattern */
	assert_int_equal(run("pool-handoff"), 0);
}

static void test_io_wait(void **state)
{
	(void)state;
	d.share_blocked[CBT_REASON_IO] = 0.1;
	assert_int_equal(run("io-wait"), 0);
	d.share_blocked[CBT_REASON_IO] = 0.5;
	s.offcpu_by_reason_ns[CBT_REASON_IO] = 3e9;
	d.wall_s = 1.0;
	d.window_s = 1.0;
	s.nsyscalls = 1;
	s.sys[0] = (struct cbt_syscall_row){74, "fsync", 100, 3e9};
	assert_int_equal(run("io-wait"), 1);
	assert_non_null(strstr(f.text, "most in fsync"));
	assert_non_null(strstr(f.text, "3.0× overlap"));
	assert_true(ev("io_overlap") == 3.0);
}

/* The engine: comparisons name the slower backend, the ratio and the biggest difference. */
static void test_comparison(void **state)
{
	(void)state;
	struct cbt_summary s2[2];
	struct cbt_derived d2[2];
	memset(s2, 0, sizeof(s2));
	memset(d2, 0, sizeof(d2));
	for (int i = 0; i < 2; i++) {
		s2[i].traced = true;
		s2[i].rq_p50_ns = s2[i].rq_p99_ns = NAN;
		d2[i].valid = true;
		d2[i].cpus = 2;
		d2[i].sleep_block_us = d2[i].sleep_call_us = d2[i].create_call_us = NAN;
		d2[i].startup_delay_us = d2[i].busiest_work_share = NAN;
	}
	d2[0].wall_s = 8.0; /* slow: lots of lock wait */
	s2[0].offcpu_by_reason_ns[CBT_REASON_LOCK] = 50e9;
	d2[0].task_s = 80;
	d2[0].sleep_calls = 100;
	d2[0].lock_waits_per_sleep = 2.0;
	d2[1].wall_s = 1.0;
	d2[1].task_s = 20;
	static const struct cbt_backend_info gil = {.name = "gil-threads"},
					     thr = {.name = "threads"};
	static const struct cbt_workload yield_loop = {.name = "yield-loop"};
	struct cbt_rule_input ins[2] = {{.backend = "gil-threads",
					 .runtime = CBT_JOB_NATIVE,
					 .info = &gil,
					 .tasks = 10,
					 .s = &s2[0],
					 .d = &d2[0]},
					{.backend = "threads",
					 .runtime = CBT_JOB_NATIVE,
					 .info = &thr,
					 .tasks = 10,
					 .s = &s2[1],
					 .d = &d2[1]}};
	struct cbt_findings out = {0};
	cbt_findings_run(&out, &yield_loop, ins, 2);
	const struct cbt_finding *cmp = NULL;
	for (size_t i = 0; i < out.n; i++)
		if (strcmp(out.items[i].rule, "comparison") == 0)
			cmp = &out.items[i];
	assert_non_null(cmp);
	assert_non_null(strstr(cmp->text, "gil-threads is 8.0× slower than threads"));
	assert_non_null(strstr(cmp->text, "+50.00 s more in lock (futex) wait"));
	assert_non_null(strstr(cmp->text, "2.00 futex waits per sleep call"));
	assert_string_equal(cmp->backends, "gil-threads,threads");
	cbt_findings_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_timer_slack, setup),
	    cmocka_unit_test_setup(test_serialised, setup),
	    cmocka_unit_test_setup(test_lock_convoy, setup),
	    cmocka_unit_test_setup(test_cpu_saturation, setup),
	    cmocka_unit_test_setup(test_startup, setup),
	    cmocka_unit_test_setup(test_parallel_and_serialised_cpu, setup),
	    cmocka_unit_test_setup(test_pool_handoff, setup),
	    cmocka_unit_test_setup(test_io_wait, setup),
	    cmocka_unit_test_setup(test_comparison, setup),
	};
	return cmocka_run_group_tests_name("findings", tests, NULL, NULL);
}
