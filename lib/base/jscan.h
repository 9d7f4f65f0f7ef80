/*
 * jscan.h - checks that a text is one well-formed JSON object and finds its
 * top-level members, without building anything.
 *
 * The collector takes hundreds of thousands of call records a second from
 * traced programs and needs four fields of each (t, src, pid, sock) before
 * writing the record out as it came. Building a jansson tree for each and
 * printing it back cost about 5 us a record, most of it in malloc; this
 * scanner costs a few hundred ns and allocates nothing. It is strict: the
 * ring is writable by every traced program, so a record is checked in full
 * (RFC 8259, UTF-8 included) before a byte of it reaches a session.
 *
 * Reading a session back is the same problem a million times over, so the
 * session reader (session/event.c) reads lines with it too, and asks
 * jansson only about a line it cannot vouch for (jscan_object_unique).
 */
#ifndef SOCKLAB_JSCAN_H
#define SOCKLAB_JSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum jscan_type { JS_STRING, JS_NUMBER, JS_OBJECT, JS_ARRAY, JS_TRUE, JS_FALSE, JS_NULL };

/* One member of the top-level object. For a string, val points after the
 * opening quote and len excludes both quotes; escaped is true when it holds
 * a backslash escape (so the bytes are not the string's value). */
struct jscan_member {
	const char *key;
	size_t key_len;
	const char *val;
	size_t val_len;
	enum jscan_type type;
	bool escaped;
	bool key_escaped; /* the key holds an escape */
};

typedef void (*jscan_fn)(void *arg, const struct jscan_member *m);

/* Checks that the len bytes at text are exactly one JSON object (spaces
 * around it allowed) and calls fn for each of its top-level members in
 * order. Returns 0, or -1 if the text is not well-formed (fn may have been
 * called for the members before the fault). */
int jscan_object(const char *text, size_t len, jscan_fn fn, void *arg);

/*
 * The same, and also refuses (-1) an object that repeats a key, or whose
 * key holds an escape, at any depth: what jansson refuses with
 * JSON_REJECT_DUPLICATES, and what raw bytes cannot compare ("a" and
 * "\u0061" are one key). The session reader takes a line this accepts
 * as jansson would; the rest it asks jansson about.
 */
int jscan_object_unique(const char *text, size_t len, jscan_fn fn, void *arg);

/*
 * For a text already checked, by jscan or jansson (a line of a session
 * that was read): the members of the object, or the elements of the
 * array (a member's val and val_len, of type JS_ARRAY; key is NULL), found
 * without checking the text again, at any depth. Whatever the text, they
 * never read past its end; on a text that was not checked they may find
 * odd members, and return -1 where they see it is not an object (or
 * array). Returns 0.
 */
int jscan_object_trusted(const char *text, size_t len, jscan_fn fn, void *arg);
int jscan_array(const char *text, size_t len, jscan_fn fn, void *arg);

/* A string member's value, its escapes decoded as jansson decodes them,
 * into out, which holds at least m->val_len + 1 bytes (the value is
 * never longer than its text); NUL-terminated. Returns its length. m
 * comes from a text jscan accepted. */
size_t jscan_string(const struct jscan_member *m, char *out);

/* True when m is the member named key. JSCAN_IS, for a literal key,
 * knows its length at compile time: for the collector's hot loop. */
bool jscan_is(const struct jscan_member *m, const char *key);
static inline bool jscan_is_n(const struct jscan_member *m, const char *key, size_t n)
{
	return m->key_len == n && __builtin_memcmp(m->key, key, n) == 0;
}
#define JSCAN_IS(m, literal) jscan_is_n((m), (literal), sizeof(literal) - 1)

/* A number member as an integer; false if it is not an integer that fits. */
bool jscan_int(const struct jscan_member *m, int64_t *out);

#endif
