/* irq_ctx.h - is a tracepoint running in interrupt context? (then `current` is merely the task
 * that was interrupted, not the one acting). Shared by bpf/cbt.bpf.c and bpf/timeline.bpf.c.
 * - an interrupt of kernel code runs on the per-CPU irq stack, so the tracepoint's argument array
 *   (ctx, on the running stack) lies outside current's stack (x86-64, arm64);
 * - an interrupt of user code runs on the task stack (x86-64), but the task's saved user registers
 *   then say "no syscall" (orig_ax == -1), whereas inside a syscall they hold its nr.
 * Pointer subtraction needs CAP_PERFMON (allowed pointer leaks). */
#ifndef CBT_BPF_IRQ_CTX_H
#define CBT_BPF_IRQ_CTX_H

/* Kernel stacks are THREAD_SIZE: 16 KiB on x86-64 and arm64 with 4 KiB pages, doubled by KASAN */
extern bool CONFIG_KASAN __kconfig __weak;

#define CBT_PF_KTHREAD 0x00200000

static __always_inline bool cbt_in_interrupt_ctx(void *ctx)
{
	struct task_struct *cur = bpf_get_current_task_btf();
	__u64 thread_size = CONFIG_KASAN ? 32768 : 16384;
	__u64 addr, base;
	long diff;

	diff = (long)ctx - (long)cur;
	barrier_var(diff); /* keep clang from computing (task + ctx) - cur */
	addr = (__u64)diff + bpf_get_current_task();
	base = (__u64)cur->stack;
	if (addr - base >= thread_size)
		return true;
#if defined(__TARGET_ARCH_x86)
	if (!(cur->flags & CBT_PF_KTHREAD)) {
		struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(cur);

		return (long)regs->orig_ax == -1; /* a direct read: BTF-typed */
	}
#endif
	return false;
}

#endif
