/*
 * canvas.c - a time-sequence graph in terminal cells (see canvas.h).
 *
 * The plot is a grid of dots: each cell 2 x 4 of them with braille, 1 x 1
 * without. Dots are set by role into a bit mask per cell; the cell's role
 * is the highest of its dots' (canvas.h: later roles win). Then each cell
 * becomes a character: a braille pattern, or in ASCII the role's
 * character; letters of the analysis go over them.
 */
#include "graph/canvas.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/tcp.h"

struct plot {
	struct graph_cell *cells;
	unsigned char *dots; /* per plot cell: braille bits */
	int w;		     /* the canvas' width in cells */
	int x0, pw, ph;	     /* the plot's first column, its width and height in cells */
	int dx, dy;	     /* dots a cell: 2 x 4, or 1 x 1 */
	bool utf8;
	const struct tseq *g;
};

/* ---- labels ------------------------------------------------------------- */

void graph_bytes_label(uint64_t v, char *out, size_t cap)
{
	if (v >= 1000000)
		snprintf(out, cap, "%.1fM", v / 1e6);
	else if (v >= 10000)
		snprintf(out, cap, "%lluK", (unsigned long long)(v / 1000));
	else
		snprintf(out, cap, "%llu", (unsigned long long)v);
}

void graph_time_label(int64_t ns, char *out, size_t cap)
{
	if (ns >= 1000000000LL)
		snprintf(out, cap, "%.2f s", ns / 1e9);
	else
		snprintf(out, cap, "%.0f ms", ns / 1e6);
}

/* ---- dots ----------------------------------------------------------------- */

static struct graph_cell *cell(struct plot *p, int row, int col)
{
	return &p->cells[row * p->w + col];
}

/* Dot (x, y) of the plot, y down from the top, with role. */
static void dot(struct plot *p, long x, long y, enum graph_role role)
{
	/* Braille dots: bits 0-2 and 6 down the left column, 3-5 and 7 the right. */
	static const unsigned char bit[2][4] = {{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}};
	int col, row;
	struct graph_cell *c;

	if (x < 0 || y < 0 || x >= (long)p->pw * p->dx || y >= (long)p->ph * p->dy)
		return;
	col = (int)(x / p->dx);
	row = (int)(y / p->dy);
	p->dots[row * p->pw + col] |= p->utf8 ? bit[x % 2][y % 4] : 1;
	c = cell(p, row, p->x0 + col);
	if (role > c->role)
		c->role = (unsigned char)role;
}

static long x_of(const struct plot *p, int64_t t)
{
	int64_t span = p->g->t_hi - p->g->t_lo;
	long n = (long)p->pw * p->dx - 1;

	return span > 0 ? (long)((t - p->g->t_lo) * (double)n / (double)span) : 0;
}

static long y_of(const struct plot *p, uint32_t seq)
{
	long n = (long)p->ph * p->dy - 1;

	return p->g->y_hi ? n - (long)((double)seq * n / (double)p->g->y_hi) : n;
}

static void vline(struct plot *p, long x, long y0, long y1, enum graph_role role)
{
	for (long y = y0 < y1 ? y0 : y1; y <= (y0 < y1 ? y1 : y0); y++)
		dot(p, x, y, role);
}

static void hline(struct plot *p, long x0, long x1, long y, enum graph_role role)
{
	for (long x = x0; x <= x1; x++)
		dot(p, x, y, role);
}

/* A line of steps through (t, value) points: flat until the next point,
 * then up (or down) to it. */
static void steps(struct plot *p, const struct tseq_ack *a, size_t n, bool edge,
		  enum graph_role role)
{
	for (size_t i = 0; i < n; i++) {
		long x = x_of(p, a[i].t), y = y_of(p, edge ? a[i].edge : a[i].ack);
		long x1 = i + 1 < n ? x_of(p, a[i + 1].t) : x_of(p, p->g->t_hi);
		long y1 = i + 1 < n ? y_of(p, edge ? a[i + 1].edge : a[i + 1].ack) : y;
		hline(p, x, x1, y, role);
		vline(p, x1, y, y1, role);
	}
}

/* ---- letters -------------------------------------------------------------- */

static void letter(struct plot *p, long x, long y, char ch)
{
	int col = (int)(x / p->dx), row = (int)(y / p->dy);
	struct graph_cell *c;

	if (col < 0 || row < 0 || col >= p->pw || row >= p->ph)
		return;
	c = cell(p, row, p->x0 + col);
	snprintf(c->text, sizeof(c->text), "%c", ch);
	c->role = GR_MARK;
	p->dots[row * p->pw + col] = 0;
}

static char seg_letter(const struct tseq_seg *s)
{
	if (s->marks & TCPA_FAST_RETRANSMISSION)
		return 'F';
	if (s->marks & (TCPA_RETRANSMISSION | TCPA_SPURIOUS_RETRANSMISSION))
		return 'R';
	if (s->marks & TCPA_OUT_OF_ORDER)
		return 'O';
	return s->probe ? 'P' : 0;
}

