/* answer.c - see answer.h.
 *
 * The gap between two runs is split by the parts of task time. In a run, the summed task time T
 * relates to the wall W by the run's concurrency k (tasks in flight on average): T = k W. Part
 * c of the task time, T_c = s_c T, therefore stands for s_c W of the wall, and the parts add up to
 * the wall. The gap W_slow - W_fast is the sum over parts of s_c,slow W_slow - s_c,fast W_fast:
 * a part that grew accounts for a positive share, one that shrank for a negative one.
 *
 * When the parts moved the same way, the two that grew most are named with their share of the
 * gap and the rest is given net: the shares add up to 100 %. When they moved in opposite
 * directions (e.g. lock waits grew by more than the whole gap while run-queue waits shrank),
 * shares of the gap pass 100 % and the rest goes far below zero: true, but unreadable. Then each
 * named part is said as the seconds it added (+) or saved (-) and as a share of the slower run's
 * wall, which stays within 100 %: a part that grew is at most its part of the slower wall, one
 * that shrank at most its part of the faster wall. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis/answer.h"
#include "util/units.h"

#define MIN_RATIO 1.2

void cbt_answer_parts(const struct cbt_summary *s, const struct cbt_derived *d,
		      double parts[CBT_CAUSE_COUNT])
{
	double w = d->wall_s, task_ns = d->task_s * 1e9;
	memset(parts, 0, sizeof(double) * CBT_CAUSE_COUNT);
	parts[CBT_CAUSE_ONCPU] = w * d->share_oncpu;
	parts[CBT_CAUSE_RUNNABLE] = w * d->share_runnable;
	for (int r = 0; r < CBT_REASON_COUNT; r++)
		parts[CBT_CAUSE_BLOCKED + r] = w * d->share_blocked[r];
	if (!s->gil.probed || task_ns <= 0)
		return;
	/* the lock's wait moves out of the futex and run-queue parts it was counted in */
	double blocked = w * s->gil.blocked_ns / task_ns, handoff = w * s->gil.handoff_ns / task_ns;
	double *lock = &parts[CBT_CAUSE_BLOCKED + CBT_REASON_LOCK],
	       *rq = &parts[CBT_CAUSE_RUNNABLE];
	blocked = blocked < *lock ? blocked : *lock;
	handoff = handoff < *rq ? handoff : *rq;
	*lock -= blocked;
	*rq -= handoff;
	parts[CBT_CAUSE_GIL] = blocked + handoff;
}

const char *cbt_cause_name(enum cbt_cause c)
{
	static const char *const fixed[] = {"oncpu", "runnable", "interpreter_lock"};
	static char blocked[CBT_REASON_COUNT][24];
	if (c < CBT_CAUSE_BLOCKED)
		return fixed[c];
	enum cbt_reason r = (enum cbt_reason)(c - CBT_CAUSE_BLOCKED);
	if (!blocked[r][0])
		snprintf(blocked[r], sizeof(blocked[r]), "blocked_%s", cbt_reason_name(r));
	return blocked[r];
}

const char *cbt_answer_split_name(enum cbt_answer_split s)
{
	return s == CBT_SPLIT_GAP ? "gap" : "added_saved";
}

const char *cbt_question_name(enum cbt_question q)
{
	static const char *const names[] = {"slowest_vs_fastest", "contrast", "runtimes"};
	return names[q];
}

/* What a part is called, and the measured numbers that show its mechanism. share_said: the
 * text already gives the part's share of the slower wall, which for the lock is its share of
 * task time when the faster run had none (T_c / T = s_c): not said twice. */
