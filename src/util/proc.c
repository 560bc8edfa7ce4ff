/* proc.c - see proc.h. */
#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "util/proc.h"

void cbt_die_with_parent(pid_t parent)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(111);
}

static int kept(int fd, const int *keep, int nkeep)
{
	for (int i = 0; i < nkeep; i++)
		if (keep[i] == fd)
			return 1;
	return 0;
}

void cbt_close_fds_except(const int *keep, int nkeep)
{
	int lo = 3, hi = -1;
	for (int i = 0; i < nkeep; i++)
		if (keep[i] > hi)
			hi = keep[i];
	/* close the gaps between the kept ones, then everything above the highest */
	for (int fd = lo; fd <= hi; fd++)
		if (!kept(fd, keep, nkeep))
			close(fd);
	if (close_range((unsigned)(hi < lo ? lo : hi + 1), ~0u, 0) == 0)
		return;
	/* no close_range (kernel < 5.9): walk /proc/self/fd */
	DIR *d = opendir("/proc/self/fd");
	if (!d)
		return;
	int dfd = dirfd(d);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		int fd = atoi(e->d_name);
		if (e->d_name[0] != '.' && fd > hi && fd != dfd)
			close(fd);
	}
	closedir(d);
}
