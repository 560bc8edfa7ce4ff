/* gil_probe.c - loads bpf/gil.bpf.c (through its skeleton) with the tracer's map of tracked tasks,
 * finds the interpreter's lock function with gil_probe_elf.c and attaches uprobes to it (any pid:
 * the BPF side keeps only the tasks of the run). See gil_probe.h for the contract.
 */
#include "trace/libbpf_log.h"
#include "trace/bpf_maps.h"
#include "util/msg.h"
#include "trace/gil_probe.h"
#include "trace/gil_probe_elf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <sys/stat.h>

#include "cbt_bpf.h"
#include "cbt_gil_bpf.h"
#include "gil.skel.h"
#include "trace/gil_probe_priv.h"

_Static_assert(CBT_BPF_HIST_SLOTS == CBT_HIST_SLOTS, "histogram size differs from records.h");

/* ---- open / close */

static int attach(struct cbt_gil_probe *g, struct bpf_program *prog, bool ret, const char *binary,
		  const struct cbt_gil_site *site, __u64 cookie, char *status, size_t len)
{
	LIBBPF_OPTS(bpf_uprobe_opts, opts, .retprobe = ret, .bpf_cookie = cookie);
	struct bpf_link *l;

	if (g->nlinks >= MAX_LINKS) {
		cbt_msg(status, len, "too many interpreter files probed (%d)", MAX_LINKS / 2);
		return -1;
	}
	l = bpf_program__attach_uprobe_opts(prog, -1, binary, site->offset, &opts);
	if (!l) {
		int e = errno ? errno : EINVAL;
		cbt_msg(status, len, "attaching a %s to %s in %s failed: %s%s%s",
			ret ? "uretprobe" : "uprobe",
			site->every ? "take_gil" : "PyEval_RestoreThread", binary, strerror(e),
			cbt_libbpf_first_warning()[0] ? " - " : "", cbt_libbpf_first_warning());
		return -1;
	}
	g->links[g->nlinks++] = l;
	return 0;
}

static int load(struct cbt_gil_probe *g, int tasks_map_fd, bool watch, char *status, size_t len)
{
	struct gil_bpf *k;
	int e;

	k = g->skel = gil_bpf__open();
	if (!k) {
		cbt_msg(status, len, "opening the BPF object failed: %s", strerror(errno));
		return -1;
	}
	e = bpf_map__reuse_fd(k->maps.cbt_tasks, tasks_map_fd);
	if (e) {
		cbt_msg(status, len, "cannot reuse the tracer's map of tasks (fd %d): %s",
			tasks_map_fd, strerror(-e));
		return -1;
	}
	/* one entry per tracked task at most */
	bpf_map__set_max_entries(k->maps.cbt_gil_tasks, bpf_map__max_entries(k->maps.cbt_tasks));
	k->rodata->watch_execs = watch;
	bpf_program__set_autoload(k->progs.cbt_gil_exec, watch);
	/* a libpython dlopen()ed after exec: through the loader's debugger hook (gil_probe_dl.c) */
	char why[128];
	if (watch && cbt_gil_dl_find(&g->dl, why, sizeof(why)) == 0) {
		k->rodata->dl_state_vaddr = g->dl.hook_vaddr;
		k->rodata->dl_rdebug_vaddr = g->dl.rdebug_vaddr;
	}
	bpf_program__set_autoload(k->progs.cbt_gil_dlopen, watch && g->dl.hook_vaddr);
	bpf_program__set_autoload(k->progs.cbt_gil_fork, watch && g->dl.hook_vaddr);
	e = gil_bpf__load(k);
	if (e) {
		cbt_msg(status, len, "loading the BPF programs failed: %s%s%s", strerror(-e),
			cbt_libbpf_first_warning()[0] ? " - " : "", cbt_libbpf_first_warning());
		return -1;
	}
	return 0;
}

static void describe(const char *binary, const struct cbt_gil_site *s, char *status, size_t len)
{
	if (s->every && s->forced_known)
		cbt_msg(status, len,
			"take_gil in %s: every acquisition, forced switches (from %s) counted",
			binary, s->forced_via);
	else if (s->every)
		cbt_msg(
		    status, len,
		    "take_gil in %s: every acquisition; forced switches not identified (the eval "
		    "loop's drop-request call site was not recognised)",
		    binary);
	else
		cbt_msg(status, len,
			"PyEval_RestoreThread only in %s: retakes after blocking calls measured; "
			"forced switches, thread start and other acquisitions not measured "
			"(take_gil not in its symbols: %s)",
			binary, s->has_symtab ? "no take_gil in .symtab" : "stripped");
}

