/* python_rt.c - see python_rt.h. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "python_rt.h"

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

static void chomp(char *s)
{
	s[strcspn(s, "\n")] = '\0';
}

int cbt_python_inspect(const char *name, struct cbt_python *py, char *err, size_t errlen)
{
	char cmd[4300], line[8192];
	memset(py, 0, sizeof(*py));
	if (!name)
		name = "python3";
	if (cbt_which(name, py->path, sizeof(py->path)) != 0) {
		snprintf(err, errlen,
			 "no Python interpreter: '%s' %s (give one with --python PATH)", name,
			 strchr(name, '/') ? "is not an executable file" : "was not found on PATH");
		return -1;
	}
	snprintf(cmd, sizeof(cmd),
		 "'%s' -c 'import sys; v = sys.version_info; print(sys.executable); "
		 "print(\"%%d.%%d.%%d\" %% v[:3]); print(open(\"/proc/self/maps\").read())' "
		 "2>/dev/null",
		 py->path);
	FILE *p = popen(cmd, "r");
	if (p) {
		if (fgets(line, sizeof(line), p)) {
			chomp(line);
			snprintf(py->executable, sizeof(py->executable), "%.4000s", line);
		}
		if (fgets(line, sizeof(line), p)) {
			chomp(line);
			snprintf(py->version, sizeof(py->version), "%.60s", line);
		}
		while (fgets(line, sizeof(line), p)) { /* "addr perms off dev inode   /path" */
			chomp(line);
			char *path = strchr(line, '/');
			char *base = path ? strrchr(path, '/') + 1 : NULL;
			if (!py->libpython[0] && base && strncmp(base, "libpython", 9) == 0 &&
			    strstr(base, ".so"))
				snprintf(py->libpython, sizeof(py->libpython), "%.4000s", path);
		}
		pclose(p);
	}
	if (py->version[0] != '3' || !py->executable[0]) {
		snprintf(err, errlen, "'%s' is not a working Python 3 interpreter", py->path);
		return -1;
	}
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
