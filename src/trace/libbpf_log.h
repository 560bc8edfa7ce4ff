/* libbpf_log.h - libbpf's messages: silent unless CBT_DEBUG is set (2: with debug lines); the
 * first warning since the last cbt_libbpf_log_start() is kept to explain a failure. */
#ifndef CBT_LIBBPF_LOG_H
#define CBT_LIBBPF_LOG_H

/* Installs the callback (once) and forgets the previous first warning. */
void cbt_libbpf_log_start(void);
/* The first warning since cbt_libbpf_log_start(), "" if none. */
const char *cbt_libbpf_first_warning(void);

#endif
