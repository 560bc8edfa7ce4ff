/* tracer.c - loads bpf/cbt.bpf.c (through its skeleton) and the perf counters, and turns their
 * maps into a struct cbt_trace_run. See tracer.h for the lifecycle and cbt.bpf.c for the model.
 */
#include "util/msg.h"
#include "util/clock.h"
#include "trace/tracer.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "cbt_bpf.h"
#include "cbt.skel.h"
#include "trace/bpf_maps.h"
#include "trace/tracer_internal.h"
#include "trace/libbpf_log.h"
#include "trace/perf_counters.h"
#include "trace/syscall_names.h"

_Static_assert(CBT_BPF_REASONS == CBT_REASON_COUNT, "reason count differs from records.h");
_Static_assert(CBT_BPF_REASON_SLEEP == CBT_REASON_SLEEP && CBT_BPF_REASON_LOCK == CBT_REASON_LOCK &&
		   CBT_BPF_REASON_IO == CBT_REASON_IO && CBT_BPF_REASON_CHILD == CBT_REASON_CHILD &&
		   CBT_BPF_REASON_POLL == CBT_REASON_POLL &&
		   CBT_BPF_REASON_OTHER == CBT_REASON_OTHER,
	       "reason numbering differs from records.h");
_Static_assert(CBT_BPF_HIST_SLOTS == CBT_HIST_SLOTS, "histogram size differs from records.h");

#define DEFAULT_MAX_TASKS 4096

/* ---- open / close */

unsigned long long cbt_tracer_map_bytes(const struct cbt_tracer *t)
{
	struct bpf_map *map;
	unsigned long long total = 0;
	if (!t || !t->skel)
		return 0;
	bpf_object__for_each_map(map, t->skel->obj)
	{
		char path[64], line[128];
		snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", bpf_map__fd(map));
		FILE *f = fopen(path, "r");
		if (!f)
			continue;
		while (fgets(line, sizeof(line), f)) {
			unsigned long long v;
			if (sscanf(line, "memlock: %llu", &v) == 1)
				total += v;
		}
		fclose(f);
	}
	return total;
}

int cbt_tracer_tasks_map_fd(const struct cbt_tracer *t)
{
	return t && t->skel ? bpf_map__fd(t->skel->maps.cbt_tasks) : -1;
}

const char *cbt_tracer_description(const struct cbt_tracer *t)
{
	static char d[160];
	/* which source named the system calls (the running kernel's, or the build's headers) */
	snprintf(d, sizeof(d), "eBPF tp_btf (sched, syscalls)%s; %s",
		 t && t->perf_counters ? " + perf counters" : "", cbt_syscall_names_source());
	return d;
}

