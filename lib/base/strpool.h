/*
 * strpool.h - interned strings.
 *
 * A session names the same few hundred strings over and over (function
 * names, errno names, addresses). The pool keeps one copy of each and hands
 * out a pointer that stays valid until the pool is freed, so events can
 * compare names by pointer and a million events do not carry a million
 * copies of "127.0.0.1:9190".
 *
 * One thread may add while others read strings already handed out: strings
 * never move.
 */
#ifndef SOCKLAB_STRPOOL_H
#define SOCKLAB_STRPOOL_H

#include <stddef.h>
#include <stdint.h>

struct strpool;

struct strpool *strpool_new(void);
void strpool_free(struct strpool *p);

/* The pool's copy of the len bytes at s (plus a NUL), or NULL when out of
 * memory. */
const char *strpool_intern(struct strpool *p, const char *s, size_t len);

/* Same, for a NUL-terminated string; NULL stays NULL. */
const char *strpool_get(struct strpool *p, const char *s);

/* The pool's copy of s if it has one, NULL if not: a look-up that adds
 * nothing, for strings from outside (another program's packets) that
 * would only fill the pool. */
const char *strpool_find(const struct strpool *p, const char *s);

/* The number of a string the pool handed out (1, 2, ... in the order
 * they came), 0 for NULL; and back. strpool_str() must not run while
 * another thread adds. */
uint32_t strpool_id(const char *interned);
const char *strpool_str(const struct strpool *p, uint32_t id);

/* The memory the pool holds, in bytes. */
size_t strpool_bytes(const struct strpool *p);

#endif
