/* test_e2e_python.c - real CPython under the same tracer (root): every Python backend x workload,
 * interpreter-lock waits from uprobes on both interpreters of this machine, and -- CMD: its
 * descendants, its exit status, its privileges, its switches against the threads' own counts. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "e2e.h"

#define DEBIAN_PYTHON "/usr/bin/python3.11"

static void test_every_python_backend_every_workload(void **state)
{
	(void)state;
	char json[512], args[1024];
	snprintf(args, sizeof(args),
		 "--trace -q --runtime python -n 3 --iterations 20 --sleep 0.05 --cpu-size 20000 "
		 "--io-size 16K --repeat 1 --workers 2 -w all -b all --json %s",
		 e2e_path(json, sizeof(json), "py.json"));
	assert_int_equal(e2e_run(args), 0);
	assert_true(e2e_json("py.json", "len(R)") == 7 * 8);
	assert_true(e2e_json("py.json", "all(r['status'] == 'ok' and r['runtime'] == 'python' "
					"for r in R)") == 1);
	assert_true(e2e_json("py.json", "d['host']['python']['version'].startswith('3.')") == 1);
	assert_true(e2e_json("py.json", "all(r['tracing']['enabled'] for r in R)") == 1);
	/* the script timed itself: its wall is shorter than the leader's traced lifetime */
	assert_true(e2e_json("py.json", "all(r['wall_seconds']['mean'] > 0 for r in R)") == 1);
}

static void gil_threads_vs_processes(const char *python, const char *name, int want_take_drop)
{
	char json[512], args[1024];
	snprintf(args, sizeof(args),
		 "--trace -q --runtime python %s%s -n 20 --iterations 300 --repeat 1 -w yield-loop "
		 "-b threads,processes --json %s",
		 python ? "--python " : "", python ? python : "",
		 e2e_path(json, sizeof(json), name));
	assert_int_equal(e2e_run(args), 0);
	double tw = e2e_json(name, "B('threads')['totals']['interpreter_lock']['wait_ns']");
	double pw = e2e_json(name, "B('processes')['totals']['interpreter_lock']['wait_ns']");
	double ta = e2e_json(name, "B('threads')['totals']['interpreter_lock']['acquisitions']");
	print_message("%s: GIL wait threads %.3f s (%.0f acquisitions), processes %.3f s\n",
		      python ? python : "python3", tw / 1e9, ta, pw / 1e9);
	assert_true(ta >= 20 * 300);
	assert_true(tw > 0);
	assert_true(pw < 0.2 * tw);
	/* take_gil is probed exactly when the status says it was found */
	double td =
	    e2e_json(name, "B('threads')['totals']['interpreter_lock']['every_acquisition']");
	assert_true(td ==
		    e2e_json(name, "d['host']['interpreter_lock'].startswith('take_gil in')"));
	if (want_take_drop >= 0)
		assert_true(td == want_take_drop);
	assert_true(e2e_json(name, "any(f['rule'] == 'gil-wait' and f['backends'] == "
				   "['py threads'] for f in d['findings'])") == 1);
	assert_true(e2e_json(name, "any(f['rule'] == 'gil-wait' and f['backends'] == "
				   "['py processes'] for f in d['findings'])") == 0);
	assert_non_null(strstr(e2e_read("out.txt"), "interpreter lock"));
}

/* python3 from PATH: here pyenv's, whose libpython keeps take_gil/drop_gil; elsewhere it may be
 * a stripped one, and the status must then say so. */
static void test_gil_waits_python3_on_path(void **state)
{
	(void)state;
	gil_threads_vs_processes(NULL, "gil.json", -1);
	print_message(
	    "python3 on PATH: %s\n",
	    e2e_json("gil.json", "d['host']['interpreter_lock'].startswith('take_gil in')")
		? "every acquisition (take_gil)"
		: "PyEval_RestoreThread only");
}