int cbt_tracer_open(struct cbt_tracer **out, const struct cbt_tracer_config *cfg, char *err,
		    size_t errlen)
{
	unsigned max_tasks = cfg && cfg->max_tasks ? cfg->max_tasks : DEFAULT_MAX_TASKS;
	struct cbt_tracer *t;
	const char *priv;
	int e;

	if (!out) {
		cbt_msg(err, errlen, "cbt_tracer_open: no output pointer");
		return -1;
	}
	*out = NULL;
	priv = cbt_tracer_missing_privilege();
	if (priv) {
		cbt_msg(err, errlen, "%s", priv);
		return -1;
	}
	if (access("/sys/kernel/btf/vmlinux", R_OK) != 0) {
		cbt_msg(err, errlen,
			"kernel BTF missing (/sys/kernel/btf/vmlinux: %s): the kernel needs "
			"CONFIG_DEBUG_INFO_BTF=y; use --no-trace",
			strerror(errno));
		return -1;
	}
	if (max_tasks > (1u << 22))
		max_tasks = 1u << 22;

	t = calloc(1, sizeof(*t));
	if (!t) {
		cbt_msg(err, errlen, "out of memory");
		return -1;
	}
	cbt_perf_init(&t->perf);
	t->perf_counters = cfg && cfg->perf_counters;
	t->ncpus = libbpf_num_possible_cpus();
	if (t->ncpus <= 0) {
		cbt_msg(err, errlen, "cannot count the possible CPUs: %s", strerror(-t->ncpus));
		goto fail;
	}

	cbt_libbpf_log_start();
	t->skel = cbt_bpf__open();
	if (!t->skel) {
		cbt_msg(err, errlen, "opening the BPF object failed: %s", strerror(errno));
		goto fail;
	}
	bpf_map__set_max_entries(t->skel->maps.cbt_tasks, max_tasks * 2 + 64);
	for (int nr = 0; nr < CBT_BPF_MAX_SYSCALLS; nr++) {
		const char *name = cbt_syscall_name(nr);
		/* a uretprobe returns through this system call: the tool's, not the task's */
		t->skel->rodata->reason_of_nr[nr] = name && strcmp(name, "uretprobe") == 0
							? CBT_BPF_REASON_PROBE
							: (__u8)cbt_reason_of_syscall(nr);
	}

	e = cbt_bpf__load(t->skel);
	if (e) {
		cbt_msg(err, errlen, "loading the BPF programs failed: %s%s%s", strerror(-e),
			cbt_libbpf_first_warning()[0] ? " - " : "", cbt_libbpf_first_warning());
		goto fail;
	}
	if (getenv("CBT_EXP_NOSYS")) {
		bpf_program__set_autoattach(t->skel->progs.cbt_sys_enter, false);
		bpf_program__set_autoattach(t->skel->progs.cbt_sys_exit, false);
	}
	if (getenv("CBT_EXP_NOWAKING"))
		bpf_program__set_autoattach(t->skel->progs.cbt_waking, false);
	e = cbt_bpf__attach(t->skel);
	if (e) {
		cbt_msg(err, errlen, "attaching the BPF programs failed: %s%s%s", strerror(-e),
			cbt_libbpf_first_warning()[0] ? " - " : "", cbt_libbpf_first_warning());
		goto fail;
	}
	*out = t;
	return 0;
fail:
	cbt_tracer_close(t);
	return -1;
}

void cbt_tracer_close(struct cbt_tracer *t)
{
	if (!t)
		return;
	cbt_perf_close(&t->perf);
	cbt_bpf__destroy(t->skel); /* detaches (links are fds) and unloads; NULL-safe */
	t->skel = NULL;
	free(t);
}

/* ---- map helpers */

static void reset_maps(struct cbt_tracer *t)
{
	struct cbt_bpf *s = t->skel;

	cbt_bpf_clear_hash(bpf_map__fd(s->maps.cbt_tasks), sizeof(__u32),
			   bpf_map__max_entries(s->maps.cbt_tasks));
	cbt_bpf_zero_percpu(bpf_map__fd(s->maps.cbt_syscalls), sizeof(struct cbt_bpf_syscall),
			    CBT_BPF_MAX_SYSCALLS, t->ncpus);
	cbt_bpf_zero_percpu(bpf_map__fd(s->maps.cbt_rq_hist), sizeof(__u64), CBT_BPF_HIST_SLOTS,
			    t->ncpus);
	for (int i = 0; i < CBT_CNT_NR; i++)
		s->bss->counters[i] = 0;
}

/* ---- begin */

static int read_text(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, len - 1, f);
	fclose(f);
	buf[n] = '\0';
	return (int)n;
}

