/* cbt_timeline_bpf.h - events streamed by bpf/timeline.bpf.c to src/trace/timeline.c through a
 * BPF ring buffer, only when a timeline was asked for (--export timeline=FILE).
 *
 * Compiles under BPF clang with vmlinux.h and under the normal C compiler with <linux/types.h>.
 */
#ifndef CBT_TIMELINE_BPF_H
#define CBT_TIMELINE_BPF_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

/* Event types (struct cbt_tl_bpf_event.type). Every switch-out carries in arg how long the task
 * ran by the kernel's count; a BLOCK carries the syscall in progress in aux (-1: none) and, in
 * other, 1 when the task was inside an interpreter-lock acquisition. */
#define CBT_TL_SWITCH_IN 1 /* tid starts running on cpu */
#define CBT_TL_PREEMPT	 2 /* tid switched out while runnable */
#define CBT_TL_BLOCK	 3 /* tid switched out blocked */
#define CBT_TL_EXIT	 4 /* final switch-out of tid after exit */
#define CBT_TL_WAKEUP	 5 /* tid enqueued (blocked -> runnable) */
#define CBT_TL_WAKING	 6 /* other (a task of the run, in task context) wakes tid */
#define CBT_TL_FORK	 7 /* tid created by other; aux: tid's thread group */
#define CBT_TL_EXEC	 8 /* tid executed a new program; the record carries its comm */

/* Counters (bss array `cbt_tl_counters`). */
#define CBT_TL_CNT_EMITTED	0 /* events written to the ring buffer */
#define CBT_TL_CNT_DROP_RINGBUF 1 /* reserve failed: the ring buffer was full */
#define CBT_TL_CNT_DROP_LIMIT	2 /* over the event budget (--timeline-limit) */
#define CBT_TL_CNT_NR		3

struct cbt_tl_bpf_event {
	__u64 ts;  /* bpf_ktime_get_ns (CLOCK_MONOTONIC) */
	__u64 arg; /* see the type */
	__u32 tid;
	__u32 other;
	__s32 aux;
	__u16 type;
	__u16 cpu;
};

/* CBT_TL_EXEC records are this size; every other record is a struct cbt_tl_bpf_event. */
struct cbt_tl_bpf_exec {
	struct cbt_tl_bpf_event e;
	char comm[16];
};

#endif
