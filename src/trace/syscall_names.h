/* syscall_names.h - syscall number -> name, generated at build time from <asm/unistd.h>, and
 * the off-CPU reason a blocking syscall stands for. */
#ifndef CBT_SYSCALL_NAMES_H
#define CBT_SYSCALL_NAMES_H

#include "model/records.h"

const char *cbt_syscall_name(int nr); /* NULL if unknown */
int cbt_syscall_max(void);	      /* one past the highest known number */
/* Same, and *from says where the name came from: "kernel" (its syscall events: a number the
 * build's headers lack), "headers" (the build-time table, confirmed by the kernel when it could
 * be read), "list" (fallback: a newer call found in /proc/kallsyms), NULL when unnamed. */
const char *cbt_syscall_name_from(int nr, const char **from);
/* One line: which source named the system calls on this machine. */
const char *cbt_syscall_names_source(void);

/* Why a task blocked in syscall nr: sleep, lock, io, child, poll or other (syscall_reasons.c). */
enum cbt_reason cbt_reason_of_syscall(int nr);

#endif
