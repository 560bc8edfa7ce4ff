/* fd_io.c - see fd_io.h. */
#include <errno.h>
#include <unistd.h>

#include "util/fd_io.h"

int cbt_write_full(int fd, const void *buf, size_t len)
{
	const char *b = buf;
	while (len) {
		ssize_t n = write(fd, b, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		b += n;
		len -= (size_t)n;
	}
	return 0;
}

int cbt_read_full(int fd, void *buf, size_t len, const volatile sig_atomic_t *stop)
{
	char *b = buf;
	while (len) {
		ssize_t n = read(fd, b, len);
		if (n < 0 && errno == EINTR) {
			if (stop && *stop)
				return -EINTR;
			continue;
		}
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EPIPE;
		b += n;
		len -= (size_t)n;
	}
	return 0;
}
