/*
 * jobj.c - a few fields of one JSON object (see jobj.h).
 *
 * jobj_read() lists the top-level members with jscan (reading a text it
 * checked before: jscan_object_trusted), in an array that
 * starts on the stack (JOBJ_INLINE members: every event line) and moves
 * to the heap for a bigger object. A lookup compares keys one by one: a
 * line has a score of them, and the few looked up are near the front. A
 * string is decoded the first time it is asked for, into a buffer that
 * starts on the stack too.
 */
#include "base/jobj.h"

#include <stdlib.h>
#include <string.h>

struct jobj_block {
	struct jobj_block *next;
	char data[];
};

static void keep(void *arg, const struct jscan_member *m)
{
	struct jobj *o = arg;

	if (o->n == o->cap) {
		int cap = o->cap * 2;
		struct jscan_member *m2 = malloc((size_t)cap * sizeof(*m2));
		const char **d2 = malloc((size_t)cap * sizeof(*d2));
		if (!m2 || !d2) {
			free(m2);
			free(d2);
			return; /* out of memory: the members after are not found */
		}
		memcpy(m2, o->m, (size_t)o->n * sizeof(*m2));
		memcpy(d2, o->dec, (size_t)o->n * sizeof(*d2));
		if (o->m != o->m_inline) {
			free(o->m);
			free(o->dec);
		}
		o->m = m2;
		o->dec = d2;
		o->cap = cap;
	}
	o->dec[o->n] = NULL;
	o->m[o->n++] = *m;
}

static void init(struct jobj *o)
{
	o->m = o->m_inline;
	o->dec = o->dec_inline;
	o->n = 0;
	o->cap = JOBJ_INLINE;
	o->buf = o->buf_inline;
	o->used = 0;
	o->size = sizeof(o->buf_inline);
	o->blocks = NULL;
}

int jobj_read(struct jobj *o, const char *text, size_t len)
{
	const char *nul = memchr(text, '\0', len);

	/* jansson, which read these lines first, stops at a NUL byte. */
	if (nul)
		len = (size_t)(nul - text);
	init(o);
	if (jscan_object_trusted(text, len, keep, o) == 0)
		return 0;
	jobj_free(o);
	return -1;
}

int jobj_read_member(struct jobj *sub, const struct jobj *o, const char *key)
{
	const struct jscan_member *m = jobj_get(o, key);

	if (!m || m->type != JS_OBJECT)
		return -1;
	return jobj_read(sub, m->val, m->val_len);
}

void jobj_free(struct jobj *o)
{
	if (o->m != o->m_inline) {
		free(o->m);
		free(o->dec);
	}
	for (struct jobj_block *b = o->blocks, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	init(o);
}

const struct jscan_member *jobj_get(const struct jobj *o, const char *key)
{
	size_t n = strlen(key);

	/* The last of a repeated key, as jansson keeps it. */
	for (int i = o->n; i-- > 0;)
		if (jscan_is_n(&o->m[i], key, n))
			return &o->m[i];
	return NULL;
}

/* Room for a decoded string of at most len bytes and its NUL. */
static char *room(struct jobj *o, size_t len)
{
	struct jobj_block *b;

	if (o->size - o->used >= len + 1) {
		o->used += len + 1;
		return o->buf + o->used - len - 1;
	}
	b = malloc(sizeof(*b) + len + 1);
	if (!b)
		return NULL;
	b->next = o->blocks;
	o->blocks = b;
	return b->data;
}

static const char *decode(struct jobj *o, const struct jscan_member *m)
{
	char *out;

	if (m->type != JS_STRING || !(out = room(o, m->val_len)))
		return NULL;
	jscan_string(m, out);
	return out;
}

const char *jobj_str(struct jobj *o, const char *key)
{
	const struct jscan_member *m = jobj_get(o, key);
	int i;

	if (!m)
		return NULL;
	i = (int)(m - o->m);
	if (!o->dec[i])
		o->dec[i] = decode(o, m);
	return o->dec[i];
}

const char *jobj_elem_str(struct jobj *o, const struct jscan_member *m)
{
	return decode(o, m);
}

bool jobj_is_int(const struct jobj *o, const char *key)
{
	const struct jscan_member *m = jobj_get(o, key);
	int64_t v;

	return m && jscan_int(m, &v);
}

long long jobj_int(const struct jobj *o, const char *key)
{
	const struct jscan_member *m = jobj_get(o, key);
	int64_t v;

	return m && jscan_int(m, &v) ? (long long)v : 0;
}

bool jobj_true(const struct jobj *o, const char *key)
{
	const struct jscan_member *m = jobj_get(o, key);

	return m && m->type == JS_TRUE;
}

bool jobj_false(const struct jobj *o, const char *key)
{
	const struct jscan_member *m = jobj_get(o, key);

	return m && m->type == JS_FALSE;
}

bool jobj_is_array(const struct jobj *o, const char *key)
{
	const struct jscan_member *m = jobj_get(o, key);

	return m && m->type == JS_ARRAY;
}

void jobj_each(struct jobj *o, const char *key, jscan_fn fn, void *arg)
{
	const struct jscan_member *m = jobj_get(o, key);

	if (m && m->type == JS_ARRAY)
		jscan_array(m->val, m->val_len, fn, arg);
}
