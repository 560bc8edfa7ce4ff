/* words.h - a command given as one string (--command 'python3 a.py') split into its words the
 * way a POSIX shell quotes them, and nothing more: no variables, globs, ~, substitutions,
 * redirections or pipes. The words are exec'd directly; no shell ever runs. */
#ifndef CBT_WORDS_H
#define CBT_WORDS_H

#include <stddef.h>

/* Single quotes keep every character; double quotes keep all but \" \\ \$ \` (backslash
 * escapes); outside quotes a backslash escapes the next character. Writes the words into pool
 * (each NUL-terminated) and pointers to them into argv (NULL-terminated, at most maxw - 1
 * words). Returns the number of words, or -1 with the reason in err (a quote not closed, an
 * empty command, too many words or bytes). */
int cbt_split_words(const char *s, char *pool, size_t poolsz, char **argv, size_t maxw, char *err,
		    size_t elen);

#endif
