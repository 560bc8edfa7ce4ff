/* syscall_kernel.c - syscall names for the running kernel: the table generated at build time from
 * <asm/unistd.h> (the build machine's headers, here Linux 6.1), then, for numbers those headers
 * do not know, the x86-64 calls added since (uretprobe, through which every uretprobe returns on
 * 6.11+, futex_wait, mseal, ...), each used only when the running kernel has it: its entry point
 * __x64_sys_<name> is in /proc/kallsyms. So no call this kernel makes shows as "unknown" unless
 * it is newer than this list, and no name is claimed for a call the kernel does not have. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

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

const char *cbt_syscall_name(int nr)
{
	const char *n = cbt_syscall_name_built(nr);
	if (n)
		return n;
#if defined(__x86_64__)
	if (!checked)
		check_kallsyms();
	for (size_t i = 0; i < NNEWER; i++)
		if (newer[i].nr == nr && present[i])
			return newer[i].name;
#endif
	return NULL;
}

int cbt_syscall_max(void)
{
	int m = cbt_syscall_max_built();
#if defined(__x86_64__)
	for (size_t i = 0; i < NNEWER; i++)
		if (newer[i].nr >= m)
			m = newer[i].nr + 1;
#endif
	return m;
}
