/* report_text.c - the terminal report: what ran, how long it took, what the kernel did. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/experiments_out.h"
#include "report/report_verify.h"
#include "report/exporter.h"
#include "report/report_text.h"
#include "report/seed_text.h"
#include "report/columns.h"
#include "util/text.h"

static void header(FILE *f, const struct cbt_report *rep, const struct cbt_workload_info *wi)
{
	const struct cbt_params *p = &rep->opts->params;
	const char *w = wi->workload->name;
	char what[160], runs[64], a[32];

	switch (wi->workload->kind) {
	case CBT_WORKLOAD_YIELD_LOOP:
		snprintf(what, sizeof(what), "%u tasks × %u %s(0)", p->tasks, p->iterations,
			 cbt_yield_name(p->yield));
		break;
	case CBT_WORKLOAD_FIXED_SLEEP:
	case CBT_WORKLOAD_VARIABLE_SLEEP:
		snprintf(what, sizeof(what), "%u tasks × sleep %s%s", p->tasks,
			 wi->workload->kind == CBT_WORKLOAD_VARIABLE_SLEEP ? "U(0,1) × " : "",
			 cbt_fmt_seconds(a, sizeof(a), p->sleep_s));
		break;
	case CBT_WORKLOAD_CPU:
		snprintf(what, sizeof(what), "%u tasks × %u squares (one task alone: %s)", p->tasks,
			 p->cpu_size, cbt_fmt_seconds(a, sizeof(a), wi->task_cpu_ms / 1e3));
		break;
	case CBT_WORKLOAD_IO:
		snprintf(what, sizeof(what), "%u tasks × %u bytes in %u-byte writes + fsync",
			 p->tasks, p->io_size, p->io_block);
		break;
	case CBT_WORKLOAD_MIXED:
		snprintf(what, sizeof(what), "%u tasks × %u × (cpu + io slice), cpu alone: %s",
			 p->tasks, p->mixed_chunks,
			 cbt_fmt_seconds(a, sizeof(a), wi->task_cpu_ms / 1e3));
		break;
	case CBT_WORKLOAD_COMMAND: /* several: each in full below the header line */
		if (rep->nresults == 1)
			snprintf(what, sizeof(what), "%s", rep->results[0].job.label);
		else
			snprintf(what, sizeof(what), "%zu commands", rep->nresults);
		break;
	default:
		snprintf(what, sizeof(what), "%u tasks, empty body", p->tasks);
	}
	if (rep->opts->repeat)
		snprintf(runs, sizeof(runs), "%u run%s", rep->opts->repeat,
			 rep->opts->repeat == 1 ? "" : "s");
	else
		snprintf(runs, sizeof(runs), "adaptive runs (%d, or %.0f s)",
			 CBT_ADAPTIVE_TARGET_RUNS, CBT_ADAPTIVE_BUDGET_S);
	fprintf(f, "concbench-trace %s · %s: %s · %s", CBT_VERSION, w, what, runs);
	if (rep->opts->warmup)
		fprintf(f, " (+%u warm-up)", rep->opts->warmup);
	fputc('\n', f);
	if (rep->python)
		fprintf(f, "python: %s (CPython %s)\n", rep->python->executable,
			rep->python->version);
	/* what the lock probes attached to, long: with -v, or when the lock table's waited means
	 * retakes only (its legend with -v says so too) */
	bool retakes = false;
	for (size_t i = 0; i < rep->nresults; i++)
		retakes |= rep->summaries[i].gil.probed && !rep->summaries[i].gil.every;
	if (rep->gil_status && rep->gil_status[0] && (rep->opts->verbose || retakes)) {
		char lock[600];
		snprintf(lock, sizeof(lock), "interpreter lock: %s", rep->gil_status);
		cbt_text_wrapped(f, "", lock);
	}
	/* host and tracing, wrapped at 100 columns: one paragraph in the short view */
	char line[640];
	snprintf(line, sizeof(line), "host: Linux %s, %d CPUs, timer slack %s%stracing: %s",
		 rep->host->kernel, rep->host->cpus,
		 cbt_fmt_seconds(a, sizeof(a), (double)rep->host->timer_slack_ns / 1e9),
		 rep->opts->verbose ? "\n" : "; ", rep->tracing);
	for (char *p = line, *nl; p; p = nl) {
		if ((nl = strchr(p, '\n')))
			*nl++ = '\0';
		cbt_text_wrapped(f, "", p);
	}
	/* a command whose label the tables shorten or name: its whole line, once */
	for (size_t i = 0; wi->workload->kind == CBT_WORKLOAD_COMMAND && i < rep->nresults; i++) {
		const struct cbt_job *j = &rep->results[i].job;
		char cmd[1200];
		if (!strcmp(j->label, j->name))
			continue;
		snprintf(cmd, sizeof(cmd), "%s = %s", j->label, j->name);
		cbt_text_wrapped(f, "  ", cmd);
	}
	fputc('\n', f);
}

