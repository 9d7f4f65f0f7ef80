/*
 * jscan_read.c - reading a JSON text that jscan (or jansson) already
 * checked: a string's value with its escapes decoded, the members of an
 * object, the elements of an array (see jscan.h).
 *
 * A session's lines are checked once, when they are read; whoever wants a
 * field later (describe.c, evbytes.c) reads it again here, without
 * checking again, and without the depth limit of the checker. Every read
 * is still bounded by the text's end, so a text that was never checked
 * gives odd answers, never a fault.
 */
#include "base/jscan.h"

#include <string.h>

/* ---- strings ---------------------------------------------------------- */

/* The code point of the four hex digits at p (already checked). */
static unsigned long hex4_at(const char *p)
{
	unsigned long v = 0;

	for (int i = 0; i < 4; i++)
		v = v * 16 + (unsigned long)(p[i] <= '9'   ? p[i] - '0'
					     : p[i] <= 'F' ? p[i] - 'A' + 10
							   : p[i] - 'a' + 10);
	return v;
}

/* Code point v as UTF-8 at out; returns the bytes written. */
static size_t put_utf8(unsigned long v, char *out)
{
	if (v < 0x80) {
		out[0] = (char)v;
		return 1;
	}
	if (v < 0x800) {
		out[0] = (char)(0xc0 | (v >> 6));
		out[1] = (char)(0x80 | (v & 0x3f));
		return 2;
	}
	if (v < 0x10000) {
		out[0] = (char)(0xe0 | (v >> 12));
		out[1] = (char)(0x80 | ((v >> 6) & 0x3f));
		out[2] = (char)(0x80 | (v & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (v >> 18));
	out[1] = (char)(0x80 | ((v >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((v >> 6) & 0x3f));
	out[3] = (char)(0x80 | (v & 0x3f));
	return 4;
}

/* One escape after its backslash at *p, written at out; moves *p on. A
 * "\u" escape of six characters never decodes to more than three bytes,
 * nor a pair of twelve to more than four, so the text never grows. */
static size_t unescape_one(const char **p, char *out)
{
	char ch = *(*p)++;
	unsigned long v, low;

	switch (ch) {
	case 'b':
		*out = '\b';
		return 1;
	case 'f':
		*out = '\f';
		return 1;
	case 'n':
		*out = '\n';
		return 1;
	case 'r':
		*out = '\r';
		return 1;
	case 't':
		*out = '\t';
		return 1;
	case 'u':
		break;
	default: /* '"', '\\', '/' */
		*out = ch;
		return 1;
	}
	v = hex4_at(*p);
	*p += 4;
	if (v >= 0xd800 && v <= 0xdbff) {
		low = hex4_at(*p + 2); /* after the "\u" of the low half */
		*p += 6;
		v = 0x10000 + ((v - 0xd800) << 10) + (low - 0xdc00);
	}
	return put_utf8(v, out);
}

size_t jscan_string(const struct jscan_member *m, char *out)
{
	const char *p = m->val, *end = m->val + m->val_len;
	size_t n = 0;

	if (!m->escaped) {
		memcpy(out, p, m->val_len);
		n = m->val_len;
	}
	while (m->escaped && p < end) {
		if (*p == '\\') {
			p++;
			n += unescape_one(&p, out + n);
		} else {
			out[n++] = *p++;
		}
	}
	out[n] = '\0';
	return n;
}

/* ---- members and elements ---------------------------------------------- */

/* The bytes that end a run: in a string, the quote and the backslash; in
 * a number or a word, what may follow it; inside an object or an array,
 * a string or a bracket. */
static const bool ends_string[256] = {['"'] = true, ['\\'] = true};
static const bool ends_word[256] = {[','] = true,  ['}'] = true,  [']'] = true, [' '] = true,
				    ['\t'] = true, ['\n'] = true, ['\r'] = true};
static const bool ends_nested[256] =
	{['"'] = true, ['{'] = true, ['['] = true, ['}'] = true, [']'] = true};

/* After the opening quote of a string: past its closing quote (or the
 * end). *escaped tells whether it holds a backslash. */
static const unsigned char *skip_string(const unsigned char *p, const unsigned char *end,
					bool *escaped)
{
	*escaped = false;
	for (;;) {
		while (p < end && !ends_string[*p])
			p++;
		if (p >= end)
			return end;
		if (*p == '"')
			return p + 1;
		*escaped = true;
		p += 2; /* the backslash and the character it escapes */
	}
}

/* After the '{' or '[' of a value: past the bracket that closes it.
 * Brackets are counted, not matched: the text was checked before. */
static const unsigned char *skip_nested(const unsigned char *p, const unsigned char *end)
{
	int depth = 1;
	bool ignored;

	while (p < end && depth > 0) {
		while (p < end && !ends_nested[*p])
			p++;
		if (p >= end)
			break;
		if (*p == '"') {
			p = skip_string(p + 1, end, &ignored);
			continue;
		}
		depth += *p == '{' || *p == '[' ? 1 : -1;
		p++;
	}
	return p;
}

static const unsigned char *skip_space_at(const unsigned char *p, const unsigned char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* One value at p into m (val, val_len, type, escaped); returns its end. */
static const unsigned char *skip_value(const unsigned char *p, const unsigned char *end,
				       struct jscan_member *m)
{
	const unsigned char *start = p;

	m->escaped = false;
	if (p < end && *p == '"') {
		p = skip_string(p + 1, end, &m->escaped);
		m->type = JS_STRING;
		m->val = (const char *)start + 1;
		m->val_len = p > start + 1 ? (size_t)(p - start) - 2 : 0;
		return p;
	}
	m->type = p >= end    ? JS_NULL
		  : *p == '{' ? JS_OBJECT
		  : *p == '[' ? JS_ARRAY
		  : *p == 't' ? JS_TRUE
		  : *p == 'f' ? JS_FALSE
		  : *p == 'n' ? JS_NULL
			      : JS_NUMBER;
	if (m->type == JS_OBJECT || m->type == JS_ARRAY)
		p = skip_nested(p + 1, end);
	else
		while (p < end && !ends_word[*p])
			p++;
	m->val = (const char *)start;
	m->val_len = (size_t)(p - start);
	return p;
}

int jscan_object_trusted(const char *text, size_t len, jscan_fn fn, void *arg)
{
	const unsigned char *p = (const unsigned char *)text, *end = p + len;
	struct jscan_member m;

	p = skip_space_at(p, end);
	if (p >= end || *p++ != '{')
		return -1;
	for (;;) {
		p = skip_space_at(p, end);
		if (p >= end || *p == '}' || *p != '"')
			return p < end && *p == '}' ? 0 : -1;
		m.key = (const char *)p + 1;
		p = skip_string(p + 1, end, &m.key_escaped);
		m.key_len = (size_t)((const char *)p - m.key) - 1;
		p = skip_space_at(p, end);
		if (p >= end || *p++ != ':')
			return -1;
		p = skip_value(skip_space_at(p, end), end, &m);
		fn(arg, &m);
		p = skip_space_at(p, end);
		if (p < end && *p == ',')
			p++;
	}
}

int jscan_array(const char *text, size_t len, jscan_fn fn, void *arg)
{
	const unsigned char *p = (const unsigned char *)text, *end = p + len;
	struct jscan_member m = {0};

	p = skip_space_at(p, end);
	if (p >= end || *p++ != '[')
		return -1;
	for (;;) {
		p = skip_space_at(p, end);
		if (p >= end || *p == ']')
			return p < end ? 0 : -1;
		p = skip_value(p, end, &m);
		fn(arg, &m);
		p = skip_space_at(p, end);
		if (p < end && *p == ',')
			p++;
		else if (p < end && *p != ']')
			return -1;
	}
}
