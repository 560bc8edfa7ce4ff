/* fuzz_cli.c - libFuzzer harness for the command-line parser (cbt_cli_parse).
 *
 * The input is an argument vector: arguments separated by NUL bytes (argv[0] is supplied). The
 * parser must never crash, read out of bounds or hit undefined behaviour, and must either
 * accept (0) or refuse with exit status 2 and a message. Built by `make fuzz`. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#define MAX_ARGS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1), *argv[MAX_ARGS + 2];
	int argc = 0;
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[argc++] = "concbench-trace";
	for (size_t i = 0; i <= size && argc <= MAX_ARGS;) {
		argv[argc++] = buf + i;
		i += strlen(buf + i) + 1;
	}
	argv[argc] = NULL;
	struct cbt_options o;
	char err[512];
	int rc = cbt_cli_parse(argc, argv, &o, err, sizeof(err));
	if (rc != 0 && (rc != 2 || !err[0]))
		abort(); /* a refusal is exit 2 with a message, nothing else */
	free(buf);
	return 0;
}
