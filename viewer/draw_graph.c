/*
 * draw_graph.c - the time-sequence graph screen (key g): the connection in
 * focus (or the cursor's) as of the cursor, drawn by lib/graph/canvas.c
 * into the whole screen between a title line and a legend.
 */
#include <stdio.h>
#include <stdlib.h>

#include "draw.h"
#include "graph/canvas.h"
#include "graph/tseq.h"

/* The attribute of each role: the ladder's colours. */
static attr_t role_attr(const struct ui *u, enum graph_role r)
{
	switch (r) {
	case GR_AXIS:
		return A_DIM;
	case GR_ACK:
		return u->t.ladder[LR_OPEN];
	case GR_EDGE:
		return u->t.ladder[LR_CLOSE];
	case GR_PROBE:
		return u->t.ladder[LR_TROUBLE];
	case GR_MARK:
		return u->t.ladder[LR_ERROR];
	default:
		return A_NORMAL;
	}
}

/* The connection to draw: the one in focus, else the cursor's. */
static int graph_conn(const struct model *m)
{
	return m->focus >= 0 ? m->focus : model_cur_conn(m);
}

static void draw_graph_title(const struct ui *u, const struct tseq *g, int conn)
{
	char line[512], when[32], bytes[16];

	event_time_str(model_time(&u->m), when, sizeof(when));
	graph_bytes_label(g->bytes[0], bytes, sizeof(bytes));
	if (g->from)
		snprintf(line, sizeof(line), " time-sequence, conn %d: %s > %s, %s bytes, at %s s ",
			 conn, g->from, g->to, bytes, when);
	else
		snprintf(line, sizeof(line), " time-sequence graph: %s ",
			 conn < 0 ? "no connection yet (move to one, or Enter on it)"
				  : "no TCP packet on it yet");
	attrset(u->t.ui[UI_TITLE]);
	mvhline(0, 0, ' ', u->w);
	attrset(A_NORMAL);
	draw_text(0, 0, u->w, u->t.ui[UI_TITLE], line);
}

/* What the letters and lines mean, as much as the width allows. */
static void draw_legend(const struct ui *u)
{
	const char *lines = u->t.utf8 ? "" : "| data . ACK - window  ";
	const char *letters =
		u->w >= 120 ? "R retransmission  F fast retransmission  O out of order  P window "
			      "probe  D dup ACK  Z zero window   g/Esc back  d the other way"
			    : "R resent F fast O order P probe D dupACK Z zero  g back d other way";
	char line[256];

	snprintf(line, sizeof(line), "%s%s", lines, letters);
	draw_text(u->h - 1, 0, u->w, A_DIM, line);
}

static void draw_cells(const struct ui *u, const struct graph_cell *cells, int w, int h)
{
	for (int row = 0; row < h; row++)
		for (int col = 0; col < w; col++) {
			const struct graph_cell *c = &cells[row * w + col];
			if (c->role != GR_BLANK)
				draw_glyph(1 + row, col, 1, role_attr(u, c->role), c->text);
		}
}

void draw_graph(const struct ui *u)
{
	const struct model *m = &u->m;
	int conn = graph_conn(m), w = u->w, h = u->h - 2;
	struct tseq g = {0};
	struct graph_cell *cells = calloc((size_t)w * (h > 0 ? h : 1), sizeof(*cells));
	const struct ladder_idx *evs =
		conn >= 0 && (size_t)conn < m->lad.nconn ? &m->lad.conn[conn].ev : NULL;

	if (cells && evs &&
	    tseq_build(&g, &m->s, evs->i, evs->n, conn, model_time(m), u->graph_other) == 0)
		graph_render(&g, w, h, u->t.utf8, cells);
	draw_graph_title(u, &g, conn);
	if (cells && g.from)
		draw_cells(u, cells, w, h);
	draw_legend(u);
	tseq_free(&g);
	free(cells);
}
