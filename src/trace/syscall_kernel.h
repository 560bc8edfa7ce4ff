/* syscall_kernel.h - the running kernel's own syscall numbering (syscall_meta.c). */
#ifndef CBT_SYSCALL_KERNEL_H
#define CBT_SYSCALL_KERNEL_H

#include <stdbool.h>
#include <stddef.h>

#define CBT_KSYSCALL_MAX 1024 /* x86-64 numbers stay below 512; room for growth */

struct cbt_kernel_syscalls {
	char *name[CBT_KSYSCALL_MAX]; /* nr -> the kernel's name (its entry point without sys_) */
	int count;		      /* numbers named */
	unsigned events; /* sys_enter_* events in tracefs (each numbered call has one) */
	unsigned walked; /* trace events the walk visited */
};

/* Reads the number and name of every system call the running kernel's table dispatches to. 0, or
 * -1 (not root, no CONFIG_FTRACE_SYSCALLS, no BTF, ...) with *ks empty. */
int cbt_kernel_syscalls_read(struct cbt_kernel_syscalls *ks);
void cbt_kernel_syscalls_free(struct cbt_kernel_syscalls *ks);

#endif