/* Debian's interpreter keeps PyEval_RestoreThread but not take_gil/drop_gil: degraded, clear. */
static void test_gil_waits_debian_python(void **state)
{
	(void)state;
	if (access(DEBIAN_PYTHON, X_OK) != 0) {
		print_message("%s not installed: skipped\n", DEBIAN_PYTHON);
		skip();
	}
	gil_threads_vs_processes(DEBIAN_PYTHON, "gil_deb.json", 0);
	assert_true(e2e_json("gil_deb.json", "'PyEval_RestoreThread only' in "
					     "d['host']['interpreter_lock']") == 1);
}

/* Items 1-3 of the interpreter-lock view on one interpreter: CPU-bound threads (16 threads, each
 * ~100 ms or more of pure-Python work: 2,000,000 squares) wait for the lock >= 80 % of their
 * time (less the main thread's join) and the top finding of that backend names the lock, with
 * its evidence; the same work in processes never blocks on a lock; uncontended runs (processes,
 * serial, coroutines of a sleep(0) loop) show <= 1 % as lock wait once the measuring cost is
 * subtracted. */
static void gil_view(const char *python, const char *tag, bool every)
{
	char json[512], args[1024], name[64], e[512];
	if (access(python, X_OK) != 0) {
		print_message("%s not installed: skipped\n", python);
		skip();
	}
	snprintf(name, sizeof(name), "cpu-%s.json", tag);
	snprintf(args, sizeof(args),
		 "--trace -q -v --runtime python --python %s -w cpu -n 16 --cpu-size 2000000 "
		 "-b threads,processes --repeat 1 --json %s",
		 python, e2e_path(json, sizeof(json), name));
	assert_int_equal(e2e_run(args), 0);
#define IL(b)	 "B('" b "')['totals']['interpreter_lock']"
#define SHARE(b) IL(b) "['wait_share_of_threads']"
	double tshare = e2e_json(name, SHARE("threads"));
	double pshare = e2e_json(name, SHARE("processes"));
	double forced = every ? e2e_json(name, IL("threads") "['forced_switches']") : 0;
	double cost = e2e_json(name, IL("threads") "['measuring_cost_per_acquisition_ns']");
	print_message(
	    "%s: cpu threads wait %.1f %% of thread time (%.0f forced switches, "
	    "parallelism %.2f), processes %.2f %% (parallelism %.2f); cost %.2f us per "
	    "acquisition\n",
	    python, 100 * tshare, forced,
	    e2e_json(name, "B('threads')['time_decomposition']['parallelism']"), 100 * pshare,
	    e2e_json(name, "B('processes')['time_decomposition']['parallelism']"), cost / 1e3);
	assert_true(e2e_json(name, IL("processes") "['contended']") == 0);
	assert_true(pshare <= 0.01);
	assert_true(e2e_json(name, "any(f['rule'].startswith('gil') and f['backends'] == "
				   "['py processes'] for f in d['findings'])") == 0);
	assert_true(e2e_json(name, IL("threads") "['every_acquisition']") == every);
	assert_true(e2e_json(name, IL("threads") "['forced_switches_identified']") == every);
	if (every) {
		assert_true(tshare >= 0.80);
		assert_true(forced > 0);
		/* the top finding of the threads names the lock, with its evidence */
		snprintf(e, sizeof(e),
			 "[f for f in d['findings'] if f['backends'] == ['py threads']][0]");
		char q[768];
		snprintf(q, sizeof(q),
			 "(lambda f: f['rule'] == 'gil-serialised' and f['evidence']"
			 "['gil_forced_switches'] > 0 and f['evidence']['cpus'] == 2 and "
			 "'parallelism' in f['evidence'] and 'switch interval' in f['text'])(%s)",
			 e);
		assert_true(e2e_json(name, q) == 1);
	} else {
		assert_non_null(strstr(e2e_read("out.txt"), "PyEval_RestoreThread only"));
		assert_non_null(
		    strstr(e2e_read("out.txt"), "retakes of the lock after a blocking call only"));
	}
	assert_non_null(strstr(e2e_read("out.txt"), "measuring cost"));

	snprintf(name, sizeof(name), "idle-%s.json", tag);
	snprintf(args, sizeof(args),
		 "--trace -q --runtime python --python %s -w yield-loop -n 4 --iterations 300 "
		 "-b serial,coroutines,processes --repeat 1 --json %s",
		 python, e2e_path(json, sizeof(json), name));
	assert_int_equal(e2e_run(args), 0);
	double s = e2e_json(name, SHARE("serial")), c = e2e_json(name, SHARE("coroutines")),
	       p = e2e_json(name, SHARE("processes"));
	print_message("%s: uncontended lock wait: serial %.3f %%, coroutines %.3f %%, processes "
		      "%.3f %% of thread time\n",
		      python, 100 * s, 100 * c, 100 * p);
	assert_true(s <= 0.01 && c <= 0.01 && p <= 0.01);
	assert_true(e2e_json(name, IL("serial") "['acquisitions']") >= 4 * 300);
#undef IL
#undef SHARE
}

