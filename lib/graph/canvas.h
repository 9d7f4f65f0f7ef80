/*
 * canvas.h - a time-sequence graph (graph/tseq.h) drawn in terminal cells:
 * the viewer's `g` screen. No curses here: the viewer copies the cells to
 * the screen and colours them by role; tests read them as text.
 *
 * With UTF-8 each cell holds a Unicode braille character, 2 x 4 dots, so
 * an 80-column terminal draws 144 dots across; without it (--ascii, the
 * Linux console) one character a cell: '|' data, '.' ACK, '-' window.
 * Letters mark what the TCP analysis says, over the lines:
 *
 *   R a retransmission   F a fast one   O out of order   P a window probe
 *   D a duplicate ACK    Z a zero window
 *
 * The cells: w x h. The left GRAPH_AXIS_W columns hold the sequence
 * numbers, the last two rows the time axis and its labels.
 */
#ifndef SOCKLAB_CANVAS_H
#define SOCKLAB_CANVAS_H

#include <stdbool.h>
#include <stddef.h>

#include "graph/tseq.h"

#define GRAPH_AXIS_W 8
/* The smallest canvas that says anything. */
#define GRAPH_MIN_W 24
#define GRAPH_MIN_H 6

/* In drawing order: a later role wins a cell. */
enum graph_role {
	GR_BLANK,
	GR_AXIS,  /* the axes and their labels */
	GR_EDGE,  /* the receive window's right edge */
	GR_ACK,	  /* the ACK line */
	GR_DATA,  /* data segments */
	GR_PROBE, /* window probes */
	GR_MARK,  /* a letter of the analysis */
	GR_COUNT
};

struct graph_cell {
	char text[5]; /* one character, UTF-8 */
	unsigned char role;
};

/* Draws g into cells[0 .. w * h), row after row. */
void graph_render(const struct tseq *g, int w, int h, bool utf8, struct graph_cell *cells);

/* "1.5M", "64K", "900": a sequence number for an axis label. */
void graph_bytes_label(uint64_t v, char *out, size_t cap);
/* "2.5 s", "340 ms": a time for an axis label. */
void graph_time_label(int64_t ns, char *out, size_t cap);

#endif
