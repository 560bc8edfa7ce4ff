// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/* bench_floor - attaches (nearly) empty programs (bench_floor.bpf.c), runs a command under them.
 *
 * usage: bench_floor OBJ MODE -- CMD...      MODE, one of:
 *   sched           empty programs on the scheduler tracepoints the tool attaches
 *   sched+clock     the same, the sched_switch program reading the clock once (the least a
 *                   program that times each switch does)
 *   sched+lookup    the same, the sched_switch program finding prev's and next's record in a hash
 *                   of the tasks created meanwhile (the least per-task attribution does)
 *   all             sched, and raw_syscalls enter/exit
 *   all+lock=LIB    all, and an uprobe and a uretprobe on take_gil in LIB (libpython or the
 *                   python executable), as the tool's interpreter-lock view attaches them
 *   all+lockentry=LIB   all, and the uprobe alone (one trap per acquisition: the least any probe
 *                   of every acquisition costs)
 * The programs stay attached until CMD exits; its exit status is ours. make bench only. */
#include <bpf/libbpf.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct mode {
	bool sys, clock, lookup, lock_ret;
	const char *lock; /* file with take_gil, or NULL */
};

static int parse(const char *s, struct mode *m)
{
	memset(m, 0, sizeof(*m));
	if (strcmp(s, "sched") == 0)
		return 0;
	if (strcmp(s, "sched+clock") == 0)
		return m->clock = true, 0;
	if (strcmp(s, "sched+lookup") == 0)
		return m->lookup = true, 0;
	if (strncmp(s, "all", 3) != 0)
		return -1;
	m->sys = true;
	s += 3;
	if (!*s)
		return 0;
	if (strncmp(s, "+lock=", 6) == 0 && s[6])
		return m->lock = s + 6, m->lock_ret = true, 0;
	if (strncmp(s, "+lockentry=", 11) == 0 && s[11])
		return m->lock = s + 11, 0;
	return -1;
}

/* Whether program `name` is attached in mode `m` (the uprobes are attached apart). */
static bool wanted(const char *name, const struct mode *m)
{
	if (strstr(name, "_sys_"))
		return m->sys;
	if (strcmp(name, "floor_switch") == 0)
		return !m->clock && !m->lookup;
	if (strcmp(name, "floor_switch_clock") == 0)
		return m->clock;
	if (strcmp(name, "floor_switch_lookup") == 0 || strcmp(name, "floor_fork_insert") == 0)
		return m->lookup;
	if (strcmp(name, "floor_fork") == 0)
		return !m->lookup;
	return true;
}

int main(int argc, char **argv)
{
	struct bpf_object *obj;
	struct bpf_program *p;
	struct mode m;
	int status;
	pid_t pid;

	if (argc < 5 || strcmp(argv[3], "--") != 0 || parse(argv[2], &m) != 0) {
		fprintf(stderr, "usage: bench_floor OBJ sched|sched+clock|sched+lookup|all|"
				"all+lock=LIB|all+lockentry=LIB -- CMD...\n");
		return 2;
	}
	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj || bpf_object__load(obj)) {
		fprintf(stderr, "bench_floor: loading %s failed\n", argv[1]);
		return 1;
	}
	bpf_object__for_each_program(p, obj)
	{
		const char *name = bpf_program__name(p);
		bool ret = strcmp(name, "floor_lock_out") == 0;
		LIBBPF_OPTS(bpf_uprobe_opts, uo, .func_name = "take_gil", .retprobe = ret);

		if (strncmp(name, "floor_lock", 10) == 0) {
			if (m.lock && (!ret || m.lock_ret) &&
			    !bpf_program__attach_uprobe_opts(p, -1, m.lock, 0, &uo)) {
				fprintf(stderr, "bench_floor: no take_gil probe in %s\n", m.lock);
				return 1;
			}
			continue;
		}
		if (wanted(name, &m) && !bpf_program__attach(p)) { /* links close with us */
			fprintf(stderr, "bench_floor: attaching %s failed\n", name);
			return 1;
		}
	}
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		execvp(argv[4], argv + 4);
		perror(argv[4]);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return 1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
