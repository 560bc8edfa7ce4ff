/* gil_probe_dl.h - a libpython loaded with dlopen() after exec (gil_probe_dl.c). */
#ifndef CBT_GIL_PROBE_DL_H
#define CBT_GIL_PROBE_DL_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

struct cbt_gil_dl {
	char loader[PATH_MAX]; /* the dynamic loader (ld-linux-x86-64.so.2) */
	uint64_t hook_vaddr;   /* _dl_debug_state: link-time address */
	uint64_t hook_offset;  /* its file offset (the uprobe's) */
	uint64_t rdebug_vaddr; /* _r_debug: link-time address */
};

/* Finds the loader and its two symbols: 0, or -1 with the reason in why. */
int cbt_gil_dl_find(struct cbt_gil_dl *dl, char *why, size_t len);

/* Calls found() for each libpython file mapped by process pid; returns how many, -1 if the
 * process is gone. */
int cbt_gil_dl_scan(pid_t pid, void (*found)(void *ctx, const char *path, const struct stat *st),
		    void *ctx);

#endif
