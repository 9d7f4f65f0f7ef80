/*
 * jscan.c - a strict JSON validator that reports top-level members.
 *
 * A recursive descent over the grammar of RFC 8259, with a depth limit so a
 * record of ten thousand '[' cannot exhaust the stack. Every read checks the
 * cursor against the end first. Where RFC 8259 leaves room (\u0000, lone
 * surrogates, numbers too big to hold), it refuses what jansson refuses, so
 * what the collector writes, socklab can always read back.
 */
#include "base/jscan.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DEPTH_MAX 32

struct cursor {
	const unsigned char *p, *end;
};

static bool at_end(const struct cursor *c)
{
	return c->p >= c->end;
}

static void skip_space(struct cursor *c)
{
	while (!at_end(c) && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
		c->p++;
}

static bool take(struct cursor *c, char ch)
{
	if (at_end(c) || *c->p != (unsigned char)ch)
		return false;
	c->p++;
	return true;
}

static bool take_word(struct cursor *c, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(c->end - c->p) < n || memcmp(c->p, w, n) != 0)
		return false;
	c->p += n;
	return true;
}

static bool is_digit(const struct cursor *c)
{
	return !at_end(c) && *c->p >= '0' && *c->p <= '9';
}

static void skip_digits(struct cursor *c)
{
	while (is_digit(c))
		c->p++;
}

/*
 * Like jansson: an integer must fit in 64 bits, a real in a double (it may
 * be of any length: jansson reads the whole of it). limit is the end of
 * the text: a number that reaches it ends no object, so it is refused.
 */
static bool number_fits(const unsigned char *start, const unsigned char *end,
			const unsigned char *limit, bool real)
{
	char buf[32], *stop;
	size_t n = (size_t)(end - start);
	double d;

	/* Eighteen digits and a sign always fit: the common case, for free. */
	if (!real && n <= 18)
		return true;
	if (!real) {
		if (n >= sizeof(buf))
			return false; /* more than 31 characters: no int64 */
		memcpy(buf, start, n);
		buf[n] = '\0';
		errno = 0;
		(void)strtoll(buf, &stop, 10);
		return errno == 0;
	}
	/* strtod() reads in place: the character after the number is in the
	 * text and ends it (the grammar above allows no hex, no "inf"). */
	if (end >= limit)
		return false;
	errno = 0;
	d = strtod((const char *)start, &stop);
	return stop == (const char *)end && !(errno == ERANGE && (d == HUGE_VAL || d == -HUGE_VAL));
}

/* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool scan_number(struct cursor *c)
{
	const unsigned char *start = c->p;
	bool real = false;

	take(c, '-');
	if (take(c, '0')) {
		/* no leading zeros */
	} else if (is_digit(c)) {
		skip_digits(c);
	} else {
		return false;
	}
	if (take(c, '.')) {
		real = true;
		if (!is_digit(c))
			return false;
		skip_digits(c);
	}
	if (take(c, 'e') || take(c, 'E')) {
		real = true;
		if (!take(c, '+'))
			take(c, '-');
		if (!is_digit(c))
			return false;
		skip_digits(c);
	}
	return number_fits(start, c->p, c->end, real);
}

