/* launch.h - exec()ing launch kinds of a run leader (see runner.h). */
#ifndef CBT_LAUNCH_H
#define CBT_LAUNCH_H

#include "runner/runner.h"

/* Execs the Python backends' script with the workload's parameters. Never returns. */
void cbt_exec_python(const struct cbt_launch *l, const struct cbt_params *p, const char *io_dir,
		     int result_fd) __attribute__((noreturn));
/* Execs the command, as the sudo user when asked. Never returns. */
void cbt_exec_command(const struct cbt_launch *l) __attribute__((noreturn));

#endif
