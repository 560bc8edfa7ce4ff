/* compare_cmd.h - the `compare` subcommand: read two saved runs, compare, print. */
#ifndef CBT_COMPARE_CMD_H
#define CBT_COMPARE_CMD_H

/* argv[0] is "compare". Returns the exit status: 0, 1 (--fail-above: a significant slowdown
 * beyond the threshold), 2 (bad arguments or files). */
int cbt_compare_main(int argc, char **argv);

#endif
