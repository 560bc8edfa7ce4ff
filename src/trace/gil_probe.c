/* gil_probe.c - loads bpf/gil.bpf.c (through its skeleton) with the tracer's map of tracked tasks,
 * resolves the interpreter's lock functions with libelf and attaches uprobes to them (any pid: the
 * BPF side keeps only the tasks of the run). See gil_probe.h for the contract.
 */
#include "trace/libbpf_log.h"
#include "util/msg.h"
#include "trace/gil_probe.h"

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
#include <gelf.h>
#include <libelf.h>

#include "cbt_bpf.h"
#include "cbt_gil_bpf.h"
#include "gil.skel.h"

_Static_assert(CBT_BPF_HIST_SLOTS == CBT_HIST_SLOTS, "histogram size differs from records.h");

enum { SYM_RESTORE, SYM_TAKE, SYM_DROP, SYM_NR };

static const char *const sym_names[SYM_NR] = {"PyEval_RestoreThread", "take_gil", "drop_gil"};

#define MAX_LINKS 5

struct cbt_gil_probe {
	struct gil_bpf *skel;
	struct bpf_link *links[MAX_LINKS];
	int nlinks;
	bool has_take_drop;
	int ncpus;
	uint64_t misses_at_reset; /* recursion misses of our programs at the last reset */
};

/* ---- symbols */

struct syms {
	bool found[SYM_NR];
	size_t offset[SYM_NR]; /* file offsets, for the uprobes */
	bool has_symtab;
	char needed_libpython[128]; /* a DT_NEEDED libpython*, if any */
};

/* File offset of virtual address v: through the PT_LOAD segment that maps it. */
static int vaddr_to_offset(Elf *elf, GElf_Addr v, size_t *off)
{
	size_t n;

	if (elf_getphdrnum(elf, &n))
		return -1;
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_LOAD)
			continue;
		if (v >= ph.p_vaddr && v < ph.p_vaddr + ph.p_memsz) {
			*off = (size_t)(v - ph.p_vaddr + ph.p_offset);
			return 0;
		}
	}
	return -1;
}

static void scan_symbols(Elf *elf, Elf_Scn *scn, const GElf_Shdr *sh, struct syms *s)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	size_t n;

	if (!data || !sh->sh_entsize)
		return;
	n = sh->sh_size / sh->sh_entsize;
	for (size_t i = 0; i < n; i++) {
		GElf_Sym sym;
		const char *name;

		if (!gelf_getsym(data, (int)i, &sym) || GELF_ST_TYPE(sym.st_info) != STT_FUNC ||
		    sym.st_shndx == SHN_UNDEF || !sym.st_value)
			continue;
		name = elf_strptr(elf, sh->sh_link, sym.st_name);
		if (!name)
			continue;
		for (int k = 0; k < SYM_NR; k++)
			if (!s->found[k] && strcmp(name, sym_names[k]) == 0 &&
			    vaddr_to_offset(elf, sym.st_value, &s->offset[k]) == 0)
				s->found[k] = true;
	}
}

static void scan_needed(Elf *elf, Elf_Scn *scn, const GElf_Shdr *sh, struct syms *s)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	size_t n;

	if (!data || !sh->sh_entsize)
		return;
	n = sh->sh_size / sh->sh_entsize;
	for (size_t i = 0; i < n; i++) {
		GElf_Dyn dyn;
		const char *name;

		if (!gelf_getdyn(data, (int)i, &dyn) || dyn.d_tag != DT_NEEDED)
			continue;
		name = elf_strptr(elf, sh->sh_link, dyn.d_un.d_val);
		if (name && strncmp(name, "libpython", 9) == 0 && !s->needed_libpython[0])
			snprintf(s->needed_libpython, sizeof(s->needed_libpython), "%s", name);
	}
}

