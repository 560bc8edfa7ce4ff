/* test_answer.c - the Answer block: which questions are asked, how a wall-time gap is split
 * among the parts of task time (known answers from synthetic records), the interpreter lock's
 * share moved out of the futex and run-queue parts, and the rules that must not blame the run
 * for a busy machine. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/answer.h"
#include "analysis/findings.h"
#include "backends/backend.h"
#include "cli/words.h"
#include "e2e.h"

static struct cbt_result res[4];
static struct cbt_summary sums[4];
static struct cbt_derived der[4];
static const struct cbt_workload wl = {.name = "yield-loop"};

/* A result: wall, and shares of on-CPU, runnable, blocked in sleep. */
static void make(size_t i, const struct cbt_backend_info *b, enum cbt_job_kind kind, double wall,
		 double on, double rq, double sleep)
{
	memset(&res[i], 0, sizeof(res[i]));
	memset(&sums[i], 0, sizeof(sums[i]));
	memset(&der[i], 0, sizeof(der[i]));
	res[i].job.workload = &wl;
	res[i].job.backend = b;
	res[i].job.kind = kind;
	res[i].job.name = b->name;
	snprintf(res[i].job.label, sizeof(res[i].job.label), "%s%s",
		 kind == CBT_JOB_PYTHON ? "py " : "", b->name);
	res[i].nruns = 3;
	der[i] = (struct cbt_derived){.valid = true,
				      .wall_s = wall,
				      .cpus = 2,
				      .task_s = 10,
				      .share_oncpu = on,
				      .share_runnable = rq};
	der[i].share_blocked[CBT_REASON_SLEEP] = sleep;
	sums[i].traced = true;
}

static void test_gap_split_known_answer(void **state)
{
	(void)state;
	/* slow: 3 s = 0.6 on-CPU + 0.6 runnable + 1.8 sleep; fast: 1 s = 0.6 + 0.2 + 0.2.
	 * gap 2 s: sleep +1.6 (80 %), runnable +0.4 (20 %), on-CPU 0 */
	make(0, &cbt_backend_processes.info, CBT_JOB_NATIVE, 3.0, 0.2, 0.2, 0.6);
	make(1, &cbt_backend_threads.info, CBT_JOB_NATIVE, 1.0, 0.6, 0.2, 0.2);
	struct cbt_answers a;
	cbt_answers_build(res, sums, der, 2, &a);
	assert_int_equal(a.n, 1); /* slowest vs fastest = the contrast pair: asked once */
	const struct cbt_answer *x = &a.items[0];
	assert_int_equal(x->slow, 0);
	assert_int_equal(x->fast, 1);
	assert_true(fabs(x->ratio - 3.0) < 1e-12 && fabs(x->gap_s - 2.0) < 1e-12);
	assert_int_equal(x->ncauses, 2);
	assert_int_equal(x->causes[0].cause, CBT_CAUSE_BLOCKED + CBT_REASON_SLEEP);
	assert_true(fabs(x->causes[0].share - 0.8) < 1e-9);
	assert_int_equal(x->causes[1].cause, CBT_CAUSE_RUNNABLE);
	assert_true(fabs(x->causes[1].share - 0.2) < 1e-9);
	assert_true(fabs(x->rest_share) < 1e-9);
	assert_non_null(strstr(x->text, "processes 3.0× slower than threads"));
	assert_non_null(strstr(x->text, "blocked in sleep calls 80 % of the gap"));
	assert_string_equal(cbt_cause_name(x->causes[0].cause), "blocked_sleep");
}

