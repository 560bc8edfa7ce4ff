/* analysis.c - see analysis.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"

double cbt_hist_percentile(const uint64_t *hist, size_t slots, double q)
{
	uint64_t total = 0, seen = 0;
	for (size_t i = 0; i < slots; i++)
		total += hist[i];
	if (!total)
		return NAN;
	double target = q * (double)total;
	for (size_t i = 0; i < slots; i++) {
		if (!hist[i])
			continue;
		if ((double)(seen + hist[i]) >= target) {
			double lo = i ? ldexp(1.0, (int)i) : 0.0, hi = ldexp(1.0, (int)i + 1);
			double frac = (target - (double)seen) / (double)hist[i];
			return lo + frac * (hi - lo);
		}
		seen += hist[i];
	}
	return ldexp(1.0, (int)slots);
}

enum cbt_reason cbt_top_reason(const struct cbt_summary *s)
{
	enum cbt_reason best = CBT_REASON_COUNT;
	double t = 0;
	for (int i = 0; i < CBT_REASON_COUNT; i++)
		if (s->offcpu_by_reason_ns[i] > t)
			t = s->offcpu_by_reason_ns[i], best = (enum cbt_reason)i;
	return best;
}

static size_t median_index(const struct cbt_result *r)
{
	size_t best = 0;
	double target = r->wall.median, d = INFINITY;
	for (size_t i = 0; i < r->nruns; i++)
		if (fabs(r->runs[i].wall_s - target) < d)
			d = fabs(r->runs[i].wall_s - target), best = i;
	return best;
}

static void add_syscalls(struct cbt_summary *s, const struct cbt_trace_run *t)
{
	for (size_t i = 0; i < t->nsyscalls; i++) {
		const struct cbt_syscall_stat *st = &t->syscalls[i];
		size_t j = 0;
		while (j < s->nsyscalls && s->sys[j].nr != st->nr)
			j++;
		if (j == s->nsyscalls) {
			if (s->nsyscalls == CBT_MAX_SYSCALL_ROWS)
				continue;
			s->nsyscalls++;
			s->sys[j].nr = st->nr;
			s->sys[j].name = st->name;
		}
		s->sys[j].count += (double)st->count;
		s->sys[j].time_ns += (double)st->time_ns;
	}
}

static int cmp_sys(const void *a, const void *b)
{
	const struct cbt_syscall_row *x = a, *y = b;
	return (x->time_ns < y->time_ns) - (x->time_ns > y->time_ns);
}

static void add_trace(struct cbt_summary *s, const struct cbt_trace_run *t)
{
	s->tasks_seen += (double)t->ntasks;
	s->window_ns += (double)(t->end_ns - t->start_ns);
	s->lost_events += t->lost_events;
	for (int c = 0; c < CBT_LOST_CAUSES; c++)
		s->lost_by[c] += t->lost_by[c];
	s->recovered_wakeups += t->recovered_wakeups;
	s->recovered_switchins += t->recovered_switchins;
	s->untracked_tasks += t->untracked_tasks;
	for (size_t i = 0; i < t->ntasks; i++) {
		const struct cbt_task_record *k = &t->tasks[i];
		s->vol += (double)k->vol_switches;
		s->invol += (double)k->invol_switches;
		s->migrations += (double)k->migrations;
		s->syscalls += (double)k->syscalls;
		s->wakeups += (double)k->wakeups;
		s->oncpu_ns += (double)k->oncpu_ns;
		s->runq_ns += (double)k->runq_wait_ns;
		s->offcpu_ns += (double)k->offcpu_ns;
		for (int r = 0; r < CBT_REASON_COUNT; r++) {
			s->offcpu_by_reason_ns[r] += (double)k->offcpu_by_reason_ns[r];
			s->blocks_by_reason[r] += (double)k->blocks_by_reason[r];
		}
	}
	for (int i = 0; i < CBT_HIST_SLOTS; i++)
		s->rq_hist[i] += t->rq_hist[i];
	cbt_gil_add_run(&s->gil, t);
	add_syscalls(s, t);
	if (!t->perf_requested)
		s->perf_requested = false;
	for (int c = 0; c < CBT_PERF_COUNT; c++) {
		s->perf[c].value += t->perf[c].value;
		if (!t->perf[c].supported || !t->perf_requested)
			s->perf[c].supported = false;
	}
}

void cbt_summarize(const struct cbt_result *r, struct cbt_summary *s)
{
	memset(s, 0, sizeof(*s));
	s->rq_p50_ns = s->rq_p90_ns = s->rq_p99_ns = NAN;
	s->cpu_pct = NAN;
	if (!r->nruns)
		return;
	double n = (double)r->nruns, wall = 0;
	for (size_t i = 0; i < r->nruns; i++) {
		const struct rusage *ru = &r->runs[i].ru;
		s->user_s += (double)ru->ru_utime.tv_sec + (double)ru->ru_utime.tv_usec / 1e6;
		s->sys_s += (double)ru->ru_stime.tv_sec + (double)ru->ru_stime.tv_usec / 1e6;
		s->voluntary += (double)ru->ru_nvcsw;
		s->involuntary += (double)ru->ru_nivcsw;
		s->max_rss_kb += (double)ru->ru_maxrss;
		s->others_cpus += r->runs[i].others_cpus / n;
		wall += r->runs[i].wall_s;
	}
	s->cpu_pct = wall > 0 ? 100.0 * (s->user_s + s->sys_s) / wall : NAN;
	s->user_s /= n, s->sys_s /= n, s->voluntary /= n, s->involuntary /= n;
	s->max_rss_kb /= n;
	s->median_run = median_index(r);

	for (int c = 0; c < CBT_PERF_COUNT; c++)
		s->perf[c].supported = true;
	s->perf_requested = true;
	for (size_t i = 0; i < r->nruns; i++) {
		if (!r->runs[i].traced)
			continue;
		s->traced_runs++;
		add_trace(s, &r->runs[i].trace);
	}
	s->traced = s->traced_runs > 0;
	if (!s->traced) {
		for (int c = 0; c < CBT_PERF_COUNT; c++)
			s->perf[c].supported = false;
		s->perf_requested = false;
		return;
	}
	double m = (double)s->traced_runs;
	s->tasks_seen /= m, s->vol /= m, s->invol /= m, s->migrations /= m, s->syscalls /= m;
	s->wakeups /= m, s->oncpu_ns /= m, s->runq_ns /= m, s->offcpu_ns /= m, s->window_ns /= m;
	for (int i = 0; i < CBT_REASON_COUNT; i++) {
		s->offcpu_by_reason_ns[i] /= m;
		s->blocks_by_reason[i] /= m;
	}
	for (size_t i = 0; i < s->nsyscalls; i++)
		s->sys[i].count /= m, s->sys[i].time_ns /= m;
	qsort(s->sys, s->nsyscalls, sizeof(s->sys[0]), cmp_sys);
	for (int c = 0; c < CBT_PERF_COUNT; c++)
		s->perf[c].value = (uint64_t)llround((double)s->perf[c].value / m);
	s->rq_p50_ns = cbt_hist_percentile(s->rq_hist, CBT_HIST_SLOTS, 0.50);
	s->rq_p90_ns = cbt_hist_percentile(s->rq_hist, CBT_HIST_SLOTS, 0.90);
	s->rq_p99_ns = cbt_hist_percentile(s->rq_hist, CBT_HIST_SLOTS, 0.99);
	cbt_gil_finish(&s->gil, m);
}
