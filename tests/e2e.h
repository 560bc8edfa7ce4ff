/* e2e.h - helpers for end-to-end tests: run the real binary, read its JSON with python3. */
#ifndef CBT_TEST_E2E_H
#define CBT_TEST_E2E_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char e2e_dir[256];

static inline const char *e2e_bin(void)
{
	const char *b = getenv("CBT_BIN");
	return b && *b ? b : "build/concbench-trace";
}

static inline int e2e_setup(void **state)
{
	(void)state;
	snprintf(e2e_dir, sizeof(e2e_dir), "/tmp/cbt-test-XXXXXX");
	return mkdtemp(e2e_dir) ? 0 : -1;
}

static inline int e2e_teardown(void **state)
{
	(void)state;
	char cmd[512];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", e2e_dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* 1 when CBT_BIN is the ASan + UBSan build (make test sets CBT_SANITIZED for that part). */
static inline int e2e_sanitized(void)
{
	const char *s = getenv("CBT_SANITIZED");
	return s && *s;
}

/* Path of a file in the test's private directory. */
static inline const char *e2e_path(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s", e2e_dir, name);
	return buf;
}

/* Runs "bin ARGS" with stdout and stderr into files of the test dir; returns the exit status. */
static inline int e2e_run(const char *args)
{
	char cmd[4096];
	snprintf(cmd, sizeof(cmd), "%s %s >'%s/out.txt' 2>'%s/err.txt' </dev/null", e2e_bin(), args,
		 e2e_dir, e2e_dir);
	int st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Writes `text` to the test dir's `name` with `mode`: 0, or -1. */
static inline int e2e_write(const char *name, const char *text, mode_t mode)
{
	char path[512];
	FILE *f = fopen(e2e_path(path, sizeof(path), name), "w");

	if (!f)
		return -1;
	int bad = fputs(text, f) < 0;
	return fclose(f) != 0 || bad || chmod(path, mode) != 0 ? -1 : 0;
}

/* The contents of a file of the test dir (static buffer). */
static inline const char *e2e_read(const char *name)
{
	static char buf[1 << 16];
	char path[512];
	FILE *f = fopen(e2e_path(path, sizeof(path), name), "r");
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
	if (f)
		fclose(f);
	buf[n] = '\0';
	return buf;
}

/* The python3 that PATH names, resolved once to its executable: `python3` here is pyenv's shim,
 * a bash script that forks several more before the interpreter starts (5 runs of `python3 -c
 * pass` took 37.5 s through the shim, 6.9 s direct, at load ~20 on 2 CPUs), and the tests
 * evaluate hundreds of JSON queries. */
static inline const char *e2e_python(void)
{
	static char exe[512];
	if (!exe[0]) {
		FILE *p = popen("python3 -c 'import sys; print(sys.executable)' 2>/dev/null", "r");
		if (!p || !fgets(exe, sizeof(exe), p) || exe[0] != '/')
			exe[0] = '\0';
		if (p)
			pclose(p);
		exe[strcspn(exe, "\n")] = '\0';
		if (!exe[0] || access(exe, X_OK) != 0)
			snprintf(exe, sizeof(exe), "python3");
	}
	return exe;
}

/* Evaluates a Python expression over d = the JSON document in the test dir's `file`.
 * Returns it as a number (True = 1); NAN if it fails. */
static inline double e2e_json(const char *file, const char *expr)
{
	char script[512], cmd[2048], out[128] = "";
	FILE *py = fopen(e2e_path(script, sizeof(script), "query.py"), "w");
	if (!py)
		return NAN;
	fprintf(py,
		"import json\n"
		"d = json.load(open('%s/%s'))\n"
		"R = d['results']\n"
		"def B(b, w=None):\n"

		"    return [r for r in R if r['backend'] == b and (w is None or r['workload'] == "
		"w)][0]\n"
		"print(float(%s))\n",
		e2e_dir, file, expr);
	fclose(py);
	snprintf(cmd, sizeof(cmd), "'%s' '%s'", e2e_python(), script);
	FILE *p = popen(cmd, "r");
	if (!p)
		return NAN;
	if (!fgets(out, sizeof(out), p))
		out[0] = '\0';
	int st = pclose(p);
	if (st != 0 || !out[0]) {
		fprintf(stderr, "e2e_json: failed: %s\n", expr);
		return NAN;
	}
	return strtod(out, NULL);
}

#endif