/* Parts that moved the same way: shares of the gap, named in order, adding up to 100 %. */
static void test_split_same_sign(void **state)
{
	(void)state;
	/* slow 4 s = on 1 + rq 0.5 + sleep 2.5; fast 2 s = on 0.8 + rq 0.45 + sleep 0.75.
	 * gap 2 s: sleep +1.75 (87.5 %), on +0.2 (10 %), rq +0.05 (2.5 %: no cause, the rest) */
	double ps[CBT_CAUSE_COUNT] = {0}, pf[CBT_CAUSE_COUNT] = {0};
	ps[CBT_CAUSE_ONCPU] = 1.0, ps[CBT_CAUSE_RUNNABLE] = 0.5;
	ps[CBT_CAUSE_BLOCKED + CBT_REASON_SLEEP] = 2.5;
	pf[CBT_CAUSE_ONCPU] = 0.8, pf[CBT_CAUSE_RUNNABLE] = 0.45;
	pf[CBT_CAUSE_BLOCKED + CBT_REASON_SLEEP] = 0.75;
	struct cbt_answer a;
	memset(&a, 0, sizeof(a));
	cbt_answer_split_gap(&a, ps, pf, 4.0, 2.0);
	assert_int_equal(a.split, CBT_SPLIT_GAP);
	assert_string_equal(cbt_answer_split_name(a.split), "gap");
	assert_true(fabs(a.gap_s - 2.0) < 1e-12 && fabs(a.ratio - 2.0) < 1e-12);
	assert_true(fabs(a.added_s - 2.0) < 1e-9 && fabs(a.saved_s) < 1e-9);
	assert_int_equal(a.ncauses, 2); /* no part shrank: none named as saved */
	assert_int_equal(a.causes[0].cause, CBT_CAUSE_BLOCKED + CBT_REASON_SLEEP);
	assert_true(fabs(a.causes[0].share - 0.875) < 1e-9);
	assert_true(fabs(a.causes[0].wall_share - 1.75 / 4.0) < 1e-9);
	assert_int_equal(a.causes[1].cause, CBT_CAUSE_ONCPU);
	assert_true(fabs(a.causes[1].share - 0.1) < 1e-9);
	assert_true(fabs(a.rest_share - 0.025) < 1e-9 && fabs(a.rest_s - 0.05) < 1e-9);
}

/* Parts that moved in opposite directions (the seen case: lock waits grew by more than the whole
 * gap while run-queue waits shrank): said in seconds added and saved, as shares of the slower
 * run's wall, each within 100 %, and the seconds still add up to the gap. */
static void test_split_opposite_sign(void **state)
{
	(void)state;
	/* slow 8 s = lock 7 + rq 0.5 + on 0.5; fast 6 s = lock 0 + rq 5 + on 1.
	 * gap 2 s: lock +7 (350 % of the gap, 87.5 % of 8 s), rq -4.5 (56.25 %), on -0.5 (rest) */
	double ps[CBT_CAUSE_COUNT] = {0}, pf[CBT_CAUSE_COUNT] = {0};
	ps[CBT_CAUSE_GIL] = 7.0, ps[CBT_CAUSE_RUNNABLE] = 0.5, ps[CBT_CAUSE_ONCPU] = 0.5;
	pf[CBT_CAUSE_RUNNABLE] = 5.0, pf[CBT_CAUSE_ONCPU] = 1.0;
	struct cbt_answer a;
	memset(&a, 0, sizeof(a));
	cbt_answer_split_gap(&a, ps, pf, 8.0, 6.0);
	assert_int_equal(a.split, CBT_SPLIT_ADDED_SAVED);
	assert_string_equal(cbt_answer_split_name(a.split), "added_saved");
	assert_true(fabs(a.added_s - 7.0) < 1e-9 && fabs(a.saved_s - 5.0) < 1e-9);
	assert_int_equal(a.ncauses, 2); /* the one part that grew, the one that shrank most */
	assert_int_equal(a.causes[0].cause, CBT_CAUSE_GIL);
	assert_true(fabs(a.causes[0].seconds - 7.0) < 1e-9);
	assert_true(fabs(a.causes[0].share - 3.5) < 1e-9); /* the true, unreadable arithmetic */
	assert_true(fabs(a.causes[0].wall_share - 0.875) < 1e-9);
	assert_int_equal(a.causes[1].cause, CBT_CAUSE_RUNNABLE);
	assert_true(fabs(a.causes[1].seconds + 4.5) < 1e-9);
	assert_true(fabs(a.causes[1].wall_share + 0.5625) < 1e-9);
	assert_true(fabs(a.rest_s + 0.5) < 1e-9); /* on-CPU, net */
	double sum = a.rest_s;
	for (size_t k = 0; k < a.ncauses; k++)
		sum += a.causes[k].seconds;
	assert_true(fabs(sum - a.gap_s) < 1e-9);
}

