/* python_elf.h - what a CPython interpreter is, read from its files, never by running it.
 *
 * The tool runs as root; the interpreter is named by the user. Running it to ask its version
 * (as this file's predecessor did, through a shell) would run a user-chosen program as root.
 * Everything needed is in the ELF files: the libpython it links (DT_NEEDED, found the way the
 * dynamic loader finds it), the version (the exported Py_Version, or the PY_VERSION string),
 * whether it is a CPython at all (PyEval_RestoreThread defined), and whether it is a
 * free-threaded build (abiflag 't'). A pyenv shim (a shell script) is resolved the way pyenv
 * resolves it: PYENV_VERSION, .python-version files, $PYENV_ROOT/version. */
#ifndef CBT_PYTHON_ELF_H
#define CBT_PYTHON_ELF_H

#include <stdbool.h>
#include <stddef.h>

struct cbt_python_elf {
	char executable[4096]; /* the ELF file that runs (a shim or link resolved) */
	char libpython[4096];  /* the libpython it links, "" if the interpreter is built in */
	char version[64];      /* "3.11.7", or "3.11" when only the series is known */
	bool free_threaded;    /* a no-GIL build (3.13t and later) */
};

/* Inspects the executable file `path` (already found on PATH). Returns 0 when it is a CPython
 * 3 interpreter, or -1 with one line in err. */
int cbt_python_elf_inspect(const char *path, struct cbt_python_elf *out, char *err, size_t len);

#endif
