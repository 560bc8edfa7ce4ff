// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/* bench_floor - attaches empty programs (bench_floor.bpf.c) and runs a command under them.
 *
 * usage: bench_floor OBJ sched|all|all+lock=LIB|all+lockentry=LIB -- CMD...
 *   sched: the scheduler tracepoints the tool attaches; all: those and raw_syscalls enter/exit;
 *   all+lock=LIB: and an uprobe and a uretprobe on take_gil in LIB (libpython or the python
 *   executable), as the tool's interpreter-lock view attaches them; all+lockentry=LIB: the
 *   uprobe alone (one trap per acquisition, the least any per-acquisition probe costs).
 * The programs stay attached until CMD exits; its exit status is ours. make bench only. */
#include <bpf/libbpf.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *mode = argc > 2 ? argv[2] : "", *lock = NULL;
	bool entry_only = strncmp(mode, "all+lockentry=", 14) == 0;
	struct bpf_object *obj;
	struct bpf_program *p;
	int status;
	pid_t pid;

	if (entry_only)
		lock = mode + 14;
	else if (strncmp(mode, "all+lock=", 9) == 0)
		lock = mode + 9;
	if (argc < 5 || strcmp(argv[3], "--") != 0 ||
	    (strcmp(mode, "sched") != 0 && strcmp(mode, "all") != 0 && !lock)) {
		fprintf(stderr,
			"usage: bench_floor OBJ sched|all|all+lock=LIB|all+lockentry=LIB -- CMD...\n");
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
		LIBBPF_OPTS(bpf_uprobe_opts, uo, .func_name = "take_gil",
			    .retprobe = strcmp(name, "floor_lock_out") == 0);

		if (strcmp(mode, "sched") == 0 && strstr(name, "_sys_"))
			continue;
		if (strncmp(name, "floor_lock", 10) == 0) {
			if (lock && !(entry_only && uo.retprobe) &&
			    !bpf_program__attach_uprobe_opts(p, -1, lock, 0, &uo)) {
				fprintf(stderr, "bench_floor: no take_gil probe in %s\n", lock);
				return 1;
			}
			continue;
		}
		if (!bpf_program__attach(p)) { /* links close with the process */
			fprintf(stderr, "bench_floor: attaching %s failed\n", bpf_program__name(p));
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
