/* derived.c - see derived.h. */
#include <math.h>
#include <string.h>

#include "analysis/derived.h"

static bool is_sleep(const char *n)
{
	return n && (strcmp(n, "nanosleep") == 0 || strcmp(n, "clock_nanosleep") == 0);
}

static bool is_create(const char *n)
{
	return n && (strcmp(n, "clone") == 0 || strcmp(n, "clone3") == 0 ||
		     strcmp(n, "fork") == 0 || strcmp(n, "vfork") == 0);
}

static void from_syscalls(const struct cbt_summary *s, struct cbt_derived *d)
{
	double sleep_time = 0, create_time = 0;
	for (size_t i = 0; i < s->nsyscalls; i++) {
		if (is_sleep(s->sys[i].name)) {
			d->sleep_calls += s->sys[i].count;
			sleep_time += s->sys[i].time_ns;
		} else if (is_create(s->sys[i].name)) {
			d->creates += s->sys[i].count;
			create_time += s->sys[i].time_ns;
		}
	}
	d->sleep_call_us = d->sleep_calls > 0 ? sleep_time / d->sleep_calls / 1e3 : NAN;
	d->create_call_us = d->creates > 0 ? create_time / d->creates / 1e3 : NAN;
}

/* Work a task did: on-CPU plus time blocked in the work's own calls (not waiting on others). */
static double work_ns(const struct cbt_task_record *t)
{
	return (double)(t->oncpu_ns + t->offcpu_by_reason_ns[CBT_REASON_SLEEP] +
			t->offcpu_by_reason_ns[CBT_REASON_IO] +
			t->offcpu_by_reason_ns[CBT_REASON_POLL]);
}

static void from_median_run(const struct cbt_trace_run *t, struct cbt_derived *d)
{
	double total_work = 0, delay = 0, best = -1;
	for (size_t i = 0; i < t->ntasks; i++) {
		const struct cbt_task_record *k = &t->tasks[i];
		double w = work_ns(k);
		total_work += w;
		if (w > best) {
			best = w;
			d->busiest_tid = k->tid;
			memcpy(d->busiest_comm, k->comm, sizeof(d->busiest_comm));
			d->busiest_busy_s = w / 1e9;
		}
		if (k->ppid != 0 && k->first_run_ns > k->created_ns) {
			delay += (double)(k->first_run_ns - k->created_ns);
			d->created_tasks++;
		}
	}
	d->busiest_work_share = total_work > 0 ? best / total_work : NAN;
	d->startup_delay_us = d->created_tasks > 0 ? delay / d->created_tasks / 1e3 : NAN;
	d->cross_wakeups = (double)t->cross_wakeups;
	for (size_t i = 0; i < t->nwakers; i++) {
		const struct cbt_waker_pair *p = &t->wakers[i];
		bool waker_in_run = false;
		for (size_t k = 0; k < t->ntasks && !waker_in_run; k++)
			waker_in_run = t->tasks[k].tid == p->waker_tid;
		if (waker_in_run && p->waker_tid != p->wakee_tid) {
			if ((double)p->count > d->chain_count) {
				d->chain_count = (double)p->count;
				d->chain_waker = p->waker_tid;
				d->chain_wakee = p->wakee_tid;
			}
		}
	}
}

void cbt_derive(const struct cbt_result *r, const struct cbt_summary *s, int cpus,
		struct cbt_derived *d)
{
	memset(d, 0, sizeof(*d));
	d->cpus = cpus;
	d->wall_s = r->wall.mean;
	double task_ns = s->oncpu_ns + s->runq_ns + s->offcpu_ns;
	if (!s->traced || task_ns <= 0 || !(d->wall_s > 0))
		return;
	d->valid = true;
	d->task_s = task_ns / 1e9;
	d->share_oncpu = s->oncpu_ns / task_ns;
	double cpu_s = s->user_s + s->sys_s;
	d->share_user = cpu_s > 0 ? d->share_oncpu * s->user_s / cpu_s : NAN;
	d->share_sys = cpu_s > 0 ? d->share_oncpu * s->sys_s / cpu_s : NAN;
	d->share_runnable = s->runq_ns / task_ns;
	for (int i = 0; i < CBT_REASON_COUNT; i++)
		d->share_blocked[i] = s->offcpu_by_reason_ns[i] / task_ns;
	/* task time accrues over the tracked window, which also holds the leader's own start and
	 * end: dividing by it keeps averages honest for short runs */
	d->window_s = s->window_ns > 0 ? s->window_ns / 1e9 : d->wall_s;
	if (d->window_s < d->wall_s)
		d->window_s = d->wall_s;
	d->parallelism = s->oncpu_ns / 1e9 / d->window_s;
	d->runnable_avg = s->runq_ns / 1e9 / d->window_s;
	d->concurrency = d->task_s / d->window_s;
	from_syscalls(s, d);
	double sleep_blocks = s->blocks_by_reason[CBT_REASON_SLEEP];
	d->sleep_block_us =
	    sleep_blocks > 0 ? s->offcpu_by_reason_ns[CBT_REASON_SLEEP] / sleep_blocks / 1e3 : NAN;
	d->lock_waits = s->blocks_by_reason[CBT_REASON_LOCK];
	d->lock_waits_per_sleep = d->sleep_calls > 0 ? d->lock_waits / d->sleep_calls : NAN;
	d->switches_per_sleep = d->sleep_calls > 0 ? (s->vol + s->invol) / d->sleep_calls : NAN;
	from_median_run(&r->runs[s->median_run].trace, d);
}
