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
 */
#ifndef SOCKLAB_SESSION_H
#define SOCKLAB_SESSION_H

#include <stddef.h>

#include "session/event.h"

struct text_chunk;

struct session {
	char *dir;
	struct event *ev; /* in file order */
	size_t n, cap;
	struct strpool *pool;
	struct text_chunk *text; /* the raw lines behind ev[i].raw */
	size_t lines;		 /* lines read, good or bad */
	size_t bad_lines;
	char first_bad[256]; /* "line 17: not JSON: ..." */
	void *meta;	     /* session.json as a jansson object, or NULL */
	/* While loading a piece at a time (session_begin): */
	void *file;			/* events.jsonl, open; NULL once read to its end */
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

/* Adds one line (without its newline). Returns 0, or -1 when the line is
 * not an event: then it is counted in bad_lines and not added. */
int session_append_line(struct session *s, const char *line, size_t len);

void session_close(struct session *s);

/* A number from session.json, by a dotted path ("lost.call"); dflt when
 * absent. */
long long session_meta_int(const struct session *s, const char *path, long long dflt);
/* A string from session.json by a dotted path, or NULL. */
const char *session_meta_str(const struct session *s, const char *path);

#endif
