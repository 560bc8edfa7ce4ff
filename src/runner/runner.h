/* runner.h - runner: one measured run in an isolated, freshly forked run leader. Owns the fork
 * protocol and the launches (native, Python script, command); includes backends and the model,
 * never the tracer, the analysis or a reporter.
 *
 *   parent                          run leader (own process group)
 *   fork ------------------------>  ready: write 'R' on the result pipe, block reading 'G'
 *   before_go(leader) (tracer attach)
 *   write 'G' ------------------->  t0 = CLOCK_MONOTONIC; backend starts + joins the tasks;
 *                                   t1; write the outcome on the result pipe; _exit
 *   read outcome; wait4 (rusage of the leader and the descendants it reaped)
 */
#ifndef CBT_RUNNER_H
#define CBT_RUNNER_H

#include <signal.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/types.h>

#include "backends/backend.h"

/* What the run leader runs once released. */
enum cbt_launch_kind {
	CBT_LAUNCH_NATIVE,  /* a native backend, in the leader itself */
	CBT_LAUNCH_PYTHON,  /* exec: python SCRIPT --backend NAME ...; it reports its own timing */
	CBT_LAUNCH_COMMAND, /* exec: any command; timed by the tool from go to exit */
};

struct cbt_launch {
	enum cbt_launch_kind kind;
	const struct cbt_workload *workload; /* native and python */
	const struct cbt_backend *backend;   /* native */
	const char *backend_name;	     /* python: the script's backend */
	const char *python, *script;	     /* python */
	char *const *argv;		     /* command */
	bool drop_privileges;		     /* python, command: become SUDO_UID/GID before exec */
};

struct cbt_run_hooks {
	/* Called with the leader ready and blocked, before any task exists. Non-zero aborts. */
	int (*before_go)(void *ud, pid_t leader);
	void *ud;
};

enum cbt_run_status { CBT_RUN_OK, CBT_RUN_FAILED, CBT_RUN_INTERRUPTED };

struct cbt_run_outcome {
	enum cbt_run_status status;
	uint64_t wall_ns;      /* create -> start -> join of all tasks, measured in the leader */
	unsigned failed_tasks; /* tasks whose body failed */
	int first_error;
	uint64_t checksum;
	struct rusage ru; /* the leader and every descendant it reaped */
	int exit_status;  /* command: its exit status (128 + signal if killed) */
	char error[256];  /* why, when status != CBT_RUN_OK */
};

/* Set from a signal handler (SIGINT/SIGTERM): the run in progress is killed and reported. */
extern volatile sig_atomic_t cbt_interrupted;

/* Runs the workload once under the backend. Returns 0 when the run was measured. */
int cbt_run_once(const struct cbt_launch *l, const struct cbt_params *p,
		 const struct cbt_run_hooks *hooks, struct cbt_run_outcome *out);

#endif