int cbt_gil_probe_add_locked(struct cbt_gil_probe *g, const char *binary, char *status, size_t len)
{
	struct cbt_gil_site site;
	struct stat st;

	if (!g || !g->skel || !binary || !*binary) {
		cbt_msg(status, len, "no lock probe or no interpreter file");
		return -1;
	}
	if (stat(binary, &st) != 0) {
		cbt_msg(status, len, "cannot stat %s: %s", binary, strerror(errno));
		return -1;
	}
	for (int i = 0; i < g->nfiles; i++) /* uprobes attach per inode */
		if (g->files[i].dev == st.st_dev && g->files[i].ino == st.st_ino)
			return 0;
	if (g->nfiles >= CBT_GIL_MAX_INTERPRETERS) {
		cbt_msg(status, len, "more than %d interpreter files", CBT_GIL_MAX_INTERPRETERS);
		return -1;
	}
	if (cbt_gil_site_find(binary, &site, status, len))
		return -1;
	__u32 k = (__u32)g->nfiles;
	struct cbt_gil_cfg cfg = {.entry_vaddr = site.vaddr,
				  .forced_lo = site.forced_known ? site.forced_lo : 0,
				  .forced_hi = site.forced_known ? site.forced_hi : 0,
				  .forced_slot = site.forced_slot};
	if (bpf_map_update_elem(bpf_map__fd(g->skel->maps.cbt_gil_cfg), &k, &cfg, BPF_ANY)) {
		cbt_msg(status, len, "cannot configure the lock probe: %s", strerror(errno));
		return -1;
	}
	if (attach(g, g->skel->progs.cbt_gil_in, false, binary, &site, k, status, len) ||
	    attach(g, g->skel->progs.cbt_gil_out, true, binary, &site, k, status, len))
		return -1;
	g->files[g->nfiles].dev = st.st_dev;
	g->files[g->nfiles].ino = st.st_ino;
	g->files[g->nfiles].every = site.every;
	g->files[g->nfiles].forced_known = site.forced_known;
	g->nfiles++;
	describe(binary, &site, status, len);
	size_t n = strlen(g->status);
	snprintf(g->status + n, sizeof(g->status) - n, "%s%s", n ? "; " : "", status);
	return 0;
}

int cbt_gil_probe_add(struct cbt_gil_probe *g, const char *binary, char *status, size_t len)
{
	if (!g) {
		cbt_msg(status, len, "no lock probe");
		return -1;
	}
	pthread_mutex_lock(&g->lock);
	int r = cbt_gil_probe_add_locked(g, binary, status, len);
	pthread_mutex_unlock(&g->lock);
	return r;
}

const char *cbt_gil_probe_status(struct cbt_gil_probe *g)
{
	return g ? g->status : "";
}

static struct cbt_gil_probe *open_common(int tasks_map_fd, cbt_gil_resolve_fn watch, char *status,
					 size_t len)
{
	struct cbt_gil_probe *g;

	if (tasks_map_fd < 0) {
		cbt_msg(status, len, "no map of tracked tasks: the tracer is not open");
		return NULL;
	}
	g = calloc(1, sizeof(*g));
	if (!g) {
		cbt_msg(status, len, "out of memory");
		return NULL;
	}
	pthread_mutex_init(&g->lock, NULL);
	g->resolve = watch;
	g->ncpus = libbpf_num_possible_cpus();
	if (g->ncpus <= 0) {
		cbt_msg(status, len, "cannot count the possible CPUs: %s",
			strerror(g->ncpus ? -g->ncpus : EINVAL));
		cbt_gil_probe_close(g);
		return NULL;
	}
	cbt_libbpf_log_start();
	if (load(g, tasks_map_fd, watch != NULL, status, len) ||
	    (watch && cbt_gil_watch_start(g, status, len))) {
		cbt_gil_probe_close(g);
		return NULL;
	}
	return g;
}

int cbt_gil_probe_open(struct cbt_gil_probe **out, int tasks_map_fd, const char *binary,
		       char *status, size_t len)
{
	struct cbt_gil_site site;

	if (!out) {
		cbt_msg(status, len, "cbt_gil_probe_open: no output pointer");
		return -1;
	}
	*out = NULL;
	if (!binary || !*binary) {
		cbt_msg(status, len, "no interpreter binary given");
		return -1;
	}
	if (tasks_map_fd < 0) {
		cbt_msg(status, len, "no map of tracked tasks: the tracer is not open");
		return -1;
	}
	/* say what is wrong with the file before loading anything */
	if (cbt_gil_site_find(binary, &site, status, len))
		return -1;
	struct cbt_gil_probe *g = open_common(tasks_map_fd, NULL, status, len);
	if (!g || cbt_gil_probe_add(g, binary, status, len)) {
		cbt_gil_probe_close(g);
		return -1;
	}
	*out = g;
	return 0;
}

