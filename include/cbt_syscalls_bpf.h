/* cbt_syscalls_bpf.h - shared with bpf/syscalls.bpf.c: one syscall_metadata entry of the running
 * kernel, as copied out by BPF (src/trace/syscall_meta.c reads them). */
#ifndef CBT_SYSCALLS_BPF_H
#define CBT_SYSCALLS_BPF_H

#define CBT_KSYSCALL_META_MAX 2048 /* syscall events kept at most (360 on this 6.18) */

struct cbt_ksyscall {
	__s32 nr;      /* the kernel's number (from its sys_call_table), -1: not in the table */
	char name[60]; /* "sys_NAME": the entry point's name */
};

#endif
