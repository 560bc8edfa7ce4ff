/* privilege.c - can this process trace? (CAP_BPF + CAP_PERFMON, or CAP_SYS_ADMIN) */
#include <stdbool.h>
#include <stdio.h>

#include "trace/tracer.h"

const char *cbt_tracer_missing_privilege(void)
{
	static char msg[200];
	unsigned long long capeff = 0;
	char line[256];
	bool found = false;
	FILE *f;

	f = fopen("/proc/self/status", "r");
	if (f) {
		while (fgets(line, sizeof(line), f)) {
			if (sscanf(line, "CapEff: %llx", &capeff) == 1) {
				found = true;
				break;
			}
		}
		fclose(f);
	}
	if (!found)
		return "tracing needs CAP_BPF and CAP_PERFMON (cannot read /proc/self/status); "
		       "run as root or use --no-trace";
	if (capeff & (1ull << 21)) /* CAP_SYS_ADMIN covers both */
		return NULL;
	bool bpf = capeff & (1ull << 39), perfmon = capeff & (1ull << 38);
	if (bpf && perfmon)
		return NULL;
	snprintf(msg, sizeof(msg),
		 "tracing needs CAP_BPF and CAP_PERFMON (missing: %s%s%s); run as root (sudo "
		 "concbench-trace ...) or use --no-trace",
		 bpf ? "" : "CAP_BPF", !bpf && !perfmon ? ", " : "", perfmon ? "" : "CAP_PERFMON");
	return msg;
}
