/* seed_text.c - the teaching view (--compare-seed): the figures the original benchmarks
 * published (model/seeds.c, docs/seeds.md) beside this run's, and per row why they differ on this
 * machine, worded only from what this run measured and the parameters both used. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/seeds.h"
#include "report/seed_text.h"

static const struct cbt_seed_figure *seed_of(const struct cbt_result *r)
{
	if (!r->job.backend)
		return NULL;
	for (size_t i = 0; i < cbt_nseed_figures; i++) /* the seeds' own table, by its names */
		if (!strcmp(cbt_seed_figures[i].workload, r->job.workload->name) &&
		    !strcmp(cbt_seed_figures[i].backend, r->job.backend->name))
			return &cbt_seed_figures[i];
	return NULL;
}

/* Why the two figures differ, from this run's measurements and both sides' parameters. */
static void why(char *buf, size_t len, const struct cbt_report *rep, size_t i,
		const struct cbt_seed_figure *sf)
{
	const struct cbt_params *p = &rep->opts->params;
	const struct cbt_derived *d = &rep->derived[i];
	const struct cbt_seed_benchmark *b = sf->bench;
	char x[32], y[32], z[32], w[32];
	size_t o = 0;
#define ADD(...)                                                                                   \
	do {                                                                                       \
		if (o < len)                                                                       \
			o += (size_t)snprintf(buf + o, len - o, __VA_ARGS__);                      \
	} while (0)
	buf[0] = '\0';
	switch (rep->results[i].job.workload->kind) {
	case CBT_WORKLOAD_YIELD_LOOP:
		if (d->valid && d->sleep_calls > 0)
			ADD("a sleep(0) blocks %s here (timer slack %s), %s from call to return; "
			    "there at most %s a call; ",
			    cbt_fmt_seconds(x, sizeof(x), d->sleep_block_us / 1e6),
			    cbt_fmt_seconds(y, sizeof(y), (double)rep->host->timer_slack_ns / 1e9),
			    cbt_fmt_seconds(z, sizeof(z), d->sleep_call_us / 1e6),
			    cbt_fmt_seconds(w, sizeof(w),
					    sf->seconds / (b->iterations ? b->iterations : 1)));
		if (b->iterations && b->iterations != p->iterations)
			ADD("%u sleeps per task here, %u there; ", p->iterations, b->iterations);
		break;
	case CBT_WORKLOAD_FIXED_SLEEP:
	case CBT_WORKLOAD_VARIABLE_SLEEP:
		if (fabs(p->sleep_s - 5.0) > 1e-9)
			ADD("sleep %s here, 5 s there; ",
			    cbt_fmt_seconds(x, sizeof(x), p->sleep_s));
		break;
	case CBT_WORKLOAD_CPU:
		if (p->cpu_size != 1000000)
			ADD("%u squares per task here, 1000000 there; ", p->cpu_size);
		break;
	default:
		break;
	}
	if (b->tasks && b->tasks != p->tasks)
		ADD("%u tasks here, %u there; ", p->tasks, b->tasks);
	if (d->valid && d->creates > 0)
		ADD("a task creation takes %s here; ",
		    cbt_fmt_seconds(x, sizeof(x), d->create_call_us / 1e6));
	ADD("%d CPUs here, %s there", rep->host->cpus, b->machine);
#undef ADD
}

void cbt_seed_section(FILE *f, const struct cbt_report *rep, const struct cbt_workload *workload,
		      void (*wrap)(FILE *, const char *, const char *))
{
	int any = 0;
	for (size_t i = 0; i < rep->nresults; i++) {
		const struct cbt_result *r = &rep->results[i];
		const struct cbt_seed_figure *sf = r->job.workload == workload ? seed_of(r) : NULL;
		char line[1024], reason[768], a[32], b[32];
		if (!sf || !r->nruns)
			continue;
		if (!any++)
			fprintf(f,
				"\nthe seeds' published figures beside this run's (docs/seeds.md: "
				"A = 2023 benchmark, B = 2015)\n");
		why(reason, sizeof(reason), rep, i, sf);
		snprintf(line, sizeof(line), "%s %s here, %s in %s (%s %s, %s) · why: %s",
			 r->job.label, cbt_fmt_seconds(a, sizeof(a), r->wall.mean),
			 cbt_fmt_seconds(b, sizeof(b), sf->seconds), sf->bench->id,
			 sf->bench->runtime, sf->bench->year, sf->bench->how, reason);
		wrap(f, "  • ", line);
	}
	if (!any)
		fprintf(f, "\n(--compare-seed: the seeds published no figure for this workload's "
			   "backends)\n");
}
