/* msg.h - util: one-line messages into caller buffers (errors, statuses). util (clock, messages,
 * units, exact-length fd I/O, a JSON reader) includes nothing of the other parts. */
#ifndef CBT_MSG_H
#define CBT_MSG_H

#include <stddef.h>

/* printf into buf (len bytes); does nothing when buf is NULL or len is 0. */
void cbt_msg(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
