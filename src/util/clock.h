/* clock.h - CLOCK_MONOTONIC, the clock of the seeds' timings and of bpf_ktime_get_ns(). */
#ifndef CBT_CLOCK_H
#define CBT_CLOCK_H

#include <stdint.h>
#include <time.h>

static inline uint64_t cbt_mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static inline double cbt_mono_s(void)
{
	return (double)cbt_mono_ns() / 1e9;
}

#endif