/* Display width of UTF-8 text: one column per character (µ, █, ± are one column). */
static int display_width(const char *s)
{
	int w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

/* Appends s to line, padded to `width` columns (right-aligned if right), and a space. */
static void cell(char *line, size_t len, const char *s, int width, bool right)
{
	size_t o = strlen(line);
	int pad = width - display_width(s);
	if (pad < 0)
		pad = 0;
	snprintf(line + o, len - o, "%*s%s%*s ", right ? pad : 0, "", s, right ? 0 : pad, "");
}

static void end_row(FILE *f, char *line)
{
	size_t n = strlen(line);
	while (n && line[n - 1] == ' ')
		line[--n] = '\0';
	fprintf(f, "%s\n", line);
	line[0] = '\0';
}

#define LABEL_W 18

/* The header and rows of a table of the column model (columns.h); results without a row are
 * skipped. first: a head for the label column instead of its own (NULL: its own). */
static void table_head(FILE *f, const struct cbt_table *t, const char *first)
{
	char line[512] = "";
	for (size_t c = 0; c < t->ncols; c++) {
		const struct cbt_column *col = cbt_table_col(t, c);
		cell(line, sizeof(line), c || !first ? col->head : first, col->width, col->right);
	}
	end_row(f, line);
}

static void table_row(FILE *f, const struct cbt_table *t, const struct cbt_row *row)
{
	char line[512] = "";
	for (size_t c = 0; c < t->ncols; c++) {
		const struct cbt_column *col = cbt_table_col(t, c);
		cell(line, sizeof(line), row->cell[c], col->width, col->right);
	}
	end_row(f, line);
}

static void timing_table(FILE *f, const struct cbt_report *rep, const struct cbt_workload *workload)
{
	const struct cbt_table *t = &cbt_table_timing;
	struct cbt_row row;
	int short_runs = 0;
	table_head(f, t, NULL);
	for (size_t i = 0; i < rep->nresults; i++) {
		const struct cbt_result *r = &rep->results[i];
		if (r->job.workload != workload)
			continue;
		if (!cbt_table_row(t, rep, i, &row)) {
			fprintf(f, "%-*s %s\n", LABEL_W, r->job.label,
				r->interrupted ? "interrupted before a run finished" : "FAILED");
			continue;
		}
		short_runs |= r->wall.mean < CBT_SHORT_RUN_S;
		table_row(f, t, &row);
	}
	if (rep->opts->verbose) /* the legends: docs/tables.md */
		fprintf(f, "(cpu = user+sys time of the run / wall; switches per run: getrusage of "
			   "the run leader and its tasks)\n");
	if (short_runs)
		fprintf(f, "¹ runs shorter than 10 ms: the leader's own start-up dominates its CPU "
			   "time, so a ratio would mislead\n");
}

static void kernel_table(FILE *f, const struct cbt_report *rep, const struct cbt_workload *workload)
{
	const struct cbt_table *t = &cbt_table_kernel;
	struct cbt_row row;
	if (rep->opts->verbose ||
	    rep->opts->compare_seed) /* else its two-line head sets it apart */
		fputc('\n', f);
	fprintf(f, "%*s switches/task run-queue wait    where task time went       syscalls/task\n",
		LABEL_W, "");
	table_head(f, t, NULL);
	for (size_t i = 0; i < rep->nresults; i++) {
		const struct cbt_result *r = &rep->results[i];
		if (r->job.workload != workload || !r->nruns)
			continue;
		if (!cbt_table_row(t, rep, i, &row)) {
			fprintf(f, "%-*s (not traced: %s)\n", LABEL_W, r->job.label,
				r->failure[0] ? r->failure : "tracing off");
			continue;
		}
		table_row(f, t, &row);
	}
	if (rep->opts->verbose)
		fprintf(f, "(per task, mean per run; tasks = every thread and process of the run "
			   "incl. its leader)\n");
}

static void syscall_tables(FILE *f, const struct cbt_report *rep,
			   const struct cbt_workload *workload)
{
	for (size_t i = 0; i < rep->nresults; i++) {
		const struct cbt_result *r = &rep->results[i];
		const struct cbt_summary *s = &rep->summaries[i];
		if (r->job.workload != workload || !s->traced)
			continue;
		fprintf(f, "\nsystem calls · %s (mean per run)\n  %-20s %12s %12s %12s\n",
			r->job.label, "syscall", "calls", "total time", "per call");
		for (size_t k = 0; k < s->nsyscalls && k < 15; k++) {
			char c[32], t[32], pc[32];
			const struct cbt_syscall_row *y = &s->sys[k];
			fprintf(f, "  %-20s %12s %12s %12s\n", y->name ? y->name : "?",
				cbt_fmt_count(c, sizeof(c), y->count),
				/* a call that never returns (exit) has no time: "-" */
				y->time_ns > 0 ? cbt_fmt_seconds(t, sizeof(t), y->time_ns / 1e9)
					       : "-",
				y->time_ns > 0 && y->count > 0
				    ? cbt_fmt_seconds(pc, sizeof(pc), y->time_ns / y->count / 1e9)
				    : "-");
		}
	}
}

static int cmp_offcpu(const void *a, const void *b)
{
	const struct cbt_task_record *x = *(struct cbt_task_record *const *)a;
	const struct cbt_task_record *y = *(struct cbt_task_record *const *)b;
	return (x->offcpu_ns < y->offcpu_ns) - (x->offcpu_ns > y->offcpu_ns);
}

static void per_task_tables(FILE *f, const struct cbt_report *rep,
			    const struct cbt_workload *workload)
{
	for (size_t i = 0; i < rep->nresults; i++) {
		const struct cbt_result *r = &rep->results[i];
		const struct cbt_summary *s = &rep->summaries[i];
		if (r->job.workload != workload || !s->traced)
			continue;
		const struct cbt_trace_run *t = &r->runs[s->median_run].trace;
		const struct cbt_task_record **v = malloc(t->ntasks * sizeof(*v));
		if (!v)
			continue;
		for (size_t k = 0; k < t->ntasks; k++)
			v[k] = &t->tasks[k];
		qsort(v, t->ntasks, sizeof(*v), cmp_offcpu);
		size_t shown = t->ntasks < rep->opts->top ? t->ntasks : rep->opts->top;
		fprintf(f, "\ntasks · %s (median run, %zu of %zu, most off-CPU time first)\n",
			r->job.label, shown, t->ntasks);
		fprintf(f, "  %7s %7s %-15s %9s %9s %9s %9s %7s %7s %8s\n", "tid", "pid", "comm",
			"on-CPU", "runnable", "blocked", "start", "vol", "invol", "syscalls");
		for (size_t k = 0; k < t->ntasks && k < rep->opts->top; k++) {
			char on[32], rq[32], off[32], st[32], comm[64];
			const struct cbt_task_record *x = v[k];
			double start = x->first_run_ns && x->created_ns
					   ? (double)(x->first_run_ns - x->created_ns) / 1e9
					   : NAN;
			fprintf(f, "  %7d %7d %-15s %9s %9s %9s %9s %7llu %7llu %8llu\n", x->tid,
				x->pid, cbt_term_safe(x->comm, comm, sizeof(comm)),
				cbt_fmt_seconds(on, sizeof(on), x->oncpu_ns / 1e9),
				cbt_fmt_seconds(rq, sizeof(rq), x->runq_wait_ns / 1e9),
				cbt_fmt_seconds(off, sizeof(off), x->offcpu_ns / 1e9),
				cbt_fmt_seconds(st, sizeof(st), start),
				(unsigned long long)x->vol_switches,
				(unsigned long long)x->invol_switches,
				(unsigned long long)x->syscalls);
		}
		fprintf(f, "  (start = created to first run on a CPU)\n");
		free(v);
	}
}

/* CPython's interpreter lock, as the uprobes saw it. */
static void gil_table(FILE *f, const struct cbt_report *rep, const struct cbt_workload *workload)
{
	const struct cbt_table *t = &cbt_table_gil;
	struct cbt_row row;
	int any = 0;
	bool every = true;
	double cost_sum = 0, cost_per = 0, probe_sys = 0;
	for (size_t i = 0; i < rep->nresults; i++) {
		const struct cbt_gil_summary *g = &rep->summaries[i].gil;
		if (rep->results[i].job.workload != workload || !cbt_table_row(t, rep, i, &row))
			continue;
		if (!any++ && rep->opts->verbose) {
			/* what the probes attached to is in the header */
			fputs("\ninterpreter lock (the probes: see the header)\n", f);
			table_head(f, t, NULL);
		} else if (any == 1) /* short: the table's name heads its label column */
			table_head(f, t, "interpreter lock");
		every &= g->every;
		cost_sum += g->cost_ns;
		probe_sys += g->probe_syscalls;
		cost_per = g->cost_per_acq_ns > cost_per ? g->cost_per_acq_ns : cost_per;
		table_row(f, t, &row);
	}
	if (any && rep->opts->verbose) { /* the legends, wrapped at 100 columns */
		char a[32], b[32], line[640];
		cbt_text_wrapped(f, "",
				 every ? cbt_gil_waited_means : cbt_gil_waited_means_retakes);
		cbt_text_wrapped(
		    f, "",
		    "of thr.: of the time of the threads that took the lock, less their "
		    "futex waits outside it (joins, other locks)");
		snprintf(line, sizeof(line),
			 "cost: measuring cost, up to %s per acquisition calibrated in each run on "
			 "its uncontended acquisitions, %s in all; subtracted from waited, never "
			 "counted as the lock's; the probes' %.0f uretprobe system calls are not "
			 "counted as the workload's",
			 cbt_fmt_seconds(a, sizeof(a), cost_per / 1e9),
			 cbt_fmt_seconds(b, sizeof(b), cost_sum / 1e9), probe_sys);
		cbt_text_wrapped(f, "", line);
	}
}

/* The answer first: each question the run makes possible, at most 3 lines of 100 columns.
 * Returns whether there was one. */
/* An answer whose slower run and main cause an earlier one already gave (e.g. py threads slower
 * than py processes, then than c threads: the interpreter lock both times): the short view
 * leaves it to -v and the JSON, and says how many it left. */
static bool repeats(const struct cbt_report *rep, size_t i)
{
	const struct cbt_answer *a = &rep->answers->items[i];
	for (size_t k = 0; k < i && a->ncauses; k++) {
		const struct cbt_answer *b = &rep->answers->items[k];
		if (b->workload == a->workload && b->slow == a->slow && b->ncauses &&
		    b->causes[0].cause == a->causes[0].cause)
			return true;
	}
	return false;
}

static bool answer_section(FILE *f, const struct cbt_report *rep,
			   const struct cbt_workload *workload)
{
	int any = 0, left = 0;
	for (size_t i = 0; rep->answers && i < rep->answers->n; i++)
		left += rep->answers->items[i].workload == workload && !rep->opts->verbose &&
			repeats(rep, i);
	for (size_t i = 0; rep->answers && i < rep->answers->n; i++) {
		const struct cbt_answer *a = &rep->answers->items[i];
		if (a->workload != workload || (!rep->opts->verbose && repeats(rep, i)))
			continue;
		if (!any++ && left)
			fprintf(f,
				"Answer (%d more with the same slower run and cause: -v, --json)\n",
				left);
		else if (any == 1)
			fputs("Answer\n", f);
		cbt_text_bullet(f, a->text);
		/* --experiment: what switching a cause off did to the slower one, measured */
		for (size_t k = 0; rep->experiments && k < rep->experiments->n; k++) {
			const struct cbt_experiment *x = &rep->experiments->items[k];
			char line[512];
			if (!x->ran || x->base != a->slow)
				continue;
			snprintf(line, sizeof(line),
				 "experiment: %s made %s %+.0f %% [%+.0f, %+.0f]; against the "
				 "attribution: %s",
				 x->changed, rep->results[x->base].job.label, 100 * x->change,
				 100 * x->ci_lo, 100 * x->ci_hi, cbt_exp_verdict_name(x->verdict));
			cbt_text_wrapped(f, "    ↳ ", line);
		}
	}
	if (any)
		fputs("\n", f);
	return any;
}

static void report_text(FILE *f, const struct cbt_report *rep)
{
	for (unsigned w = 0; w < rep->nworkloads; w++) {
		const struct cbt_workload *name = rep->winfo[w].workload;
		if (w)
			fputs("\n", f);
		header(f, rep, &rep->winfo[w]);
		bool answered = rep->opts->explain && answer_section(f, rep, name);
		timing_table(f, rep, name);
		if (rep->opts->compare_seed)
			cbt_seed_section(f, rep, name, cbt_text_wrapped);
		if (rep->traced) {
			kernel_table(f, rep, name);
			if (rep->opts->syscalls)
				syscall_tables(f, rep, name);
			if (rep->opts->per_task)
				per_task_tables(f, rep, name);
		}
		if (rep->traced)
			gil_table(f, rep, name);
		if (rep->traced && rep->opts->explain)
			cbt_text_findings(f, rep, name, answered);
		cbt_text_experiments(f, rep, name);
		cbt_text_warnings(f, rep, name);
	}
	if (rep->traced && rep->opts->verify)
		cbt_report_text_verify(f, rep->results, rep->nresults);
	if (rep->interrupted)
		fputs("\ninterrupted: the table shows the runs that finished before the signal\n",
		      f);
}

const struct cbt_exporter cbt_exporter_text = {
    "text", "txt", "tables and findings for a terminal (standard output)", report_text};