#define PYENV(v) "/root/.pyenv/versions/" v "/bin/python3"
static void test_gil_view_3_9(void **state)
{
	(void)state;
	gil_view(PYENV("3.9.18"), "3.9", true);
}
static void test_gil_view_3_10(void **state)
{
	(void)state;
	gil_view(PYENV("3.10.13"), "3.10", true);
}
static void test_gil_view_3_11(void **state)
{
	(void)state;
	gil_view(PYENV("3.11.7"), "3.11", true);
}
static void test_gil_view_3_12(void **state)
{
	(void)state;
	gil_view(PYENV("3.12.1"), "3.12", true);
}
static void test_gil_view_3_13(void **state)
{
	(void)state;
	gil_view(PYENV("3.13.0"), "3.13", true);
}
/* Debian's stripped build: retakes only, said in one line; forced switches not claimed. */
static void test_gil_view_debian(void **state)
{
	(void)state;
	gil_view(DEBIAN_PYTHON, "deb", false);
}

/* The interpreter is found by what the run's tasks execute, not by the command's name. */
static void write_file(const char *name, const char *text, mode_t mode)
{
	assert_int_equal(e2e_write(name, text, mode), 0);
}

static const char threads4_py[] = "import threading, time\n"
				  "def w():\n"
				  "    for _ in range(300):\n"
				  "        time.sleep(0)\n"
				  "ts = [threading.Thread(target=w) for _ in range(4)]\n"
				  "for t in ts: t.start()\n"
				  "for t in ts: t.join()\n";

/* Runs `-- CMD` and checks that the lock view found `lib` (and, if given, `lib2`). */
/* by_exec: the interpreter is not the command's first word, so only the exec watcher finds it */
static void lock_view_of(const char *cmd, const char *lib, const char *lib2, bool by_exec)
{
	char json[512], args[2048];
	snprintf(args, sizeof(args), "--trace -q --repeat 1 --json %s -- %s",
		 e2e_path(json, sizeof(json), "cmd.json"), cmd);
	assert_int_equal(e2e_run(args), 0);
	double acq = e2e_json("cmd.json", "R[0]['totals']['interpreter_lock']['acquisitions']");
	double con = e2e_json("cmd.json", "R[0]['totals']['interpreter_lock']['contended']");
	double execs =
	    e2e_json("cmd.json", "R[0]['totals']['interpreter_lock']['execs_inspected']");
	double held = e2e_json("cmd.json", "R[0]['totals']['interpreter_lock']['exec_held_us']");
	print_message("%s: %.0f acquisitions, %.0f contended; %.0f execs inspected, each held "
		      "%.0f us\n",
		      cmd, acq, con, execs, held);
	char q[512];
	snprintf(q, sizeof(q),
		 "'take_gil in' in d['host']['interpreter_lock'] and '%s' in "
		 "d['host']['interpreter_lock']",
		 lib);
	assert_true(e2e_json("cmd.json", q) == 1);
	if (lib2) {
		snprintf(q, sizeof(q), "'%s' in d['host']['interpreter_lock']", lib2);
		assert_true(e2e_json("cmd.json", q) == 1);
	}
	assert_true(acq >= 4 * 300);
	assert_true(con > 0);
	if (by_exec)
		assert_true(execs >= 1);
}

