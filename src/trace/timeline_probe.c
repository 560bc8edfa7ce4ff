/* timeline_probe.c - loads bpf/timeline.bpf.c with the tracer's (and the lock probe's) maps,
 * drains its ring buffer from a thread while a run executes, and hands the events of the run to
 * the run's record. See timeline_probe.h for the contract.
 */
#include "trace/timeline_probe.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "cbt_bpf.h"
#include "cbt_gil_bpf.h"
#include "cbt_timeline_bpf.h"
#include "model/timeline.h"
#include "timeline.skel.h"
#include "trace/libbpf_log.h"
#include "trace/syscall_names.h"
#include "util/msg.h"

_Static_assert(CBT_TL_SWITCH_IN == CBT_TLE_SWITCH_IN && CBT_TL_PREEMPT == CBT_TLE_PREEMPT &&
		   CBT_TL_BLOCK == CBT_TLE_BLOCK && CBT_TL_EXIT == CBT_TLE_EXIT &&
		   CBT_TL_WAKEUP == CBT_TLE_WAKEUP && CBT_TL_WAKING == CBT_TLE_WAKING &&
		   CBT_TL_FORK == CBT_TLE_FORK && CBT_TL_EXEC == CBT_TLE_EXEC,
	       "event types differ from model/timeline.h");

/* Kernel memory for the ring buffer (a power of 2). Drained every DRAIN_MS, it holds far more
 * than the tasks of a run can produce in that time (~400k events). */
#define RINGBUF_BYTES (16u << 20)
#define DRAIN_MS      10
#define MAX_NR	      512

static const char *syscall_names[MAX_NR];

struct cbt_timeline_probe {
	struct timeline_bpf *skel;
	struct ring_buffer *rb;
	pthread_t thread;
	bool thread_running;
	volatile bool stop;
	struct cbt_timeline *cur; /* the run being streamed (owned until end) */
	uint64_t limit, used;	  /* events allowed over the invocation, and written so far */
};

static int on_event(void *ctx, void *data, size_t size)
{
	struct cbt_timeline_probe *p = ctx;
	const struct cbt_tl_bpf_event *b = data;
	struct cbt_tl_event e;

	if (size < sizeof(*b) || !p->cur)
		return 0;
	memset(&e, 0, sizeof(e));
	e.ts = b->ts;
	e.arg = b->arg;
	e.tid = (int32_t)b->tid;
	e.other = (int32_t)b->other;
	e.type = (uint8_t)b->type;
	e.cpu = b->cpu;
	e.sys_nr = -1;
	switch (b->type) {
	case CBT_TL_BLOCK:
		e.sys_nr = (int16_t)(b->aux >= 0 && b->aux < MAX_NR ? b->aux : -1);
		e.reason =
		    (uint8_t)(b->aux >= 0 ? cbt_reason_of_syscall(b->aux) : CBT_REASON_OTHER);
		e.gil = b->other != 0;
		e.other = 0;
		break;
	case CBT_TL_FORK:
		e.pid = b->aux;
		break;
	case CBT_TL_EXEC:
		if (size >= sizeof(struct cbt_tl_bpf_exec)) {
			const struct cbt_tl_bpf_exec *x = data;
			struct cbt_tl_exec ex = {.ts = b->ts, .tid = (int32_t)b->tid};
			memcpy(ex.comm, x->comm, sizeof(ex.comm));
			ex.comm[sizeof(ex.comm) - 1] = '\0';
			e.pid = b->aux;
			if (cbt_timeline_push_exec(p->cur, &ex))
				p->cur->dropped_ringbuf++; /* could not be kept: counted as lost */
		}
		break;
	}
	if (cbt_timeline_push(p->cur, &e))
		p->cur->dropped_ringbuf++;
	return 0;
}

/* Drains the ring buffer on a timer (the BPF side asks for no wake-up per event). */
static void *drain(void *arg)
{
	struct cbt_timeline_probe *p = arg;
	struct timespec ts = {0, DRAIN_MS * 1000000L};

	while (!p->stop) {
		ring_buffer__consume(p->rb);
		nanosleep(&ts, NULL);
	}
	return NULL;
}

