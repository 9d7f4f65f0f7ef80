/*
 * sessionfile.h - the session folder's files, and the one way to add to a
 * session once it is written.
 *
 * A session folder holds events.jsonl, capture.pcap and session.json (see
 * docs/DESIGN.md, "A session on disk"). Their names are spelled here and
 * nowhere else. The collector writes the folder; a note added afterwards
 * (a checkpoint's result, a grading check's) goes through
 * session_append_notes(), which also keeps session.json's "events" equal to
 * the number of lines of events.jsonl.
 */
#ifndef SOCKLAB_SESSIONFILE_H
#define SOCKLAB_SESSIONFILE_H

#include <stddef.h>

#include <jansson.h>

#define SESSION_EVENTS	"events.jsonl"
#define SESSION_CAPTURE "capture.pcap"
#define SESSION_META	"session.json"

/* dir/name into out (cap bytes). Returns 0, or -1 when it does not fit. */
int session_file(char *out, size_t cap, const char *dir, const char *name);

/* Writes meta as dir/session.json, whole or not at all (a temporary file
 * renamed over it). Returns 0, or -1 with errno set. */
int session_meta_write(const char *dir, json_t *meta);

/*
 * Appends n JSON lines (each one object, without its newline) to
 * dir/events.jsonl, in order, and adds n to "events" in dir/session.json.
 * Returns 0, or -1 with a sentence in err.
 */
int session_append_notes(const char *dir, char *const lines[], size_t n, char *err, size_t errlen);

#endif
