/* gil.c - see gil.h; the structure follows CPython's take_gil()/drop_gil(). */
#include <errno.h>
#include <time.h>

#include "backends/gil.h"

void cbt_gil_init(struct cbt_gil *g, uint64_t interval_ns)
{
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_mutex_init(&g->mutex, NULL);
	pthread_cond_init(&g->cond, &ca);
	pthread_mutex_init(&g->switch_mutex, NULL);
	pthread_cond_init(&g->switch_cond, NULL);
	pthread_condattr_destroy(&ca);
	g->locked = 0;
	g->last_holder = NULL;
	g->switch_number = 0;
	atomic_store(&g->drop_request, 0);
	g->interval_ns = interval_ns ? interval_ns : 1000;
	g->acquisitions = g->contended = g->drop_requests = g->forced_switches = 0;
}

void cbt_gil_destroy(struct cbt_gil *g)
{
	pthread_mutex_destroy(&g->mutex);
	pthread_cond_destroy(&g->cond);
	pthread_mutex_destroy(&g->switch_mutex);
	pthread_cond_destroy(&g->switch_cond);
}

/* Waits on cond for at most interval; returns 1 if it timed out. */
static int timed_wait(struct cbt_gil *g)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	uint64_t ns = (uint64_t)ts.tv_nsec + g->interval_ns;
	ts.tv_sec += (time_t)(ns / 1000000000ull);
	ts.tv_nsec = (long)(ns % 1000000000ull);
	return pthread_cond_timedwait(&g->cond, &g->mutex, &ts) == ETIMEDOUT;
}

void cbt_gil_take(struct cbt_gil *g, const void *thread)
{
	pthread_mutex_lock(&g->mutex);
	if (g->locked)
		g->contended++;
	while (g->locked) {
		uint64_t saved = g->switch_number;
		int timed_out = timed_wait(g);
		/* waited a whole interval and nobody switched: ask the holder to drop it */
		if (timed_out && g->locked && g->switch_number == saved) {
			atomic_store(&g->drop_request, 1);
			g->drop_requests++;
		}
	}
	pthread_mutex_lock(&g->switch_mutex);
	g->locked = 1;
	if (g->last_holder != thread) {
		g->last_holder = thread;
		g->switch_number++;
	}
	pthread_cond_signal(&g->switch_cond); /* FORCE_SWITCHING: the dropper may retake now */
	pthread_mutex_unlock(&g->switch_mutex);
	atomic_store(&g->drop_request, 0);
	g->acquisitions++;
	pthread_mutex_unlock(&g->mutex);
}

static void release(struct cbt_gil *g)
{
	pthread_mutex_lock(&g->mutex);
	g->locked = 0;
	pthread_cond_signal(&g->cond);
	pthread_mutex_unlock(&g->mutex);
}

void cbt_gil_drop(struct cbt_gil *g, const void *thread)
{
	(void)thread;
	release(g);
}

void cbt_gil_check(struct cbt_gil *g, const void *thread)
{
	if (!atomic_load_explicit(&g->drop_request, memory_order_relaxed))
		return;
	release(g);
	/* forced switching: do not retake before another thread has taken the lock */
	pthread_mutex_lock(&g->switch_mutex);
	if (g->last_holder == thread && atomic_load(&g->drop_request)) {
		g->forced_switches++;
		pthread_cond_wait(&g->switch_cond, &g->switch_mutex);
	}
	pthread_mutex_unlock(&g->switch_mutex);
	cbt_gil_take(g, thread);
}
