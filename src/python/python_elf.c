/* python_elf.c - see python_elf.h. Nothing here executes a file. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gelf.h>
#include <libelf.h>

#include "util/msg.h"
#include "python/python_elf.h"

/* ---- pyenv shims */

static size_t read_head(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd >= 0 ? read(fd, buf, len - 1) : -1;
	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return n > 0 ? (size_t)n : 0;
}

/* The first version named by a pyenv version file (one or more names, by lines). */
static int version_file(const char *path, char *out, size_t len)
{
	char buf[512];
	if (!read_head(path, buf, sizeof(buf)))
		return -1;
	for (char *save = NULL, *t = strtok_r(buf, " \t\r\n", &save); t;
	     t = strtok_r(NULL, " \t\r\n", &save))
		if (*t != '#')
			return snprintf(out, len, "%s", t) < (int)len ? 0 : -1;
	return -1;
}

/* pyenv's order: PYENV_VERSION, then .python-version from the working directory up, then
 * $PYENV_ROOT/version. The first name of a list is used (pyenv falls through a list to the
 * first that has the program; ours says which it chose). */
static int pyenv_version(const char *root, char *out, size_t len)
{
	const char *env = getenv("PYENV_VERSION");
	char dir[PATH_MAX], file[PATH_MAX + 32];
	if (env && *env) {
		snprintf(out, len, "%.*s", (int)strcspn(env, ":"), env);
		return 0;
	}
	if (getcwd(dir, sizeof(dir))) {
		for (;;) {
			snprintf(file, sizeof(file), "%s/.python-version", dir);
			if (version_file(file, out, len) == 0)
				return 0;
			char *slash = strrchr(dir, '/');
			if (!slash || slash == dir)
				break;
			*slash = '\0';
		}
	}
	snprintf(file, sizeof(file), "%s/version", root);
	return version_file(file, out, len);
}

/* 1 and the interpreter in out when path is a pyenv shim; 0 when it is not one; -1 (err) when
 * it is one that cannot be resolved without running pyenv. */
static int resolve_pyenv_shim(const char *path, char *out, size_t len, char *err, size_t elen)
{
	char head[4096], root[PATH_MAX], version[256];
	const char *p, *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	if (!read_head(path, head, sizeof(head)) || strncmp(head, "#!", 2) != 0 ||
	    !strstr(head, "libexec/pyenv\" exec") || !(p = strstr(head, "PYENV_ROOT=\"")))
		return 0;
	p += strlen("PYENV_ROOT=\"");
	snprintf(root, sizeof(root), "%.*s", (int)strcspn(p, "\""), p);
	if (pyenv_version(root, version, sizeof(version)) != 0 || !strcmp(version, "system")) {
		cbt_msg(err, elen,
			"'%s' is a pyenv shim whose version is %s: give the interpreter itself "
			"(e.g. --python /usr/bin/python3)",
			path, version[0] ? "'system'" : "not set");
		return -1;
	}
	if (snprintf(out, len, "%s/versions/%s/bin/%s", root, version, base) >= (int)len ||
	    access(out, X_OK) != 0) {
		cbt_msg(err, elen, "'%s' is a pyenv shim for version '%s', which has no '%s'", path,
			version, base);
		return -1;
	}
	return 1;
}

/* ---- the ELF file */

struct scan {
	char needed[128];	  /* DT_NEEDED libpython* */
	char runpath[1024];	  /* DT_RUNPATH, else DT_RPATH */
	bool has_restore;	  /* PyEval_RestoreThread defined */
	unsigned long py_version; /* the exported Py_Version (3.11+), 0 if absent */
	char rodata_version[64];  /* a "3.N.M" string matching `series`, when asked */
};

static void scan_dynamic(Elf *elf, Elf_Scn *scn, const GElf_Shdr *sh, struct scan *s)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	for (size_t i = 0; d && sh->sh_entsize && i < sh->sh_size / sh->sh_entsize; i++) {
		GElf_Dyn dyn;
		if (!gelf_getdyn(d, (int)i, &dyn))
			continue;
		const char *v =
		    dyn.d_tag == DT_NEEDED || dyn.d_tag == DT_RUNPATH || dyn.d_tag == DT_RPATH
			? elf_strptr(elf, sh->sh_link, dyn.d_un.d_val)
			: NULL;
		if (!v)
			continue;
		if (dyn.d_tag == DT_NEEDED && !strncmp(v, "libpython", 9) && !s->needed[0])
			snprintf(s->needed, sizeof(s->needed), "%s", v);
		else if (dyn.d_tag == DT_RUNPATH || (dyn.d_tag == DT_RPATH && !s->runpath[0]))
			snprintf(s->runpath, sizeof(s->runpath), "%s", v);
	}
}

