/*
 * evstore.h - a session's events kept compact, for the viewer and `socklab
 * show`, which hold a whole session however long it is.
 *
 * A struct event is 152 bytes, mostly pointers and 64-bit numbers that are
 * NULL, -1 or small. Kept here, an event is a record of about 25 bytes:
 * its numbers as varints (the difference from their usual value), its
 * strings as their numbers in the session's pool (strpool_id), and only
 * the fields that differ from the usual. evstore_get() gives it back as a
 * struct event, field for field as event_parse() made it, in about 50 ns.
 *
 * Records are found by their index: they are grouped in blocks of
 * EVSTORE_BLOCK events; a block keeps where its records start and the
 * time, text position and line of its first event, and each record is
 * written relative to those (so a time or a position costs 2-3 bytes), at
 * a 16-bit offset from the block's start.
 */
#ifndef SOCKLAB_EVSTORE_H
#define SOCKLAB_EVSTORE_H

#include <stddef.h>
#include <stdint.h>

#include "base/strpool.h"
#include "session/event.h"

#define EVSTORE_BLOCK 64

struct evblock {
	uint64_t base;	/* where its first record starts in bytes */
	int64_t t0;	/* the time of its first event */
	uint64_t text0; /* and where its line starts in the session's text */
	uint32_t line0; /* and its line number */
};

struct evstore {
	uint8_t *bytes; /* the records, one after the other */
	size_t used, cap;
	uint16_t *at; /* at[i]: where record i starts, from its block's base */
	size_t n, at_cap;
	struct evblock *block;
	size_t nblock, block_cap;
};

/* Appends e, whose line starts at position text of the session's text.
 * e's strings must come from the pool evstore_get() is given. Returns 0,
 * or -1 out of memory. */
int evstore_put(struct evstore *st, const struct event *e, uint64_t text);

/* Event i into *e (its json left NULL: *text is where its line starts). */
void evstore_get(const struct evstore *st, const struct strpool *pool, size_t i, struct event *e,
		 uint64_t *text);

void evstore_free(struct evstore *st);

#endif
