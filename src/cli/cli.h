/* cli.h - cli: the command line -> validated options, --help and --list. Owns the option
 * table; bad input never reaches the rest of the tool. Includes the options, the model and the
 * catalogs it lists (workloads, backends, exporters), never the tracer or the runner. */
#ifndef CBT_CLI_H
#define CBT_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "cli/options.h"

#define CBT_EXIT_USAGE 2

/* What an option's help adds from a table: the names it accepts, where its knob applies. */
enum cbt_opt_list {
	CBT_LIST_NONE,
	CBT_LIST_YIELDS,
	CBT_LIST_KNOB,	   /* the workloads and backends whose knobs include it */
	CBT_LIST_ADAPTIVE, /* the adaptive repeat rule (session/bench.h) */
};

/* One row of the option table: --help is generated from it, the parser dispatches on id. */
struct cbt_opt {
	int id;		   /* enum opt_id (cli_opts.h): the parser dispatches on it */
	const char *name;  /* "--workload" ("--" for the command) */
	const char *alias; /* "-w", or NULL */
	const char *arg;   /* "LIST", NULL for a flag, "[=N]" for an optional value */
	int group;	   /* heading in --help (cbt_opt_groups[]) */
	enum cbt_opt_list list;
	unsigned knob; /* CBT_KNOB_*, with CBT_LIST_KNOB */
	const char *help;
};

extern const struct cbt_opt cbt_opts[];
extern const unsigned cbt_nopts;
extern const char *const cbt_opt_groups[];
extern const unsigned cbt_nopt_groups;

/* Fills defaults, then parses. Returns 0, or CBT_EXIT_USAGE with one line (no newline) in err
 * saying what was wrong and what is allowed. */
int cbt_cli_parse(int argc, char **argv, struct cbt_options *o, char *err, size_t errlen);

void cbt_cli_help(FILE *f);
void cbt_cli_list(FILE *f);

/* Edit distance, for "did you mean" suggestions. */
unsigned cbt_edit_distance(const char *a, const char *b);

#endif
