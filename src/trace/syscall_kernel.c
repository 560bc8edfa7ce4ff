/* syscall_kernel.c - syscall names for the running kernel. The source is the kernel itself: the
 * numbers and names in its syscall metadata (syscall_meta.c: numbered at boot from its own
 * sys_call_table), so a call newer than the build's headers (e.g.
 * uretprobe, nr 335 on x86-64 6.11+, through which every uretprobe returns) is named as this
 * kernel names it. Where the build-time table (generated from <asm/unistd.h>, here Linux 6.1)
 * has the same number, its spelling is shown: the man-page name (stat, umount2, sendfile), where
 * the kernel's entry point says newstat, umount, sendfile64. Numbers the kernel has no event for
 * (not implemented: ENOSYS) keep the headers' name.
 *
 * When the kernel cannot be read (not root, no CONFIG_FTRACE_SYSCALLS, no BTF), the fallback is the
 * build-time table plus a fixed list of x86-64 calls added since, each used only when the running
 * kernel has it: its entry point __x64_sys_<name> is in /proc/kallsyms. cbt_syscall_names_source()
 * says which source was used; the tracer puts it in the JSON's host.tracing. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "trace/syscall_kernel.h"
#include "trace/syscall_names.h"

const char *cbt_syscall_name_built(int nr);
int cbt_syscall_max_built(void);

#if defined(__x86_64__)
static const struct {
	int nr;
	const char *name;
} newer[] = {
    {335, "uretprobe"},		{336, "uprobe"},
    {451, "cachestat"},		{452, "fchmodat2"},
    {453, "map_shadow_stack"},	{454, "futex_wake"},
    {455, "futex_wait"},	{456, "futex_requeue"},
    {457, "statmount"},		{458, "listmount"},
    {459, "lsm_get_self_attr"}, {460, "lsm_set_self_attr"},
    {461, "lsm_list_modules"},	{462, "mseal"},
    {463, "setxattrat"},	{464, "getxattrat"},
    {465, "listxattrat"},	{466, "removexattrat"},
    {467, "open_tree_attr"},	{468, "file_getattr"},
    {469, "file_setattr"},
};
#define NNEWER (sizeof(newer) / sizeof(newer[0]))

/* 1: the running kernel has it, 0: not, -1: not checked yet (per entry of `newer`) */
static signed char present[NNEWER];
static bool checked;

static struct cbt_kernel_syscalls kernel;
static int kernel_state; /* 0: not read yet, 1: read, -1: could not be read */
static char source[160];

static void check_kallsyms(void)
{
	char line[512], sym[256];
	FILE *f = fopen("/proc/kallsyms", "re");
	checked = true;
	for (size_t i = 0; i < NNEWER; i++)
		present[i] = f ? 0 : 1; /* no kallsyms: trust the list (the numbers are ABI) */
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%*s %*s %255s", sym) == 1 && !strncmp(sym, "__x64_sys_", 10))
			for (size_t i = 0; i < NNEWER; i++)
				if (!strcmp(sym + 10, newer[i].name))
					present[i] = 1;
	if (f)
		fclose(f);
}
#endif

static void init(void)
{
	if (kernel_state)
		return;
	kernel_state = cbt_kernel_syscalls_read(&kernel) == 0 ? 1 : -1;
	if (kernel_state > 0)
		snprintf(source, sizeof(source), "syscall names from the running kernel (%d calls)",
			 kernel.count);
	else
		snprintf(source, sizeof(source),
			 "syscall names from the build's headers (the kernel's could not be read)");
}

static const char *fallback_list(int nr)
{
#if defined(__x86_64__)
	if (!checked)
		check_kallsyms();
	for (size_t i = 0; i < NNEWER; i++)
		if (newer[i].nr == nr && present[i])
			return newer[i].name;
#else
	(void)nr;
#endif
	return NULL;
}

const char *cbt_syscall_name(int nr)
{
	return cbt_syscall_name_from(nr, NULL);
}

const char *cbt_syscall_name_from(int nr, const char **from)
{
	const char *b = cbt_syscall_name_built(nr), *n;
	const char *src = "headers";

	init();
	if (kernel_state > 0) {
		n = nr >= 0 && nr < CBT_KSYSCALL_MAX ? kernel.name[nr] : NULL;
		if (n && !b)
			src = "kernel";
		else
			n = b;
	} else if (!(n = b) && (n = fallback_list(nr)))
		src = "list";
	if (from)
		*from = n ? src : NULL;
	return n;
}

const char *cbt_syscall_names_source(void)
{
	init();
	return source;
}

int cbt_syscall_max(void)
{
	int m = cbt_syscall_max_built();
	init();
	for (int nr = CBT_KSYSCALL_MAX - 1; kernel_state > 0 && nr >= m; nr--)
		if (kernel.name[nr]) {
			m = nr + 1;
			break;
		}
#if defined(__x86_64__)
	for (size_t i = 0; kernel_state < 0 && i < NNEWER; i++)
		if (newer[i].nr >= m)
			m = newer[i].nr + 1;
#endif
	return m;
}
