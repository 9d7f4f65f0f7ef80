/*
 * jobj.h - a few fields of one JSON object, read where they lie.
 *
 * An event's line holds more than struct event keeps: a call's flags, a
 * packet's bytes, a checkpoint's name. Whoever needs one reads it from
 * the line when asked. Building a jansson tree for that cost more than
 * all the rest of `socklab show`; this reads the line's top-level members
 * in one pass of jscan (base/jscan.h), finds a member by a short search,
 * and decodes a string only when asked for it.
 *
 *   struct jobj o;
 *
 *   if (jobj_read(&o, e->json, e->json_len) == 0) {
 *           const char *flags = jobj_str(&o, "flags");   NULL when absent
 *           ...
 *           jobj_free(&o);
 *   }
 *
 * The readers answer as jansson's would on the same object:
 * jobj_int() is json_integer_value() (0 for anything but an integer),
 * jobj_str() is json_string_value() (NULL for anything but a string).
 */
#ifndef SOCKLAB_JOBJ_H
#define SOCKLAB_JOBJ_H

#include <stdbool.h>
#include <stddef.h>

#include "base/jscan.h"

#define JOBJ_INLINE 32

struct jobj_block;

struct jobj {
	struct jscan_member *m; /* the members, in order */
	const char **dec;	/* dec[i]: member i's string, once decoded */
	int n, cap;
	/* Decoded strings: in buf_inline, then in blocks of their own. */
	char *buf;
	size_t used, size;
	struct jobj_block *blocks;
	struct jscan_member m_inline[JOBJ_INLINE];
	const char *dec_inline[JOBJ_INLINE];
	char buf_inline[512];
};

/* Reads the object in the len bytes at text, a text already checked (a
 * line of a session that was read: base/jscan.h). Returns 0, or -1 when it
 * is not an object: then o is empty (every lookup finds nothing) and holds
 * nothing to free. o keeps pointers into text, which must outlive it. */
int jobj_read(struct jobj *o, const char *text, size_t len);
/* The same for member key of o, itself an object. */
int jobj_read_member(struct jobj *sub, const struct jobj *o, const char *key);
void jobj_free(struct jobj *o);

/* Member key, or NULL. */
const struct jscan_member *jobj_get(const struct jobj *o, const char *key);
/* Member key as a string, its escapes decoded, valid until jobj_free();
 * NULL when it is absent or not a string. */
const char *jobj_str(struct jobj *o, const char *key);
/* Member key as an integer: 0 when it is absent or not an integer. */
long long jobj_int(const struct jobj *o, const char *key);
bool jobj_is_int(const struct jobj *o, const char *key);
/* True when member key is true; jobj_false(): when it is false (not
 * merely absent). */
bool jobj_true(const struct jobj *o, const char *key);
bool jobj_false(const struct jobj *o, const char *key);
/* True when member key is an array. */
bool jobj_is_array(const struct jobj *o, const char *key);

/* Calls fn for each element of array member key (none when it is not an
 * array). Each element is a struct jscan_member without a key; read it
 * with jobj_elem_str() and jscan_int(). */
void jobj_each(struct jobj *o, const char *key, jscan_fn fn, void *arg);
/* An array element as a string (decoded in o), or NULL when it is not. */
const char *jobj_elem_str(struct jobj *o, const struct jscan_member *m);

#endif