static void describe(enum cbt_cause c, const struct cbt_summary *s, const struct cbt_derived *d,
		     bool share_said, char *name, size_t nlen, char *ev, size_t elen)
{
	char a[32], b[32];
	ev[0] = '\0';
	switch (c) {
	case CBT_CAUSE_ONCPU:
		snprintf(name, nlen, "CPU work");
		snprintf(ev, elen, "%.2f of %d CPUs busy", d->parallelism, d->cpus);
		return;
	case CBT_CAUSE_RUNNABLE:
		snprintf(name, nlen, "waiting for a CPU");
		snprintf(ev, elen, "%.1f tasks runnable for %d CPUs%s, p99 %s", d->runnable_avg,
			 d->cpus, s->others_cpus >= 0.25 ? ", others busy too" : "",
			 cbt_fmt_seconds(a, sizeof(a), s->rq_p99_ns / 1e9));
		return;
	case CBT_CAUSE_GIL:
		snprintf(name, nlen, "waiting for the interpreter lock");
		if (!share_said)
			snprintf(ev, elen, "%.0f %% of task time, ",
				 d->task_s > 0 ? 100 * (s->gil.blocked_ns + s->gil.handoff_ns) /
						     1e9 / d->task_s
					       : 0);
		size_t o = strlen(ev);
		snprintf(ev + o, elen - o, "%.0f acquisitions, p99 %s", s->gil.acquisitions,
			 cbt_fmt_seconds(b, sizeof(b), s->gil.p99_ns / 1e9));
		return;
	default:
		break;
	}
	enum cbt_reason r = (enum cbt_reason)(c - CBT_CAUSE_BLOCKED);
	snprintf(name, nlen, "blocked in %s calls", cbt_reason_name(r));
	if (r == CBT_REASON_SLEEP && d->sleep_calls > 0)
		snprintf(ev, elen, "%s blocked per call, %.2f switches per call",
			 cbt_fmt_seconds(a, sizeof(a), d->sleep_block_us / 1e6),
			 d->switches_per_sleep);
	else if (r == CBT_REASON_LOCK && d->lock_waits > 0)
		snprintf(ev, elen, "%.0f futex waits%s", d->lock_waits,
			 d->sleep_calls > 0 ? "" : " per run");
	if (r == CBT_REASON_LOCK && d->lock_waits > 0 && d->sleep_calls > 0) {
		size_t o = strlen(ev);
		snprintf(ev + o, elen - o, ", %.2f per sleep call", d->lock_waits_per_sleep);
	}
}

static void label(char *buf, size_t len, const struct cbt_result *r)
{
	snprintf(buf, len, "%s", r->job.label);
}

/* The largest part of diff not yet named whose change has the sign `sign` (+1 grew, -1
 * shrank) and is above 5 % of the gap (said in seconds, also 5 % of the slower wall): a smaller
 * part is no cause, it is left in the rest (and keeps an answer within 2 lines); -1 when none. */
static int largest(const struct cbt_answer *a, const double *diff, int sign, double wall_slow)
{
	double floor = 0.05 * a->gap_s;
	if (a->split == CBT_SPLIT_ADDED_SAVED && 0.05 * wall_slow > floor)
		floor = 0.05 * wall_slow;
	int best = -1;
	for (int c = 0; c < CBT_CAUSE_COUNT; c++) {
		bool used = false;
		for (size_t k = 0; k < a->ncauses; k++)
			used |= a->causes[k].cause == (enum cbt_cause)c;
		if (!used && sign * diff[c] > floor &&
		    (best < 0 || sign * diff[c] > sign * diff[best]))
			best = c;
	}
	return best;
}

static void name_cause(struct cbt_answer *a, const double *diff, int c, double wall_slow)
{
	a->causes[a->ncauses++] = (struct cbt_answer_cause){
	    (enum cbt_cause)c, diff[c], diff[c] / a->gap_s, diff[c] / wall_slow};
}