/* The same opposite case through the whole answer: its text says seconds and wall shares, and
 * never a share of the gap above 100 %. */
static void test_opposite_sign_text(void **state)
{
	(void)state;
	/* py threads 8 s: 10 s of task time, interpreter lock 7 s of it (87.5 %), runnable 0.5, on
	 * 0.5; py processes 6 s: runnable 5/6, on 1/6 */
	make(0, &cbt_backend_threads.info, CBT_JOB_PYTHON, 8.0, 0.0625, 0.9375, 0);
	sums[0].gil.probed = true;
	sums[0].gil.blocked_ns = 0;
	sums[0].gil.handoff_ns =
	    8.75e9; /* 87.5 % of the 10 s of task time, runnable after hand-off */
	sums[0].gil.acquisitions = 1000;
	make(1, &cbt_backend_processes.info, CBT_JOB_PYTHON, 6.0, 1.0 / 6, 5.0 / 6, 0);
	struct cbt_answers a;
	cbt_answers_build(res, sums, der, 2, &a);
	assert_int_equal(a.n, 1);
	const struct cbt_answer *x = &a.items[0];
	assert_int_equal(x->split, CBT_SPLIT_ADDED_SAVED);
	assert_non_null(
	    strstr(x->text, "py threads 1.3× slower than py processes (8.00 s vs 6.00 s)"));
	assert_non_null(
	    strstr(x->text, "waiting for the interpreter lock +7.00 s (88 % of 8.00 s"));
	assert_non_null(strstr(x->text, "waiting for a CPU -4.50 s (56 %)"));
	assert_non_null(strstr(x->text, "rest -500 ms net"));
	assert_null(strstr(x->text, "of the gap"));
	assert_true(strlen(x->text) <= 3 * 96);
}

static void test_questions_asked(void **state)
{
	(void)state;
	/* c threads 1 s, c gil-threads 1.1 s (within 1.2x: not asked), py threads 4 s, py
	 * processes 2 s: py slowest/fastest (= the contrast pair), py vs c on threads */
	make(0, &cbt_backend_threads.info, CBT_JOB_NATIVE, 1.0, 0.5, 0.5, 0);
	make(1, &cbt_backend_gil_threads.info, CBT_JOB_NATIVE, 1.1, 0.5, 0.5, 0);
	make(2, &cbt_backend_threads.info, CBT_JOB_PYTHON, 4.0, 0.5, 0.5, 0);
	make(3, &cbt_backend_processes.info, CBT_JOB_PYTHON, 2.0, 0.5, 0.5, 0);
	struct cbt_answers a;
	cbt_answers_build(res, sums, der, 4, &a);
	assert_int_equal(a.n, 2);
	assert_int_equal(a.items[0].question, CBT_Q_SLOWEST_FASTEST);
	assert_true(a.items[0].slow == 2 && a.items[0].fast == 3);
	assert_int_equal(a.items[1].question, CBT_Q_RUNTIMES);
	assert_true(a.items[1].slow == 2 && a.items[1].fast == 0);
	/* equal shares: the gap is the parts scaled, named in proportion */
	assert_true(fabs(a.items[1].causes[0].share - 0.5) < 1e-9);
}

static void test_interpreter_lock_part(void **state)
{
	(void)state;
	/* 10 s of task time in a 2 s wall: futex 60 %, runnable 30 %, on-CPU 10 %; the lock probes
	 * saw 5 s blocked on the lock and 1 s runnable after hand-offs */
	make(0, &cbt_backend_threads.info, CBT_JOB_PYTHON, 2.0, 0.1, 0.3, 0);
	der[0].share_blocked[CBT_REASON_LOCK] = 0.6;
	sums[0].gil.probed = true;
	sums[0].gil.blocked_ns = 5e9;
	sums[0].gil.handoff_ns = 1e9;
	double p[CBT_CAUSE_COUNT], sum = 0;
	cbt_answer_parts(&sums[0], &der[0], p);
	assert_true(fabs(p[CBT_CAUSE_GIL] - 2.0 * 0.6) < 1e-9);
	assert_true(fabs(p[CBT_CAUSE_BLOCKED + CBT_REASON_LOCK] - 2.0 * 0.1) < 1e-9);
	assert_true(fabs(p[CBT_CAUSE_RUNNABLE] - 2.0 * 0.2) < 1e-9);
	for (int c = 0; c < CBT_CAUSE_COUNT; c++)
		sum += p[c];
	assert_true(fabs(sum - 2.0) < 1e-9); /* the parts still add up to the wall */
}

