/* syscall_names.h - syscall number -> name, generated at build time from <asm/unistd.h>. */
#ifndef CBT_SYSCALL_NAMES_H
#define CBT_SYSCALL_NAMES_H

const char *cbt_syscall_name(int nr); /* NULL if unknown */
int cbt_syscall_max(void);	      /* one past the highest known number */

#endif