/* The leader's record at tracking start, from /proc: state, syscall it is blocked in, CPU. */
static void leader_record(pid_t leader, uint64_t now, struct cbt_bpf_task *r)
{
	char path[64], buf[1024], *p;
	char state = 'S';
	int nr = -1, cpu = -1;

	memset(r, 0, sizeof(*r));
	r->tid = (__u32)leader;
	r->pid = (__u32)leader;
	r->ppid = 0;
	r->created_ns = now;
	r->last_ts = now;
	r->sys_nr = -1;
	r->last_cpu = -1;

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)leader);
	if (read_text(path, buf, sizeof(buf)) > 0) {
		buf[strcspn(buf, "\n")] = '\0';
		buf[sizeof(r->comm) - 1] = '\0';
		memcpy(r->comm, buf, strlen(buf));
	}
	snprintf(path, sizeof(path), "/proc/%d/status", (int)leader);
	if (read_text(path, buf, sizeof(buf)) > 0 && (p = strstr(buf, "\nTgid:")))
		r->pid = (__u32)strtoul(p + 6, NULL, 10);
	/* /proc/PID/stat: "pid (comm) S ppid ..." - field 39 is the CPU it last ran on */
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)leader);
	if (read_text(path, buf, sizeof(buf)) > 0 && (p = strrchr(buf, ')')) && p[1] == ' ') {
		state = p[2];
		p += 2;
		for (int field = 3; field < 39 && p; field++) {
			p = strchr(p, ' ');
			if (p)
				p++;
		}
		if (p)
			cpu = atoi(p);
	}
	r->last_cpu = cpu;
	snprintf(path, sizeof(path), "/proc/%d/syscall", (int)leader);
	if (read_text(path, buf, sizeof(buf)) > 0 && buf[0] >= '0' && buf[0] <= '9')
		nr = atoi(buf);

	if (state == 'R') {
		r->state = CBT_TASK_RUNNABLE; /* or running: cannot tell; corrected at its switch */
		r->reason = CBT_BPF_REASON_OTHER;
	} else {
		/* the runner's leader waits on a pipe read: reason io */
		r->state = CBT_TASK_BLOCKED;
		r->reason = nr >= 0 ? (__u32)cbt_reason_of_syscall(nr) : CBT_BPF_REASON_IO;
		r->blocks[r->reason] = 1;
	}
}

/* The leader's switch counts and schedstat at tracking start (it is blocked on the go pipe). */
static void leader_base(struct cbt_tracer *t, pid_t leader)
{
	char path[64], buf[4096], *p;
	unsigned long long a, b, c;

	t->base_valid = false;
	snprintf(path, sizeof(path), "/proc/%d/schedstat", (int)leader);
	if (read_text(path, buf, sizeof(buf)) <= 0 ||
	    sscanf(buf, "%llu %llu %llu", &a, &b, &c) != 3)
		return;
	t->base_sum_exec = a, t->base_run_delay = b, t->base_pcount = c;
	snprintf(path, sizeof(path), "/proc/%d/status", (int)leader);
	if (read_text(path, buf, sizeof(buf)) <= 0 ||
	    !(p = strstr(buf, "\nvoluntary_ctxt_switches:")))
		return;
	t->base_nvcsw = strtoull(p + 26, NULL, 10);
	if (!(p = strstr(buf, "\nnonvoluntary_ctxt_switches:")))
		return;
	t->base_nivcsw = strtoull(p + 29, NULL, 10);
	t->base_valid = true;
}

int cbt_tracer_begin(struct cbt_tracer *t, pid_t leader, char *err, size_t errlen)
{
	struct cbt_bpf_task rec;
	__u32 key;
	uint64_t now;

	if (!t || !t->skel) {
		cbt_msg(err, errlen, "tracer is not open");
		return -1;
	}
	if (leader <= 0) {
		cbt_msg(err, errlen, "invalid run leader pid %d", (int)leader);
		return -1;
	}
	t->skel->bss->active = 0;
	__sync_synchronize();
	cbt_perf_close(&t->perf);
	reset_maps(t);

	/* perf counters first (--perf-counters): not fatal, each one is reported unsupported if it
	 * fails */
	if (t->perf_counters)
		cbt_perf_open(&t->perf, leader);

	now = cbt_mono_ns();
	leader_record(leader, now, &rec);
	leader_base(t, leader);
	rec.base_pending = 1; /* its switch counts start at its first switch event */
	key = rec.tid;
	if (bpf_map_update_elem(bpf_map__fd(t->skel->maps.cbt_tasks), &key, &rec, BPF_ANY)) {
		cbt_msg(err, errlen, "cannot track run leader %d: %s", (int)leader,
			strerror(errno));
		cbt_perf_close(&t->perf);
		return -1;
	}
	t->leader = leader;
	t->start_ns = now;
	t->misses_at_begin = cbt_bpf_recursion_misses(t->skel->obj);
	t->running = true;
	__sync_synchronize();
	t->skel->bss->active = 1;
	__sync_synchronize();
	return 0;
}

