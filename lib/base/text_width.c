/*
 * text_width.c - how many columns text takes on a terminal (base/text.h):
 * each character decoded with mbrtowc(3) and measured with wcwidth(3),
 * both of the locale's LC_CTYPE.
 */
#include <langinfo.h>
#include <stdbool.h>
#include <string.h>
#include <wchar.h>

#include "base/text.h"

/* The next character of s (len bytes, len > 0): its length in bytes and
 * its columns (*cols). A byte that does not start a character of the
 * locale, or a character that cannot be drawn, is one byte of one column. */
static size_t next_char(const char *s, size_t len, int *cols)
{
	mbstate_t st;
	wchar_t wc;
	size_t n;
	int w;

	memset(&st, 0, sizeof(st));
	n = mbrtowc(&wc, s, len, &st);
	if (n == 0 || n == (size_t)-1 || n == (size_t)-2) {
		*cols = 1;
		return 1;
	}
	w = wcwidth(wc);
	*cols = w < 0 ? 1 : w;
	return n;
}

int text_width(const char *s)
{
	size_t len = strlen(s), i = 0;
	int total = 0, w;

	while (i < len) {
		i += next_char(s + i, len - i, &w);
		total += w;
	}
	return total;
}

/* A character of no width (a combining mark) stays with the one before
 * it: the cut comes after the marks, whatever the width left. */
size_t text_cols_cut(const char *s, int cols, int *used)
{
	size_t len = strlen(s), i = 0, n;
	int total = 0, w;

	while (i < len) {
		n = next_char(s + i, len - i, &w);
		if (w > 0 && total + w > cols)
			break;
		total += w;
		i += n;
	}
	if (used)
		*used = total;
	return i;
}

static const char *ellipsis(int *cols)
{
	bool utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;

	*cols = 1;
	return utf8 ? "\u2026" : "~";
}

/* The prefix of s that fits both cols columns and room bytes. */
static size_t cut_to(const char *s, int cols, size_t room, int *used)
{
	size_t n = text_cols_cut(s, cols, used), i = 0, step;
	int w, total = 0;

	if (n <= room)
		return n;
	while (i < n && i + (step = next_char(s + i, n - i, &w)) <= room) {
		i += step;
		total += w;
	}
	*used = total;
	return i;
}

int text_fit(char *out, size_t cap, const char *s, int cols, unsigned how)
{
	const char *dots = "";
	size_t n, dlen = 0;
	int used = 0, dcols = 0;

	if (cap == 0)
		return 0;
	if (cols < 0)
		cols = 0;
	if ((how & TEXT_ELLIPSIS) && cols > 0 && text_width(s) > cols) {
		dots = ellipsis(&dcols);
		dlen = strlen(dots);
	}
	if (dlen + 1 > cap)
		dots = "", dlen = 0, dcols = 0;
	n = cut_to(s, cols - dcols, cap - 1 - dlen, &used);
	memcpy(out, s, n);
	memcpy(out + n, dots, dlen);
	n += dlen;
	used += dcols;
	while ((how & TEXT_PAD) && used < cols && n + 1 < cap) {
		out[n++] = ' ';
		used++;
	}
	out[n] = '\0';
	return used;
}
