/* syscall_names.h - syscall number -> name, generated at build time from <asm/unistd.h>, and
 * the off-CPU reason a blocking syscall stands for. */
#ifndef CBT_SYSCALL_NAMES_H
#define CBT_SYSCALL_NAMES_H

#include "model/records.h"

const char *cbt_syscall_name(int nr); /* NULL if unknown */
int cbt_syscall_max(void);	      /* one past the highest known number */

/* Why a task blocked in syscall nr: sleep, lock, io, child, poll or other (syscall_reasons.c). */
enum cbt_reason cbt_reason_of_syscall(int nr);

#endif
