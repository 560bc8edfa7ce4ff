/* terminal.h - an interactive command gets the terminal, as a shell gives it to a job.
 *
 * The run leader has a process group of its own (so the whole run can be killed at once); a
 * command in a background group that reads the terminal is stopped by SIGTTIN. When the tool
 * itself owns the terminal (its standard input is a terminal and its group is the foreground
 * one), the command's group becomes the foreground for the run, and the tool's again after. */
#ifndef CBT_TERMINAL_H
#define CBT_TERMINAL_H

#include <sys/types.h>

/* Makes pgrp the terminal's foreground group if the tool owns the terminal. Returns the
 * terminal's descriptor (to give it back) or -1 when nothing was done. */
int cbt_term_give(pid_t pgrp);

/* The tool's group is the foreground again. Does nothing with fd -1. */
void cbt_term_take_back(int fd);

#endif