/* Splits the gap into the parts of task time (see the top of the file) and names the largest. */
void cbt_answer_split_gap(struct cbt_answer *a, const double ps[CBT_CAUSE_COUNT],
			  const double pf[CBT_CAUSE_COUNT], double wall_slow, double wall_fast)
{
	double diff[CBT_CAUSE_COUNT], top = 0;
	a->gap_s = wall_slow - wall_fast;
	a->ratio = wall_slow / wall_fast;
	a->added_s = a->saved_s = 0;
	for (int c = 0; c < CBT_CAUSE_COUNT; c++) {
		diff[c] = ps[c] - pf[c];
		if (diff[c] > 0)
			a->added_s += diff[c];
		else
			a->saved_s -= diff[c];
		top = diff[c] > top ? diff[c] : top;
	}
	a->split =
	    a->saved_s < 0.05 * a->gap_s && top <= a->gap_s ? CBT_SPLIT_GAP : CBT_SPLIT_ADDED_SAVED;
	a->ncauses = 0;
	for (int k = 0, c; k < 2 && (c = largest(a, diff, +1, wall_slow)) >= 0; k++)
		name_cause(a, diff, c, wall_slow);
	int c = a->split == CBT_SPLIT_ADDED_SAVED ? largest(a, diff, -1, wall_slow) : -1;
	if (c >= 0)
		name_cause(a, diff, c, wall_slow);
	a->rest_s = a->gap_s;
	for (size_t k = 0; k < a->ncauses; k++)
		a->rest_s -= a->causes[k].seconds;
	a->rest_share = a->rest_s / a->gap_s;
}

static void explain(struct cbt_answer *a, const struct cbt_result *res,
		    const struct cbt_summary *sums, const struct cbt_derived *der)
{
	double ps[CBT_CAUSE_COUNT], pf[CBT_CAUSE_COUNT];
	const struct cbt_derived *ds = &der[a->slow], *df = &der[a->fast];
	cbt_answer_parts(&sums[a->slow], ds, ps);
	cbt_answer_parts(&sums[a->fast], df, pf);
	cbt_answer_split_gap(a, ps, pf, ds->wall_s, df->wall_s);

	char ls[80], lf[80], ws[32], wf[32], x[32];
	label(ls, sizeof(ls), &res[a->slow]);
	label(lf, sizeof(lf), &res[a->fast]);
	size_t o = (size_t)snprintf(a->text, sizeof(a->text), "%s %.1f× slower than %s (%s vs %s)",
				    ls, a->ratio, lf, cbt_fmt_seconds(ws, sizeof(ws), ds->wall_s),
				    cbt_fmt_seconds(wf, sizeof(wf), df->wall_s));
	bool gap = a->split == CBT_SPLIT_GAP;
	for (size_t k = 0; k < a->ncauses && o < sizeof(a->text); k++) {
		const struct cbt_answer_cause *c = &a->causes[k];
		char name[64], ev[160], amount[80];
		describe(c->cause, &sums[a->slow], ds, !gap && pf[c->cause] <= 0, name,
			 sizeof(name), ev, sizeof(ev));
		/* GAP: "81 % of the gap"; ADDED_SAVED: "+7.83 s (91 % of 8.60 s", the slower wall
		 * said once, then "-5.43 s (63 %" */
		if (gap)
			snprintf(amount, sizeof(amount), "%.0f %%%s", 100 * c->share,
				 k ? "" : " of the gap");
		else
			snprintf(amount, sizeof(amount), "%c%s (%.0f %%%s%s",
				 c->seconds < 0 ? '-' : '+',
				 cbt_fmt_seconds(x, sizeof(x), fabs(c->seconds)),
				 100 * fabs(c->wall_share), k ? "" : " of ", k ? "" : ws);
		/* the main cause with the numbers of its mechanism; the next by their amount only,
		 * so an answer stays within 3 lines (their evidence is in the tables) */
		bool main = k == 0 && ev[0];
		const char *open = gap ? " (" : "; ", *close = gap ? ")" : "";
		o += (size_t)snprintf(a->text + o, sizeof(a->text) - o, "%s%s %s%s%s%s%s",
				      k ? "; " : ": ", name, amount, main ? open : "",
				      main ? ev : "", main ? close : "", gap ? "" : ")");
	}
	if (o >= sizeof(a->text))
		return;
	if (!a->ncauses)
		o += (size_t)snprintf(a->text + o, sizeof(a->text) - o,
				      ": no single part of task time stands out");
	if (gap) /* printed, a rest within ±0.5 % is 0 (not "-0"); the data keeps it exact */
		snprintf(a->text + o, sizeof(a->text) - o, "; rest %.0f %%",
			 fabs(a->rest_share) < 0.005 ? 0.0 : 100 * a->rest_share);
	else
		snprintf(a->text + o, sizeof(a->text) - o, "; rest %c%s net",
			 a->rest_s < 0 ? '-' : '+', cbt_fmt_seconds(x, sizeof(x), fabs(a->rest_s)));
}

