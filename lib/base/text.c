/*
 * text.c - bytes made text: UTF-8 kept, CP949 transcoded, other bytes and
 * control characters escaped (see text.h).
 *
 * The unit of choice is the line. gcc echoes a source line in the bytes
 * the file holds (CP949, from a Korean Windows editor) under a message
 * that is ASCII; a program prints each line in one encoding or the other.
 * So a line is taken as UTF-8 when all of it is valid UTF-8 (or all but
 * its last character, cut short: that is a line cut, not CP949); else as
 * CP949 when glibc's iconv reads all of it so; else byte by byte: each
 * valid UTF-8 character kept, each other byte \xNN. A line of CP949 that
 * happens to be valid UTF-8 too (rare: every pair must look like a
 * two-byte UTF-8 character) is read as UTF-8.
 */
#include "base/text.h"

#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- output --------------------------------------------------------------- */

/* Text being written: a buffer that grows, or a caller's (fixed), into
 * which only whole pieces go: the first that does not fit ends it. Always
 * NUL-terminated once it has room. */
struct out {
	char *p;
	size_t n, cap;
	bool fixed, full, nomem;
};

/* Whether len more bytes (and the NUL) fit, growing the buffer if it may. */
static bool out_room(struct out *o, size_t len)
{
	size_t cap = o->cap ? o->cap : 64;
	char *p;

	if (o->full || o->nomem)
		return false;
	if (o->n + len < o->cap)
		return true;
	if (o->fixed) {
		o->full = true;
		return false;
	}
	while (o->n + len >= cap)
		cap *= 2;
	if (!(p = realloc(o->p, cap))) {
		o->nomem = true;
		return false;
	}
	o->p = p;
	o->cap = cap;
	o->p[o->n] = '\0';
	return true;
}

static void out_put(struct out *o, const void *s, size_t len)
{
	if (!out_room(o, len))
		return;
	memcpy(o->p + o->n, s, len);
	o->n += len;
	o->p[o->n] = '\0';
}

/* "\x1b" or "\u009b": fmt takes the number. */
static void out_num(struct out *o, const char *fmt, unsigned v)
{
	char e[12];
	int n = snprintf(e, sizeof(e), fmt, v);

	out_put(o, e, (size_t)n);
}

/* ---- UTF-8 ---------------------------------------------------------------- */

/* The length of the valid UTF-8 character at s (of at most len bytes),
 * its code point in *cp; 0 when the bytes there are not one: a stray
 * continuation byte, an overlong form, a surrogate, past U+10FFFF, cut
 * short. */
static size_t utf8_char(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t c, min;
	size_t n;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, c = s[0] & 0x1fu, min = 0x80;
	else if ((s[0] & 0xf0) == 0xe0)
		n = 3, c = s[0] & 0x0fu, min = 0x800;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, c = s[0] & 0x07u, min = 0x10000;
	else
		return 0;
	if (n > len)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3fu);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* Whether all of s[0..len) is valid UTF-8, with no NUL. */
static bool utf8_all(const unsigned char *s, size_t len)
{
	uint32_t cp;
	size_t k;

	for (size_t i = 0; i < len; i += k)
		if (s[i] == 0 || !(k = utf8_char(s + i, len - i, &cp)))
			return false;
	return true;
}

/* Whether s[0..len) is a UTF-8 character cut short: its first byte, and
 * fewer continuation bytes than it needs. */
static bool utf8_cut_short(const unsigned char *s, size_t len)
{
	size_t need = s[0] >= 0xc2 && s[0] <= 0xdf   ? 2
		      : (s[0] & 0xf0) == 0xe0	     ? 3
		      : s[0] >= 0xf0 && s[0] <= 0xf4 ? 4
						     : 0;

	if (len == 0 || len >= need)
		return false;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return false;
	return true;
}

/* Whether the line s[0..len) is UTF-8 but for its last character, cut
 * short (by a snprintf's "%.300s", say): not a CP949 line. */
static bool utf8_but_cut(const unsigned char *s, size_t len)
{
	uint32_t cp;
	size_t i = 0, k, end = len > 0 && s[len - 1] == '\n' ? len - 1 : len;

	while (i < end && s[i] != 0 && (k = utf8_char(s + i, end - i, &cp)))
		i += k;
	return utf8_cut_short(s + i, end - i);
}

size_t text_cut(const char *s, size_t len, size_t max)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t k = max;

	if (len <= max)
		return len;
	/* u[max] is the first byte left out: if it continues a character,
	 * that character's first byte is where the cut goes. */
	while (k > 0 && max - k < 3 && (u[k] & 0xc0) == 0x80)
		k--;
	return (u[k] & 0xc0) == 0x80 ? max : k;
}

/* ---- to UTF-8 --------------------------------------------------------------- */

/* glibc's CP949 reader, opened the first time a line needs it. */
struct cp949 {
	iconv_t cd;
	bool tried;
};

/* The line s[0..len) as CP949, transcoded onto o. False, o as it was,
 * when it is not CP949 all through (or there is no converter). */
static bool cp949_line(struct cp949 *c, struct out *o, const char *s, size_t len)
{
	char *in = (char *)s, *to;
	size_t inleft = len, left, before = o->n;

	if (!c->tried) {
		c->cd = iconv_open("UTF-8", "CP949");
		c->tried = true;
	}
	/* Two bytes of CP949 are at most three of UTF-8. */
	if (c->cd == (iconv_t)-1 || memchr(s, '\0', len) || !out_room(o, 2 * len + 4))
		return false;
	iconv(c->cd, NULL, NULL, NULL, NULL);
	to = o->p + o->n;
	left = o->cap - o->n - 1;
	if (iconv(c->cd, &in, &inleft, &to, &left) == (size_t)-1 || inleft > 0) {
		o->n = before;
		o->p[before] = '\0';
		return false;
	}
	o->n = (size_t)(to - o->p);
	o->p[o->n] = '\0';
	return true;
}

