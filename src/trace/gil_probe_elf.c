/* gil_probe_elf.c - see gil_probe_elf.h. Reads symbols and code bytes with libelf. */
#include "trace/gil_probe_elf.h"
#include "util/msg.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gelf.h>
#include <libelf.h>

enum { F_RESTORE, F_TAKE, F_PENDING, F_EVAL, F_ATTACH, F_ACQUIRE, F_NR };

static const char *const fn_names[F_NR] = {"PyEval_RestoreThread",  "take_gil",
					   "_Py_HandlePending",	    "_PyEval_EvalFrameDefault",
					   "_PyThreadState_Attach", "_PyEval_AcquireLock"};

struct fn {
	bool found;
	uint64_t vaddr, size;
};

struct image {
	Elf *elf;
	struct fn fn[F_NR];
	bool has_symtab;
	char needed[128];
};

static void scan_symbols(struct image *im, Elf_Scn *scn, const GElf_Shdr *sh)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	for (size_t i = 0; d && sh->sh_entsize && i < sh->sh_size / sh->sh_entsize; i++) {
		GElf_Sym sym;
		const char *name;
		if (!gelf_getsym(d, (int)i, &sym) || GELF_ST_TYPE(sym.st_info) != STT_FUNC ||
		    sym.st_shndx == SHN_UNDEF || !sym.st_value ||
		    !(name = elf_strptr(im->elf, sh->sh_link, sym.st_name)))
			continue;
		for (int k = 0; k < F_NR; k++)
			if (!im->fn[k].found && strcmp(name, fn_names[k]) == 0)
				im->fn[k] = (struct fn){true, sym.st_value, sym.st_size};
	}
}

static void scan_needed(struct image *im, Elf_Scn *scn, const GElf_Shdr *sh)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	for (size_t i = 0; d && sh->sh_entsize && i < sh->sh_size / sh->sh_entsize; i++) {
		GElf_Dyn dyn;
		const char *name;
		if (!gelf_getdyn(d, (int)i, &dyn) || dyn.d_tag != DT_NEEDED)
			continue;
		name = elf_strptr(im->elf, sh->sh_link, dyn.d_un.d_val);
		if (name && strncmp(name, "libpython", 9) == 0 && !im->needed[0])
			snprintf(im->needed, sizeof(im->needed), "%s", name);
	}
}

/* File offset of virtual address v: through the PT_LOAD segment that maps it. */
static int vaddr_to_offset(Elf *elf, uint64_t v, size_t *off)
{
	size_t n;
	if (elf_getphdrnum(elf, &n))
		return -1;
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;
		if (gelf_getphdr(elf, (int)i, &ph) && ph.p_type == PT_LOAD && v >= ph.p_vaddr &&
		    v < ph.p_vaddr + ph.p_memsz) {
			*off = (size_t)(v - ph.p_vaddr + ph.p_offset);
			return 0;
		}
	}
	return -1;
}

/* The code bytes of a function (NULL if not in a PROGBITS section). */
static const unsigned char *code_of(Elf *elf, const struct fn *f)
{
	for (Elf_Scn *scn = NULL; f->found && f->size && (scn = elf_nextscn(elf, scn));) {
		GElf_Shdr sh;
		Elf_Data *d;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_PROGBITS ||
		    f->vaddr < sh.sh_addr || f->vaddr + f->size > sh.sh_addr + sh.sh_size ||
		    !(d = elf_getdata(scn, NULL)) || !d->d_buf || d->d_size < sh.sh_size)
			continue;
		return (const unsigned char *)d->d_buf + (f->vaddr - sh.sh_addr);
	}
	return NULL;
}

/* Whether f contains a direct `call rel32` (e8, call = 1) or `jmp rel32` (e9) to target. An
 * accidental byte match would need the exact 32-bit displacement of the target as well. */
static bool branches_to(Elf *elf, const struct fn *f, const struct fn *target, int call)
{
	const unsigned char *c = code_of(elf, f);
	unsigned char op = call ? 0xe8 : 0xe9;
	for (uint64_t i = 0; c && target->found && i + 5 <= f->size; i++) {
		int32_t rel;
		if (c[i] != op)
			continue;
		memcpy(&rel, c + i + 1, sizeof(rel));
		if (f->vaddr + i + 5 + (int64_t)rel == target->vaddr)
			return true;
	}
	return false;
}

/* Bytes the prologue of f puts on the stack before its first call: pushes and `sub $n, %rsp`
 * (endbr64 skipped). -1 on an instruction this small decoder does not know. */
static int prologue_bytes(Elf *elf, const struct fn *f)
{
	const unsigned char *c = code_of(elf, f);
	int bytes = 0;
	for (uint64_t i = 0; c && i < f->size && i < 64;) {
		if (i + 4 <= f->size && !memcmp(c + i, "\xf3\x0f\x1e\xfa", 4))
			i += 4; /* endbr64 */
		else if (c[i] >= 0x50 && c[i] <= 0x57)
			bytes += 8, i += 1; /* push %rax..%rdi */
		else if (c[i] == 0x41 && i + 1 < f->size && c[i + 1] >= 0x50 && c[i + 1] <= 0x57)
			bytes += 8, i += 2; /* push %r8..%r15 */
		else if (i + 4 <= f->size && c[i] == 0x48 && c[i + 1] == 0x83 && c[i + 2] == 0xec)
			return bytes + c[i + 3]; /* sub $imm8, %rsp */
		else if (i + 7 <= f->size && c[i] == 0x48 && c[i + 1] == 0x81 && c[i + 2] == 0xec) {
			int32_t n;
			memcpy(&n, c + i + 3, sizeof(n));
			return bytes + n;
		} else
			return bytes; /* the body starts: no more stack adjustment before it */
	}
	return -1;
}

