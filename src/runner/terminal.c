/* terminal.c - see terminal.h. */
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include "runner/terminal.h"

/* tcsetpgrp from a background group raises SIGTTOU: blocked around the call. */
static int set_foreground(int fd, pid_t pgrp)
{
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGTTOU);
	sigprocmask(SIG_BLOCK, &block, &old);
	int rc = tcsetpgrp(fd, pgrp);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return rc;
}

int cbt_term_give(pid_t pgrp)
{
	if (!isatty(STDIN_FILENO) || tcgetpgrp(STDIN_FILENO) != getpgrp())
		return -1;
	return set_foreground(STDIN_FILENO, pgrp) == 0 ? STDIN_FILENO : -1;
}

void cbt_term_take_back(int fd)
{
	if (fd >= 0)
		set_foreground(fd, getpgrp());
}