static void test_lock_view_found_by_exec(void **state)
{
	(void)state;
	char dir[512], cmd[2048];
	e2e_path(dir, sizeof(dir), "");
	write_file("t4.py", threads4_py, 0644);
	/* a pytest-like entry script: #!/usr/bin/env python3 */
	char entry[sizeof(threads4_py) + 64];
	snprintf(entry, sizeof(entry), "#!/usr/bin/env python3\n%s", threads4_py);
	write_file("entry", entry, 0755);

	snprintf(cmd, sizeof(cmd), "env python3 %st4.py", dir);
	lock_view_of(cmd, "libpython3.11", NULL, true);
	snprintf(cmd, sizeof(cmd), "sh -c 'python3 %st4.py'", dir);
	lock_view_of(cmd, "libpython3.11", NULL, true);
	snprintf(cmd, sizeof(cmd), "%sentry", dir);
	lock_view_of(cmd, "libpython3.11", NULL, true);

	/* a task that execs another interpreter is probed for its own */
	static const char other[] = "/root/.pyenv/versions/3.12.1/bin/python3.12";
	if (access(other, X_OK) == 0) {
		char two[1024];
		snprintf(two, sizeof(two),
			 "import subprocess\nsubprocess.run(['%s', '%st4.py'], check=True)\n%s",
			 other, dir, threads4_py);
		write_file("two.py", two, 0644);
		snprintf(cmd, sizeof(cmd), "python3 %stwo.py", dir);
		lock_view_of(cmd, "libpython3.11", "libpython3.12", true);
	}

	/* a program embedding libpython (pyenv's 3.11, built here if a compiler is present) */
	static const char embed_c[] = "#include <Python.h>\n"
				      "int main(int argc, char **argv) {\n"
				      "    (void)argc; Py_Initialize();\n"
				      "    FILE *f = fopen(argv[1], \"r\");\n"
				      "    int r = PyRun_SimpleFile(f, argv[1]);\n"
				      "    fclose(f);\n"
				      "    return Py_FinalizeEx() < 0 || r;\n"
				      "}\n";
	static const char root[] = "/root/.pyenv/versions/3.11.7";
	write_file("embed.c", embed_c, 0644);
	snprintf(cmd, sizeof(cmd),
		 "cc -o %sembed %sembed.c -I%s/include/python3.11 -L%s/lib -lpython3.11 "
		 "-Wl,-rpath,%s/lib 2>/dev/null",
		 dir, dir, root, root, root);
	if (system(cmd) != 0) {
		print_message("no compiler or no Python.h: embedding not tested\n");
		return;
	}
	snprintf(cmd, sizeof(cmd), "%sembed %st4.py", dir, dir);
	lock_view_of(cmd, "libpython3.11", NULL, false); /* read before the run: never held */
}

static void test_python_not_found(void **state)
{
	(void)state;
	assert_int_equal(e2e_run("--runtime python --python /nonexistent/python -w startup"), 2);
	assert_non_null(strstr(e2e_read("err.txt"), "no Python interpreter"));
	assert_int_equal(e2e_run("--runtime python --python /bin/true -w startup"), 2);
	assert_non_null(strstr(e2e_read("err.txt"), "not a working Python 3"));
}

/* -- CMD: a shell that forks is tracked with its descendants; its exit status is reported. */
static void test_command_descendants_and_status(void **state)
{
	(void)state;
	char json[512], args[1024];
	snprintf(args, sizeof(args),
		 "--trace -q --repeat 1 --json %s -- sh -c 'sleep 0.2 & sleep 0.1; wait'",
		 e2e_path(json, sizeof(json), "cmd.json"));
	assert_int_equal(e2e_run(args), 0);
	assert_true(e2e_json("cmd.json", "R[0]['runtime'] == 'command'") == 1);
	assert_true(e2e_json("cmd.json", "R[0]['exit_status']") == 0);
	assert_true(e2e_json("cmd.json", "R[0]['totals']['tasks_seen']") >= 3); /* sh + 2 sleeps */
	assert_true(e2e_json("cmd.json", "sorted(t['comm'] for t in R[0]['per_task']).count("
					 "'sleep') == 2") == 1);
	double w = e2e_json("cmd.json", "R[0]['wall_seconds']['mean']");
	assert_true(w >= 0.2 && w < 2.0);
	snprintf(args, sizeof(args), "--trace -q --repeat 2 --json %s -- sh -c 'exit 3'",
		 e2e_path(json, sizeof(json), "fail.json"));
	assert_int_equal(e2e_run(args), 3); /* the command's own status */
	assert_true(e2e_json("fail.json", "R[0]['status'] == 'failed'") == 1);
	assert_true(e2e_json("fail.json", "R[0]['exit_status']") == 3);
	assert_true(e2e_json("fail.json", "len(R[0]['wall_seconds']['runs'])") == 0);
	assert_non_null(strstr(e2e_read("out.txt"), "exit status 3"));
}