/* The value of a data symbol: the bytes at its address in the section that holds it. */
static void read_py_version(Elf *elf, const GElf_Sym *sym, struct scan *s)
{
	Elf_Scn *scn = elf_getscn(elf, sym->st_shndx);
	GElf_Shdr sh;
	Elf_Data *d;
	if (!scn || !gelf_getshdr(scn, &sh) || sh.sh_type == SHT_NOBITS ||
	    !(d = elf_getdata(scn, NULL)) || sym->st_value < sh.sh_addr)
		return;
	uint64_t off = sym->st_value - sh.sh_addr;
	uint32_t v;
	if (off + sizeof(v) <= d->d_size) {
		memcpy(&v, (const char *)d->d_buf + off,
		       sizeof(v)); /* PY_VERSION_HEX fits 32 bits */
		s->py_version = v;
	}
}

static void scan_symbols(Elf *elf, Elf_Scn *scn, const GElf_Shdr *sh, struct scan *s)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	for (size_t i = 0; d && sh->sh_entsize && i < sh->sh_size / sh->sh_entsize; i++) {
		GElf_Sym sym;
		const char *name;
		if (!gelf_getsym(d, (int)i, &sym) || sym.st_shndx == SHN_UNDEF ||
		    !(name = elf_strptr(elf, sh->sh_link, sym.st_name)))
			continue;
		if (!strcmp(name, "PyEval_RestoreThread") && GELF_ST_TYPE(sym.st_info) == STT_FUNC)
			s->has_restore = true;
		else if (!strcmp(name, "Py_Version") && GELF_ST_TYPE(sym.st_info) == STT_OBJECT)
			read_py_version(elf, &sym, s);
	}
}

/* PY_VERSION ("3.11.7") in .rodata, where the linker may have merged it into the tail of a
 * longer string ("…/Python-3.11.7"): a "SERIES.digits[suffix]" that ends a string. */
static void scan_rodata(Elf_Scn *scn, const char *series, struct scan *s)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	size_t sl = strlen(series);
	if (!d || !d->d_buf)
		return;
	const char *b = d->d_buf, *end = b + d->d_size;
	for (const char *p = b; p + sl + 2 < end && !s->rodata_version[0]; p++) {
		if (memcmp(p, series, sl) != 0 || (p > b && isdigit((unsigned char)p[-1])) ||
		    p[sl] != '.' || !isdigit((unsigned char)p[sl + 1]))
			continue;
		const char *q = p + sl + 1;
		while (q < end && isdigit((unsigned char)*q))
			q++;
		while (q < end && q - p < 24 && (isalnum((unsigned char)*q) || *q == '+'))
			q++;
		if (q < end && *q == '\0')
			snprintf(s->rodata_version, sizeof(s->rodata_version), "%.*s", (int)(q - p),
				 p);
	}
}

static int scan_elf(const char *path, const char *series, struct scan *s, char *err, size_t len)
{
	memset(s, 0, sizeof(*s));
	if (elf_version(EV_CURRENT) == EV_NONE) {
		cbt_msg(err, len, "libelf: %s", elf_errmsg(-1));
		return -1;
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		cbt_msg(err, len, "cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
	size_t shstr;
	if (!elf || elf_kind(elf) != ELF_K_ELF || elf_getshdrstrndx(elf, &shstr) != 0) {
		cbt_msg(err, len, "'%s' is not an ELF file", path);
		if (elf)
			elf_end(elf);
		close(fd);
		return 1;
	}
	for (Elf_Scn *scn = NULL; (scn = elf_nextscn(elf, scn));) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh))
			continue;
		const char *name = elf_strptr(elf, shstr, sh.sh_name);
		if (sh.sh_type == SHT_DYNAMIC)
			scan_dynamic(elf, scn, &sh, s);
		else if (sh.sh_type == SHT_SYMTAB || sh.sh_type == SHT_DYNSYM)
			scan_symbols(elf, scn, &sh, s);
		else if (series && name && !strcmp(name, ".rodata"))
			scan_rodata(scn, series, s);
	}
	elf_end(elf);
	close(fd);
	return 0;
}

/* ---- finding the libpython the way ld.so does */

static int try_dir(const char *dir, size_t dlen, const char *origin, const char *lib, char *out,
		   size_t len)
{
	char d[PATH_MAX];
	if (dlen >= 7 && !strncmp(dir, "$ORIGIN", 7))
		snprintf(d, sizeof(d), "%s%.*s", origin, (int)(dlen - 7), dir + 7);
	else
		snprintf(d, sizeof(d), "%.*s", (int)dlen, dir);
	char cand[PATH_MAX + 256];
	snprintf(cand, sizeof(cand), "%s/%s", d, lib);
	return access(cand, R_OK) == 0 && realpath(cand, out) && strlen(out) < len ? 0 : -1;
}

