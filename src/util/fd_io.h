/* fd_io.h - exact-length reads and writes on pipes, retrying short transfers and EINTR. */
#ifndef CBT_FD_IO_H
#define CBT_FD_IO_H

#include <signal.h>
#include <stddef.h>

/* Writes exactly len bytes. 0, or -errno. */
int cbt_write_full(int fd, const void *buf, size_t len);
/* Reads exactly len bytes. 0; -EPIPE at end of file; -errno on an error; -EINTR when a signal
 * interrupts the read and *stop is set (stop may be NULL: then EINTR is always retried). */
int cbt_read_full(int fd, void *buf, size_t len, const volatile sig_atomic_t *stop);

#endif