/* On a machine where other processes took the CPUs, low parallelism proves no serialisation. */
static void test_busy_machine_is_not_serialisation(void **state)
{
	(void)state;
	struct cbt_summary s = {.traced = true, .rq_p50_ns = NAN, .rq_p99_ns = NAN};
	struct cbt_derived d = {.valid = true,
				.cpus = 2,
				.wall_s = 1,
				.window_s = 1,
				.task_s = 10,
				.share_oncpu = 0.1,
				.share_runnable = 0.8,
				.parallelism = 0.3,
				.runnable_avg = 8};
	struct cbt_rule_input in = {.backend = "b", .tasks = 100, .s = &s, .d = &d};
	struct cbt_finding f;
	const struct cbt_rule *parallel = NULL;
	for (size_t i = 0; i < cbt_nrules; i++)
		if (strcmp(cbt_rules[i].name, "parallel") == 0)
			parallel = &cbt_rules[i];
	assert_non_null(parallel);
	memset(&f, 0, sizeof(f));
	assert_int_equal(parallel->fn(&in, &f), 1); /* an idle machine: serialised */
	assert_string_equal(f.rule, "cpu-serialised");
	s.others_cpus = 1.7; /* /proc/stat: others used 1.7 of the 2 CPUs */
	memset(&f, 0, sizeof(f));
	assert_int_equal(parallel->fn(&in, &f), 0);
}

/* A real run: every answer's named shares and its rest add up to the gap, its ratio is the
 * results' own; the teaching view prints the seed's published figure beside this run's. */
static void test_real_run_answers_and_seed_view(void **state)
{
	(void)state;
	char args[1024], json[512];
	snprintf(args, sizeof(args),
		 "--trace -q -w yield-loop -b serial,threads,gil-threads -n 10 --iterations 200 "
		 "--repeat 2 --compare-seed --json %s",
		 e2e_path(json, sizeof(json), "ans.json"));
	assert_int_equal(e2e_run(args), 0);
	const char *out = e2e_read("out.txt");
	assert_non_null(strstr(out, "\nAnswer")); /* "Answer\n" or "Answer (N more ...)" */
	assert_non_null(strstr(out, "in A (CPython 3.11.4 2023, mean of 30 runs)")); /* the seed */
	assert_non_null(strstr(out, "4.33 s in A")); /* threads' published yield-loop figure */
	assert_true(e2e_json("ans.json", "len(d['answers']) >= 1") == 1);
	assert_true(e2e_json("ans.json",
			     "all(abs(sum(c['share_of_gap'] for c in a['causes']) + "
			     "a['rest_share_of_gap'] - 1) < 1e-6 for a in d['answers'])") == 1);
	assert_true(e2e_json("ans.json",
			     "all(abs(a['ratio'] - [r for r in R if r['label'] == "
			     "a['slow']][0]['wall_seconds']['mean'] / [r for r in R if "
			     "r['label'] == a['fast']][0]['wall_seconds']['mean']) < 1e-6 "
			     "for a in d['answers'])") == 1);
	/* the findings' one-line headlines are in the JSON beside their whole text */
	assert_true(e2e_json("ans.json", "all(f['headline'] for f in d['findings'])") == 1);
	/* the short view: every line within 100 columns, legends and lists left to -v (and the
	 * JSON's warnings); -v brings them back */
	for (const char *l = out; *l;) {
		const char *nl = strchr(l, '\n');
		size_t cols = 0;
		for (const char *c = l; c < (nl ? nl : l + strlen(l)); c++)
			cols += ((unsigned char)*c & 0xC0) != 0x80;
		assert_true(cols <= 100);
		l = nl ? nl + 1 : l + strlen(l);
	}
	assert_null(strstr(out, "(cpu = user+sys"));
	assert_true(e2e_json("ans.json", "all(isinstance(r['warnings'], list) for r in R)") == 1);
	snprintf(args, sizeof(args),
		 "--trace -q -v -w yield-loop -b serial,threads -n 10 --iterations 200 --repeat 2");
	assert_int_equal(e2e_run(args), 0);
	assert_non_null(strstr(e2e_read("out.txt"), "(cpu = user+sys"));
	assert_non_null(strstr(e2e_read("out.txt"), "(per task, mean per run"));
}

