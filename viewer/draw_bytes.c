/*
 * draw_bytes.c - the bytes of the event at the cursor, on demand (key x):
 * a box over the foot of the ladder with the payload's first bytes in hex
 * and as text, as Wireshark's bytes pane shows them. It follows the
 * cursor, so stepping through a conversation reads it segment by segment.
 * A segment whose frame is in the session's capture.pcap is shown split
 * as the layers made it: each header's bytes, labelled, then the payload.
 */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "draw.h"
#include "frame_layers.h"
#include "session/evbytes.h"

/* What the box is about, in a line: "frame 4, 127.0.0.1:41450 > ...". */
static void bytes_title(const struct event *e, size_t n, char *out, size_t cap)
{
	long long total = (long long)event_bytes_total(e);
	char what[160];

	if (e->src == SRC_PKT)
		snprintf(what, sizeof(what), "frame %u, %s > %s", e->pkt.frame,
			 e->pkt.from ? e->pkt.from : "?", e->pkt.to ? e->pkt.to : "?");
	else
		snprintf(what, sizeof(what), "[%d] %s(%d)", e->pid, e->call.fn ? e->call.fn : "?",
			 e->call.fd);
	if (n == 0)
		snprintf(out, cap, " %s: no bytes kept (x hides this) ", what);
	else
		snprintf(out, cap, " %s: %s%zu of %lld bytes (x hides this) ", what,
			 (long long)n < total ? "the first " : "", n, total);
}

/* Rows of a part of the box: a label, then the bytes; NULL label: none. */
struct rows {
	const char *label;
	const uint8_t *p;
	size_t n;
};

/* The box's parts: the frame's headers (when its capture has the frame),
 * then the payload. Returns how many. */
static int box_parts(const struct ui *u, const struct event *e, const uint8_t *data, size_t n,
		     struct frame_layers *fl, struct rows *out)
{
	int k = 0;

	if (e->src == SRC_PKT && frame_layers_read(u->m.s.dir, e->pkt.frame, fl) == 0) {
		for (int i = 0; i < fl->nparts - 1; i++)
			out[k++] = (struct rows){fl->part[i].name, fl->bytes + fl->part[i].off,
						 fl->part[i].len};
		out[k++] = (struct rows){N_("payload"), data, n};
	} else
		out[k++] = (struct rows){NULL, data, n};
	return k;
}

static int rows_of(const struct rows *r)
{
	return (r->label != NULL) + (int)((r->n + BYTES_PER_ROW - 1) / BYTES_PER_ROW);
}

void draw_bytes(const struct ui *u)
{
	const struct rect *r = &u->lay.ladder;
	size_t i = model_cur_event(&u->m), n = 0;
	uint8_t data[DATA_BYTES_MAX];
	struct rows part[FRAME_LAYERS_MAX];
	struct frame_layers fl;
	char line[320];
	struct event buf;
	const struct event *e;
	int nparts, rows = 0, y, y0;

	if (i == SIZE_MAX)
		return;
	e = session_event(&u->m.s, i, &buf);
	n = event_bytes(e, data, sizeof(data));
	nparts = box_parts(u, e, data, n, &fl, part);
	for (int p = 0; p < nparts; p++)
		rows += rows_of(&part[p]);
	y0 = r->y + r->h - rows - 2;
	if (y0 < r->y)
		y0 = r->y;
	for (y = y0; y < r->y + r->h; y++)
		mvhline(y, r->x, ' ', r->w);
	bytes_title(e, n, line, sizeof(line));
	draw_text(y0, r->x, r->w, u->t.ui[UI_PANE], line);
	y = y0 + 1;
	for (int p = 0; p < nparts; p++) {
		if (part[p].label && y < r->y + r->h) {
			snprintf(line, sizeof(line), _("%s, %zu bytes:"), _(part[p].label),
				 p == nparts - 1 ? (size_t)event_bytes_total(e) : part[p].n);
			draw_text(y++, r->x + 1, r->w - 1, u->t.ui[UI_PANE], line);
		}
		for (size_t off = 0; off < part[p].n && y < r->y + r->h; off += BYTES_PER_ROW) {
			bytes_dump_row(part[p].p, part[p].n, off, line, sizeof(line));
			draw_text(y++, r->x + 1, r->w - 1, A_NORMAL, line);
		}
	}
}
