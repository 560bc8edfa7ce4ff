/* perf_counters.c - perf_event_open counters inherited by every task of a run. */
#include "trace/perf_counters.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static const struct {
	uint32_t type;
	uint64_t config;
} counter_def[CBT_PERF_COUNT] = {
    [CBT_PERF_CONTEXT_SWITCHES] = {PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CONTEXT_SWITCHES},
    [CBT_PERF_CPU_MIGRATIONS] = {PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_MIGRATIONS},
    [CBT_PERF_TASK_CLOCK] = {PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK},
    [CBT_PERF_PAGE_FAULTS] = {PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS},
    [CBT_PERF_CYCLES] = {PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES},
    [CBT_PERF_INSTRUCTIONS] = {PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS},
};

static int perf_event_open(struct perf_event_attr *attr, pid_t pid, int cpu, int group,
			   unsigned long flags)
{
	return (int)syscall(SYS_perf_event_open, attr, pid, cpu, group, flags);
}

void cbt_perf_init(struct cbt_perf_set *s)
{
	for (int i = 0; i < CBT_PERF_COUNT; i++) {
		s->fd[i] = -1;
		s->err[i] = 0;
	}
}

static int open_one(int i, pid_t pid, bool exclude_kernel)
{
	struct perf_event_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = counter_def[i].type;
	attr.config = counter_def[i].config;
	attr.read_format = PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
	attr.inherit = 1; /* every thread and process the leader creates, however deep */
	attr.exclude_kernel = exclude_kernel;
	attr.exclude_hv = 1;
	return perf_event_open(&attr, pid, -1, -1, PERF_FLAG_FD_CLOEXEC);
}

int cbt_perf_open(struct cbt_perf_set *s, pid_t pid)
{
	int n = 0;

	cbt_perf_close(s);
	for (int i = 0; i < CBT_PERF_COUNT; i++) {
		int fd = open_one(i, pid, false);

		/* perf_event_paranoid may forbid kernel counting for the unprivileged */
		if (fd < 0 && (errno == EACCES || errno == EPERM))
			fd = open_one(i, pid, true);
		s->fd[i] = fd;
		s->err[i] = fd < 0 ? errno : 0;
		if (fd >= 0)
			n++;
	}
	return n;
}

void cbt_perf_read(const struct cbt_perf_set *s, struct cbt_perf_value out[CBT_PERF_COUNT])
{
	for (int i = 0; i < CBT_PERF_COUNT; i++) {
		uint64_t v[3]; /* value, time enabled, time running */

		out[i].supported = false;
		out[i].value = 0;
		if (s->fd[i] < 0)
			continue;
		if (read(s->fd[i], v, sizeof(v)) != (ssize_t)sizeof(v))
			continue;
		/* A hardware counter that never got a PMU slot measured nothing: unsupported,
		 * not zero. */
		if (v[2] == 0 && counter_def[i].type == PERF_TYPE_HARDWARE)
			continue;
		if (v[2] && v[2] < v[1])
			v[0] = (uint64_t)((double)v[0] * (double)v[1] / (double)v[2]);
		out[i].supported = true;
		out[i].value = v[0];
	}
}

void cbt_perf_close(struct cbt_perf_set *s)
{
	for (int i = 0; i < CBT_PERF_COUNT; i++) {
		if (s->fd[i] >= 0)
			close(s->fd[i]);
		s->fd[i] = -1;
	}
}
