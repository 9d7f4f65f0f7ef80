/*
 * draw_bytes.c - the bytes of the event at the cursor, on demand (key x):
 * a box over the foot of the ladder with the payload's first bytes in hex
 * and as text, as Wireshark's bytes pane shows them. It follows the
 * cursor, so stepping through a conversation reads it segment by segment.
 */
#include <stdio.h>
#include <string.h>

#include "draw.h"
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

void draw_bytes(const struct ui *u)
{
	const struct rect *r = &u->lay.ladder;
	size_t i = model_cur_event(&u->m), n = 0;
	uint8_t data[DATA_BYTES_MAX];
	char line[320];
	struct event buf;
	const struct event *e;
	int rows, y0;

	if (i == SIZE_MAX)
		return;
	e = session_event(&u->m.s, i, &buf);
	n = event_bytes(e, data, sizeof(data));
	rows = (int)((n + BYTES_PER_ROW - 1) / BYTES_PER_ROW);
	y0 = r->y + r->h - rows - 2;
	if (y0 < r->y)
		y0 = r->y;
	for (int y = y0; y < r->y + r->h; y++)
		mvhline(y, r->x, ' ', r->w);
	bytes_title(e, n, line, sizeof(line));
	draw_text(y0, r->x, r->w, u->t.ui[UI_PANE], line);
	for (int k = 0; k < rows && y0 + 1 + k < r->y + r->h; k++) {
		bytes_dump_row(data, n, (size_t)k * BYTES_PER_ROW, line, sizeof(line));
		draw_text(y0 + 1 + k, r->x + 1, r->w - 1, A_NORMAL, line);
	}
}
