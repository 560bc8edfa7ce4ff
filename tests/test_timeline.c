/* test_timeline.c - the timeline's slice builder on hand-made event streams: slices tile each
 * task's life without overlap, the state machine follows the counting path's transitions, a
 * missed switch-in is repaired from the kernel's runtime, flows need both ends. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/timeline.h"

static void ev(struct cbt_timeline *tl, uint8_t type, uint64_t ts, int32_t tid, int32_t other,
	       uint64_t arg)
{
	struct cbt_tl_event e = {.ts = ts, .type = type, .tid = tid, .other = other, .arg = arg};
	e.sys_nr = -1;
	if (type == CBT_TLE_BLOCK) {
		e.sys_nr = 35; /* nanosleep */
		e.reason = CBT_REASON_SLEEP;
	}
	assert_int_equal(cbt_timeline_push(tl, &e), 0);
}

static uint64_t sum_of(const struct cbt_tl_built *b, int32_t tid, int state)
{
	uint64_t s = 0;
	for (size_t i = 0; i < b->nslices; i++)
		if (b->slices[i].tid == tid && (state < 0 || b->slices[i].state == state))
			s += b->slices[i].end - b->slices[i].start;
	return s;
}

static void test_two_tasks(void **state)
{
	(void)state;
	struct cbt_task_record tasks[2] = {{.tid = 10, .created_ns = 1000},
					   {.tid = 11, .created_ns = 1100}};
	struct cbt_trace_run run = {.start_ns = 1000, .end_ns = 3000, .ntasks = 2, .tasks = tasks};
	struct cbt_timeline tl = {0};
	struct cbt_tl_built b;

	/* leader 10 blocked at start: woken at 1050, runs 1060, forks 11 at 1100, blocks 1200 */
	ev(&tl, CBT_TLE_WAKEUP, 1050, 10, 0, 0);
	ev(&tl, CBT_TLE_SWITCH_IN, 1060, 10, 0, 0);
	ev(&tl, CBT_TLE_FORK, 1100, 11, 10, 0);
	ev(&tl, CBT_TLE_BLOCK, 1200, 10, 0, 140);
	ev(&tl, CBT_TLE_SWITCH_IN, 1200, 11, 0, 0);
	/* 11 wakes 10 at 1500, is preempted at 1600 (10 runs), exits at 2000 */
	ev(&tl, CBT_TLE_WAKING, 1500, 10, 11, 0);
	ev(&tl, CBT_TLE_WAKEUP, 1501, 10, 0, 0);
	ev(&tl, CBT_TLE_PREEMPT, 1600, 11, 0, 400);
	ev(&tl, CBT_TLE_SWITCH_IN, 1600, 10, 0, 0);
	ev(&tl, CBT_TLE_BLOCK, 1700, 10, 0, 100);
	ev(&tl, CBT_TLE_SWITCH_IN, 1700, 11, 0, 0);
	ev(&tl, CBT_TLE_EXIT, 2000, 11, 0, 300);
	cbt_timeline_sort(&tl);
	assert_int_equal(cbt_timeline_build(&tl, &run, &b), 0);

	/* 10: blocked 1000-1050, runnable -1060, running -1200, blocked -1501, runnable -1600,
	 * running -1700, blocked to the end (3000) */
	assert_int_equal(sum_of(&b, 10, -1), 2000);
	assert_int_equal(sum_of(&b, 10, CBT_TLS_RUNNING), 140 + 100);
	assert_int_equal(sum_of(&b, 10, CBT_TLS_RUNNABLE), 10 + 99);
	assert_int_equal(sum_of(&b, 10, CBT_TLS_BLOCKED), 50 + 301 + 1300);
	/* 11: runnable 1100-1200, running -1600, runnable -1700, running -2000 */
	assert_int_equal(sum_of(&b, 11, -1), 900);
	assert_int_equal(sum_of(&b, 11, CBT_TLS_RUNNING), 700);
	/* no overlaps, in order */
	for (size_t i = 1; i < b.nslices; i++)
		if (b.slices[i].tid == b.slices[i - 1].tid)
			assert_true(b.slices[i].start >= b.slices[i - 1].end);
	/* one flow: 11 (running at 1500) -> 10 (runs at 1600) */
	assert_int_equal(b.nflows, 1);
	assert_int_equal(b.flows[0].waker, 11);
	assert_int_equal(b.flows[0].wakee, 10);
	assert_int_equal(b.flows[0].ts_waker, 1500);
	assert_int_equal(b.flows[0].ts_wakee, 1600);
	/* runnable counter: 10 runnable 1050-1060, 11 from 1100-1200, 10 1501-1600, 11 1600-1700 */
	uint32_t at1100 = 0, at1650 = 0, at2500 = 99;
	for (size_t i = 0; i < b.ncounts; i++) {
		if (b.counts[i].ts <= 1100)
			at1100 = b.counts[i].runnable;
		if (b.counts[i].ts <= 1650)
			at1650 = b.counts[i].runnable;
		if (b.counts[i].ts <= 2500)
			at2500 = b.counts[i].runnable;
	}
	assert_int_equal(at1100, 1);
	assert_int_equal(at1650, 1);
	assert_int_equal(at2500, 0);
	cbt_tl_built_free(&b);
	cbt_timeline_free(&tl);
}

/* A switch-out with no switch-in seen: the Running slice starts `ran` before it. A waking seen
 * while the wakee ran (no effect) draws no flow. */
static void test_missed_switch_in(void **state)
{
	(void)state;
	struct cbt_task_record tasks[2] = {{.tid = 20, .created_ns = 0},
					   {.tid = 21, .created_ns = 0}};
	struct cbt_trace_run run = {.start_ns = 0, .end_ns = 1000, .ntasks = 2, .tasks = tasks};
	struct cbt_timeline tl = {0};
	struct cbt_tl_built b;

	ev(&tl, CBT_TLE_SWITCH_IN, 10, 20, 0, 0);
	ev(&tl, CBT_TLE_SWITCH_IN, 10, 21, 0, 0);
	ev(&tl, CBT_TLE_WAKING, 50, 21, 20, 0); /* 21 is running: no effect */
	ev(&tl, CBT_TLE_BLOCK, 100, 20, 0, 90);
	ev(&tl, CBT_TLE_BLOCK, 120, 21, 0, 110);
	ev(&tl, CBT_TLE_WAKEUP, 300, 20, 0, 0); /* from an interrupt: no waking */
	ev(&tl, CBT_TLE_WAKEUP, 310, 21, 0, 0);
	ev(&tl, CBT_TLE_PREEMPT, 600, 20, 0, 200); /* its switch-in was not reported */
	cbt_timeline_sort(&tl);
	assert_int_equal(cbt_timeline_build(&tl, &run, &b), 0);
	assert_int_equal(b.nflows, 0);
	/* 20: runnable 0-10, running 10-100, blocked 100-300, runnable 300-400, running 400-600,
	 * runnable 600-1000 */
	assert_int_equal(sum_of(&b, 20, -1), 1000);
	assert_int_equal(sum_of(&b, 20, CBT_TLS_RUNNING), 90 + 200);
	assert_int_equal(sum_of(&b, 20, CBT_TLS_RUNNABLE), 10 + 100 + 400);
	assert_int_equal(sum_of(&b, 21, -1), 1000);
	cbt_tl_built_free(&b);
	cbt_timeline_free(&tl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_two_tasks),
	    cmocka_unit_test(test_missed_switch_in),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