/* A line that is neither: its UTF-8 characters kept, other bytes \xNN. */
static void bytes_line(struct out *o, const unsigned char *s, size_t len)
{
	uint32_t cp;
	size_t k;

	for (size_t i = 0; i < len; i += k) {
		k = s[i] ? utf8_char(s + i, len - i, &cp) : 0;
		if (k) {
			out_put(o, s + i, k);
		} else {
			out_num(o, "\\x%02x", s[i]);
			k = 1;
		}
	}
}

char *text_utf8(const char *s, size_t len)
{
	struct out o = {0};
	struct cp949 c = {.tried = false};
	size_t i = 0;

	out_room(&o, len);
	while (i < len && !o.nomem) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - s) + 1 - i : len - i;
		const unsigned char *line = (const unsigned char *)s + i;

		if (utf8_all(line, n))
			out_put(&o, line, n);
		else if (utf8_but_cut(line, n) || !cp949_line(&c, &o, s + i, n))
			bytes_line(&o, line, n);
		i += n;
	}
	if (c.tried && c.cd != (iconv_t)-1)
		iconv_close(c.cd);
	if (o.nomem) {
		free(o.p);
		return NULL;
	}
	return o.p;
}

/* ---- to be shown ------------------------------------------------------------ */

/* Whether code point c is shown escaped: C0 controls (but the newlines
 * and tabs kept), DEL, C1 controls, and the marks, separators and
 * overrides that reorder or break a line (U+200E/F, U+2028..U+202E,
 * U+2066..U+2069). */
static bool escaped(uint32_t c, unsigned keep)
{
	if (c == '\n')
		return !(keep & TEXT_KEEP_NL);
	if (c == '\t')
		return !(keep & TEXT_KEEP_TAB);
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x200e || c == 0x200f ||
	       (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/* The name of a C0 control that has one in C: 'e' for ESC, 'r' for CR;
 * 0 for the others. */
static char control_name(uint32_t c)
{
	switch (c) {
	case 0x1b:
		return 'e';
	case '\r':
		return 'r';
	case '\b':
		return 'b';
	case '\a':
		return 'a';
	case '\f':
		return 'f';
	case '\v':
		return 'v';
	case '\n':
		return 'n';
	case '\t':
		return 't';
	default:
		return 0;
	}
}

/* \e \r \b \a \f \v \n \t by name, other C0 controls and DEL \xNN, the
 * rest \uNNNN. */
static void put_escape(struct out *o, uint32_t c)
{
	char name = control_name(c);

	if (name)
		out_put(o, (char[]){'\\', name}, 2);
	else if (c < 0x80)
		out_num(o, "\\x%02x", c);
	else
		out_num(o, "\\u%04x", c);
}

/* s (a string; valid UTF-8 unless memory ran out on the way) onto o,
 * escaped; a byte that is not UTF-8 is \xNN. */
static void show_onto(struct out *o, const char *str, unsigned keep)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len = strlen(str), k;
	uint32_t cp;

	for (size_t i = 0; i < len && !o->full && !o->nomem; i += k) {
		if (!(k = utf8_char(s + i, len - i, &cp))) {
			out_num(o, "\\x%02x", s[i]);
			k = 1;
		} else if (escaped(cp, keep)) {
			put_escape(o, cp);
		} else {
			out_put(o, s + i, k);
		}
	}
}

bool text_is_shown(const char *str, size_t len, unsigned keep)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t cp;
	size_t k;

	for (size_t i = 0; i < len; i += k) {
		if (s[i] >= 0x20 && s[i] < 0x7f) {
			k = 1;
			continue;
		}
		if (s[i] == 0 || !(k = utf8_char(s + i, len - i, &cp)) || escaped(cp, keep))
			return false;
	}
	return true;
}

char *text_shown(const char *s, size_t len, unsigned keep)
{
	struct out o = {0};
	char *u = text_utf8(s, len);

	if (!u)
		return NULL;
	out_room(&o, len);
	show_onto(&o, u, keep);
	free(u);
	if (o.nomem) {
		free(o.p);
		return NULL;
	}
	return o.p;
}

size_t text_show(char *out, size_t cap, const char *s, unsigned keep)
{
	struct out o = {.p = out, .cap = cap, .fixed = true};
	size_t len = strlen(s), n;
	char *u;

	if (cap == 0)
		return 0;
	if (text_is_shown(s, len, keep)) {
		n = text_cut(s, len, cap - 1);
		memmove(out, s, n);
		out[n] = '\0';
		return n;
	}
	u = text_utf8(s, len);
	out[0] = '\0';
	show_onto(&o, u ? u : s, keep);
	free(u);
	return o.n;
}

void text_fput(FILE *f, const char *s, unsigned keep)
{
	size_t len = strlen(s);
	char *shown, small[1024];

	if (text_is_shown(s, len, keep)) {
		fputs(s, f);
	} else if ((shown = text_shown(s, len, keep))) {
		fputs(shown, f);
		free(shown);
	} else {
		text_show(small, sizeof(small), s, keep);
		fputs(small, f);
	}
}
