/* bpf_maps.c - see bpf_maps.h. */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "trace/bpf_maps.h"

void cbt_bpf_clear_hash(int fd, size_t key_size, size_t max_entries)
{
	/* collect the keys first: deleting while iterating with get_next_key restarts from the
	 * first bucket each time */
	char *keys = malloc(key_size * (max_entries + 1));
	size_t n = 0;
	void *prev = NULL;

	if (!keys)
		return;
	while (n < max_entries && bpf_map_get_next_key(fd, prev, keys + n * key_size) == 0) {
		prev = keys + n * key_size;
		n++;
	}
	for (size_t i = 0; i < n; i++)
		bpf_map_delete_elem(fd, keys + i * key_size);
	free(keys);
}

int cbt_bpf_zero_percpu(int fd, size_t value_size, unsigned entries, int ncpus)
{
	void *zero = calloc((size_t)ncpus, value_size);
	int ret = 0;

	if (!zero)
		return -ENOMEM;
	for (unsigned k = 0; k < entries; k++)
		if (bpf_map_update_elem(fd, &k, zero, BPF_ANY))
			ret = -errno;
	free(zero);
	return ret;
}

int cbt_bpf_sum_percpu_u64(int fd, unsigned entries, int ncpus, uint64_t *sums)
{
	uint64_t *v = calloc((size_t)ncpus, sizeof(*v));

	if (!v)
		return -ENOMEM;
	for (unsigned k = 0; k < entries; k++) {
		if (bpf_map_lookup_elem(fd, &k, v))
			continue;
		for (int c = 0; c < ncpus; c++)
			sums[k] += v[c];
	}
	free(v);
	return 0;
}

uint64_t cbt_bpf_recursion_misses(struct bpf_object *obj)
{
	struct bpf_program *prog;
	uint64_t n = 0;

	bpf_object__for_each_program(prog, obj)
	{
		struct bpf_prog_info info;
		__u32 len = sizeof(info);
		int fd = bpf_program__fd(prog);

		memset(&info, 0, sizeof(info));
		if (fd >= 0 && bpf_obj_get_info_by_fd(fd, &info, &len) == 0)
			n += info.recursion_misses;
	}
	return n;
}

void cbt_bpf_print_stats(FILE *out)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char path[64], line[128];
		bool prog = false;
		int fd = atoi(e->d_name);
		FILE *f;

		if (e->d_name[0] < '0' || e->d_name[0] > '9' || fd == dirfd(d))
			continue;
		snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
		f = fopen(path, "r");
		if (!f)
			continue;
		while (fgets(line, sizeof(line), f))
			prog |= strncmp(line, "prog_id:", 8) == 0;
		fclose(f);
		struct bpf_prog_info info;
		__u32 len = sizeof(info);
		memset(&info, 0, sizeof(info));
		if (!prog || bpf_obj_get_info_by_fd(fd, &info, &len) || !info.run_cnt)
			continue;
		fprintf(
		    out,
		    "cbt-bpf-stats: %-18s %10llu runs %8.1f ns/run %9.3f ms total %llu missed\n",
		    info.name, (unsigned long long)info.run_cnt,
		    (double)info.run_time_ns / (double)info.run_cnt, info.run_time_ns / 1e6,
		    (unsigned long long)info.recursion_misses);
	}
	closedir(d);
}
