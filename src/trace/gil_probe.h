/* gil_probe.h - interpreter-lock attribution for CPython: one uprobe and one uretprobe on the
 * function that acquires the lock in the interpreter file (its executable, or the libpython it
 * maps), scoped to exactly the tasks of the run by reusing the tracer's map of tracked tasks.
 *
 *   take_gil (a local symbol, present in a non-stripped libpython such as pyenv's): every
 *       acquisition, whatever the caller (after a blocking call, the eval loop's forced switch,
 *       thread start, C extensions), and which ones were forced switches;
 *   else PyEval_RestoreThread (exported by every CPython 3): only retakes after a blocking call.
 * Each acquisition's duration is split with the tracer's own accounting of the thread (blocked,
 * runnable, on-CPU); see bpf/gil.bpf.c and docs/python.md. */
#ifndef CBT_GIL_PROBE_H
#define CBT_GIL_PROBE_H

#include <stddef.h>

#include "model/records.h"

struct cbt_gil_probe;

/* Attaches to the ELF file `binary` (the interpreter executable or its libpython).
 * tasks_map_fd: cbt_tracer_tasks_map_fd(). Returns 0 and writes what was attached into status
 * ("take_gil in /path: every acquisition ..."), or -1 with the reason in status
 * ("no PyEval_RestoreThread in /path: not a CPython, or stripped"). */
int cbt_gil_probe_open(struct cbt_gil_probe **out, int tasks_map_fd, const char *binary,
		       char *status, size_t len);
/* Attaches the same programs to another interpreter file (another inode); 0 if attached now or
 * already, -1 with the reason in status. */
int cbt_gil_probe_add(struct cbt_gil_probe *g, const char *binary, char *status, size_t len);
/* Loads the programs with no interpreter yet, and watches the run's tasks: every exec is held
 * (SIGSTOP from the BPF side) until the file it runs is inspected (ELF only, never run); a CPython
 * executable, or one that links libpython, gets the probes before its first instruction. A
 * libpython dlopen()ed later is found too: the loader's debugger hook (_dl_debug_state) holds the
 * task once the library is mapped, until its mappings are scanned (gil_probe_dl.c). */
/* The caller says what an executable (or a mapped libpython) is (trace does not know interpreters):
 * 1 and the file to probe (its libpython, or itself) in target when it is a CPython with a lock; 2
 * when it is a free-threaded CPython (no lock); 0 when it is not a CPython. Never runs the file. */
typedef int (*cbt_gil_resolve_fn)(const char *exe, char *target, size_t len);
int cbt_gil_probe_open_watch(struct cbt_gil_probe **out, int tasks_map_fd,
			     cbt_gil_resolve_fn resolve, char *status, size_t len);
/* Inspects, before the run, an executable the run is known to exec (a -- CMD's program, shims
 * resolved): probes it now if it is a CPython, so that its exec is not held. */
int cbt_gil_probe_prepare(struct cbt_gil_probe *g, const char *exe);
/* What is attached, to which files ("" when nothing yet). */
const char *cbt_gil_probe_status(struct cbt_gil_probe *g);
/* Clears the counts; call with cbt_tracer_begin. */
void cbt_gil_probe_reset(struct cbt_gil_probe *g);
/* Adds the counts of the run to run->tasks (matched by tid) and sets run->gil_*; call after
 * cbt_tracer_end. */
int cbt_gil_probe_collect(struct cbt_gil_probe *g, struct cbt_trace_run *run);
/* Detaches and frees (NULL is fine). */
/* Its per-thread map (key: tid), so the timeline can tell a task blocked inside an acquisition
 * (cbt_gil_task.in_ts != 0) by reusing it. -1 if not open. */
int cbt_gil_probe_tasks_map_fd(const struct cbt_gil_probe *g);
void cbt_gil_probe_close(struct cbt_gil_probe *g);

#endif