/* --command 'STR': split as a shell quotes, nothing expanded, no shell run. */
static void test_command_words(void **state)
{
	(void)state;
	char pool[256], err[128], *argv[8];
	assert_int_equal(cbt_split_words("a 'b c' \"d \\\"e\\\" $HOME\" f\\ g ''", pool,
					 sizeof(pool), argv, 8, err, sizeof(err)),
			 5);
	assert_string_equal(argv[0], "a");
	assert_string_equal(argv[1], "b c");
	assert_string_equal(argv[2], "d \"e\" $HOME"); /* no variable expanded */
	assert_string_equal(argv[3], "f g");
	assert_string_equal(argv[4], "");
	assert_null(argv[5]);
	assert_int_equal(cbt_split_words("a 'b", pool, sizeof(pool), argv, 8, err, sizeof(err)),
			 -1);
	assert_non_null(strstr(err, "single quote is not closed"));
	assert_int_equal(cbt_split_words("  ", pool, sizeof(pool), argv, 8, err, sizeof(err)), -1);
	assert_int_equal(
	    cbt_split_words("1 2 3 4 5 6 7 8", pool, sizeof(pool), argv, 8, err, sizeof(err)), -1);
}

/* Several commands in one run: each timed, traced and explained like a backend, compared in
 * the Answer block; labels never shortened in the JSON. */
static void test_several_commands(void **state)
{
	(void)state;
	char args[1024], json[512];
	snprintf(args, sizeof(args),
		 "--trace -q --repeat 3 --command 'sh -c \"sleep 0.4\"' --name long "
		 "--command 'sleep 0.05' --json %s",
		 e2e_path(json, sizeof(json), "cmds.json"));
	assert_int_equal(e2e_run(args), 0);
	assert_true(e2e_json("cmds.json", "len(R) == 2 and R[0]['label'] == 'long' and "
					  "R[1]['label'] == 'sleep 0.05' and R[0]['command'] == "
					  "['sh', '-c', 'sleep 0.4']") == 1);
	assert_true(e2e_json("cmds.json", "d['answers'][0]['slow'] == 'long' and "
					  "d['answers'][0]['fast'] == 'sleep 0.05'") == 1);
	/* 8 in sleep time; each wall also has the command's start and end (fork, exec, exit):
	 * `sleep 0.05` measured 61-111 ms plain and 80-135 ms under ASan at load 10-15 */
	assert_true(e2e_json("cmds.json", "d['answers'][0]['ratio']") > 2);
	const char *out = e2e_read("out.txt");
	assert_non_null(strstr(out, "2 commands"));
	assert_non_null(strstr(out, "long = sh -c sleep 0.4"));
	/* refused, each with what is allowed */
	assert_int_equal(e2e_run("--command 'sleep 0' -- true"), 2);
	assert_non_null(strstr(e2e_read("err.txt"), "exclude each other"));
	assert_int_equal(e2e_run("--name x -w startup"), 2);
	assert_int_equal(e2e_run("--command \"'unclosed\""), 2);
	assert_non_null(strstr(e2e_read("err.txt"), "quote is not closed"));
	assert_int_equal(e2e_run("--command 'sleep 0' -w startup"), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_gap_split_known_answer),
	    cmocka_unit_test(test_split_same_sign),
	    cmocka_unit_test(test_split_opposite_sign),
	    cmocka_unit_test(test_opposite_sign_text),
	    cmocka_unit_test(test_questions_asked),
	    cmocka_unit_test(test_interpreter_lock_part),
	    cmocka_unit_test(test_busy_machine_is_not_serialisation),
	    cmocka_unit_test(test_real_run_answers_and_seed_view),
	    cmocka_unit_test(test_command_words),
	    cmocka_unit_test(test_several_commands),
	};
	return cmocka_run_group_tests_name("answer", tests, e2e_setup, e2e_teardown);
}
