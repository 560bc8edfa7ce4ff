/* answer.h - the answer first: for each question the run makes possible (the slowest vs the
 * fastest backend of a runtime; a backend vs the sibling it is best contrasted with, as the
 * catalog declares: threads vs processes, gil-threads vs threads; one runtime vs another on the
 * same backend), how much slower, and the causes ranked by how much of the wall-time gap each
 * accounts for. Reads the derived numbers and summaries only (the model and analysis). */
#ifndef CBT_ANSWER_H
#define CBT_ANSWER_H

#include <stddef.h>

#include "analysis/analysis.h"
#include "analysis/derived.h"
#include "model/result.h"

/* The disjoint parts of task time a gap is split into. */
enum cbt_cause {
	CBT_CAUSE_ONCPU,
	CBT_CAUSE_RUNNABLE,
	CBT_CAUSE_GIL,	   /* blocked on or handed the interpreter lock (CPython, uprobes) */
	CBT_CAUSE_BLOCKED, /* + enum cbt_reason: blocked in that kind of system call */
	CBT_CAUSE_COUNT = CBT_CAUSE_BLOCKED + CBT_REASON_COUNT
};

enum cbt_question { CBT_Q_SLOWEST_FASTEST, CBT_Q_CONTRAST, CBT_Q_RUNTIMES };

struct cbt_answer_cause {
	enum cbt_cause cause;
	double seconds; /* of the wall-time gap it accounts for */
	double share;	/* of the gap */
};

#define CBT_ANSWER_CAUSES 2

struct cbt_answer {
	enum cbt_question question;
	const struct cbt_workload *workload;
	size_t slow, fast; /* indices into the results */
	double ratio, gap_s;
	size_t ncauses;
	struct cbt_answer_cause causes[CBT_ANSWER_CAUSES];
	double rest_share; /* of the gap: every other part, net */
	char text[512];	   /* the answer in words, with the numbers that prove it */
};

#define CBT_MAX_ANSWERS 24

struct cbt_answers {
	size_t n;
	struct cbt_answer items[CBT_MAX_ANSWERS];
};

/* Builds the answers of every workload (results grouped by workload). Differences below 1.2x
 * are not asked about: within the noise of single runs here. */
void cbt_answers_build(const struct cbt_result *results, const struct cbt_summary *sums,
		       const struct cbt_derived *derived, size_t n, struct cbt_answers *out);

/* "oncpu", "runnable", "interpreter_lock", "blocked_sleep", ... (as the JSON names them). */
const char *cbt_cause_name(enum cbt_cause c);
/* "slowest_vs_fastest", "contrast", "runtimes". */
const char *cbt_question_name(enum cbt_question q);

/* Each part's wall time in the run: wall × its share of task time (they add up to the wall). */
void cbt_answer_parts(const struct cbt_summary *s, const struct cbt_derived *d,
		      double parts[CBT_CAUSE_COUNT]);

#endif