int cbt_gil_probe_open_watch(struct cbt_gil_probe **out, int tasks_map_fd,
			     cbt_gil_resolve_fn resolve, char *status, size_t len)
{
	if (!out) {
		cbt_msg(status, len, "cbt_gil_probe_open_watch: no output pointer");
		return -1;
	}
	if (!resolve) {
		cbt_msg(status, len, "cbt_gil_probe_open_watch: no resolver");
		return -1;
	}
	*out = open_common(tasks_map_fd, resolve, status, len);
	return *out ? 0 : -1;
}

int cbt_gil_probe_tasks_map_fd(const struct cbt_gil_probe *g)
{
	return g && g->skel ? bpf_map__fd(g->skel->maps.cbt_gil_tasks) : -1;
}

void cbt_gil_probe_close(struct cbt_gil_probe *g)
{
	if (!g)
		return;
	cbt_gil_watch_stop(g); /* continues any task it stopped */
	for (int i = 0; i < g->nlinks; i++)
		bpf_link__destroy(g->links[i]); /* closes the link fd: detaches */
	g->nlinks = 0;
	gil_bpf__destroy(g->skel); /* unloads; the reused map fd is only a dup; NULL-safe */
	g->skel = NULL;
	pthread_mutex_destroy(&g->lock);
	free(g);
}

/* ---- reset / collect */

void cbt_gil_probe_reset(struct cbt_gil_probe *g)
{
	if (!g || !g->skel)
		return;
	cbt_bpf_clear_hash(bpf_map__fd(g->skel->maps.cbt_gil_tasks), sizeof(__u32),
			   bpf_map__max_entries(g->skel->maps.cbt_gil_tasks));
	cbt_bpf_zero_percpu(bpf_map__fd(g->skel->maps.cbt_gil_hist), sizeof(__u64),
			    CBT_BPF_HIST_SLOTS, g->ncpus);
	g->skel->bss->cbt_gil_lost = 0;
	g->misses_at_reset = cbt_bpf_recursion_misses(g->skel->obj);
	pthread_mutex_lock(&g->lock);
	g->execs = g->stops = g->stopped_ns = g->dlopens = 0;
	pthread_mutex_unlock(&g->lock);
}

int cbt_gil_probe_collect(struct cbt_gil_probe *g, struct cbt_trace_run *run)
{
	struct cbt_gil_task v;
	int fd;

	if (!g || !g->skel || !run)
		return -1;
	fd = bpf_map__fd(g->skel->maps.cbt_gil_tasks);
	for (size_t i = 0; i < run->ntasks; i++) {
		struct cbt_task_record *r = &run->tasks[i];
		__u32 tid = (__u32)r->tid;

		if (bpf_map_lookup_elem(fd, &tid, &v))
			continue;
		struct cbt_gil_counts *c = &r->gil;
		c->acquisitions += v.acquisitions;
		c->raw_wait_ns += v.raw_wait_ns;
		c->contended += v.contended;
		c->blocked_ns += v.blocked_ns;
		c->handoff_ns += v.handoff_ns;
		c->contended_oncpu_ns += v.contended_oncpu_ns;
		c->uncontended += v.uncontended;
		c->uncontended_ns += v.uncontended_ns;
		c->preempted += v.preempted;
		c->preempted_ns += v.preempted_ns;
		c->forced += v.forced;
		c->forced_wait_ns += v.forced_wait_ns;
		c->forced_hold_ns += v.forced_hold_ns;
		if (v.min_oncpu_ns && (!c->min_oncpu_ns || v.min_oncpu_ns < c->min_oncpu_ns))
			c->min_oncpu_ns = v.min_oncpu_ns;
	}
	if (cbt_bpf_sum_percpu_u64(bpf_map__fd(g->skel->maps.cbt_gil_hist), CBT_BPF_HIST_SLOTS,
				   g->ncpus, run->gil_hist) != 0)
		return -1;
	pthread_mutex_lock(&g->lock);
	run->gil_execs = g->execs;
	run->gil_exec_stops = g->stops;
	run->gil_exec_stopped_ns = g->stopped_ns;
	run->gil_probed = g->nfiles > 0;
	run->gil_every = g->nfiles > 0;
	run->gil_forced_known = g->nfiles > 0;
	for (int i = 0; i < g->nfiles; i++) {
		run->gil_every &= g->files[i].every;
		run->gil_forced_known &= g->files[i].forced_known;
	}
	pthread_mutex_unlock(&g->lock);
	run->lost_by[CBT_LOST_LOCK] = g->skel->bss->cbt_gil_lost +
				      cbt_bpf_recursion_misses(g->skel->obj) - g->misses_at_reset;
	run->lost_events += run->lost_by[CBT_LOST_LOCK];
	return 0;
}
