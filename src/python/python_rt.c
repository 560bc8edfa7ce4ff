/* python_rt.c - see python_rt.h. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "python/python_elf.h"
#include "python/python_rt.h"

int cbt_which(const char *name, char *out, size_t len)
{
	if (strchr(name, '/')) {
		if (access(name, X_OK) != 0)
			return -1;
		if (!realpath(name, out) && snprintf(out, len, "%s", name) >= (int)len)
			return -1;
		return 0;
	}
	const char *path = getenv("PATH");
	char dirs[8192], cand[PATH_MAX];
	snprintf(dirs, sizeof(dirs), "%s", path && *path ? path : "/usr/local/bin:/usr/bin:/bin");
	for (char *save = NULL, *d = strtok_r(dirs, ":", &save); d;
	     d = strtok_r(NULL, ":", &save)) {
		snprintf(cand, sizeof(cand), "%s/%s", *d ? d : ".", name);
		if (access(cand, X_OK) == 0) {
			snprintf(out, len, "%s", cand);
			return 0;
		}
	}
	return -1;
}

static int find_script(char *out, size_t len)
{
	const char *env = getenv("CBT_PYTHON_SCRIPT");
	char exe[PATH_MAX], cand[PATH_MAX + 64];
	if (env && *env && access(env, R_OK) == 0) {
		snprintf(out, len, "%s", env);
		return 0;
	}
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		/* in the build tree: build/concbench-trace -> examples/python/ */
		snprintf(cand, sizeof(cand), "%s/../examples/python/cbt_bench.py", exe);
		if (access(cand, R_OK) == 0 && realpath(cand, out))
			return 0;
		/* installed: PREFIX/bin -> PREFIX/share/concbench-trace/python/ */
		snprintf(cand, sizeof(cand), "%s/../share/concbench-trace/python/cbt_bench.py",
			 exe);
		if (access(cand, R_OK) == 0 && realpath(cand, out))
			return 0;
	}
	snprintf(cand, sizeof(cand), "%s/python/cbt_bench.py", CBT_DATADIR);
	if (access(cand, R_OK) == 0 && strlen(cand) < len) {
		memcpy(out, cand, strlen(cand) + 1);
		return 0;
	}
	return -1;
}

const char *cbt_python_probe_target(const struct cbt_python *py)
{
	return py->libpython[0] ? py->libpython : py->executable;
}

int cbt_python_inspect(const char *name, struct cbt_python *py, char *err, size_t errlen)
{
	struct cbt_python_elf elf;
	memset(py, 0, sizeof(*py));
	if (!name)
		name = "python3";
	if (cbt_which(name, py->path, sizeof(py->path)) != 0) {
		snprintf(err, errlen,
			 "no Python interpreter: '%s' %s (give one with --python PATH)", name,
			 strchr(name, '/') ? "is not an executable file" : "was not found on PATH");
		return -1;
	}
	/* read from its files, never run: the user named it, and we are root */
	if (cbt_python_elf_inspect(py->path, &elf, err, errlen) != 0)
		return -1;
	memcpy(py->executable, elf.executable, sizeof(py->executable));
	memcpy(py->libpython, elf.libpython, sizeof(py->libpython));
	memcpy(py->version, elf.version, sizeof(py->version));
	py->free_threaded = elf.free_threaded;
	return 0;
}

int cbt_python_find(const char *name, struct cbt_python *py, char *err, size_t errlen)
{
	if (cbt_python_inspect(name, py, err, errlen) != 0)
		return -1;
	if (find_script(py->script, sizeof(py->script)) != 0) {
		snprintf(err, errlen,
			 "the Python backends (cbt_bench.py) are not installed: run make install, "
			 "or set CBT_PYTHON_SCRIPT");
		return -1;
	}
	return 0;
}