/* The eval loop's drop-request handler and how to recognise it from take_gil's entry. */
static void find_forced(struct image *im, struct cbt_gil_site *s)
{
	const struct fn *take = &im->fn[F_TAKE], *att = &im->fn[F_ATTACH];
	const struct fn *handler = NULL;
	unsigned slot = 0;
	if (branches_to(im->elf, &im->fn[F_PENDING], take, 1)) { /* 3.12 */
		handler = &im->fn[F_PENDING];
		snprintf(s->forced_via, sizeof(s->forced_via), "_Py_HandlePending");
	} else if (branches_to(im->elf, &im->fn[F_EVAL], take, 1)) { /* 3.9-3.11 (inlined) */
		handler = &im->fn[F_EVAL];
		snprintf(s->forced_via, sizeof(s->forced_via), "_PyEval_EvalFrameDefault");
	} else if (branches_to(im->elf, &im->fn[F_PENDING], att, 1) &&
		   branches_to(im->elf, att, &im->fn[F_ACQUIRE], 1) &&
		   branches_to(im->elf, &im->fn[F_ACQUIRE], take, 0)) {
		/* 3.13: _Py_HandlePending -> _PyThreadState_Attach -> _PyEval_AcquireLock, which
		 * tail-jumps to take_gil: [sp] returns into _PyThreadState_Attach, and its caller's
		 * return address sits above that function's saved registers and locals */
		int b = prologue_bytes(im->elf, att);
		if (b < 0 || b % 8)
			return;
		handler = &im->fn[F_PENDING];
		slot = 1 + (unsigned)b / 8;
		snprintf(s->forced_via, sizeof(s->forced_via),
			 "_Py_HandlePending via _PyThreadState_Attach");
	}
	if (!handler || !handler->size)
		return;
	s->forced_known = true;
	s->forced_lo = handler->vaddr;
	s->forced_hi = handler->vaddr + handler->size;
	s->forced_slot = slot;
}

/* A free-threaded build carries the 't' ABI flag in its name: libpython3.13t.so, python3.13t. */
static bool free_threaded_name(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const char *p = strstr(base, "python3.");
	if (!p)
		return false;
	p += strlen("python3.");
	p += strspn(p, "0123456789");
	return *p == 't';
}

int cbt_gil_site_find(const char *path, struct cbt_gil_site *s, char *status, size_t len)
{
	struct image im;
	memset(s, 0, sizeof(*s));
	memset(&im, 0, sizeof(im));
	if (free_threaded_name(path)) {
		cbt_msg(status, len,
			"%s is a free-threaded CPython (no GIL): there is no interpreter lock to "
			"wait for, so no lock view; the kernel view (futex waits of its own locks) "
			"remains",
			path);
		return -1;
	}
	if (elf_version(EV_CURRENT) == EV_NONE) {
		cbt_msg(status, len, "libelf: %s", elf_errmsg(-1));
		return -1;
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		cbt_msg(status, len, "cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	im.elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!im.elf || elf_kind(im.elf) != ELF_K_ELF) {
		cbt_msg(status, len, "%s is not an ELF file", path);
		if (im.elf)
			elf_end(im.elf);
		close(fd);
		return -1;
	}
	for (int pass = 0; pass < 2; pass++) /* .symtab first: local symbols (take_gil) */
		for (Elf_Scn *scn = NULL; (scn = elf_nextscn(im.elf, scn));) {
			GElf_Shdr sh;
			if (!gelf_getshdr(scn, &sh))
				continue;
			if (pass == 0 && sh.sh_type == SHT_DYNAMIC)
				scan_needed(&im, scn, &sh);
			if (sh.sh_type == (pass == 0 ? SHT_SYMTAB : SHT_DYNSYM)) {
				im.has_symtab |= pass == 0;
				scan_symbols(&im, scn, &sh);
			}
		}
	s->has_symtab = im.has_symtab;
	snprintf(s->needed_libpython, sizeof(s->needed_libpython), "%s", im.needed);
	int ret = -1;
	const struct fn *f = im.fn[F_TAKE].found ? &im.fn[F_TAKE] : &im.fn[F_RESTORE];
	if (!f->found) {
		if (im.needed[0])
			cbt_msg(status, len,
				"no PyEval_RestoreThread in %s: the interpreter is in %s, "
				"attach to that library",
				path, im.needed);
		else
			cbt_msg(status, len,
				"no PyEval_RestoreThread in %s: not a CPython, or fully stripped",
				path);
	} else if (vaddr_to_offset(im.elf, f->vaddr, &s->offset) != 0) {
		cbt_msg(status, len, "%s: %s is not in a loaded segment", path,
			fn_names[f == &im.fn[F_TAKE] ? F_TAKE : F_RESTORE]);
	} else {
		s->every = f == &im.fn[F_TAKE];
		s->vaddr = f->vaddr;
		if (s->every)
			find_forced(&im, s);
		ret = 0;
	}
	elf_end(im.elf);
	close(fd);
	return ret;
}
