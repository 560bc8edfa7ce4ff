/* job.h - what to run, as data: a workload under a backend in a runtime, or a command. The
 * session builds jobs, the runner runs them, reporters label results with them; nothing here
 * knows how a job is run. Includes the model only. */
#ifndef CBT_JOB_H
#define CBT_JOB_H

#include <stdbool.h>

#include "model/catalog.h"

enum cbt_job_kind {
	CBT_JOB_NATIVE,	 /* a native backend, in the run leader itself */
	CBT_JOB_PYTHON,	 /* the CPython script, with the same workload and backend names */
	CBT_JOB_COMMAND, /* any command given after --, timed from go to exit */
};

struct cbt_job {
	enum cbt_job_kind kind;
	const struct cbt_workload *workload;
	const struct cbt_backend_info *backend; /* native, python; NULL for a command */
	const char *name;			/* the backend's name, or the command line */
	char label[64];		     /* as shown in tables ("threads", "py threads", the command) */
	const char *title; /* a command's name or line in full (the label may be shortened) */
	const char *python, *script; /* python: the interpreter and the backends' script */
	char *const *argv;	     /* command: NULL-terminated */
	bool drop_privileges;	     /* python, command: become SUDO_UID/GID before exec */
};

/* The tables' label column (display columns): longer command labels are shortened in the
 * middle, and their title is printed in full once. */
#define CBT_LABEL_COLUMNS 18

/* "c", "python" or "command": the runtime as reports name it. */
const char *cbt_job_runtime(const struct cbt_job *j);

#endif
