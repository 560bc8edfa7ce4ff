/* host.c - see host.h. */
#include <sched.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "model/host.h"

void cbt_host_read(struct cbt_host *h)
{
	struct utsname u;
	cpu_set_t set;

	if (uname(&u) == 0) {
		snprintf(h->hostname, sizeof(h->hostname), "%s", u.nodename);
		snprintf(h->kernel, sizeof(h->kernel), "%s", u.release);
		snprintf(h->machine, sizeof(h->machine), "%s", u.machine);
	} else {
		snprintf(h->hostname, sizeof(h->hostname), "unknown");
		snprintf(h->kernel, sizeof(h->kernel), "unknown");
		snprintf(h->machine, sizeof(h->machine), "unknown");
	}
	h->cpus = sched_getaffinity(0, sizeof(set), &set) == 0 ? CPU_COUNT(&set)
							       : (int)sysconf(_SC_NPROCESSORS_ONLN);
	int slack = prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);
	h->timer_slack_ns = slack > 0 ? (uint64_t)slack : 0;
}