/* Resolves sym_names in .symtab, then .dynsym (defined functions only). */
static int resolve(const char *path, struct syms *s, char *status, size_t len)
{
	Elf_Scn *scn;
	Elf *elf;
	int fd;

	memset(s, 0, sizeof(*s));
	if (elf_version(EV_CURRENT) == EV_NONE) {
		cbt_msg(status, len, "libelf: %s", elf_errmsg(-1));
		return -1;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		cbt_msg(status, len, "cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		cbt_msg(status, len, "%s is not an ELF file%s%s", path, elf ? "" : ": ",
			elf ? "" : elf_errmsg(-1));
		if (elf)
			elf_end(elf);
		close(fd);
		return -1;
	}
	for (int pass = 0; pass < 2; pass++) {
		Elf32_Word want = pass == 0 ? SHT_SYMTAB : SHT_DYNSYM;

		scn = NULL;
		while ((scn = elf_nextscn(elf, scn))) {
			GElf_Shdr sh;

			if (!gelf_getshdr(scn, &sh))
				continue;
			if (pass == 0 && sh.sh_type == SHT_DYNAMIC)
				scan_needed(elf, scn, &sh, s);
			if (sh.sh_type != want)
				continue;
			if (want == SHT_SYMTAB)
				s->has_symtab = true;
			scan_symbols(elf, scn, &sh, s);
		}
	}
	elf_end(elf);
	close(fd);
	return 0;
}

/* ---- open / close */

static int attach(struct cbt_gil_probe *g, struct bpf_program *prog, bool ret, const char *binary,
		  size_t offset, const char *sym, char *status, size_t len)
{
	struct bpf_link *l;
	int e;

	l = bpf_program__attach_uprobe(prog, ret, -1, binary, offset);
	if (!l) {
		e = errno ? errno : EINVAL;
		cbt_msg(status, len, "attaching a %s to %s in %s failed: %s%s%s",
			ret ? "uretprobe" : "uprobe", sym, binary, strerror(e),
			cbt_libbpf_first_warning()[0] ? " - " : "", cbt_libbpf_first_warning());
		return -1;
	}
	g->links[g->nlinks++] = l;
	return 0;
}

static int open_probe(struct cbt_gil_probe *g, int tasks_map_fd, const char *binary,
		      const struct syms *s, char *status, size_t len)
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
	bpf_program__set_autoload(k->progs.cbt_gil_take_in, g->has_take_drop);
	bpf_program__set_autoload(k->progs.cbt_gil_take_out, g->has_take_drop);
	bpf_program__set_autoload(k->progs.cbt_gil_drop, g->has_take_drop);

	e = gil_bpf__load(k);
	if (e) {
		cbt_msg(status, len, "loading the BPF programs failed: %s%s%s", strerror(-e),
			cbt_libbpf_first_warning()[0] ? " - " : "", cbt_libbpf_first_warning());
		return -1;
	}
	if (attach(g, k->progs.cbt_gil_rst_in, false, binary, s->offset[SYM_RESTORE],
		   sym_names[SYM_RESTORE], status, len) ||
	    attach(g, k->progs.cbt_gil_rst_out, true, binary, s->offset[SYM_RESTORE],
		   sym_names[SYM_RESTORE], status, len))
		return -1;
	if (!g->has_take_drop)
		return 0;
	if (attach(g, k->progs.cbt_gil_take_in, false, binary, s->offset[SYM_TAKE],
		   sym_names[SYM_TAKE], status, len) ||
	    attach(g, k->progs.cbt_gil_take_out, true, binary, s->offset[SYM_TAKE],
		   sym_names[SYM_TAKE], status, len) ||
	    attach(g, k->progs.cbt_gil_drop, false, binary, s->offset[SYM_DROP],
		   sym_names[SYM_DROP], status, len))
		return -1;
	return 0;
}

int cbt_gil_probe_open(struct cbt_gil_probe **out, int tasks_map_fd, const char *binary,
		       char *status, size_t len)
{
	struct cbt_gil_probe *g;
	struct syms s;
	int ret;

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
	if (resolve(binary, &s, status, len))
		return -1;
	if (!s.found[SYM_RESTORE]) {
		if (s.needed_libpython[0])
			cbt_msg(status, len,
				"no PyEval_RestoreThread in %s: the interpreter is in %s, "
				"attach to that library",
				binary, s.needed_libpython);
		else
			cbt_msg(status, len,
				"no PyEval_RestoreThread in %s: not a CPython, or fully stripped",
				binary);
		return -1;
	}

	g = calloc(1, sizeof(*g));
	if (!g) {
		cbt_msg(status, len, "out of memory");
		return -1;
	}
	g->has_take_drop = s.found[SYM_TAKE] && s.found[SYM_DROP];
	g->ncpus = libbpf_num_possible_cpus();
	if (g->ncpus <= 0) {
		cbt_msg(status, len, "cannot count the possible CPUs: %s",
			strerror(g->ncpus ? -g->ncpus : EINVAL));
		free(g);
		return -1;
	}

	cbt_libbpf_log_start();
	ret = open_probe(g, tasks_map_fd, binary, &s, status, len);
	if (ret) {
		cbt_gil_probe_close(g);
		return -1;
	}

	if (g->has_take_drop)
		cbt_msg(status, len, "PyEval_RestoreThread + take_gil/drop_gil in %s", binary);
	else
		cbt_msg(status, len,
			"PyEval_RestoreThread only in %s (take_gil/drop_gil not in its symbols: "
			"%s)",
			binary,
			!s.has_symtab	     ? "stripped"
			: !s.found[SYM_TAKE] ? "no take_gil in .symtab"
					     : "no drop_gil in .symtab");
	*out = g;
	return 0;
}