static bool is_hex(unsigned char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

/* The four hex digits of \uXXXX at c->p; -1 if they are not. */
static long hex4(struct cursor *c)
{
	long v = 0;

	if (c->end - c->p < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		unsigned char ch = c->p[i];
		if (!is_hex(ch))
			return -1;
		v = v * 16 + (ch <= '9' ? ch - '0' : (ch | 0x20) - 'a' + 10);
	}
	c->p += 4;
	return v;
}

/*
 * After "\u". Like jansson, which reads the sessions we write, refuse
 * what is not a character: U+0000, and a surrogate not in a high-low pair.
 */
static bool scan_unicode(struct cursor *c)
{
	long v = hex4(c), low;

	if (v <= 0 || (v >= 0xdc00 && v <= 0xdfff))
		return false;
	if (v < 0xd800 || v > 0xdbff)
		return true;
	if (!take(c, '\\') || !take(c, 'u'))
		return false;
	low = hex4(c);
	return low >= 0xdc00 && low <= 0xdfff;
}

static bool scan_escape(struct cursor *c)
{
	if (at_end(c))
		return false;
	switch (*c->p++) {
	case '"':
	case '\\':
	case '/':
	case 'b':
	case 'f':
	case 'n':
	case 'r':
	case 't':
		return true;
	case 'u':
		return scan_unicode(c);
	}
	return false;
}

/* One UTF-8 sequence starting at c->p (its first byte >= 0x80), well
 * formed as in RFC 3629: no overlong forms, no surrogates, nothing past
 * U+10FFFF. */
static bool scan_utf8(struct cursor *c)
{
	unsigned char b = *c->p;
	size_t n = b >= 0xc2 && b <= 0xdf   ? 2
		   : b >= 0xe0 && b <= 0xef ? 3
		   : b >= 0xf0 && b <= 0xf4 ? 4
					    : 0;
	unsigned char lo = 0x80, hi = 0xbf;

	if (n == 0 || (size_t)(c->end - c->p) < n)
		return false;
	if (b == 0xe0)
		lo = 0xa0;
	else if (b == 0xed)
		hi = 0x9f;
	else if (b == 0xf0)
		lo = 0x90;
	else if (b == 0xf4)
		hi = 0x8f;
	if (c->p[1] < lo || c->p[1] > hi)
		return false;
	for (size_t i = 2; i < n; i++)
		if ((c->p[i] & 0xc0) != 0x80)
			return false;
	c->p += n;
	return true;
}

/* After the opening quote; leaves c after the closing one. */
static bool scan_string(struct cursor *c, bool *escaped)
{
	*escaped = false;
	while (!at_end(c)) {
		unsigned char ch = *c->p;
		if (ch == '"') {
			c->p++;
			return true;
		}
		if (ch < 0x20)
			return false;
		if (ch == '\\') {
			c->p++;
			*escaped = true;
			if (!scan_escape(c))
				return false;
		} else if (ch >= 0x80) {
			if (!scan_utf8(c))
				return false;
		} else {
			c->p++;
		}
	}
	return false;
}

static bool scan_value(struct cursor *c, int depth, struct jscan_member *m);

/* After '['. */
static bool scan_array(struct cursor *c, int depth)
{
	struct jscan_member ignored;

	skip_space(c);
	if (take(c, ']'))
		return true;
	for (;;) {
		if (!scan_value(c, depth + 1, &ignored))
			return false;
		skip_space(c);
		if (take(c, ']'))
			return true;
		if (!take(c, ','))
			return false;
	}
}

/* After '{'. Calls fn for each member when fn is not NULL (top level). */
static bool scan_members(struct cursor *c, int depth, jscan_fn fn, void *arg)
{
	struct jscan_member m;
	bool escaped;

	skip_space(c);
	if (take(c, '}'))
		return true;
	for (;;) {
		skip_space(c);
		if (!take(c, '"'))
			return false;
		m.key = (const char *)c->p;
		if (!scan_string(c, &escaped))
			return false;
		m.key_len = (size_t)((const char *)c->p - m.key) - 1;
		skip_space(c);
		if (!take(c, ':') || !scan_value(c, depth + 1, &m))
			return false;
		if (fn)
			fn(arg, &m);
		skip_space(c);
		if (take(c, '}'))
			return true;
		if (!take(c, ','))
			return false;
	}
}

/* A value; fills m's val, val_len, type and escaped. */
static bool scan_value(struct cursor *c, int depth, struct jscan_member *m)
{
	const unsigned char *start;
	bool ok;

	if (depth > DEPTH_MAX)
		return false;
	skip_space(c);
	start = c->p;
	m->escaped = false;
	if (take(c, '"')) {
		m->type = JS_STRING;
		ok = scan_string(c, &m->escaped);
		m->val = (const char *)start + 1;
		m->val_len = ok ? (size_t)(c->p - start) - 2 : 0;
		return ok;
	}
	if (take(c, '{')) {
		m->type = JS_OBJECT;
		ok = scan_members(c, depth, NULL, NULL);
	} else if (take(c, '[')) {
		m->type = JS_ARRAY;
		ok = scan_array(c, depth);
	} else if (take_word(c, "true")) {
		m->type = JS_TRUE;
		ok = true;
	} else if (take_word(c, "false")) {
		m->type = JS_FALSE;
		ok = true;
	} else if (take_word(c, "null")) {
		m->type = JS_NULL;
		ok = true;
	} else {
		m->type = JS_NUMBER;
		ok = scan_number(c);
	}
	m->val = (const char *)start;
	m->val_len = (size_t)(c->p - start);
	return ok;
}

int jscan_object(const char *text, size_t len, jscan_fn fn, void *arg)
{
	struct cursor c = {(const unsigned char *)text, (const unsigned char *)text + len};

	skip_space(&c);
	if (!take(&c, '{') || !scan_members(&c, 0, fn, arg))
		return -1;
	skip_space(&c);
	return at_end(&c) ? 0 : -1;
}

bool jscan_is_n(const struct jscan_member *m, const char *key, size_t n)
{
	return m->key_len == n && memcmp(m->key, key, n) == 0;
}

bool jscan_is(const struct jscan_member *m, const char *key)
{
	return jscan_is_n(m, key, strlen(key));
}

bool jscan_int(const struct jscan_member *m, int64_t *out)
{
	const char *p = m->val, *end = m->val + m->val_len;
	bool neg = p < end && *p == '-';
	uint64_t v = 0;

	if (m->type != JS_NUMBER)
		return false;
	p += neg;
	if (p == end)
		return false;
	for (; p < end; p++) {
		if (*p < '0' || *p > '9' || v > (UINT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (v > (uint64_t)INT64_MAX + neg)
		return false;
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return true;
}
