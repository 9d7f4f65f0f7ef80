/*
 * jscan.c - a strict JSON validator that reports top-level members.
 *
 * A recursive descent over the grammar of RFC 8259, with a depth limit so a
 * record of ten thousand '[' cannot exhaust the stack. Each scanner takes
 * the position p where its part of the text starts, and returns the
 * position after it, or NULL where the text is not well-formed; every read
 * checks p against the end first. (Positions go by value, not through a
 * cursor in memory, so the compiler keeps them in registers: the collector
 * checks a million records a second.) Where RFC 8259 leaves room (\u0000, lone
 * surrogates, numbers too big to hold), it refuses what jansson refuses, so
 * what the collector writes, socklab can always read back.
 */
#include "base/jscan.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DEPTH_MAX 32

typedef const unsigned char *pos;

/* What every scanner of one text needs. */
struct text {
	pos end;
	bool unique; /* jscan_object_unique(): refuse repeated or escaped keys */
};

/* Records and lines have no space between tokens: one comparison says so. */
static inline pos skip_space(pos p, pos end)
{
	while (p < end && *p <= ' ' && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

static inline bool at(pos p, pos end, char ch)
{
	return p < end && *p == (unsigned char)ch;
}

static pos take_word(pos p, pos end, const char *w)
{
	size_t n = strlen(w);

	return (size_t)(end - p) >= n && memcmp(p, w, n) == 0 ? p + n : NULL;
}

static inline bool is_digit(pos p, pos end)
{
	return p < end && *p >= '0' && *p <= '9';
}

static inline pos skip_digits(pos p, pos end)
{
	while (is_digit(p, end))
		p++;
	return p;
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
static pos scan_number(pos p, pos end)
{
	pos start = p;
	bool real = false;

	p += at(p, end, '-');
	if (at(p, end, '0'))
		p++; /* no leading zeros */
	else if (is_digit(p, end))
		p = skip_digits(p, end);
	else
		return NULL;
	if (at(p, end, '.')) {
		real = true;
		if (!is_digit(++p, end))
			return NULL;
		p = skip_digits(p, end);
	}
	if (at(p, end, 'e') || at(p, end, 'E')) {
		real = true;
		p++;
		p += at(p, end, '+') || at(p, end, '-');
		if (!is_digit(p, end))
			return NULL;
		p = skip_digits(p, end);
	}
	return number_fits(start, p, end, real) ? p : NULL;
}

static bool is_hex(unsigned char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

/* The four hex digits at p (p moves past them); -1 if they are not. */
static long hex4(pos *p, pos end)
{
	long v = 0;

	if (end - *p < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		unsigned char ch = (*p)[i];
		if (!is_hex(ch))
			return -1;
		v = v * 16 + (ch <= '9' ? ch - '0' : (ch | 0x20) - 'a' + 10);
	}
	*p += 4;
	return v;
}

/*
 * After "\u". Like jansson, which reads the sessions we write, refuse
 * what is not a character: U+0000, and a surrogate not in a high-low pair.
 */
static pos scan_unicode(pos p, pos end)
{
	long v = hex4(&p, end), low;

	if (v <= 0 || (v >= 0xdc00 && v <= 0xdfff))
		return NULL;
	if (v < 0xd800 || v > 0xdbff)
		return p;
	if (!at(p, end, '\\') || !at(p + 1, end, 'u'))
		return NULL;
	p += 2;
	low = hex4(&p, end);
	return low >= 0xdc00 && low <= 0xdfff ? p : NULL;
}

/* After the backslash. */
static pos scan_escape(pos p, pos end)
{
	if (p >= end)
		return NULL;
	switch (*p++) {
	case '"':
	case '\\':
	case '/':
	case 'b':
	case 'f':
	case 'n':
	case 'r':
	case 't':
		return p;
	case 'u':
		return scan_unicode(p, end);
	}
	return NULL;
}

/* One UTF-8 sequence starting at p (its first byte >= 0x80), well formed
 * as in RFC 3629: no overlong forms, no surrogates, nothing past
 * U+10FFFF. */
static pos scan_utf8(pos p, pos end)
{
	unsigned char b = *p;
	size_t n = b >= 0xc2 && b <= 0xdf   ? 2
		   : b >= 0xe0 && b <= 0xef ? 3
		   : b >= 0xf0 && b <= 0xf4 ? 4
					    : 0;
	unsigned char lo = 0x80, hi = 0xbf;

	if (n == 0 || (size_t)(end - p) < n)
		return NULL;
	if (b == 0xe0)
		lo = 0xa0;
	else if (b == 0xed)
		hi = 0x9f;
	else if (b == 0xf0)
		lo = 0x90;
	else if (b == 0xf4)
		hi = 0x8f;
	if (p[1] < lo || p[1] > hi)
		return NULL;
	for (size_t i = 2; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return NULL;
	return p + n;
}

/* Characters that stand for themselves in a string: not the quote, the
 * backslash, a control character, or the first byte of a multi-byte one.
 * Most of a string is a run of them, skipped with one lookup a byte. */
static const bool plain_char[256] = {
	[0x20 ... 0x21] = true, /* the quote is 0x22 */
	[0x23 ... 0x5b] = true, /* the backslash is 0x5c */
	[0x5d ... 0x7f] = true,
};

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/*
 * Eight bytes at a time: where the first byte that is not plain is, among
 * the eight at p. (x - 0x01 in each byte) & ~x & 0x80 in each byte sets
 * the top bit of x's first zero byte (and maybe of later ones: a borrow
 * runs upwards), so with x = w ^ '"' in every byte it finds the first
 * quote, and with w - 0x20 the first byte below 0x20; w's own top bits
 * are the bytes above 0x7f. Little-endian: the first byte is the lowest,
 * and the lowest bit set says which.
 */
#define REPEAT(b) (0x0101010101010101ULL * (uint8_t)(b))
#define TOP_BITS  REPEAT(0x80)

static inline uint64_t below(uint64_t x, uint8_t n)
{
	return (x - REPEAT(n)) & ~x & TOP_BITS;
}

static inline int first_not_plain(const unsigned char *p)
{
	uint64_t w, m;

	memcpy(&w, p, sizeof(w));
	m = below(w ^ REPEAT('"'), 1) | below(w ^ REPEAT('\\'), 1) | below(w, 0x20) |
	    (w & TOP_BITS);
	return m ? __builtin_ctzll(m) / 8 : 8;
}
#else
static inline int first_not_plain(const unsigned char *p)
{
	int k = 0;

	while (k < 8 && plain_char[p[k]])
		k++;
	return k;
}
#endif

/* Past the plain characters at p, and no further than end. */
static inline pos skip_plain(pos p, pos end)
{
	while (end - p >= 8) {
		int k = first_not_plain(p);
		p += k;
		if (k < 8)
			return p;
	}
	while (p < end && plain_char[*p])
		p++;
	return p;
}

/* The rest of a string, from a character that is not plain. */
static pos scan_string_rest(pos p, pos end, bool *escaped)
{
	for (;;) {
		if (p >= end || *p < 0x20)
			return NULL;
		if (*p == '"')
			return p + 1;
		if (*p == '\\') {
			*escaped = true;
			p = scan_escape(p + 1, end);
		} else {
			p = scan_utf8(p, end); /* *p >= 0x80 */
		}
		if (!p)
			return NULL;
		p = skip_plain(p, end);
	}
}

/* After the opening quote: past the closing one. Inline, for the plain
 * string that most are. */
static inline pos scan_string(pos p, pos end, bool *escaped)
{
	*escaped = false;
	p = skip_plain(p, end);
	return at(p, end, '"') ? p + 1 : scan_string_rest(p, end, escaped);
}

static pos scan_value(pos p, const struct text *t, int depth, struct jscan_member *m);

/* After '['. */
static pos scan_array(pos p, const struct text *t, int depth)
{
	struct jscan_member ignored;

	p = skip_space(p, t->end);
	if (at(p, t->end, ']'))
		return p + 1;
	for (;;) {
		p = scan_value(p, t, depth + 1, &ignored);
		if (!p)
			return NULL;
		p = skip_space(p, t->end);
		if (at(p, t->end, ']'))
			return p + 1;
		if (!at(p, t->end, ','))
			return NULL;
		p++;
	}
}

/*
 * The keys of one object so far, for jscan_object_unique(): a key is
 * compared with the earlier ones only when its hash's bit is already set,
 * so a line of twenty keys costs twenty lookups in a word, not two hundred
 * comparisons.
 */
#define KEYS_MAX 64

struct keyset {
	uint64_t bits;
	int n;
	const char *key[KEYS_MAX];
	size_t len[KEYS_MAX];
};

/* Adds a key; false when it is already there, or the object has more
 * keys than the set holds (then it cannot vouch for the object). */
static bool keyset_add(struct keyset *ks, const char *key, size_t len)
{
	uint64_t bit = 1ULL << ((len * 31 + (unsigned char)key[0] * 7 +
				 (unsigned char)key[len > 0 ? len - 1 : 0]) &
				63);

	if (ks->n == KEYS_MAX)
		return false;
	if (ks->bits & bit)
		for (int i = 0; i < ks->n; i++)
			if (ks->len[i] == len && memcmp(ks->key[i], key, len) == 0)
				return false;
	ks->bits |= bit;
	ks->key[ks->n] = key;
	ks->len[ks->n++] = len;
	return true;
}

/* After '{': past the closing '}'. Calls fn for each member when fn is
 * not NULL (the top level). */
static pos scan_members(pos p, const struct text *t, int depth, jscan_fn fn, void *arg)
{
	struct jscan_member m;
	struct keyset keys;

	keys.bits = 0;
	keys.n = 0;
	p = skip_space(p, t->end);
	if (at(p, t->end, '}'))
		return p + 1;
	for (;;) {
		p = skip_space(p, t->end);
		if (!at(p, t->end, '"'))
			return NULL;
		m.key = (const char *)++p;
		p = scan_string(p, t->end, &m.key_escaped);
		if (!p)
			return NULL;
		m.key_len = (size_t)((const char *)p - m.key) - 1;
		if (t->unique && (m.key_escaped || !keyset_add(&keys, m.key, m.key_len)))
			return NULL;
		p = skip_space(p, t->end);
		if (!at(p, t->end, ':') || !(p = scan_value(p + 1, t, depth + 1, &m)))
			return NULL;
		if (fn)
			fn(arg, &m);
		p = skip_space(p, t->end);
		if (at(p, t->end, '}'))
			return p + 1;
		if (!at(p, t->end, ','))
			return NULL;
		p++;
	}
}

/* A value; fills m's val, val_len, type and escaped. */
static pos scan_value(pos p, const struct text *t, int depth, struct jscan_member *m)
{
	pos start;

	if (depth > DEPTH_MAX)
		return NULL;
	p = skip_space(p, t->end);
	if (p >= t->end)
		return NULL;
	start = p;
	m->escaped = false;
	switch (*p) {
	case '"':
		m->type = JS_STRING;
		p = scan_string(p + 1, t->end, &m->escaped);
		m->val = (const char *)start + 1;
		m->val_len = p ? (size_t)(p - start) - 2 : 0;
		return p;
	case '{':
		m->type = JS_OBJECT;
		p = scan_members(p + 1, t, depth, NULL, NULL);
		break;
	case '[':
		m->type = JS_ARRAY;
		p = scan_array(p + 1, t, depth);
		break;
	case 't':
		m->type = JS_TRUE;
		p = take_word(p, t->end, "true");
		break;
	case 'f':
		m->type = JS_FALSE;
		p = take_word(p, t->end, "false");
		break;
	case 'n':
		m->type = JS_NULL;
		p = take_word(p, t->end, "null");
		break;
	default:
		m->type = JS_NUMBER;
		p = scan_number(p, t->end);
	}
	m->val = (const char *)start;
	m->val_len = p ? (size_t)(p - start) : 0;
	return p;
}

static int scan_top(const char *text, size_t len, bool unique, jscan_fn fn, void *arg)
{
	pos p = (pos)text;
	struct text t = {p + len, unique};

	p = skip_space(p, t.end);
	if (!at(p, t.end, '{') || !(p = scan_members(p + 1, &t, 0, fn, arg)))
		return -1;
	return skip_space(p, t.end) == t.end ? 0 : -1;
}

int jscan_object(const char *text, size_t len, jscan_fn fn, void *arg)
{
	return scan_top(text, len, false, fn, arg);
}

int jscan_object_unique(const char *text, size_t len, jscan_fn fn, void *arg)
{
	return scan_top(text, len, true, fn, arg);
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
	if (end - p <= 18) {
		/* Eighteen digits never overflow. */
		for (; p < end; p++) {
			if (*p < '0' || *p > '9')
				return false;
			v = v * 10 + (uint64_t)(*p - '0');
		}
		*out = neg ? -(int64_t)v : (int64_t)v;
		return true;
	}
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
