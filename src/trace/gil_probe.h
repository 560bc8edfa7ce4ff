/* gil_probe.h - interpreter-lock attribution for CPython: uprobes on the interpreter that runs
 * (its executable, or the libpython it maps), scoped to exactly the tasks of the run by reusing
 * the tracer's map of tracked tasks.
 *
 *   PyEval_RestoreThread (exported by every CPython 3): entry -> return is the time a thread
 *       waited to retake the lock after a blocking call;
 *   take_gil / drop_gil (local symbols, present in a non-stripped libpython): every take, its
 *       wait, and how long the lock was held.
 * Symbols are resolved with libelf (.symtab, then .dynsym). */
#ifndef CBT_GIL_PROBE_H
#define CBT_GIL_PROBE_H

#include <stddef.h>

#include "model/records.h"

struct cbt_gil_probe;

/* Attaches to the ELF file `binary` (the interpreter executable or its libpython).
 * tasks_map_fd: cbt_tracer_tasks_map_fd(). Returns 0 and writes what was attached into status
 * ("PyEval_RestoreThread + take_gil/drop_gil in /path"), or -1 with the reason in status
 * ("no PyEval_RestoreThread in /path: not a CPython, or stripped"). */
int cbt_gil_probe_open(struct cbt_gil_probe **out, int tasks_map_fd, const char *binary,
		       char *status, size_t len);
/* Clears the counts; call with cbt_tracer_begin. */
void cbt_gil_probe_reset(struct cbt_gil_probe *g);
/* Adds the counts of the run to run->tasks (matched by tid) and sets run->gil_*; call after
 * cbt_tracer_end. */
int cbt_gil_probe_collect(struct cbt_gil_probe *g, struct cbt_trace_run *run);
/* Detaches and frees (NULL is fine). */
void cbt_gil_probe_close(struct cbt_gil_probe *g);

#endif
