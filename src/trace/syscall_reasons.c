/* syscall_reasons.c - why a task blocked, from the system call it blocked in: the name (from
 * the kernel's own table, syscall_names) decides the off-CPU reason. */
#include <string.h>

#include "model/records.h"
#include "trace/syscall_names.h"

static const struct {
	const char *name;
	enum cbt_reason reason;
} reason_names[] = {
    {"nanosleep", CBT_REASON_SLEEP},
    {"clock_nanosleep", CBT_REASON_SLEEP},
    {"clock_nanosleep_time64", CBT_REASON_SLEEP},

    {"futex", CBT_REASON_LOCK},
    {"futex_time64", CBT_REASON_LOCK},
    {"futex_waitv", CBT_REASON_LOCK},
    {"futex_wait", CBT_REASON_LOCK},
    {"futex_wake", CBT_REASON_LOCK},
    {"futex_requeue", CBT_REASON_LOCK},
    {"flock", CBT_REASON_LOCK},
    {"semop", CBT_REASON_LOCK},
    {"semtimedop", CBT_REASON_LOCK},

    {"read", CBT_REASON_IO},
    {"write", CBT_REASON_IO},
    {"pread64", CBT_REASON_IO},
    {"pwrite64", CBT_REASON_IO},
    {"readv", CBT_REASON_IO},
    {"writev", CBT_REASON_IO},
    {"preadv", CBT_REASON_IO},
    {"pwritev", CBT_REASON_IO},
    {"preadv2", CBT_REASON_IO},
    {"pwritev2", CBT_REASON_IO},
    {"fsync", CBT_REASON_IO},
    {"fdatasync", CBT_REASON_IO},
    {"sync", CBT_REASON_IO},
    {"syncfs", CBT_REASON_IO},
    {"sync_file_range", CBT_REASON_IO},
    {"msync", CBT_REASON_IO},
    {"open", CBT_REASON_IO},
    {"openat", CBT_REASON_IO},
    {"openat2", CBT_REASON_IO},
    {"creat", CBT_REASON_IO},
    {"close", CBT_REASON_IO},
    {"close_range", CBT_REASON_IO},
    {"ftruncate", CBT_REASON_IO},
    {"truncate", CBT_REASON_IO},
    {"fallocate", CBT_REASON_IO},
    {"sendfile", CBT_REASON_IO},
    {"splice", CBT_REASON_IO},
    {"tee", CBT_REASON_IO},
    {"copy_file_range", CBT_REASON_IO},
    {"getdents64", CBT_REASON_IO},
    {"stat", CBT_REASON_IO},
    {"fstat", CBT_REASON_IO},
    {"lstat", CBT_REASON_IO},
    {"newfstatat", CBT_REASON_IO},
    {"statx", CBT_REASON_IO},
    {"mkdir", CBT_REASON_IO},
    {"mkdirat", CBT_REASON_IO},
    {"unlink", CBT_REASON_IO},
    {"unlinkat", CBT_REASON_IO},
    {"rename", CBT_REASON_IO},
    {"renameat", CBT_REASON_IO},
    {"renameat2", CBT_REASON_IO},
    {"io_submit", CBT_REASON_IO},
    {"io_getevents", CBT_REASON_IO},
    {"io_pgetevents", CBT_REASON_IO},
    {"io_uring_enter", CBT_REASON_IO},
    {"recvfrom", CBT_REASON_IO},
    {"recvmsg", CBT_REASON_IO},
    {"recvmmsg", CBT_REASON_IO},
    {"sendto", CBT_REASON_IO},
    {"sendmsg", CBT_REASON_IO},
    {"sendmmsg", CBT_REASON_IO},
    {"accept", CBT_REASON_IO},
    {"accept4", CBT_REASON_IO},
    {"connect", CBT_REASON_IO},

    {"wait4", CBT_REASON_CHILD},
    {"waitid", CBT_REASON_CHILD},
    {"waitpid", CBT_REASON_CHILD},

    {"poll", CBT_REASON_POLL},
    {"ppoll", CBT_REASON_POLL},
    {"ppoll_time64", CBT_REASON_POLL},
    {"select", CBT_REASON_POLL},
    {"_newselect", CBT_REASON_POLL},
    {"pselect6", CBT_REASON_POLL},
    {"pselect6_time64", CBT_REASON_POLL},
    {"epoll_wait", CBT_REASON_POLL},
    {"epoll_pwait", CBT_REASON_POLL},
    {"epoll_pwait2", CBT_REASON_POLL},
};

enum cbt_reason cbt_reason_of_syscall(int nr)
{
	const char *name = cbt_syscall_name(nr);

	if (!name)
		return CBT_REASON_OTHER;
	for (size_t i = 0; i < sizeof(reason_names) / sizeof(reason_names[0]); i++)
		if (strcmp(name, reason_names[i].name) == 0)
			return reason_names[i].reason;
	return CBT_REASON_OTHER;
}