static int try_list(const char *list, const char *origin, const char *lib, char *out, size_t len)
{
	for (const char *p = list; p && *p;) {
		size_t n = strcspn(p, ":");
		if (n && try_dir(p, n, origin, lib, out, len) == 0)
			return 0;
		p += n + (p[n] == ':');
	}
	return -1;
}

static int try_ld_so_conf(const char *lib, char *out, size_t len)
{
	glob_t g;
	char line[PATH_MAX];
	int found = -1;
	if (glob("/etc/ld.so.conf.d/*.conf", 0, NULL, &g) != 0)
		return -1;
	for (size_t i = 0; i < g.gl_pathc && found; i++) {
		FILE *f = fopen(g.gl_pathv[i], "re");
		while (f && found && fgets(line, sizeof(line), f))
			if (line[0] == '/')
				found = try_dir(line, strcspn(line, " \t\r\n#"), "", lib, out, len);
		if (f)
			fclose(f);
	}
	globfree(&g);
	return found;
}

static int find_library(const struct scan *s, const char *exe, char *out, size_t len)
{
	char origin[PATH_MAX];
	snprintf(origin, sizeof(origin), "%s", exe);
	*strrchr(origin, '/') = '\0'; /* exe is an absolute real path */
	static const char sysdirs[] = "/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu:"
				      "/lib/aarch64-linux-gnu:/usr/lib/aarch64-linux-gnu:"
				      "/lib64:/usr/lib64:/lib:/usr/lib:/usr/local/lib";
	if (try_list(s->runpath, origin, s->needed, out, len) == 0 ||
	    try_list(getenv("LD_LIBRARY_PATH"), origin, s->needed, out, len) == 0 ||
	    try_ld_so_conf(s->needed, out, len) == 0)
		return 0;
	return try_list(sysdirs, origin, s->needed, out, len);
}

/* "3.11" and the free-threading flag from "libpython3.13t.so.1.0" or "python3.11". */
static void series_of(const char *name, char *series, size_t len, bool *ft)
{
	const char *p = strstr(name, "python3.");
	series[0] = '\0';
	if (!p)
		return;
	p += strlen("python");
	size_t n = 2 + strspn(p + 2, "0123456789");
	if (n > 2 && n < len) {
		snprintf(series, len, "%.*s", (int)n, p);
		*ft = p[n] == 't';
	}
}

int cbt_python_elf_inspect(const char *path, struct cbt_python_elf *out, char *err, size_t len)
{
	char shim[PATH_MAX], series[16] = "";
	struct scan exe, lib;
	memset(out, 0, sizeof(*out));
	int r = resolve_pyenv_shim(path, shim, sizeof(shim), err, len);
	if (r < 0)
		return -1;
	if (!realpath(r ? shim : path, out->executable)) {
		cbt_msg(err, len, "cannot resolve '%s': %s", r ? shim : path, strerror(errno));
		return -1;
	}
	const char *base = strrchr(out->executable, '/') + 1;
	series_of(base, series, sizeof(series), &out->free_threaded);
	if ((r = scan_elf(out->executable, series[0] ? series : NULL, &exe, err, len)) != 0) {
		if (r > 0)
			cbt_msg(err, len,
				"'%s' is not a working Python 3 interpreter: %s is not an ELF "
				"executable (a script or wrapper?); give the interpreter itself",
				path, out->executable);
		return -1;
	}
	struct scan *v = &exe;
	if (exe.needed[0]) {
		series_of(exe.needed, series, sizeof(series), &out->free_threaded);
		if (find_library(&exe, out->executable, out->libpython, sizeof(out->libpython))) {
			cbt_msg(err, len, "'%s' links %s, which was not found", path, exe.needed);
			return -1;
		}
		if (scan_elf(out->libpython, series[0] ? series : NULL, &lib, err, len) != 0)
			return -1;
		v = &lib;
	}
	if (!v->has_restore || (!series[0] && !v->py_version)) {
		cbt_msg(err, len,
			"'%s' is not a working Python 3 interpreter (no CPython in %s: no "
			"PyEval_RestoreThread, no version)",
			path, out->libpython[0] ? out->libpython : out->executable);
		return -1;
	}
	if (v->py_version) /* PY_VERSION_HEX: 0xMMmmppLS */
		snprintf(out->version, sizeof(out->version), "%lu.%lu.%lu",
			 (v->py_version >> 24) & 0xff, (v->py_version >> 16) & 0xff,
			 (v->py_version >> 8) & 0xff);
	else
		snprintf(out->version, sizeof(out->version), "%s",
			 v->rodata_version[0] ? v->rodata_version : series);
	return 0;
}