/* ---- end */

int cbt_tracer_end(struct cbt_tracer *t, struct cbt_trace_run *out, char *err, size_t errlen)
{
	uint64_t end;
	int e;

	if (!out) {
		cbt_msg(err, errlen, "cbt_tracer_end: no output");
		return -1;
	}
	memset(out, 0, sizeof(*out));
	if (!t || !t->skel || !t->running) {
		cbt_msg(err, errlen, "no traced run in progress");
		return -1;
	}
	t->skel->bss->active = 0;
	__sync_synchronize();
	end = cbt_mono_ns();
	t->running = false;

	out->enabled = true;
	out->start_ns = t->start_ns;
	out->end_ns = end;
	out->lost_by[CBT_LOST_WAKEUP] = t->skel->bss->counters[CBT_CNT_MISSED_WAKEUP];
	out->lost_by[CBT_LOST_SWITCHIN] = t->skel->bss->counters[CBT_CNT_MISSED_SWITCHIN];
	out->lost_by[CBT_LOST_SWITCHOUT] = t->skel->bss->counters[CBT_CNT_MISSED_SWITCHOUT];
	out->lost_by[CBT_LOST_TID_REUSED] = t->skel->bss->counters[CBT_CNT_TID_REUSED];
	out->lost_by[CBT_LOST_SKIPPED] =
	    cbt_bpf_recursion_misses(t->skel->obj) - t->misses_at_begin;
	out->lost_events =
	    t->skel->bss->counters[CBT_CNT_LOST_EVENTS] + out->lost_by[CBT_LOST_SKIPPED];
	out->untracked_tasks = t->skel->bss->counters[CBT_CNT_UNTRACKED_TASKS];
	out->recovered_wakeups = t->skel->bss->counters[CBT_CNT_RECOVERED_WAKEUP];
	out->recovered_switchins = t->skel->bss->counters[CBT_CNT_RECOVERED_SWITCHIN];
	out->probe_syscalls = t->skel->bss->counters[CBT_CNT_PROBE_SYSCALLS];
	if (getenv("CBT_BPF_STATS"))
		cbt_bpf_print_stats(stderr);
	if (getenv("CBT_DEBUG_LOST"))
		fprintf(stderr,
			"cbt: lost %llu: missed wake-up %llu, missed switch-in %llu, "
			"tid reused %llu, recursion misses %llu; recovered from the kernel's "
			"record: wake-ups %llu, switch-ins %llu; blocking switch-outs not in "
			"nvcsw %llu, switch-outs missed %llu\n",
			(unsigned long long)out->lost_events,
			(unsigned long long)out->lost_by[CBT_LOST_WAKEUP],
			(unsigned long long)out->lost_by[CBT_LOST_SWITCHIN],
			(unsigned long long)out->lost_by[CBT_LOST_TID_REUSED],
			(unsigned long long)out->lost_by[CBT_LOST_SKIPPED],
			(unsigned long long)out->recovered_wakeups,
			(unsigned long long)out->recovered_switchins,
			(unsigned long long)t->skel->bss->counters[CBT_CNT_BLOCK_NOT_NVCSW],
			(unsigned long long)out->lost_by[CBT_LOST_SWITCHOUT]);
	/* inherited counts of exited tasks were folded into the leader's counters at their exit */
	out->perf_requested = t->perf_counters;
	cbt_perf_read(&t->perf, out->perf);
	cbt_perf_close(&t->perf);

	e = cbt_tracer_collect(t, end, out);
	reset_maps(t);
	if (e) {
		cbt_trace_run_free(out);
		cbt_msg(err, errlen, "reading the BPF maps failed: %s", strerror(-e));
		return -1;
	}
	return 0;
}
