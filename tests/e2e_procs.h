/* e2e_procs.h - what is left of a run, seen from outside: processes (/proc), the BPF objects a
 * process holds (fdinfo) and the tool's run cgroup (as the tool names it). */
#ifndef CBT_TEST_E2E_PROCS_H
#define CBT_TEST_E2E_PROCS_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>

#define MAXP 512

static inline double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline void sleep_s(double s)
{
	struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
	nanosleep(&ts, NULL);
}

/* State letter of a process ('?' when it no longer exists) and its parent. */
static inline char proc_state(pid_t pid, pid_t *ppid)
{
	char path[64], buf[512];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return '?';
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *rp = strrchr(buf, ')'), st = '?';
	int pp = 0;
	if (!rp || sscanf(rp + 2, "%c %d", &st, &pp) != 2)
		return '?';
	if (ppid)
		*ppid = pp;
	return st;
}

/* Every live descendant of root (by parent links in /proc). */
static inline int descendants(pid_t root, pid_t *out, int max)
{
	static pid_t pids[32768], ppids[32768];
	int n = 0, k = 0;
	DIR *d = opendir("/proc");
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL && n < 32768) {
		pid_t pid = atoi(e->d_name), pp;
		if (pid > 0 && proc_state(pid, &pp) != '?')
			pids[n] = pid, ppids[n++] = pp;
	}
	if (d)
		closedir(d);
	out[k++] = root;
	for (int i = 0; i < k; i++) /* breadth first over the list as it grows */
		for (int j = 0; j < n && k < max; j++)
			if (ppids[j] == out[i])
				out[k++] = pids[j];
	for (int i = 1; i < k; i++)
		out[i - 1] = out[i];
	return k - 1;
}

struct bpf_ids {
	unsigned prog[64], link[64], map[64];
	int np, nl, nm;
};

/* The BPF objects a process holds, from its fdinfo. */
static inline void held_bpf(pid_t pid, struct bpf_ids *ids)
{
	char dir[64], path[600], line[256];
	memset(ids, 0, sizeof(*ids));
	snprintf(dir, sizeof(dir), "/proc/%d/fdinfo", (int)pid);
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		FILE *f = e->d_name[0] != '.' ? fopen(path, "r") : NULL;
		unsigned id;
		while (f && fgets(line, sizeof(line), f)) {
			if (sscanf(line, "prog_id: %u", &id) == 1 && ids->np < 64)
				ids->prog[ids->np++] = id;
			else if (sscanf(line, "link_id: %u", &id) == 1 && ids->nl < 64)
				ids->link[ids->nl++] = id;
			else if (sscanf(line, "map_id: %u", &id) == 1 && ids->nm < 64)
				ids->map[ids->nm++] = id;
		}
		if (f)
			fclose(f);
	}
	if (d)
		closedir(d);
}

/* How many of the objects still exist. */
static inline int bpf_alive(const struct bpf_ids *ids)
{
	int alive = 0, fd;
	for (int i = 0; i < ids->np; i++)
		if ((fd = bpf_prog_get_fd_by_id(ids->prog[i])) >= 0)
			alive++, close(fd);
	for (int i = 0; i < ids->nl; i++)
		if ((fd = bpf_link_get_fd_by_id(ids->link[i])) >= 0)
			alive++, close(fd);
	for (int i = 0; i < ids->nm; i++)
		if ((fd = bpf_map_get_fd_by_id(ids->map[i])) >= 0)
			alive++, close(fd);
	return alive;
}

/* The cgroup v2 directory this test (and so the tool it starts) is in, as the tool finds it:
 * the cgroup2 mount point from mountinfo + the path from /proc/self/cgroup. */
static inline int own_cgroup(char *out, size_t len)
{
	char line[4096], mnt[1024] = "", rel[1024] = "";
	FILE *f = fopen("/proc/self/mountinfo", "r");
	while (f && !mnt[0] && fgets(line, sizeof(line), f))
		if (strstr(line, " - cgroup2 "))
			sscanf(line, "%*s %*s %*s %*s %1023s", mnt);
	if (f)
		fclose(f);
	f = mnt[0] ? fopen("/proc/self/cgroup", "r") : NULL;
	while (f && !rel[0] && fgets(line, sizeof(line), f))
		if (strncmp(line, "0::", 3) == 0)
			sscanf(line + 3, "%1023s", rel);
	if (f)
		fclose(f);
	if (!rel[0])
		return -1;
	snprintf(out, len, "%s%s", mnt, strcmp(rel, "/") == 0 ? "" : rel);
	return 0;
}

/* The run cgroup the tool `pid` makes (or "" when there is no cgroup v2). */
static inline void run_cgroup(pid_t pid, char *out, size_t len)
{
	char own[1024];
	out[0] = '\0';
	if (own_cgroup(own, sizeof(own)) == 0)
		snprintf(out, len, "%s/concbench-trace-%d", own, (int)pid);
}

/* 1 when the tool's run cgroup is gone (waits at most `s` seconds for it). */
static inline int cgroup_gone(pid_t tool, double s)
{
	char cg[1200];
	run_cgroup(tool, cg, sizeof(cg));
	for (double w = now_s(); cg[0] && access(cg, F_OK) == 0 && now_s() - w < s;)
		sleep_s(0.02);
	return !cg[0] || access(cg, F_OK) != 0;
}

#endif
