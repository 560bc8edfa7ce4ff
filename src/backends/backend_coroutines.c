/* backend_coroutines.c - N stackful coroutines on ONE thread, run by a cooperative scheduler
 * with an event loop, in the shape of asyncio: tasks start in creation order; a sleep yields to
 * the loop with a timer; when nothing is ready the loop blocks in ppoll() until the earliest
 * timer. A blocking call (the yield-loop's nanosleep(0), write, fsync) blocks the whole loop. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <time.h>

#include "util/clock.h"
#include "backends/backend.h"
#include "backends/coro.h"

#define CORO_STACK (64 * 1024)

struct coro_task {
	struct cbt_coro coro;
	struct cbt_task_ctx ctx;
	const struct cbt_workload *workload;
	uint64_t wake_at;
	struct loop *loop;
};

struct loop {
	struct coro_task **ready; /* FIFO ring of n slots: each task is in it at most once */
	unsigned head, count, n;
	struct coro_task **timers; /* binary min-heap on wake_at */
	unsigned ntimers;
};

static void ready_push(struct loop *l, struct coro_task *t)
{
	l->ready[(l->head + l->count++) % l->n] = t;
}

static struct coro_task *ready_pop(struct loop *l)
{
	struct coro_task *t = l->ready[l->head];
	l->head = (l->head + 1) % l->n;
	l->count--;
	return t;
}

static void timer_push(struct loop *l, struct coro_task *t)
{
	unsigned i = l->ntimers++;
	while (i > 0 && l->timers[(i - 1) / 2]->wake_at > t->wake_at) {
		l->timers[i] = l->timers[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	l->timers[i] = t;
}

static struct coro_task *timer_pop(struct loop *l)
{
	struct coro_task *top = l->timers[0], *last = l->timers[--l->ntimers];
	unsigned i = 0;
	for (;;) {
		unsigned c = 2 * i + 1;
		if (c >= l->ntimers)
			break;
		if (c + 1 < l->ntimers && l->timers[c + 1]->wake_at < l->timers[c]->wake_at)
			c++;
		if (last->wake_at <= l->timers[c]->wake_at)
			break;
		l->timers[i] = l->timers[c];
		i = c;
	}
	if (l->ntimers)
		l->timers[i] = last;
	return top;
}

/* The coroutine's sleep: register a timer and give control back to the loop. */
static void coro_sleep(struct cbt_task_ctx *ctx, uint64_t ns)
{
	struct coro_task *t = ctx->backend_data;
	t->wake_at = cbt_mono_ns() + ns;
	if (ns == 0)
		ready_push(t->loop, t);
	else
		timer_push(t->loop, t);
	cbt_coro_yield(&t->coro);
}

static const struct cbt_task_hooks coro_hooks = {.sleep = coro_sleep};

static void coro_main(void *arg)
{
	struct coro_task *t = arg;
	cbt_task_run(t->workload, &t->ctx);
}

/* Blocks in ppoll() until the earliest timer is due, then makes every due task ready. */
static void wait_for_timers(struct loop *l)
{
	uint64_t now = cbt_mono_ns(), due = l->timers[0]->wake_at;
	if (due > now) {
		struct timespec ts = {.tv_sec = (due - now) / 1000000000ull,
				      .tv_nsec = (due - now) % 1000000000ull};
		while (ppoll(NULL, 0, &ts, NULL) < 0 && errno == EINTR)
			;
		now = cbt_mono_ns();
	}
	while (l->ntimers && l->timers[0]->wake_at <= now)
		ready_push(l, timer_pop(l));
}

static int coroutines_run(const struct cbt_run_env *env, struct cbt_backend_result *res)
{
	unsigned n = env->params->tasks, live = 0;
	struct coro_task *tasks = calloc(n, sizeof(*tasks));
	struct loop l = {.n = n};
	int rc = 0;

	l.ready = calloc(n, sizeof(*l.ready));
	l.timers = calloc(n, sizeof(*l.timers));
	if (!tasks || !l.ready || !l.timers) {
		rc = -ENOMEM;
		goto out;
	}
	for (; live < n; live++) { /* create every task; gather() schedules them in order */
		struct coro_task *t = &tasks[live];
		cbt_task_ctx_init(&t->ctx, env, live);
		t->ctx.hooks = &coro_hooks;
		t->ctx.backend_data = t;
		t->workload = env->workload;
		t->loop = &l;
		rc = cbt_coro_init(&t->coro, CORO_STACK, coro_main, t);
		if (rc)
			break;
		ready_push(&l, t);
	}
	if (rc) { /* could not create them all: run none */
		l.count = 0;
		goto out;
	}
	for (unsigned done = 0; done < n;) {
		while (l.count) {
			struct coro_task *t = ready_pop(&l);
			cbt_coro_resume(&t->coro);
			if (t->coro.finished) {
				cbt_backend_account(res, &t->ctx);
				done++;
			}
		}
		if (l.ntimers)
			wait_for_timers(&l);
	}
out:
	for (unsigned i = 0; i < live; i++)
		cbt_coro_destroy(&tasks[i].coro);
	free(l.ready);
	free(l.timers);
	free(tasks);
	return rc;
}

const struct cbt_backend cbt_backend_coroutines = {
    .info = {"coroutines",
	     "N coroutines on one thread, an event loop; sleeps yield, blocking calls block all",
	     "one event loop on one thread (ppoll until the next timer)", 0, true},
    .run = coroutines_run};
