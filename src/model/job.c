/* job.c - see job.h. */
#include "model/job.h"

const char *cbt_job_runtime(const struct cbt_job *j)
{
	static const char *const names[] = {
	    [CBT_JOB_NATIVE] = "c", [CBT_JOB_PYTHON] = "python", [CBT_JOB_COMMAND] = "command"};
	return names[j->kind];
}
