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
	double seconds;	   /* of the wall-time gap it accounts for: < 0 for a part that shrank */
	double share;	   /* of the gap (seconds / gap): can pass 100 % when other parts shrank */
	double wall_share; /* of the slower run's wall (seconds / its wall): within -100..100 % */
};

/* How an answer's text splits the gap. GAP: every part moved the same way (the parts that shrank
 * are under 5 % of the gap, and none accounts for more than all of it): shares of the gap, which
 * then read as "this much of the difference". ADDED_SAVED: parts moved in opposite directions,
 * where shares of the gap pass 100 % and a negative rest follows; each part is said as the
 * seconds it added or saved and as a share of the slower run's wall. */
enum cbt_answer_split { CBT_SPLIT_GAP, CBT_SPLIT_ADDED_SAVED };

/* at most 2 parts that grew, and with ADDED_SAVED the one that shrank most */
#define CBT_ANSWER_CAUSES 3

struct cbt_answer {
	enum cbt_question question;
	const struct cbt_workload *workload;
	size_t slow, fast; /* indices into the results */
	double ratio, gap_s;
	double added_s,
	    saved_s; /* summed over the parts that grew / shrank (added - saved = gap) */
	enum cbt_answer_split split;
	size_t ncauses;
	struct cbt_answer_cause causes[CBT_ANSWER_CAUSES];
	double rest_s, rest_share; /* every other part, net: seconds and share of the gap */
	char text[512];		   /* the answer in words, with the numbers that prove it */
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
/* "gap", "added_saved". */
const char *cbt_answer_split_name(enum cbt_answer_split s);
/* "slowest_vs_fastest", "contrast", "runtimes". */
const char *cbt_question_name(enum cbt_question q);

/* Each part's wall time in the run: wall × its share of task time (they add up to the wall). */
void cbt_answer_parts(const struct cbt_summary *s, const struct cbt_derived *d,
		      double parts[CBT_CAUSE_COUNT]);

/* Splits the gap between a slower and a faster run whose parts of the wall (cbt_answer_parts)
 * are ps and pf: sets the ratio, gap, added/saved seconds, the split, the named causes and the
 * rest of a (its text aside). */
void cbt_answer_split_gap(struct cbt_answer *a, const double ps[CBT_CAUSE_COUNT],
			  const double pf[CBT_CAUSE_COUNT], double wall_slow, double wall_fast);

#endif
