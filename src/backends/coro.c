/* coro.c - coroutine stacks and entry; see coro.h. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "backends/coro.h"

static void coro_entry(void *arg)
{
	struct cbt_coro *c = arg;
	c->fn(c->arg);
	c->finished = 1;
	cbt_coro_yield(c); /* never resumed again */
}

#ifndef CBT_CORO_UCONTEXT
void cbt_coro_swap(void **save_sp, void *load_sp);
void cbt_coro_trampoline(void);

static void prepare_stack(struct cbt_coro *c)
{
	uintptr_t top = ((uintptr_t)c->stack + c->stack_len) & ~(uintptr_t)15;
	/* Frame popped by cbt_coro_swap: r15 r14 r13 r12 rbx rbp, then the return address. After
	 * the ret, %rsp must be 16-byte aligned so the trampoline's call is ABI-aligned. */
	uint64_t *f = (uint64_t *)(top - 72);
	memset(f, 0, 72);
	f[3] = (uint64_t)(uintptr_t)coro_entry; /* r12 */
	f[2] = (uint64_t)(uintptr_t)c;		/* r13 */
	f[6] = (uint64_t)(uintptr_t)cbt_coro_trampoline;
	c->sp = f;
}

void cbt_coro_resume(struct cbt_coro *c)
{
	cbt_coro_swap(&c->caller_sp, c->sp);
}

void cbt_coro_yield(struct cbt_coro *c)
{
	cbt_coro_swap(&c->sp, c->caller_sp);
}

const char *cbt_coro_switch_kind(void)
{
	return "x86-64 assembly (no system call)";
}
#else
static void ucontext_entry(unsigned hi, unsigned lo)
{
	coro_entry((void *)(((uintptr_t)hi << 32) | (uintptr_t)lo));
}

static void prepare_stack(struct cbt_coro *c)
{
	uintptr_t p = (uintptr_t)c;
	getcontext(&c->uc);
	c->uc.uc_stack.ss_sp = c->stack;
	c->uc.uc_stack.ss_size = c->stack_len;
	c->uc.uc_link = NULL;
	makecontext(&c->uc, (void (*)(void))ucontext_entry, 2, (unsigned)(p >> 32),
		    (unsigned)(p & 0xffffffffu));
}

void cbt_coro_resume(struct cbt_coro *c)
{
	swapcontext(&c->caller_uc, &c->uc);
}

void cbt_coro_yield(struct cbt_coro *c)
{
	swapcontext(&c->uc, &c->caller_uc);
}

const char *cbt_coro_switch_kind(void)
{
	return "ucontext (one rt_sigprocmask per switch)";
}
#endif

int cbt_coro_init(struct cbt_coro *c, size_t stack_size, void (*fn)(void *), void *arg)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t len = ((stack_size + page - 1) / page + 1) * page; /* + guard page */

	memset(c, 0, sizeof(*c));
	void *mem =
	    mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (mem == MAP_FAILED)
		return -errno;
	if (mprotect(mem, page, PROT_NONE) != 0) {
		int e = errno;
		munmap(mem, len);
		return -e;
	}
	c->stack = mem;
	c->stack_len = len;
	c->fn = fn;
	c->arg = arg;
	prepare_stack(c);
	return 0;
}

void cbt_coro_destroy(struct cbt_coro *c)
{
	if (c->stack)
		munmap(c->stack, c->stack_len);
	c->stack = NULL;
}