/* Under sudo (SUDO_UID set) the command runs as the invoking user, unless --run-as-root. */
static void test_command_drops_privileges(void **state)
{
	(void)state;
	char args[1400], path[512];
	if (geteuid() != 0)
		skip();
	chmod(e2e_dir, 0777);
	e2e_path(path, sizeof(path), "uid.txt");
	snprintf(args, sizeof(args), "-q --repeat 1 -- sh -c 'id -u > %s; id -g >> %s'", path,
		 path);
	char cmd[2048];
	snprintf(cmd, sizeof(cmd), "env SUDO_UID=65534 SUDO_GID=65534 %s %s >/dev/null 2>&1",
		 e2e_bin(), args);
	assert_int_equal(WEXITSTATUS(system(cmd)), 0);
	assert_string_equal(e2e_read("uid.txt"), "65534\n65534\n");
	unlink(path);
	snprintf(cmd, sizeof(cmd),
		 "env SUDO_UID=65534 SUDO_GID=65534 %s --run-as-root %s >/dev/null 2>&1", e2e_bin(),
		 args);
	assert_int_equal(WEXITSTATUS(system(cmd)), 0);
	assert_string_equal(e2e_read("uid.txt"), "0\n0\n");
}

/* Runs the binary with an argv array (no shell), cwd = the test dir, SUDO_UID/GID = nobody.
 * Returns the exit status. */
