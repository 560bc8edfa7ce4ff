/* machine_load.c - see machine_load.h. */
#include <stdio.h>
#include <unistd.h>

#include "session/machine_load.h"
#include "util/clock.h"

static double tv_s(struct timeval t)
{
	return (double)t.tv_sec + (double)t.tv_usec / 1e6;
}

void cbt_load_mark(struct cbt_load_mark *m)
{
	unsigned long long v[8] = {0};
	FILE *f = fopen("/proc/stat", "re");
	/* cpu  user nice system idle iowait irq softirq steal (guest time is inside user) */
	int n = f ? fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2],
			   &v[3], &v[4], &v[5], &v[6], &v[7])
		  : 0;
	if (f)
		fclose(f);
	long hz = sysconf(_SC_CLK_TCK);
	m->busy_s =
	    n >= 7 && hz > 0 ? (double)(v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / (double)hz : -1;
	struct rusage self;
	getrusage(RUSAGE_SELF, &self);
	m->self_s = tv_s(self.ru_utime) + tv_s(self.ru_stime);
	m->mono_s = (double)cbt_mono_ns() / 1e9;
}

double cbt_load_others_s(const struct cbt_load_mark *a, const struct cbt_load_mark *b,
			 const struct rusage *run)
{
	if (a->busy_s < 0 || b->busy_s < 0)
		return 0;
	double own = tv_s(run->ru_utime) + tv_s(run->ru_stime) + (b->self_s - a->self_s);
	double others = (b->busy_s - a->busy_s) - own;
	return others > 0 ? others : 0;
}
