/* test_registry.c - the workload and backend registries, workload bodies, coroutines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "backends/backend.h"
#include "backends/coro.h"
#include "backends/workload.h"

static const char *const seed_workloads[] = {
    "fixed-sleep", "variable-sleep", "startup", "yield-loop", "cpu", "io", "mixed"};
static const char *const native_backends[] = {"serial", "threads", "processes", "coroutines"};

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_workload_registry(void **state)
{
	(void)state;
	assert_int_equal(cbt_nworkloads, 7);
	for (unsigned i = 0; i < 7; i++) {
		const struct cbt_workload *w = cbt_workload_find(seed_workloads[i]);
		assert_non_null(w);
		assert_string_equal(w->name, seed_workloads[i]);
		assert_non_null(cbt_workload_body(w));
		assert_true(strlen(w->summary) > 10);
	}
	assert_null(cbt_workload_find("nope"));
	assert_true(cbt_workload_find("io")->needs_io_dir);
	assert_false(cbt_workload_find("cpu")->needs_io_dir);
}

static void test_backend_registry(void **state)
{
	(void)state;
	assert_true(cbt_nbackends >= 4);
	for (unsigned i = 0; i < 4; i++) {
		const struct cbt_backend *b = cbt_backend_find(native_backends[i]);
		assert_non_null(b);
		assert_string_equal(b->info.name, native_backends[i]);
		assert_non_null(b->run);
	}
	assert_null(cbt_backend_find("fibers"));
}

static void test_yield_names(void **state)
{
	(void)state;
	enum cbt_yield_kind k;
	assert_int_equal(cbt_yield_parse("clock_nanosleep", &k), 0);
	assert_int_equal(k, CBT_YIELD_CLOCK_NANOSLEEP);
	assert_string_equal(cbt_yield_name(CBT_YIELD_SCHED_YIELD), "sched_yield");
	assert_int_equal(cbt_yield_parse("yield", &k), -1);
}

static void test_variable_sleep_is_reproducible(void **state)
{
	(void)state;
	struct cbt_params p = {.sleep_s = 2.0, .seed = 42};
	uint64_t first = cbt_variable_sleep_ns(&p, 0);
	int differ = 0;
	for (unsigned i = 0; i < 100; i++) {
		uint64_t d = cbt_variable_sleep_ns(&p, i);
		assert_true(d < 2000000000ull);
		assert_true(d == cbt_variable_sleep_ns(&p, i));
		differ |= d != first;
	}
	assert_true(differ);
	p.seed = 43;
	assert_true(cbt_variable_sleep_ns(&p, 0) != first);
}

static void test_cpu_body_checksum(void **state)
{
	(void)state;
	struct cbt_params p = {.cpu_size = 1000};
	struct cbt_task_ctx a = {.params = &p}, b = {.params = &p};
	cbt_task_run(cbt_workload_find("cpu"), &a);
	cbt_task_run(cbt_workload_find("cpu"), &b);
	assert_int_equal(a.error, 0);
	assert_true(a.checksum != 0);
	assert_true(a.checksum == b.checksum); /* deterministic, so it can't be a stray value */
}

static int order[8], norder;

static void ping(void *arg)
{
	struct cbt_coro *self = arg;
	order[norder++] = 1;
	cbt_coro_yield(self);
	order[norder++] = 3;
}

static void test_coroutine_switch(void **state)
{
	(void)state;
	struct cbt_coro c;
	norder = 0;
	assert_int_equal(cbt_coro_init(&c, 64 * 1024, ping, &c), 0);
	cbt_coro_resume(&c);
	order[norder++] = 2;
	assert_false(c.finished);
	cbt_coro_resume(&c);
	assert_true(c.finished);
	assert_int_equal(norder, 3);
	assert_int_equal(order[0], 1);
	assert_int_equal(order[1], 2);
	assert_int_equal(order[2], 3);
	cbt_coro_destroy(&c);
}

/* Every native backend runs a small yield-loop and a small sleep in this process. */
static void test_backends_run_in_process(void **state)
{
	(void)state;
	struct cbt_params p = {.tasks = 5, .iterations = 20, .sleep_s = 0.1, .seed = 1};
	for (unsigned i = 0; i < 4; i++) {
		const struct cbt_backend *b = cbt_backend_find(native_backends[i]);
		struct cbt_run_env env = {cbt_workload_find("yield-loop"), &p, NULL};
		struct cbt_backend_result r = {0};
		assert_int_equal(b->run(&env, &r), 0);
		assert_int_equal(r.failed_tasks, 0);

		env.workload = cbt_workload_find("fixed-sleep");
		double t0 = now_s();
		assert_int_equal(b->run(&env, &r), 0);
		double wall = now_s() - t0;
		if (strcmp(b->info.name, "serial") == 0)
			assert_true(wall >= 0.5 && wall < 1.5); /* 5 x 0.1 s one after another */
		else
			assert_true(wall >= 0.1 && wall < 0.4); /* 5 x 0.1 s at once */
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_workload_registry),
	    cmocka_unit_test(test_backend_registry),
	    cmocka_unit_test(test_yield_names),
	    cmocka_unit_test(test_variable_sleep_is_reproducible),
	    cmocka_unit_test(test_cpu_body_checksum),
	    cmocka_unit_test(test_coroutine_switch),
	    cmocka_unit_test(test_backends_run_in_process),
	};
	return cmocka_run_group_tests_name("registry", tests, NULL, NULL);
}
