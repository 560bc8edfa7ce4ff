/* embed_dlopen.c - a program that does not link libpython: it dlopen()s one after it started
 * (argv[1]), initialises it and runs threads doing time.sleep(0) (argv[2] threads, argv[3]
 * sleeps each) through PyRun_SimpleString. Built by tests/test_e2e_dlopen.c; the tool must find
 * the libpython by what the process maps, not by what it execs. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	char code[512];
	if (argc != 4) {
		fprintf(stderr, "usage: embed_dlopen LIBPYTHON THREADS SLEEPS\n");
		return 2;
	}
	void *h = dlopen(argv[1], RTLD_NOW | RTLD_GLOBAL);
	if (!h) {
		fprintf(stderr, "embed_dlopen: %s\n", dlerror());
		return 1;
	}
	void (*init)(void) = (void (*)(void))dlsym(h, "Py_Initialize");
	int (*run)(const char *) = (int (*)(const char *))dlsym(h, "PyRun_SimpleString");
	int (*fini)(void) = (int (*)(void))dlsym(h, "Py_FinalizeEx");
	if (!init || !run || !fini) {
		fprintf(stderr, "embed_dlopen: not a libpython: %s\n", argv[1]);
		return 1;
	}
	init();
	snprintf(code, sizeof(code),
		 "import threading, time\n"
		 "def work():\n"
		 "    for _ in range(%d):\n"
		 "        time.sleep(0)\n"
		 "ts = [threading.Thread(target=work) for _ in range(%d)]\n"
		 "[t.start() for t in ts]\n"
		 "[t.join() for t in ts]\n",
		 atoi(argv[3]), atoi(argv[2]));
	int rc = run(code);
	return fini() < 0 || rc != 0 ? 1 : 0;
}
