/* gil_probe_dl.c - finding a libpython loaded by dlopen() after exec: the dynamic loader's
 * debugger hook, and the scan of a held process's mappings.
 *
 * glibc's loader calls _dl_debug_state (an exported, empty function of ld-linux-x86-64.so.2,
 * there for debuggers) around every dlopen and dlclose, with _r_debug.r_state saying whether the
 * new objects are mapped. bpf/gil.bpf.c probes it (uprobe, every process: per file) and stops a
 * task of the run once they are; gil_probe_exec.c then calls cbt_gil_dl_scan, which looks
 * through /proc/PID/maps for a mapped libpython, and continues the task. The loader is the one
 * this tool runs with (its own PT_INTERP, found at AT_BASE in /proc/self/maps): programs linked
 * against the same glibc use the same file, and uprobes attach per file. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gelf.h>
#include <libelf.h>

#include "trace/gil_probe_dl.h"

/* The file mapped at `addr` in this process (from /proc/self/maps). */
static int mapped_file(unsigned long addr, char *path, size_t len)
{
	char line[PATH_MAX + 128];
	unsigned long lo, hi;
	int found = -1;
	FILE *f = fopen("/proc/self/maps", "re");

	while (f && found && fgets(line, sizeof(line), f)) {
		char *p = strchr(line, '/');
		if (sscanf(line, "%lx-%lx", &lo, &hi) != 2 || addr < lo || addr >= hi || !p)
			continue;
		p[strcspn(p, "\n")] = '\0';
		snprintf(path, len, "%s", p);
		found = 0;
	}
	if (f)
		fclose(f);
	return found;
}

/* Link-time address of the dynamic symbols `hook` and `rdebug`; file offset of `hook`. */
static int dyn_symbols(const char *path, struct cbt_gil_dl *dl)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc = -1;
	Elf *elf;
	Elf_Scn *scn = NULL;
	size_t nph;

	if (fd < 0)
		return -1;
	elf_version(EV_CURRENT);
	elf = elf_begin(fd, ELF_C_READ, NULL);
	while (elf && (scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_DYNSYM || !sh.sh_entsize)
			continue;
		Elf_Data *d = elf_getdata(scn, NULL);
		for (size_t i = 0; d && i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym s;
			const char *n;
			if (!gelf_getsym(d, (int)i, &s) || s.st_shndx == SHN_UNDEF ||
			    !(n = elf_strptr(elf, sh.sh_link, s.st_name)))
				continue;
			if (!strcmp(n, "_dl_debug_state") && GELF_ST_TYPE(s.st_info) == STT_FUNC)
				dl->hook_vaddr = s.st_value;
			else if (!strcmp(n, "_r_debug") && GELF_ST_TYPE(s.st_info) == STT_OBJECT)
				dl->rdebug_vaddr = s.st_value;
		}
	}
	/* the uprobe wants a file offset: through the PT_LOAD segment that maps the hook */
	for (size_t i = 0; elf && dl->hook_vaddr && elf_getphdrnum(elf, &nph) == 0 && i < nph;
	     i++) {
		GElf_Phdr ph;
		if (gelf_getphdr(elf, (int)i, &ph) && ph.p_type == PT_LOAD &&
		    dl->hook_vaddr >= ph.p_vaddr && dl->hook_vaddr < ph.p_vaddr + ph.p_filesz) {
			dl->hook_offset = dl->hook_vaddr - ph.p_vaddr + ph.p_offset;
			rc = dl->rdebug_vaddr ? 0 : -1;
			break;
		}
	}
	if (elf)
		elf_end(elf);
	close(fd);
	return rc;
}

int cbt_gil_dl_find(struct cbt_gil_dl *dl, char *why, size_t len)
{
	unsigned long base = getauxval(AT_BASE);

	memset(dl, 0, sizeof(*dl));
	if (!base || mapped_file(base, dl->loader, sizeof(dl->loader))) {
		snprintf(why, len, "no dynamic loader found (statically linked tool)");
		return -1;
	}
	if (dyn_symbols(dl->loader, dl)) {
		memset(dl, 0, sizeof(*dl));
		snprintf(why, len, "no _dl_debug_state/_r_debug in the dynamic loader's symbols");
		return -1;
	}
	return 0;
}

int cbt_gil_dl_scan(pid_t pid, void (*found)(void *ctx, const char *path, const struct stat *st),
		    void *ctx)
{
	char maps[64], line[PATH_MAX + 128], last[PATH_MAX] = "";
	int n = 0;
	struct stat st;

	snprintf(maps, sizeof(maps), "/proc/%d/maps", (int)pid);
	FILE *f = fopen(maps, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char *p = strchr(line, '/'), *base;
		if (!p)
			continue;
		p[strcspn(p, "\n")] = '\0';
		base = strrchr(p, '/') + 1;
		/* libpython3.11.so.1.0, libpython3.13t.so: each file once (it has several maps) */
		if (strncmp(base, "libpython", 9) || !strstr(base, ".so") || !strcmp(p, last))
			continue;
		snprintf(last, sizeof(last), "%s", p);
		/* through the process's root: the path is as that process sees it */
		char via[PATH_MAX + 64];
		snprintf(via, sizeof(via), "/proc/%d/root%s", (int)pid, p);
		if (stat(via, &st) != 0 && stat(p, &st) != 0)
			continue; /* replaced on disk (" (deleted)"): nothing to attach to */
		found(ctx, p, &st);
		n++;
	}
	fclose(f);
	return n;
}