static bool usable(const struct cbt_result *r, const struct cbt_derived *d)
{
	return r->nruns && d->valid && d->wall_s > 0;
}

static bool asked(const struct cbt_answers *out, size_t slow, size_t fast)
{
	for (size_t i = 0; i < out->n; i++)
		if (out->items[i].slow == slow && out->items[i].fast == fast)
			return true;
	return false;
}

/* Asks about a pair when one is clearly slower; returns whether it was added. */
static void ask(struct cbt_answers *out, enum cbt_question q, size_t x, size_t y,
		const struct cbt_result *res, const struct cbt_summary *sums,
		const struct cbt_derived *der)
{
	size_t slow = der[x].wall_s >= der[y].wall_s ? x : y, fast = slow == x ? y : x;
	if (out->n >= CBT_MAX_ANSWERS || der[slow].wall_s < MIN_RATIO * der[fast].wall_s ||
	    asked(out, slow, fast))
		return;
	struct cbt_answer *a = &out->items[out->n++];
	memset(a, 0, sizeof(*a));
	a->question = q;
	a->workload = res[slow].job.workload;
	a->slow = slow;
	a->fast = fast;
	explain(a, res, sums, der);
}

static void one_workload(const struct cbt_workload *w, const struct cbt_result *res,
			 const struct cbt_summary *sums, const struct cbt_derived *der, size_t n,
			 struct cbt_answers *out)
{
	/* the slowest vs the fastest of each runtime */
	for (int kind = CBT_JOB_NATIVE; kind <= CBT_JOB_COMMAND; kind++) {
		size_t lo = n, hi = n;
		for (size_t i = 0; i < n; i++) {
			if (res[i].job.workload != w || (int)res[i].job.kind != kind ||
			    !usable(&res[i], &der[i]))
				continue;
			if (lo == n || der[i].wall_s < der[lo].wall_s)
				lo = i;
			if (hi == n || der[i].wall_s > der[hi].wall_s)
				hi = i;
		}
		if (lo != n && hi != lo)
			ask(out, CBT_Q_SLOWEST_FASTEST, hi, lo, res, sums, der);
	}
	/* each backend vs the sibling its catalog entry names, in the same runtime */
	for (size_t i = 0; i < n; i++) {
		const struct cbt_backend_info *b = res[i].job.backend;
		if (res[i].job.workload != w || !b || !b->contrast || !usable(&res[i], &der[i]))
			continue;
		for (size_t j = 0; j < n; j++)
			if (res[j].job.workload == w && res[j].job.kind == res[i].job.kind &&
			    res[j].job.backend == b->contrast && usable(&res[j], &der[j]))
				ask(out, CBT_Q_CONTRAST, i, j, res, sums, der);
	}
	/* one runtime vs another: the backend where they differ most */
	size_t bx = n, by = n;
	double best = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			if (res[i].job.workload != w || res[j].job.workload != w ||
			    res[i].job.kind != CBT_JOB_PYTHON ||
			    res[j].job.kind != CBT_JOB_NATIVE ||
			    res[i].job.backend != res[j].job.backend || !usable(&res[i], &der[i]) ||
			    !usable(&res[j], &der[j]))
				continue;
			double r = der[i].wall_s / der[j].wall_s;
			r = r < 1 ? 1 / r : r;
			if (r > best) {
				best = r;
				bx = i;
				by = j;
			}
		}
	if (bx != n)
		ask(out, CBT_Q_RUNTIMES, bx, by, res, sums, der);
}

void cbt_answers_build(const struct cbt_result *results, const struct cbt_summary *sums,
		       const struct cbt_derived *derived, size_t n, struct cbt_answers *out)
{
	out->n = 0;
	for (size_t i = 0; i < n; i++) {
		bool first = true;
		for (size_t j = 0; j < i; j++)
			first &= results[j].job.workload != results[i].job.workload;
		if (first)
			one_workload(results[i].job.workload, results, sums, derived, n, out);
	}
}
