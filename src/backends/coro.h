/* coro.h - stackful asymmetric coroutines whose switch makes no system call.
 *
 * On x86-64 the switch is a few instructions of assembly (coro_switch_x86_64.S) that save and
 * restore the callee-saved registers and the stack pointer. Elsewhere it falls back to
 * ucontext's swapcontext, which also saves the signal mask (one rt_sigprocmask per switch).
 */
#ifndef CBT_CORO_H
#define CBT_CORO_H

#include <stddef.h>

#if !defined(__x86_64__)
#define CBT_CORO_UCONTEXT 1
#include <ucontext.h>
#endif

struct cbt_coro {
	void *sp;	 /* saved stack pointer of the coroutine while it is suspended */
	void *caller_sp; /* saved stack pointer of whoever resumed it */
	void *stack;
	size_t stack_len;
	void (*fn)(void *arg);
	void *arg;
	int finished;
#ifdef CBT_CORO_UCONTEXT
	ucontext_t uc, caller_uc;
#endif
};

/* Prepares c to run fn(arg) on its own mmap()ed stack (with a guard page). 0 or -errno. */
int cbt_coro_init(struct cbt_coro *c, size_t stack_size, void (*fn)(void *), void *arg);
/* Runs c until it yields or finishes. */
void cbt_coro_resume(struct cbt_coro *c);
/* Called from inside c: returns to the resume() that ran it. */
void cbt_coro_yield(struct cbt_coro *c);
void cbt_coro_destroy(struct cbt_coro *c);

/* Name of the switch in use ("x86-64 assembly" or "ucontext"). */
const char *cbt_coro_switch_kind(void);

#endif
