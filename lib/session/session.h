/*
 * session.h - a recorded session, loaded for reading.
 *
 * A session is a folder (docs/DESIGN.md, "A session on disk"):
 *   events.jsonl   one event per line, in time order
 *   capture.pcap   the packets; frame N is the event with "frame": N
 *   session.json   what was recorded, from which sources, and what was lost
 *
 * session_open() loads every event it can. A line that is not a valid event
 * is skipped and counted, and the first such problem is kept in words, so a
 * damaged session still shows everything that is intact.
 *
 * The lines are not copied: events.jsonl is mapped, and each event's json
 * points into it (pages already read are given back to the kernel as the
 * loading goes, so a big file does not stay resident). The events are kept
 * one of two ways:
 *   - decoded, in s->ev, for code that holds several at once (checks,
 *     grading, plot): a struct event each;
 *   - compact (session_compact()), for the viewer and `socklab show`,
 *     which hold a whole session however long: about 25 bytes an event
 *     (session/evstore.h), s->ev stays NULL.
 * session_event() reads event i either way: the one way for code that may
 * be given both (the ladder, the process and socket tables).
 */
#ifndef SOCKLAB_SESSION_H
#define SOCKLAB_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "session/event.h"
#include "session/evstore.h"

/* Lines added one at a time (a live session) are kept in chunks that never
 * move, so an event's json stays where it is. */
struct session_text {
	char **slot; /* slot[k]: the text at positions [k, k + 1) * CHUNK */
	size_t nslot, slot_cap;
	size_t used;  /* in the last slot */
	char **alloc; /* what to free */
	size_t nalloc, alloc_cap;
};

struct session {
	char *dir;
	size_t n;	  /* events */
	struct event *ev; /* decoded, in file order; NULL when compact */
	size_t cap;
	bool compact;
	struct evstore store; /* compact: the events */
	struct strpool *pool;
	/* The lines: events.jsonl (mapped, or read whole where it cannot be
	 * mapped), then lines added one at a time. */
	const char *map;
	size_t map_len;
	bool map_is_heap;
	size_t map_given_back; /* bytes before this were given back */
	struct session_text text;
	size_t lines; /* lines read, good or bad */
	size_t bad_lines;
	char first_bad[256]; /* "line 17: not JSON: ..." */
	void *meta;	     /* session.json as a jansson object, or NULL */
	/* While loading a piece at a time (session_begin): */
	bool loading;			/* events.jsonl has lines not read yet */
	long long file_size, file_done; /* bytes in it, and read so far */
};

/* Loads the session in dir. Returns 0, or -1 with err saying what is
 * wrong in words a student can act on (no such folder, not a session). */
int session_open(struct session *s, const char *dir, char *err, size_t errlen);

/*
 * The same, a piece at a time, for a viewer that shows its first screen
 * before a big session has finished loading: session_begin() checks the
 * folder and reads session.json but no event; each session_load() then
 * reads up to max_lines more lines. session_load() returns 1 while lines
 * remain, 0 at the end, -1 when the file cannot be read (err says why).
 */
int session_begin(struct session *s, const char *dir, char *err, size_t errlen);
int session_load(struct session *s, size_t max_lines, char *err, size_t errlen);

/* An empty session, to be filled line by line (a live session). */
int session_init(struct session *s);

/* Keeps the events compact (before the first one is added): s->ev stays
 * NULL, and session_event() decodes each when asked. */
void session_compact(struct session *s);

/* Adds one line (without its newline). Returns 0, or -1 when the line is
 * not an event: then it is counted in bad_lines and not added. */
int session_append_line(struct session *s, const char *line, size_t len);

/* Event i (< s->n): &s->ev[i], or, in a compact session, decoded into
 * *buf. Valid until buf is used again or the session changes. */
const struct event *session_event(const struct session *s, size_t i, struct event *buf);

/*
 * Reading without keeping (`socklab show --flat`): after session_begin(),
 * each call reads the next event of events.jsonl into *e, valid until the
 * next call; bad lines are counted and skipped as session_load() does.
 * Returns 1, or 0 at the end. Memory stays the same however long the file.
 */
int session_next(struct session *s, struct event *e);

void session_close(struct session *s);

/* A number from session.json, by a dotted path ("lost.call"); dflt when
 * absent. */
long long session_meta_int(const struct session *s, const char *path, long long dflt);
/* A string from session.json by a dotted path, or NULL. */
const char *session_meta_str(const struct session *s, const char *path);

#endif
