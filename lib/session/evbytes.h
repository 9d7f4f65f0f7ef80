/*
 * evbytes.h - the bytes an event carries: a packet's payload, or what a
 * data call wrote or read (its first DATA_BYTES_MAX bytes, "data" in the
 * event's line, docs/DESIGN.md), for the viewer to show and for checks to
 * read.
 *
 * They are read from the event's line when asked, not kept in struct
 * event: most events have none, and the viewer holds a million events.
 */
#ifndef SOCKLAB_EVBYTES_H
#define SOCKLAB_EVBYTES_H

#include <stddef.h>
#include <stdint.h>

#include "session/event.h"
#include "wire/hexbytes.h"

/* Copies e's bytes (at most cap) into out. Returns how many: 0 when the
 * event carries none, or its "data" is not hex. */
size_t event_bytes(const struct event *e, uint8_t *out, size_t cap);

/* How many bytes the event's payload has in all (a packet's len, a call's
 * ret), of which event_bytes() gives the first. */
int64_t event_bytes_total(const struct event *e);

/* Bytes shown on one line of a dump. */
#define BYTES_PER_ROW 16

/*
 * One line of a dump of p (n bytes), the row starting at off, as `xxd`
 * and Wireshark's bytes pane print it: the offset, the bytes in hex (a
 * space in the middle), then the bytes as text ('.' for a byte that is
 * not printable ASCII):
 *
 *   0000  41 00 00 00 b0 04 00 00  3d 0a d7 a3 70 ba 42 40  A.......=...p.B@
 */
void bytes_dump_row(const uint8_t *p, size_t n, size_t off, char *out, size_t cap);

#endif
