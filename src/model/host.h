/* host.h - facts about the machine a run happened on. */
#ifndef CBT_HOST_H
#define CBT_HOST_H

#include <stdint.h>

struct cbt_host {
	char hostname[72];	 /* uname nodename: compare refuses runs of other machines */
	char kernel[128];	 /* uname release */
	char machine[72];	 /* uname machine */
	int cpus;		 /* CPUs this process may run on */
	uint64_t timer_slack_ns; /* inherited by the run leader and its tasks */
};

void cbt_host_read(struct cbt_host *h);

#endif
