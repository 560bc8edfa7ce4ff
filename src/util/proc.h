/* proc.h - process hygiene shared by every part that forks. */
#ifndef CBT_PROC_H
#define CBT_PROC_H

#include <sys/types.h>

/* In a freshly forked child: SIGKILL when the parent (pid `parent`) dies, and _exit(111) if it
 * already has (the fork raced with its death). Call again after setuid(), which clears it. */
void cbt_die_with_parent(pid_t parent);

/* Closes every file descriptor from 3 up except those listed (keep[] may hold -1s): a child of
 * the tool must not hold its BPF programs, links, maps or perf events open. */
void cbt_close_fds_except(const int *keep, int nkeep);

#endif
