/* pool.c - thread and process pools; see pool.h. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "backends/pool.h"
#include "util/fd_io.h"
#include "util/proc.h"

struct cbt_pool {
	enum cbt_pool_kind kind;
	const struct cbt_run_env *env;
	unsigned nworkers, started;
	int notify_fd; /* threads: eventfd written per completion; processes: the result pipe */
	/* threads */
	pthread_t *threads;
	pthread_mutex_t mu;
	pthread_cond_t work_cv, done_cv;
	unsigned *queue, qhead, qcount, cap; /* submitted task numbers (ring) */
	struct cbt_pool_done *done;	     /* finished, not yet collected (ring) */
	unsigned dhead, dcount;
	int shutdown;
	/* processes */
	pid_t *pids;
	int task_pipe[2], result_pipe[2];
};

unsigned cbt_pool_workers(const struct cbt_params *p)
{
	cpu_set_t set;
	if (p->workers)
		return p->workers;
	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		return (unsigned)CPU_COUNT(&set);
	return 1;
}

static void run_task(const struct cbt_run_env *env, unsigned index, struct cbt_pool_done *d)
{
	struct cbt_task_ctx ctx;
	cbt_task_ctx_init(&ctx, env, index);
	cbt_task_run(env->workload, &ctx);
	d->index = index;
	d->error = ctx.error;
	d->checksum = ctx.checksum;
}

/* ---- threads ---- */

static void *thread_worker(void *arg)
{
	struct cbt_pool *p = arg;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->qcount && !p->shutdown)
			pthread_cond_wait(&p->work_cv, &p->mu);
		if (!p->qcount)
			break;
		unsigned index = p->queue[p->qhead];
		p->qhead = (p->qhead + 1) % p->cap;
		p->qcount--;
		pthread_mutex_unlock(&p->mu);

		struct cbt_pool_done d;
		run_task(p->env, index, &d);

		pthread_mutex_lock(&p->mu);
		p->done[(p->dhead + p->dcount++) % p->cap] = d;
		pthread_cond_signal(&p->done_cv);
		if (p->notify_fd >= 0) {
			uint64_t one = 1;
			if (write(p->notify_fd, &one, sizeof(one)) < 0) {
				/* an eventfd write of 1 cannot fail short of overflow */
			}
		}
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

static int threads_start(struct cbt_pool *p, int notify)
{
	p->cap = p->env->params->tasks;
	p->queue = calloc(p->cap, sizeof(*p->queue));
	p->done = calloc(p->cap, sizeof(*p->done));
	p->threads = calloc(p->nworkers, sizeof(*p->threads));
	if (!p->queue || !p->done || !p->threads)
		return -ENOMEM;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work_cv, NULL);
	pthread_cond_init(&p->done_cv, NULL);
	if (notify && (p->notify_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) < 0)
		return -errno;
	for (; p->started < p->nworkers; p->started++) {
		int err = pthread_create(&p->threads[p->started], NULL, thread_worker, p);
		if (err)
			return -err;
	}
	return 0;
}

/* ---- processes ---- */

static void process_worker(struct cbt_pool *p)
{
	close(p->task_pipe[1]);
	close(p->result_pipe[0]);
	for (;;) {
		int32_t index;
		if (cbt_read_full(p->task_pipe[0], &index, sizeof(index), NULL) != 0 || index < 0)
			break;
		struct cbt_pool_done d;
		run_task(p->env, (unsigned)index, &d);
		if (cbt_write_full(p->result_pipe[1], &d, sizeof(d)) != 0)
			break;
	}
	_exit(0);
}

static int processes_start(struct cbt_pool *p, int notify)
{
	(void)notify; /* the result pipe is pollable anyway */
	p->pids = calloc(p->nworkers, sizeof(*p->pids));
	if (!p->pids)
		return -ENOMEM;
	if (pipe2(p->task_pipe, O_CLOEXEC) != 0 || pipe2(p->result_pipe, O_CLOEXEC) != 0)
		return -errno;
	pid_t leader = getpid();
	for (; p->started < p->nworkers; p->started++) {
		pid_t pid = fork();
		if (pid < 0)
			return -errno;
		if (pid == 0) {
			cbt_die_with_parent(leader);
			process_worker(p);
		}
		p->pids[p->started] = pid;
	}
	/* the workers hold these ends: a worker that dies shows as EOF, not as a hang */
	close(p->task_pipe[0]);
	close(p->result_pipe[1]);
	p->task_pipe[0] = p->result_pipe[1] = -1;
	p->notify_fd = p->result_pipe[0];
	return 0;
}

