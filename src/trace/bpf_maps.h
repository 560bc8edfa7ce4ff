/* bpf_maps.h - what the tracer and the lock probes do alike to their BPF maps and programs:
 * empty a hash map, zero or sum a per-CPU array, count the runs the kernel skipped. */
#ifndef CBT_BPF_MAPS_H
#define CBT_BPF_MAPS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct bpf_object;

/* Deletes every entry of a hash map of at most max_entries keys. */
void cbt_bpf_clear_hash(int fd, size_t key_size, size_t max_entries);
/* Sets entries 0..entries-1 of a per-CPU array to zero on every CPU. 0, or -errno. */
int cbt_bpf_zero_percpu(int fd, size_t value_size, unsigned entries, int ncpus);
/* Adds, for k in 0..entries-1, the sum over CPUs of the per-CPU u64 array's entry k to
 * sums[k]. 0, or -ENOMEM. */
int cbt_bpf_sum_percpu_u64(int fd, unsigned entries, int ncpus, uint64_t *sums);
/* Invocations of the object's programs the kernel skipped (a program of the same kind already
 * running on the CPU): events they could not record. System-wide, so an upper bound. */
uint64_t cbt_bpf_recursion_misses(struct bpf_object *obj);
/* Run count, mean run time and recursion misses of every BPF program this process holds (the
 * tracer's and the lock probes'), one "cbt-bpf-stats:" line each, for make bench (needs
 * kernel.bpf_stats_enabled=1 for the times). Totals since load. */
void cbt_bpf_print_stats(FILE *f);

#endif
