/* gil_summary.c - see gil_summary.h.
 *
 * Calibration, per run: an uncontended acquisition (never off-CPU, never runnable inside) took
 * the lock at once; its whole entry -> return is the probes' cost plus the lock's own few
 * instructions. Its mean over the run is the cost of one acquisition under the probes. When a
 * run has no uncontended acquisition (every take contended), the smallest on-CPU part of any
 * acquisition stands in. That cost is subtracted from the on-CPU part of every contended
 * acquisition, and reported once, times the acquisitions, as measuring cost. */
#include "analysis/gil_summary.h"

#include <math.h>
#include <string.h>

#include "analysis/analysis.h"

const char cbt_gil_waited_means[] =
    "waited: every acquisition of the lock (take_gil), the time the thread could not run Python "
    "because another held the lock: blocked in its futex + runnable after the hand-off + on-CPU "
    "beyond an uncontended acquisition's cost (measured in this run, shown apart)";
const char cbt_gil_waited_means_retakes[] =
    "waited: retakes of the lock after a blocking call only (PyEval_RestoreThread; take_gil "
    "not in the symbols), split as for take_gil: blocked + runnable after the hand-off + on-CPU "
    "beyond an uncontended retake's cost; forced switches and thread starts not measured";

void cbt_gil_add_run(struct cbt_gil_summary *g, const struct cbt_trace_run *t)
{
	struct cbt_gil_counts c;
	double threads = 0, thread_ns = 0;
	g->execs += (double)t->gil_execs;
	g->exec_held_ns += (double)t->gil_exec_stopped_ns;
	g->exec_stops += (double)t->gil_exec_stops;
	if (!t->gil_probed)
		return;
	if (!g->probed) {
		g->probed = true;
		g->every = t->gil_every;
		g->forced_known = t->gil_forced_known;
	}
	g->every &= t->gil_every;
	g->forced_known &= t->gil_forced_known;
	memset(&c, 0, sizeof(c));
	for (size_t i = 0; i < t->ntasks; i++) {
		const struct cbt_gil_counts *k = &t->tasks[i].gil;
		threads += k->acquisitions > 0;
		if (k->acquisitions > 0) {
			const struct cbt_task_record *r = &t->tasks[i];
			uint64_t life = r->oncpu_ns + r->runq_wait_ns + r->offcpu_ns;
			uint64_t futex = r->offcpu_by_reason_ns[CBT_REASON_LOCK];
			uint64_t other = futex > k->blocked_ns ? futex - k->blocked_ns : 0;
			thread_ns += (double)(life > other ? life - other : 0);
		}
		c.acquisitions += k->acquisitions, c.raw_wait_ns += k->raw_wait_ns;
		c.contended += k->contended, c.blocked_ns += k->blocked_ns;
		c.handoff_ns += k->handoff_ns, c.contended_oncpu_ns += k->contended_oncpu_ns;
		c.uncontended += k->uncontended, c.uncontended_ns += k->uncontended_ns;
		c.preempted += k->preempted, c.preempted_ns += k->preempted_ns;
		c.forced += k->forced, c.forced_wait_ns += k->forced_wait_ns;
		c.forced_hold_ns += k->forced_hold_ns;
		if (k->min_oncpu_ns && (!c.min_oncpu_ns || k->min_oncpu_ns < c.min_oncpu_ns))
			c.min_oncpu_ns = k->min_oncpu_ns;
	}
	double cost = c.uncontended ? (double)c.uncontended_ns / (double)c.uncontended
				    : (double)c.min_oncpu_ns;
	double oncpu = (double)c.contended_oncpu_ns - cost * (double)c.contended;
	if (oncpu < 0)
		oncpu = 0;
	g->threads += threads;
	g->thread_ns += thread_ns;
	g->probe_syscalls += (double)t->probe_syscalls;
	g->acquisitions += (double)c.acquisitions;
	g->contended += (double)c.contended;
	g->uncontended += (double)c.uncontended;
	g->preempted += (double)c.preempted;
	g->forced += (double)c.forced;
	g->blocked_ns += (double)c.blocked_ns;
	g->handoff_ns += (double)c.handoff_ns;
	g->oncpu_ns += oncpu;
	g->wait_ns += (double)c.blocked_ns + (double)c.handoff_ns + oncpu;
	g->preempted_ns += (double)c.preempted_ns;
	g->cost_per_acq_ns += cost;
	g->cost_ns += cost * (double)c.acquisitions;
	g->raw_wait_ns += (double)c.raw_wait_ns;
	g->forced_wait_ns += (double)c.forced_wait_ns;
	g->forced_hold_ns += (double)c.forced_hold_ns;
	for (int i = 0; i < CBT_HIST_SLOTS; i++)
		g->hist[i] += t->gil_hist[i];
}

void cbt_gil_finish(struct cbt_gil_summary *g, double m)
{
	g->p50_ns = g->p99_ns = NAN;
	if (!g->probed || m <= 0)
		return;
	double *v[] = {&g->threads,	   &g->acquisitions,   &g->contended,
		       &g->uncontended,	   &g->preempted,      &g->forced,
		       &g->wait_ns,	   &g->blocked_ns,     &g->handoff_ns,
		       &g->oncpu_ns,	   &g->preempted_ns,   &g->cost_per_acq_ns,
		       &g->cost_ns,	   &g->raw_wait_ns,    &g->forced_wait_ns,
		       &g->forced_hold_ns, &g->probe_syscalls, &g->execs,
		       &g->exec_held_ns,   &g->exec_stops,     &g->thread_ns};
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		*v[i] /= m;
	g->p50_ns = cbt_hist_percentile(g->hist, CBT_HIST_SLOTS, 0.50);
	g->p99_ns = cbt_hist_percentile(g->hist, CBT_HIST_SLOTS, 0.99);
}

double cbt_gil_wait_share(const struct cbt_gil_summary *g)
{
	return g->probed && g->thread_ns > 0 ? g->wait_ns / g->thread_ns : NAN;
}
