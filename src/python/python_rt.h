/* python_rt.h - python: the CPython runtime: which interpreter, which version, where our script
 * is, read from its ELF files. Includes nothing of the other parts. */
#ifndef CBT_PYTHON_RT_H
#define CBT_PYTHON_RT_H

#include <stdbool.h>
#include <stddef.h>

struct cbt_python {
	char path[4096];       /* the interpreter as found (may be a wrapper, e.g. a pyenv shim) */
	char executable[4096]; /* what really runs: the ELF executable behind links and shims */
	char libpython[4096];  /* the libpython it maps, "" if linked statically */
	char version[64];      /* "3.11.7" (or "3.11" when the binary names only the series) */
	bool free_threaded;    /* a no-GIL build: there is no interpreter lock to wait for */
	char script[4096];     /* cbt_bench.py */
};

/* Finds an interpreter (a path or a name on PATH) and reads from its ELF files, without running
 * it, what really runs: the executable (pyenv shims resolved), its libpython, its version.
 * 0, or -1 with one line in err. */
int cbt_python_inspect(const char *name, struct cbt_python *py, char *err, size_t errlen);

/* The file to put interpreter-lock probes on: the libpython if mapped, else the executable. */
const char *cbt_python_probe_target(const struct cbt_python *py);

/* Finds the interpreter (a path, or a name searched on PATH), asks it its version, and finds
 * the Python backends' script. Returns 0, or -1 with one line in err. */
int cbt_python_find(const char *name, struct cbt_python *py, char *err, size_t errlen);

/* Searches PATH for an executable; returns 0 and fills out, or -1. */
int cbt_which(const char *name, char *out, size_t len);

#endif
