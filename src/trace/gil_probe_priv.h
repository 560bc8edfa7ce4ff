/* gil_probe_priv.h - the lock probe's state, shared by gil_probe.c (open, attach, collect) and
 * gil_probe_exec.c (the exec watcher). Not for other parts. */
#ifndef CBT_GIL_PROBE_PRIV_H
#define CBT_GIL_PROBE_PRIV_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "cbt_gil_bpf.h"
#include "trace/gil_probe_dl.h"

#define MAX_LINKS (2 * CBT_GIL_MAX_INTERPRETERS)
#define MAX_SEEN  64

struct cbt_gil_probe {
	struct gil_bpf *skel;
	struct bpf_link *links[MAX_LINKS];
	int nlinks;
	struct {
		dev_t dev;
		ino_t ino;
		bool every, forced_known;
	} files[CBT_GIL_MAX_INTERPRETERS];
	int nfiles;
	int ncpus;
	uint64_t misses_at_reset; /* recursion misses of our programs at the last reset */
	char status[1024];	  /* what is attached, to what ("" if nothing yet) */
	/* the exec watcher (gil_probe_exec.c): files already looked at, the thread, its counts */
	pthread_mutex_t lock; /* files, nfiles, status, the counts below */
	struct {
		dev_t dev;
		ino_t ino;
	} seen[MAX_SEEN];
	int nseen;
	int (*resolve)(const char *exe, char *target, size_t len);
	struct bpf_link *exec_link;
	struct cbt_gil_dl dl;	    /* the loader's hook, when found (dl.hook_vaddr != 0) */
	struct bpf_link *dl_link;   /* the uprobe on it */
	struct bpf_link *fork_link; /* children inherit "libpython found" */
	struct ring_buffer *rb;
	pthread_t thread;
	bool watching;
	volatile bool stop;
	uint64_t execs, stops,
	    stopped_ns;	  /* since the last reset (stops: execs and dlopens held) */
	uint64_t dlopens; /* dlopens held and scanned, since the last reset */
};

/* Attaches to `binary` (gil_probe.c); the caller holds g->lock. */
int cbt_gil_probe_add_locked(struct cbt_gil_probe *g, const char *binary, char *status, size_t len);

/* Starts / stops the exec watcher (gil_probe_exec.c). */
int cbt_gil_watch_start(struct cbt_gil_probe *g, char *status, size_t len);
void cbt_gil_watch_stop(struct cbt_gil_probe *g);

#endif
