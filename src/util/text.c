/* text.c - see text.h. */
#include <stdio.h>
#include <string.h>

#include "util/text.h"

size_t cbt_utf8_char_len(const unsigned char *p, size_t n)
{
	if (n == 0)
		return 0;
	unsigned c = p[0];
	size_t len;
	unsigned min, cp;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, min = 0x80, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, min = 0x800, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, min = 0x10000, cp = c & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

size_t cbt_utf8_cut(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max)
		return n;
	/* back off continuation bytes; then keep the lead byte only if its character fits */
	size_t cut = max;
	while (cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80 && max - cut < 3)
		cut--;
	size_t cl = cbt_utf8_char_len((const unsigned char *)s + cut, n - cut);
	if (cut < max && cut + cl > max)
		return cut; /* that character would be split: leave it out */
	return max;	    /* stray bytes, not a character: cut anywhere */
}

void cbt_utf8_trim(char *s)
{
	size_t n = strlen(s);
	/* a lead byte in the last 3 bytes whose character runs past the end */
	for (size_t back = 1; back <= 3 && back <= n; back++) {
		unsigned char c = (unsigned char)s[n - back];
		if ((c & 0xc0) == 0x80)
			continue;
		size_t need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
		if (need > back)
			s[n - back] = '\0';
		return;
	}
}

const char *cbt_term_safe(const char *s, char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0, n = strlen(s);
	if (!len)
		return buf;
	for (size_t i = 0; i < n;) {
		char esc[8] = "";
		size_t cl = cbt_utf8_char_len(p + i, n - i);
		/* C1 controls U+0080-U+009F are 0xc2 0x80-0x9f in UTF-8 */
		int c1 = cl == 2 && p[i] == 0xc2 && p[i + 1] < 0xa0;
		if (cl == 1 && p[i] >= 0x20 && p[i] != 0x7f) {
			esc[0] = (char)p[i], esc[1] = '\0';
		} else if (cl == 1 && p[i] == '\n') {
			strcpy(esc, "\\n");
		} else if (cl == 1 && p[i] == '\t') {
			strcpy(esc, "\\t");
		} else if (cl == 1 && p[i] == 0x1b) {
			strcpy(esc, "\\e");
		} else if (cl == 0 || cl == 1 || c1) {
			if (c1) /* shown as its code point */
				snprintf(esc, sizeof(esc), "\\u%04x", p[i + 1]);
			else
				snprintf(esc, sizeof(esc), "\\x%02x", p[i]);
			cl = c1 ? 2 : 1;
		}
		size_t el = esc[0] ? strlen(esc) : cl;
		if (o + el + 1 > len)
			break;
		memcpy(buf + o, esc[0] ? esc : (const char *)p + i, el);
		o += el;
		i += cl;
	}
	buf[o] = '\0';
	return buf;
}

const char *cbt_shorten_middle(const char *s, int width, char *buf, size_t len)
{
	size_t n = strlen(s), chars = 0;
	for (size_t i = 0; i < n; i++)
		chars += ((unsigned char)s[i] & 0xC0) != 0x80;
	if ((int)chars <= width || width < 5) {
		snprintf(buf, len, "%s", s);
		return buf;
	}
	/* keep `head` characters from the front and `tail` from the end */
	size_t head = (size_t)(width - 3) / 2, tail = (size_t)(width - 3) - head, hb = 0, tb = n;
	for (size_t c = 0; c < head && hb < n; c++)
		do
			hb++;
		while (hb < n && ((unsigned char)s[hb] & 0xC0) == 0x80);
	for (size_t c = 0; c < tail && tb > 0; c++)
		do
			tb--;
		while (tb > 0 && ((unsigned char)s[tb] & 0xC0) == 0x80);
	snprintf(buf, len, "%.*s...%s", (int)hb, s, s + tb);
	return buf;
}
