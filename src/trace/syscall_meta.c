/* syscall_meta.c - the running kernel's syscall numbers and names, from its own syscall metadata.
 * With CONFIG_FTRACE_SYSCALLS each system call defined with SYSCALL_DEFINE has a
 * `struct syscall_metadata`, the data of its sys_enter_NAME trace event, numbered by the kernel at
 * boot from its sys_call_table (the entry whose address is the call's entry point). Neither the
 * table nor the metadata can be found by name here (not in /proc/kallsyms without
 * CONFIG_KALLSYMS_ALL; no /proc/kcore), so: one syscall event's id is read from tracefs (mounted
 * on a private temporary directory for the read when no tracefs is mounted), a disabled perf event
 * is opened on it (never enabled: nothing is recorded), and a BPF iterator over this process's
 * files (bpf/syscalls.bpf.c) walks from that event through the kernel's list of trace events,
 * copying out every syscall-enter event's number and name. Needs root; callers fall back to the
 * build-time table when this fails. */
#include <dirent.h>
#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <linux/types.h>

#include "cbt_syscalls_bpf.h"
#include "syscalls.skel.h"
#include "trace/libbpf_log.h"
#include "trace/syscall_kernel.h"

/* The id of one sys_enter_* event under the tracefs mounted at `root`; counts them in *nev. */
static int anchor_id(const char *root, unsigned long long *id, unsigned *nev)
{
	char dir[300], path[600];
	struct dirent *de;
	FILE *f;
	int ok = 0;

	snprintf(dir, sizeof(dir), "%s/events/syscalls", root);
	DIR *d = opendir(dir);
	*nev = 0;
	if (!d)
		return -1;
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, "sys_enter_", 10))
			continue;
		(*nev)++;
		snprintf(path, sizeof(path), "%s/%s/id", dir, de->d_name);
		if (!ok && (f = fopen(path, "re"))) {
			ok = fscanf(f, "%llu", id) == 1;
			fclose(f);
		}
	}
	closedir(d);
	return ok ? 0 : -1;
}

/* The anchor event's id: from a mounted tracefs, else from one mounted for this read only. */
static int find_anchor(unsigned long long *id, unsigned *nev)
{
	if (anchor_id("/sys/kernel/tracing", id, nev) == 0 ||
	    anchor_id("/sys/kernel/debug/tracing", id, nev) == 0)
		return 0;
	char tmp[] = "/tmp/cbt-tracefs-XXXXXX";
	if (!mkdtemp(tmp))
		return -1;
	int rc = -1;
	if (mount("nodev", tmp, "tracefs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) == 0) {
		rc = anchor_id(tmp, id, nev);
		umount2(tmp, MNT_DETACH);
	}
	rmdir(tmp);
	return rc;
}

static int walk(struct syscalls_bpf *skel)
{
	union bpf_iter_link_info li = {.task = {.pid = (__u32)getpid()}};
	LIBBPF_OPTS(bpf_iter_attach_opts, o, .link_info = &li, .link_info_len = sizeof(li));
	struct bpf_link *link = bpf_program__attach_iter(skel->progs.cbt_syscall_meta, &o);
	char buf[256];
	int it, rc = -1;

	if (!link)
		return -1;
	if ((it = bpf_iter_create(bpf_link__fd(link))) >= 0) {
		/* the program prints nothing: reading to the end runs it over every file */
		while (read(it, buf, sizeof(buf)) > 0)
			;
		close(it);
		rc = 0;
	}
	bpf_link__destroy(link);
	return rc;
}

int cbt_kernel_syscalls_read(struct cbt_kernel_syscalls *ks)
{
	unsigned long long id;
	struct syscalls_bpf *skel = NULL;
	int rc = -1, fd;

	memset(ks, 0, sizeof(*ks));
	if (find_anchor(&id, &ks->events))
		return -1;
	struct perf_event_attr a = {
	    .type = PERF_TYPE_TRACEPOINT, .size = sizeof(a), .config = id, .disabled = 1};
	fd = (int)syscall(SYS_perf_event_open, &a, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
	if (fd < 0)
		return -1;
	cbt_libbpf_log_start();
	skel = syscalls_bpf__open();
	if (!skel)
		goto out;
	skel->rodata->cbt_tgid = getpid();
	skel->rodata->cbt_anchor_fd = fd;
	skel->rodata->cbt_anchor_id = id;
	if (syscalls_bpf__load(skel) || walk(skel) || !skel->bss->cbt_closed)
		goto out;
	ks->walked = skel->bss->cbt_walked;
	for (__u32 i = 0; i < skel->bss->cbt_nout && i < CBT_KSYSCALL_META_MAX; i++) {
		const struct cbt_ksyscall *e = &skel->bss->cbt_out[i];
		/* -1: a call this kernel's table does not dispatch to (compiled out, other ABI) */
		if (e->nr < 0 || e->nr >= CBT_KSYSCALL_MAX || !e->name[0] || ks->name[e->nr])
			continue;
		/* the metadata says "sys_NAME": the entry point's name (e.g. sys_newstat) */
		const char *n = strncmp(e->name, "sys_", 4) ? e->name : e->name + 4;
		if ((ks->name[e->nr] = strndup(n, sizeof(e->name))))
			ks->count++;
	}
	rc = ks->count ? 0 : -1;
out:
	syscalls_bpf__destroy(skel);
	close(fd);
	if (rc)
		cbt_kernel_syscalls_free(ks);
	return rc;
}

void cbt_kernel_syscalls_free(struct cbt_kernel_syscalls *ks)
{
	for (int i = 0; i < CBT_KSYSCALL_MAX; i++)
		free(ks->name[i]);
	memset(ks, 0, sizeof(*ks));
}
