/* findings.h - plain-language explanations, each produced by a small rule over the measured
 * records (never over a workload's or backend's name) that fires only when its evidence is
 * present. docs/findings.md lists every rule, its evidence, threshold and mechanism. */
#ifndef CBT_FINDINGS_H
#define CBT_FINDINGS_H

#include <stddef.h>

#include "analysis/analysis.h"
#include "analysis/derived.h"
#include "model/result.h"

#define CBT_MAX_EVIDENCE 8

/* A finding of one backend's rule, or a comparison between two backends. */
enum cbt_finding_kind { CBT_FINDING_RULE, CBT_FINDING_COMPARISON };

struct cbt_finding {
	enum cbt_finding_kind kind;
	const char *rule; /* the rule's name ("comparison" for a comparison), as JSON writes it */
	const struct cbt_workload *workload;
	const struct cbt_job *job; /* a rule's finding: the job it is about (NULL: a comparison) */
	char backends[96];	   /* comma-separated */
	char text[640];
	char headline[112]; /* the finding in one line with its key numbers (the terminal's) */
	double weight; /* share (0..1) of the backend's time this finding explains: for ranking */
	size_t nev;
	struct {
		const char *key;
		double value;
	} ev[CBT_MAX_EVIDENCE];
};

/* What a rule sees of one backend. */
struct cbt_rule_input {
	const char *backend;		     /* its label */
	const struct cbt_job *job;	     /* the job it measured (findings point back to it) */
	enum cbt_job_kind runtime;	     /* comparisons stay within a runtime ... */
	const struct cbt_backend_info *info; /* ... and across runtimes pair the same backend */
	unsigned tasks;			     /* logical tasks the run asked for */
	double timer_slack_us;		     /* the slack the tasks ran with */
	const struct cbt_summary *s;
	const struct cbt_derived *d;
};

typedef int (*cbt_rule_fn)(const struct cbt_rule_input *in, struct cbt_finding *f);

struct cbt_rule {
	const char *name;
	cbt_rule_fn fn;
};

extern const struct cbt_rule cbt_rules[];
extern const size_t cbt_nrules;

struct cbt_findings {
	size_t n, cap;
	struct cbt_finding *items;
};

/* Runs every rule on every traced backend of `workload`, then the comparisons. */
void cbt_findings_run(struct cbt_findings *out, const struct cbt_workload *workload,
		      const struct cbt_rule_input *inputs, size_t ninputs);
void cbt_findings_free(struct cbt_findings *f);

/* Adds an evidence value to a finding (ignored past CBT_MAX_EVIDENCE). */
void cbt_evidence(struct cbt_finding *f, const char *key, double value);

#endif
