/* run_guard.h - nothing of a run outlives the tool, even a SIGKILLed one.
 *
 * A run can leave processes the tool never waits for: a command's children, a daemon that
 * called setsid(), the workers of a Python pool, the tasks of a leader that died. Two nets:
 *  - a cgroup v2 made for this invocation (<own cgroup>/concbench-trace-PID) holds every
 *    process of every run; `cgroup.kill` ends them after each run (needs a writable cgroup v2
 *    with cgroup.kill, Linux 5.14: root, or a delegated subtree);
 *  - the run leader's process group (the fallback without a cgroup).
 * The tool can be SIGKILLed at any moment, so a guardian process (forked here, in a process
 * group of its own, holding nothing but a pipe) is told the running leader's process group and
 * waits for the pipe to close: then it kills that group and the cgroup and removes the cgroup.
 * Tasks also die with their parent (PR_SET_PDEATHSIG at every fork, util/proc.h). */
#ifndef CBT_RUN_GUARD_H
#define CBT_RUN_GUARD_H

#include <sys/types.h>

/* Creates the guardian and, when possible, the cgroup (once; later calls do nothing). */
void cbt_run_guard_setup(void);

/* In a freshly forked run leader: moves itself into the cgroup, if there is one. */
void cbt_run_guard_enter(void);

/* In the tool: the leader's process group is the run's (the guardian kills it if we die). */
void cbt_run_guard_started(pid_t leader);

/* In the tool, after the leader is reaped: kills whatever is left of the run (the cgroup) and
 * waits (at most ~2 s) until it is empty; the guardian forgets the process group. */
void cbt_run_guard_finished(void);

/* Removes the cgroup and stops the guardian. Idempotent; also registered with atexit. */
void cbt_run_guard_teardown(void);

/* The cgroup's directory, or NULL when runs are not in one. */
const char *cbt_run_guard_cgroup(void);

#endif
