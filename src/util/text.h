/* text.h - bytes from traced programs (names, arguments) made safe to show and to store.
 *
 * Program names and arguments are bytes, not text: they can hold invalid UTF-8, be cut by the
 * kernel in the middle of a character (a 15-byte comm), or carry escape sequences that would
 * drive the terminal (set its title, move the cursor). */
#ifndef CBT_TEXT_H
#define CBT_TEXT_H

#include <stddef.h>

/* Length of the valid UTF-8 character at p (n bytes available): 1-4, or 0 when the bytes there
 * are not one (invalid, overlong, a surrogate, beyond U+10FFFF, or cut short). */
size_t cbt_utf8_char_len(const unsigned char *p, size_t n);

/* The longest prefix of s of at most max bytes that does not end inside a character. */
size_t cbt_utf8_cut(const char *s, size_t max);

/* Removes an incomplete character at the end of s (a name cut to a fixed size). */
void cbt_utf8_trim(char *s);

/* s for a terminal: control characters (C0, DEL, C1) and bytes that are not UTF-8 become
 * \n, \t, \e, \xNN; a backslash stays itself. Writes into buf (cut on a character boundary,
 * never mid-escape) and returns buf. */
const char *cbt_term_safe(const char *s, char *buf, size_t len);

/* s in at most `width` columns (one per character): whole when it fits, else its head and its
 * tail around "..." (never cut inside a character). Writes into buf and returns it. */
const char *cbt_shorten_middle(const char *s, int width, char *buf, size_t len);

#endif
