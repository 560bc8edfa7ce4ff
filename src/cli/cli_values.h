/* cli_values.h - parsers for option values (see cli_values.c). */
#ifndef CBT_CLI_VALUES_H
#define CBT_CLI_VALUES_H

#include <stddef.h>
#include <stdint.h>

#include "cli/options.h"

struct cbt_cli_err {
	char *buf;
	size_t len;
};

/* Writes the message; returns CBT_EXIT_USAGE. */
int cbt_bad(struct cbt_cli_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Decimal digits (with allow_suffix, a K, M or G may follow) within [min, max]. */
int cbt_parse_u64(struct cbt_cli_err *e, const char *flag, const char *s, uint64_t min,
		  uint64_t max, int allow_suffix, uint64_t *out);
int cbt_parse_uint(struct cbt_cli_err *e, const char *flag, const char *s, unsigned min,
		   unsigned max, int allow_suffix, unsigned *out);
/* Seconds in (0, 3600]. */
int cbt_parse_seconds(struct cbt_cli_err *e, const char *flag, const char *s, double *out);
/* Seconds in [1e-6, 1]. */
int cbt_parse_interval(struct cbt_cli_err *e, const char *flag, const char *s, double *out);
/* "0", "0,1", "0-3": CPUs this process may use; sets p->cpus, p->pin, p->cpus_spec. */
int cbt_parse_cpus(struct cbt_cli_err *e, const char *flag, const char *s, struct cbt_params *p);
/* "c", "python" or "c,python" into CBT_RUNTIME_* bits. */
int cbt_parse_runtimes(struct cbt_cli_err *e, const char *flag, const char *s, unsigned *out);
/* --command STR: its words (cli/words.h) appended to o->commands; --name NAME to o's names. */
int cbt_parse_command(struct cbt_cli_err *e, const char *s, struct cbt_options *o);
int cbt_parse_command_name(struct cbt_cli_err *e, const char *s, struct cbt_options *o);

/* A comma-separated list of workload (workloads != 0) or backend names, or "all", into out[]
 * (names from their tables; a near miss is suggested). */
int cbt_parse_names(struct cbt_cli_err *e, const char *flag, char *s, int workloads,
		    const char **out, unsigned *nout);
/* "a, b, c": the names of every workload (workloads != 0) or backend. */
void cbt_names_of(char *buf, size_t len, int workloads);

/* --export FORMAT=FILE: one more report file (a format of the exporter registry). */
int cbt_parse_export(struct cbt_cli_err *e, struct cbt_options *o, const char *v);

#endif
