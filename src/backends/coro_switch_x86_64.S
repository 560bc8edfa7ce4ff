/* coro_switch_x86_64.S - void cbt_coro_swap(void **save_sp, void *load_sp)
 * Saves the System V callee-saved registers on the current stack, stores the stack pointer in
 * *save_sp, switches to load_sp and restores the registers saved there. No system call. */
#if defined(__x86_64__)
	.text
	.globl	cbt_coro_swap
	.type	cbt_coro_swap, @function
cbt_coro_swap:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, (%rdi)
	movq	%rsi, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
	.size	cbt_coro_swap, .-cbt_coro_swap

/* First entry of a new coroutine: r12 = function, r13 = its argument (set up by cbt_coro_init).
 * The function never returns (it switches away for the last time). */
	.globl	cbt_coro_trampoline
	.type	cbt_coro_trampoline, @function
cbt_coro_trampoline:
	movq	%r13, %rdi
	callq	*%r12
	ud2
	.size	cbt_coro_trampoline, .-cbt_coro_trampoline
#endif
	.section .note.GNU-stack,"",@progbits