static char ack_letter(const struct tseq_ack *a)
{
	if (a->marks & TCPA_ZERO_WINDOW)
		return 'Z';
	return a->marks & TCPA_DUPLICATE_ACK ? 'D' : 0;
}

/* ---- the picture ---------------------------------------------------------- */

static void draw_lines(struct plot *p)
{
	const struct tseq *g = p->g;

	steps(p, g->ack, g->nack, true, GR_EDGE);
	steps(p, g->ack, g->nack, false, GR_ACK);
	for (size_t i = 0; i < g->nseg; i++)
		vline(p, x_of(p, g->seg[i].t), y_of(p, g->seg[i].lo), y_of(p, g->seg[i].hi),
		      g->seg[i].probe ? GR_PROBE : GR_DATA);
}

static void draw_letters(struct plot *p)
{
	const struct tseq *g = p->g;
	char ch;

	for (size_t i = 0; i < g->nack; i++)
		if ((ch = ack_letter(&g->ack[i])))
			letter(p, x_of(p, g->ack[i].t), y_of(p, g->ack[i].ack), ch);
	for (size_t i = 0; i < g->nseg; i++)
		if ((ch = seg_letter(&g->seg[i])))
			letter(p, x_of(p, g->seg[i].t), y_of(p, g->seg[i].hi), ch);
}

/* Each plot cell's character from its dots and role. */
static void dots_to_text(struct plot *p)
{
	static const char ascii[GR_COUNT] = {' ', '+', '-', '.', '|', 'P', '?'};

	for (int row = 0; row < p->ph; row++)
		for (int col = 0; col < p->pw; col++) {
			unsigned char d = p->dots[row * p->pw + col];
			struct graph_cell *c = cell(p, row, p->x0 + col);
			unsigned cp = 0x2800 + d;
			if (!d)
				continue;
			if (!p->utf8)
				snprintf(c->text, sizeof(c->text), "%c", ascii[c->role]);
			else
				snprintf(c->text, sizeof(c->text), "%c%c%c", 0xe0 | (cp >> 12),
					 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
		}
}

static void put(struct plot *p, int row, int col, const char *text, enum graph_role role)
{
	for (int i = 0; text[i] && col + i < p->w; i++) {
		if (col + i < 0)
			continue;
		struct graph_cell *c = cell(p, row, col + i);
		snprintf(c->text, sizeof(c->text), "%c", text[i]);
		c->role = (unsigned char)role;
	}
}

/* The sequence axis on the left (top, middle, 0), the time axis below. */
static void draw_axes(struct plot *p)
{
	char label[24];
	int bottom = p->ph;

	for (int row = 0; row < p->ph; row++)
		put(p, row, p->x0 - 1, p->utf8 ? "|" : "|", GR_AXIS);
	for (int col = p->x0 - 1; col < p->w; col++)
		put(p, bottom, col, col == p->x0 - 1 ? "+" : "-", GR_AXIS);
	for (int k = 0; k <= 2; k++) {
		graph_bytes_label((uint64_t)p->g->y_hi * (2 - k) / 2, label, sizeof(label));
		put(p, k * (p->ph - 1) / 2, p->x0 - 2 - (int)strlen(label), label, GR_AXIS);
	}
	graph_time_label(0, label, sizeof(label));
	put(p, bottom + 1, p->x0, label, GR_AXIS);
	graph_time_label(p->g->t_hi - p->g->t_lo, label, sizeof(label));
	put(p, bottom + 1, p->w - (int)strlen(label), label, GR_AXIS);
	graph_time_label((p->g->t_hi - p->g->t_lo) / 2, label, sizeof(label));
	put(p, bottom + 1, p->x0 + p->pw / 2 - (int)strlen(label) / 2, label, GR_AXIS);
}

void graph_render(const struct tseq *g, int w, int h, bool utf8, struct graph_cell *cells)
{
	struct plot p = {.cells = cells, .w = w, .x0 = GRAPH_AXIS_W, .utf8 = utf8, .g = g};

	for (int i = 0; i < w * h; i++)
		cells[i] = (struct graph_cell){" ", GR_BLANK};
	if (w < GRAPH_MIN_W || h < GRAPH_MIN_H || !g->from)
		return;
	p.pw = w - GRAPH_AXIS_W;
	p.ph = h - 2;
	p.dx = utf8 ? 2 : 1;
	p.dy = utf8 ? 4 : 1;
	p.dots = calloc((size_t)p.pw * p.ph, 1);
	if (!p.dots)
		return;
	draw_axes(&p);
	draw_lines(&p);
	draw_letters(&p);
	dots_to_text(&p);
	free(p.dots);
}