int cbt_timeline_probe_open(struct cbt_timeline_probe **out, const struct cbt_timeline_config *c,
			    char *err, size_t errlen)
{
	struct cbt_timeline_probe *p;
	int e;

	*out = NULL;
	if (!c || c->tasks_map_fd < 0) {
		cbt_msg(err, errlen, "the timeline needs the tracer (no map of tracked tasks)");
		return -1;
	}
	for (int nr = 0; nr < MAX_NR; nr++)
		syscall_names[nr] = cbt_syscall_name(nr);
	p = calloc(1, sizeof(*p));
	if (!p) {
		cbt_msg(err, errlen, "out of memory");
		return -1;
	}
	p->limit = c->limit;
	cbt_libbpf_log_start();
	p->skel = timeline_bpf__open();
	if (!p->skel) {
		cbt_msg(err, errlen, "opening the timeline's BPF object failed: %s",
			strerror(errno));
		goto fail;
	}
	e = bpf_map__reuse_fd(p->skel->maps.cbt_tasks, c->tasks_map_fd);
	if (!e && c->gil_tasks_map_fd >= 0)
		e = bpf_map__reuse_fd(p->skel->maps.cbt_gil_tasks, c->gil_tasks_map_fd);
	else if (!e)
		e = bpf_map__set_max_entries(p->skel->maps.cbt_gil_tasks, 1);
	if (!e)
		e = bpf_map__set_max_entries(p->skel->maps.cbt_tl_events, RINGBUF_BYTES);
	if (e) {
		cbt_msg(err, errlen, "cannot share the tracer's maps with the timeline: %s",
			strerror(-e));
		goto fail;
	}
	e = timeline_bpf__load(p->skel);
	if (!e)
		e = timeline_bpf__attach(p->skel);
	if (e) {
		cbt_msg(err, errlen, "loading the timeline's BPF programs failed: %s%s%s",
			strerror(-e), cbt_libbpf_first_warning()[0] ? " - " : "",
			cbt_libbpf_first_warning());
		goto fail;
	}
	p->rb = ring_buffer__new(bpf_map__fd(p->skel->maps.cbt_tl_events), on_event, p, NULL);
	if (!p->rb) {
		cbt_msg(err, errlen, "cannot map the timeline's ring buffer: %s", strerror(errno));
		goto fail;
	}
	*out = p;
	return 0;
fail:
	cbt_timeline_probe_close(p);
	return -1;
}

int cbt_timeline_probe_begin(struct cbt_timeline_probe *p, char *err, size_t errlen)
{
	sigset_t all, old;
	int e;

	if (!p)
		return 0;
	ring_buffer__consume(p->rb); /* whatever a previous run left */
	free(p->cur);
	p->cur = calloc(1, sizeof(*p->cur));
	if (!p->cur) {
		cbt_msg(err, errlen, "out of memory");
		return -1;
	}
	p->cur->syscall_names = syscall_names;
	p->cur->nsyscall_names = MAX_NR;
	for (int i = 0; i < CBT_TL_CNT_NR; i++)
		p->skel->bss->cbt_tl_counters[i] = 0;
	p->skel->bss->cbt_tl_budget = p->limit > p->used ? p->limit - p->used : 0;
	/* the drain thread must never take the tool's signals (Ctrl-C interrupts the main
	 * thread's wait for the run) */
	p->stop = false;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	e = pthread_create(&p->thread, NULL, drain, p);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (e) {
		cbt_msg(err, errlen, "cannot start the timeline's reader: %s", strerror(e));
		return -1;
	}
	p->thread_running = true;
	__sync_synchronize();
	p->skel->bss->cbt_tl_active = 1;
	__sync_synchronize();
	return 0;
}

int cbt_timeline_probe_end(struct cbt_timeline_probe *p, struct cbt_trace_run *run)
{
	uint64_t emitted;

	if (!p || !p->cur)
		return 0;
	p->skel->bss->cbt_tl_active = 0;
	__sync_synchronize();
	if (p->thread_running) {
		p->stop = true;
		pthread_join(p->thread, NULL);
		p->thread_running = false;
	}
	ring_buffer__consume(p->rb);
	p->cur->dropped_ringbuf += p->skel->bss->cbt_tl_counters[CBT_TL_CNT_DROP_RINGBUF];
	p->cur->dropped_limit = p->skel->bss->cbt_tl_counters[CBT_TL_CNT_DROP_LIMIT];
	emitted = p->skel->bss->cbt_tl_counters[CBT_TL_CNT_EMITTED];
	p->used += emitted > p->cur->dropped_limit ? emitted - p->cur->dropped_limit : 0;
	cbt_timeline_sort(p->cur);
	if (run) {
		cbt_timeline_free(run->timeline);
		free(run->timeline);
		run->timeline = p->cur;
	} else {
		cbt_timeline_free(p->cur);
		free(p->cur);
	}
	p->cur = NULL;
	return 0;
}

void cbt_timeline_probe_close(struct cbt_timeline_probe *p)
{
	if (!p)
		return;
	if (p->thread_running) {
		p->stop = true;
		pthread_join(p->thread, NULL);
	}
	ring_buffer__free(p->rb);
	timeline_bpf__destroy(p->skel); /* detaches and unloads; the reused maps are dups */
	if (p->cur) {
		cbt_timeline_free(p->cur);
		free(p->cur);
	}
	free(p);
}