static int run_as_sudo_nobody(char *const *args)
{
	char *argv[16];
	int n = 0;
	argv[n++] = (char *)e2e_bin();
	for (; *args && n < 15; args++)
		argv[n++] = *args;
	argv[n] = NULL;
	pid_t pid = fork();
	if (pid == 0) {
		if (chdir(e2e_dir) != 0)
			_exit(120);
		setenv("SUDO_UID", "65534", 1);
		setenv("SUDO_GID", "65534", 1);
		int fd = open("/dev/null", O_RDWR);
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		execv(argv[0], argv);
		_exit(127);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* A user-named program never runs as root under sudo, and never through a shell: a script named
 * python* that records its uid, and a file name full of quotes, ;, $() and a newline. Finding
 * what an interpreter is reads its ELF files; it does not run it. */
static void test_user_named_programs_never_run_as_root(void **state)
{
	(void)state;
	char evil[512], uids[512], weird[1024], script[1024];
	if (geteuid() != 0)
		skip();
	chmod(e2e_dir, 0777);
	e2e_path(uids, sizeof(uids), "uids.txt");
	e2e_path(evil, sizeof(evil), "python-evil");
	snprintf(weird, sizeof(weird), "%s/python';touch INJECTED;'$(touch DOLLAR)\n`touch TICK`x",
		 e2e_dir);
	snprintf(script, sizeof(script), "#!/bin/sh\nid -u >> '%s'\n", uids);
	for (int i = 0; i < 2; i++) {
		FILE *f = fopen(i ? weird : evil, "w");
		assert_non_null(f);
		fputs(script, f);
		fclose(f);
		chmod(i ? weird : evil, 0755);
	}
	char *cmd[] = {"-q", "--repeat", "1", "--", evil, NULL};
	assert_int_equal(run_as_sudo_nobody(cmd), 0);
	char *cmd2[] = {"-q", "--repeat", "1", "--", weird, NULL};
	assert_int_equal(run_as_sudo_nobody(cmd2), 0);
	/* as an interpreter: refused (not a CPython) without running it */
	char *py[] = {"-q", "--runtime", "python", "--python", evil, "-w", "startup", NULL};
	assert_int_equal(run_as_sudo_nobody(py), 2);
	char *py2[] = {"-q", "--runtime", "python", "--python", weird, "-w", "startup", NULL};
	assert_int_equal(run_as_sudo_nobody(py2), 2);
	/* exactly the two command runs, both as nobody */
	assert_string_equal(e2e_read("uids.txt"), "65534\n65534\n");
	const char *names[] = {"INJECTED", "DOLLAR", "TICK"};
	for (int i = 0; i < 3; i++) {
		char p[512];
		assert_int_equal(access(e2e_path(p, sizeof(p), names[i]), F_OK), -1);
	}
}

/* -- python3 SCRIPT: per-thread switches agree with the threads' own /proc readings (2 %). */
static void test_command_python_switches_agree(void **state)
{
	(void)state;
	char json[512], args[1400], out[512], e[2000];
	e2e_path(out, sizeof(out), "status.txt");
	snprintf(args, sizeof(args),
		 "--trace -q --repeat 1 --json %s -- python3 tests/data/threads_status.py %s 6 400",
		 e2e_path(json, sizeof(json), "pys.json"), out);
	assert_int_equal(e2e_run(args), 0);
	/* per thread, voluntary switches: |traced - own| <= 2 % of own (+3 for its exit path,
	 * which runs after it read its counts and may wait for the GIL again); all switches of
	 * all threads together: within 2 % */
	snprintf(
	    e, sizeof(e),
	    "(lambda S, T: 1000 * sum(1 for t in S if t in T) + sum(1 for t, (v, i) in "
	    "S.items() if t in T and abs(T[t]['ctx_switches_voluntary'] - v) <= 0.02 * v + 3) "
	    "+ 100 * (abs(sum(T[t]['ctx_switches_voluntary'] + T[t]['ctx_switches_involuntary'] "
	    "for t in S if t in T) - sum(v + i for v, i in S.values())) <= 0.02 * "
	    "sum(v + i for v, i in S.values())))("
	    "{int(l.split()[0]): (int(l.split()[1]), int(l.split()[2])) for l in open('%s')}, "
	    "{t['tid']: t for t in R[0]['per_task']})",
	    out);
	double v = e2e_json("pys.json", e);
	print_message("python threads: %d of %d agree with /proc/thread-self/status (voluntary); "
		      "all switches %s within 2 %%\n",
		      (int)v % 100, (int)v / 1000, ((int)v / 100) % 10 ? "agree" : "do NOT agree");
	assert_int_equal((int)v / 1000, 6);
	assert_int_equal((int)v % 100, 6);
	assert_int_equal(((int)v / 100) % 10, 1);
	assert_true(e2e_json("pys.json", "R[0]['totals']['interpreter_lock']['probed']") == 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_python_backend_every_workload),
	    cmocka_unit_test(test_gil_waits_python3_on_path),
	    cmocka_unit_test(test_gil_waits_debian_python),
	    cmocka_unit_test(test_gil_view_3_9),
	    cmocka_unit_test(test_gil_view_3_10),
	    cmocka_unit_test(test_gil_view_3_11),
	    cmocka_unit_test(test_gil_view_3_12),
	    cmocka_unit_test(test_gil_view_3_13),
	    cmocka_unit_test(test_gil_view_debian),
	    cmocka_unit_test(test_lock_view_found_by_exec),
	    cmocka_unit_test(test_python_not_found),
	    cmocka_unit_test(test_command_descendants_and_status),
	    cmocka_unit_test(test_command_drops_privileges),
	    cmocka_unit_test(test_user_named_programs_never_run_as_root),
	    cmocka_unit_test(test_command_python_switches_agree),
	};
	return cmocka_run_group_tests_name("e2e-python", tests, e2e_setup, e2e_teardown);
}