void cbt_gil_probe_close(struct cbt_gil_probe *g)
{
	if (!g)
		return;
	for (int i = 0; i < g->nlinks; i++)
		bpf_link__destroy(g->links[i]); /* closes the link fd: detaches */
	g->nlinks = 0;
	gil_bpf__destroy(g->skel); /* unloads; the reused map fd is only a dup; NULL-safe */
	g->skel = NULL;
	free(g);
}

/* ---- reset / collect */

/* Invocations of our programs the kernel skipped (another kprobe-type program was running on the
 * CPU): lock operations we could not record. System-wide, so an upper bound for the run. */
static uint64_t prog_misses(const struct cbt_gil_probe *g)
{
	struct bpf_program *prog;
	uint64_t n = 0;

	bpf_object__for_each_program(prog, g->skel->obj)
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

void cbt_gil_probe_reset(struct cbt_gil_probe *g)
{
	size_t cap, n = 0;
	__u32 *keys, *prev = NULL;
	__u64 *zero;
	int fd;

	if (!g || !g->skel)
		return;
	/* delete after collecting the keys: get_next_key restarts after a deletion */
	fd = bpf_map__fd(g->skel->maps.cbt_gil_tasks);
	cap = bpf_map__max_entries(g->skel->maps.cbt_gil_tasks);
	keys = calloc(cap + 1, sizeof(*keys));
	if (keys) {
		while (n < cap && bpf_map_get_next_key(fd, prev, &keys[n]) == 0) {
			prev = &keys[n];
			n++;
		}
		for (size_t i = 0; i < n; i++)
			bpf_map_delete_elem(fd, &keys[i]);
		free(keys);
	}
	fd = bpf_map__fd(g->skel->maps.cbt_gil_hist);
	zero = calloc((size_t)g->ncpus, sizeof(*zero));
	if (zero) {
		for (__u32 k = 0; k < CBT_BPF_HIST_SLOTS; k++)
			bpf_map_update_elem(fd, &k, zero, BPF_ANY);
		free(zero);
	}
	g->skel->bss->cbt_gil_lost = 0;
	g->misses_at_reset = prog_misses(g);
}

int cbt_gil_probe_collect(struct cbt_gil_probe *g, struct cbt_trace_run *run)
{
	struct cbt_gil_task v;
	__u64 *hv;
	int fd;

	if (!g || !g->skel || !run)
		return -1;
	fd = bpf_map__fd(g->skel->maps.cbt_gil_tasks);
	for (size_t i = 0; i < run->ntasks; i++) {
		struct cbt_task_record *r = &run->tasks[i];
		__u32 tid = (__u32)r->tid;

		if (bpf_map_lookup_elem(fd, &tid, &v))
			continue;
		r->gil_acquisitions += v.acquisitions;
		r->gil_wait_ns += v.wait_ns;
		r->gil_takes += v.takes;
		r->gil_take_wait_ns += v.take_wait_ns;
		r->gil_hold_ns += v.hold_ns;
	}
	hv = calloc((size_t)g->ncpus, sizeof(*hv));
	if (!hv)
		return -1;
	fd = bpf_map__fd(g->skel->maps.cbt_gil_hist);
	for (__u32 k = 0; k < CBT_BPF_HIST_SLOTS; k++) {
		if (bpf_map_lookup_elem(fd, &k, hv))
			continue;
		for (int c = 0; c < g->ncpus; c++)
			run->gil_hist[k] += hv[c];
	}
	free(hv);
	run->gil_probed = true;
	run->gil_has_take_drop = g->has_take_drop;
	run->lost_events += g->skel->bss->cbt_gil_lost + prog_misses(g) - g->misses_at_reset;
	return 0;
}