int cbt_pool_start(struct cbt_pool **out, enum cbt_pool_kind kind, unsigned workers,
		   const struct cbt_run_env *env, int notify)
{
	struct cbt_pool *p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->kind = kind;
	p->env = env;
	p->nworkers = workers ? workers : 1;
	p->notify_fd = -1;
	p->task_pipe[0] = p->task_pipe[1] = p->result_pipe[0] = p->result_pipe[1] = -1;
	int rc = kind == CBT_POOL_THREADS ? threads_start(p, notify) : processes_start(p, notify);
	*out = p;
	return rc;
}

int cbt_pool_submit(struct cbt_pool *p, unsigned index)
{
	if (p->kind == CBT_POOL_PROCESSES) {
		int32_t i = (int32_t)index;
		return cbt_write_full(p->task_pipe[1], &i, sizeof(i));
	}
	pthread_mutex_lock(&p->mu);
	p->queue[(p->qhead + p->qcount++) % p->cap] = index;
	pthread_cond_signal(&p->work_cv);
	pthread_mutex_unlock(&p->mu);
	return 0;
}

int cbt_pool_wait(struct cbt_pool *p, struct cbt_pool_done *out)
{
	if (p->kind == CBT_POOL_PROCESSES)
		return cbt_read_full(p->result_pipe[0], out, sizeof(*out), NULL);
	pthread_mutex_lock(&p->mu);
	while (!p->dcount)
		pthread_cond_wait(&p->done_cv, &p->mu);
	*out = p->done[p->dhead];
	p->dhead = (p->dhead + 1) % p->cap;
	p->dcount--;
	pthread_mutex_unlock(&p->mu);
	return 0;
}

int cbt_pool_fd(const struct cbt_pool *p)
{
	return p->notify_fd;
}

int cbt_pool_reap(struct cbt_pool *p, struct cbt_pool_done *out, unsigned max)
{
	unsigned n = 0;
	if (p->kind == CBT_POOL_PROCESSES) {
		/* the fd was readable: one result is there (records are written atomically) */
		if (max && cbt_read_full(p->result_pipe[0], &out[0], sizeof(out[0]), NULL) == 0)
			n = 1;
		return (int)n;
	}
	uint64_t count;
	if (read(p->notify_fd, &count, sizeof(count)) < 0 && errno != EAGAIN)
		return -errno;
	pthread_mutex_lock(&p->mu);
	while (p->dcount && n < max) {
		out[n++] = p->done[p->dhead];
		p->dhead = (p->dhead + 1) % p->cap;
		p->dcount--;
	}
	pthread_mutex_unlock(&p->mu);
	return (int)n;
}

void cbt_pool_stop(struct cbt_pool *p)
{
	if (!p)
		return;
	if (p->kind == CBT_POOL_THREADS) {
		if (p->threads) {
			pthread_mutex_lock(&p->mu);
			p->shutdown = 1;
			pthread_cond_broadcast(&p->work_cv);
			pthread_mutex_unlock(&p->mu);
			for (unsigned i = 0; i < p->started; i++)
				pthread_join(p->threads[i], NULL);
			pthread_mutex_destroy(&p->mu);
			pthread_cond_destroy(&p->work_cv);
			pthread_cond_destroy(&p->done_cv);
		}
		if (p->notify_fd >= 0)
			close(p->notify_fd);
	} else {
		if (p->task_pipe[1] >= 0)
			close(p->task_pipe[1]); /* EOF: every worker exits */
		for (unsigned i = 0; i < p->started; i++)
			while (waitpid(p->pids[i], NULL, 0) < 0 && errno == EINTR)
				;
		for (int i = 0; i < 2; i++) {
			if (p->result_pipe[i] >= 0)
				close(p->result_pipe[i]);
			if (i == 0 && p->task_pipe[0] >= 0)
				close(p->task_pipe[0]);
		}
	}
	free(p->threads);
	free(p->queue);
	free(p->done);
	free(p->pids);
	free(p);
}
