/* test_syscall_names.c - system-call names come from the running kernel: its syscall metadata
 * (numbered by the kernel from its own sys_call_table), read through BPF. Cross-checked against
 * what the kernel shows elsewhere: tracefs has one sys_enter_* event per numbered call, and
 * /proc/kallsyms has the entry point __x64_sys_NAME of each. Then a traced command that makes a
 * call newer than the build's headers (fchmodat2, nr 452), under the interpreter-lock probes
 * (every uretprobe returns through nr 335): no system call is `unknown`. Needs root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "e2e.h"
#include "trace/syscall_kernel.h"
#include "trace/syscall_names.h"

const char *cbt_syscall_name_built(int nr);

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names NAME of every __x64_sys_NAME entry point in /proc/kallsyms, sorted. */
static char **entry_points(size_t *n)
{
	char line[512], s[256], **v = NULL;
	size_t cap = 0;
	FILE *f = fopen("/proc/kallsyms", "re");
	*n = 0;
	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*s %*s %255s", s) != 1 || strncmp(s, "__x64_sys_", 10))
			continue;
		if (*n == cap && !(v = realloc(v, (cap = cap ? 2 * cap : 1024) * sizeof(*v))))
			break;
		v[(*n)++] = strdup(s + 10);
	}
	if (f)
		fclose(f);
	qsort(v, *n, sizeof(*v), cmp_str);
	return v;
}

static void test_kernel_table(void **state)
{
	(void)state;
	struct cbt_kernel_syscalls ks;
	assert_int_equal(cbt_kernel_syscalls_read(&ks), 0);
	print_message("  %d calls numbered by the kernel, %u sys_enter events, %u trace events "
		      "walked\n",
		      ks.count, ks.events, ks.walked);
	/* every syscall event tracefs lists is one numbered call: none missed, none invented */
	assert_int_equal((unsigned)ks.count, ks.events);
	assert_true(ks.walked > (unsigned)ks.count);
	size_t nep;
	char **ep = entry_points(&nep);
	assert_true(nep > 0);
	int newer = 0;
	for (int nr = 0; nr < CBT_KSYSCALL_MAX; nr++) {
		if (!ks.name[nr])
			continue;
		/* the entry point of that name exists in this kernel (found apart from BPF) */
		const char *key = ks.name[nr];
		assert_non_null(bsearch(&key, ep, nep, sizeof(*ep), cmp_str));
		/* and the tool names the number */
		const char *from = NULL, *n = cbt_syscall_name_from(nr, &from);
		assert_non_null(n);
		if (!cbt_syscall_name_built(nr)) {
			assert_string_equal(from, "kernel");
			assert_string_equal(n, ks.name[nr]);
			newer++;
		}
		assert_true(nr < cbt_syscall_max());
	}
	print_message("  %d of them newer than the build's headers\n", newer);
	/* nr 335: uretprobe (6.11+), named from the kernel, not from a list */
	const char *from = NULL;
	assert_non_null(ks.name[335]);
	assert_string_equal(cbt_syscall_name_from(335, &from), "uretprobe");
	assert_string_equal(from, "kernel");
	assert_non_null(strstr(cbt_syscall_names_source(), "running kernel"));
	cbt_kernel_syscalls_free(&ks);
	for (size_t i = 0; i < nep; i++)
		free(ep[i]);
	free(ep);
}

static void test_no_unknown_in_a_run(void **state)
{
	(void)state;
	char json[512], target[512], args[2048];
	e2e_path(target, sizeof(target), "target");
	FILE *f = fopen(target, "w");
	assert_non_null(f);
	fclose(f);
	/* fchmodat2 (nr 452, Linux 6.6) exactly 20 times, through libc's syscall(); python3 is a
	 * CPython with symbols here: the lock probes' uretprobes return through nr 335 */
	snprintf(args, sizeof(args),
		 "--syscalls -q -r 1 --json %s -- python3 -c \"import ctypes; "
		 "libc = ctypes.CDLL(None); "
		 "[libc.syscall(452, -100, b'%s', 0o600, 0) for i in range(20)]\"",
		 e2e_path(json, sizeof(json), "sc.json"), target);
	assert_int_equal(e2e_run(args), 0);
	assert_true(e2e_json("sc.json", "'running kernel' in d['host']['tracing']") == 1);
	assert_true(
	    e2e_json("sc.json", "R[0]['totals']['syscalls_by_name']['fchmodat2']['count']") == 20);
	assert_true(e2e_json("sc.json", "'unknown' not in R[0]['totals']['syscalls_by_name']") ==
		    1);
	/* the probes' returns happened, and are the tool's, not the workload's */
	assert_true(e2e_json("sc.json", "R[0]['totals']['interpreter_lock']['probe_syscalls']") >
		    0);
	assert_true(e2e_json("sc.json", "'uretprobe' not in R[0]['totals']['syscalls_by_name']") ==
		    1);
}

int main(void)
{
	if (geteuid() != 0) {
		fprintf(stderr, "test_syscall_names: needs root (BPF)\n");
		return 77;
	}
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kernel_table),
	    cmocka_unit_test_setup_teardown(test_no_unknown_in_a_run, e2e_setup, e2e_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
