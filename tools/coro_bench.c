/* coro_bench.c - make bench: the native coroutine switch cost (src/backends/coro.c), in ns per
 * switch, for the switch this build uses (x86-64 assembly, or ucontext when compiled with
 * -DCBT_CORO_UCONTEXT). One resume + one yield are two switches; the best of 50 rounds of 100,000
 * (a round short enough to run between two preemptions on a busy machine). */
#include <stdio.h>
#include <time.h>

#include "backends/coro.h"

static volatile unsigned long counter;

static void body(void *arg)
{
	struct cbt_coro *self = arg;

	for (;;) {
		counter++;
		cbt_coro_yield(self);
	}
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int main(void)
{
	struct cbt_coro c;
	const int n = 100000;
	double best = 1e30;

	if (cbt_coro_init(&c, 64 * 1024, body, &c) != 0) {
		perror("cbt_coro_init");
		return 1;
	}
	for (int round = 0; round < 50; round++) {
		double t0 = now_ns();

		for (int i = 0; i < n; i++)
			cbt_coro_resume(&c);
		double per = (now_ns() - t0) / (2.0 * n);
		if (per < best)
			best = per;
	}
	printf("%s %.1f\n", cbt_coro_switch_kind(), best);
	cbt_coro_destroy(&c);
	return 0;
}
