// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/* bench_floor - attaches empty programs (bench_floor.bpf.c) and runs a command under them.
 *
 * usage: bench_floor OBJ sched|all -- CMD...
 *   sched: the scheduler tracepoints the tool attaches; all: those and raw_syscalls enter/exit.
 * The programs stay attached until CMD exits; its exit status is ours. make bench only. */
#include <bpf/libbpf.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct bpf_object *obj;
	struct bpf_program *p;
	int status;
	pid_t pid;

	if (argc < 5 || strcmp(argv[3], "--") != 0 ||
	    (strcmp(argv[2], "sched") != 0 && strcmp(argv[2], "all") != 0)) {
		fprintf(stderr, "usage: bench_floor OBJ sched|all -- CMD...\n");
		return 2;
	}
	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj || bpf_object__load(obj)) {
		fprintf(stderr, "bench_floor: loading %s failed\n", argv[1]);
		return 1;
	}
	bpf_object__for_each_program(p, obj)
	{
		if (strcmp(argv[2], "sched") == 0 && strstr(bpf_program__name(p), "_sys_"))
			continue;
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
