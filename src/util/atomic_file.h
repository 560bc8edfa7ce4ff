/* atomic_file.h - an output file that appears complete or not at all.
 *
 * The data goes to an unnamed file (O_TMPFILE) in the destination's directory, linked and
 * renamed over the destination only by cbt_atomic_commit: a run that fails, is interrupted or
 * is SIGKILLed leaves an existing file untouched and no temporary file behind. Where O_TMPFILE
 * is not supported, a named ".NAME.XXXXXX" temporary in the same directory is used instead
 * (then a SIGKILL can leave that temporary, never a truncated destination). A destination that
 * is not a regular file (/dev/null, a fifo) cannot be replaced: it is written directly. */
#ifndef CBT_ATOMIC_FILE_H
#define CBT_ATOMIC_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct cbt_atomic_file {
	FILE *f;     /* write here */
	char *path;  /* the destination, as given */
	char *name;  /* its last component, relative to dir_fd */
	char *tmp;   /* the named temporary (fallback), else NULL */
	int dir_fd;  /* the destination's directory */
	bool direct; /* not a regular file: written in place */
};

/* Opens the temporary (0 on success). Fails now, before any work, when the destination cannot
 * be written: its directory is missing or not writable, it is a directory, or it exists and is
 * not writable. */
int cbt_atomic_open(struct cbt_atomic_file *af, const char *path, char *err, size_t errlen);

/* Flushes and syncs the data, then renames it into place. 0 on success; on failure (a full
 * disk, ...) the destination is untouched and the temporary removed. Closes af either way. */
int cbt_atomic_commit(struct cbt_atomic_file *af, char *err, size_t errlen);

/* Whether the destination exists now (an interrupted session replaces no existing file). */
bool cbt_atomic_target_exists(const struct cbt_atomic_file *af);

/* Drops the temporary; the destination is untouched. Safe on a closed or zeroed af. */
void cbt_atomic_abort(struct cbt_atomic_file *af);

#endif
