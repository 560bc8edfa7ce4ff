/* cli.h - command line -> validated options. Bad input never reaches the rest of the tool. */
#ifndef CBT_CLI_H
#define CBT_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "cli/options.h"

#define CBT_EXIT_USAGE 2

/* Fills defaults, then parses. Returns 0, or CBT_EXIT_USAGE with one line (no newline) in err
 * saying what was wrong and what is allowed. */
int cbt_cli_parse(int argc, char **argv, struct cbt_options *o, char *err, size_t errlen);

void cbt_cli_help(FILE *f);
void cbt_cli_list(FILE *f);

/* Edit distance, for "did you mean" suggestions. */
unsigned cbt_edit_distance(const char *a, const char *b);

#endif
