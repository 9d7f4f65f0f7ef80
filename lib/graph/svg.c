/*
 * svg.c - a time-sequence graph as SVG (see svg.h).
 *
 * The plot area is a rectangle inside margins for the axes; time runs
 * across, sequence numbers up. Layers, bottom to top: the grid and axes,
 * the window's edge and the ACK line (polylines of steps), the data
 * segments (one line each), the marks of the analysis, the legend.
 */
#include "graph/svg.h"

#include <string.h>

#include "graph/canvas.h"
#include "wire/tcp.h"

#define LEFT   80
#define RIGHT  20
#define TOP    50
#define BOTTOM 70
#define PLOT_W (SVG_WIDTH - LEFT - RIGHT)
#define PLOT_H (SVG_HEIGHT - TOP - BOTTOM)
#define TICKS  5

static double sx(const struct tseq *g, int64_t t)
{
	int64_t span = g->t_hi - g->t_lo;

	return LEFT + (span > 0 ? (double)(t - g->t_lo) * PLOT_W / (double)span : 0);
}

static double sy(const struct tseq *g, uint32_t seq)
{
	return TOP + PLOT_H - (g->y_hi ? (double)seq * PLOT_H / (double)g->y_hi : 0);
}

/* Text with <, > and & made safe. */
static void put_escaped(FILE *out, const char *s)
{
	for (; s && *s; s++)
		if (*s == '<')
			fputs("&lt;", out);
		else if (*s == '>')
			fputs("&gt;", out);
		else if (*s == '&')
			fputs("&amp;", out);
		else
			fputc(*s, out);
}

static void axes(const struct tseq *g, FILE *out)
{
	char label[32];

	fprintf(out, "<g class=\"axes\" stroke=\"#999\" stroke-width=\"1\" font-size=\"12\">\n");
	fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\"/>\n", LEFT,
		TOP, PLOT_W, PLOT_H);
	for (int k = 0; k <= TICKS; k++) {
		double x = LEFT + (double)PLOT_W * k / TICKS,
		       y = TOP + PLOT_H - (double)PLOT_H * k / TICKS;
		graph_time_label((g->t_hi - g->t_lo) * k / TICKS, label, sizeof(label));
		fprintf(out,
			"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>\n", x,
			TOP, x, TOP + PLOT_H);
		fprintf(out,
			"<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" "
			"stroke=\"none\">%s</text>\n",
			x, TOP + PLOT_H + 18, label);
		graph_bytes_label((uint64_t)g->y_hi * k / TICKS, label, sizeof(label));
		fprintf(out,
			"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>\n",
			LEFT, y, LEFT + PLOT_W, y);
		fprintf(out,
			"<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" stroke=\"none\">%s</text>\n",
			LEFT - 6, y + 4, label);
	}
	fprintf(out,
		"<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" stroke=\"none\">time since the "
		"first packet</text>\n",
		LEFT + PLOT_W / 2, TOP + PLOT_H + 38);
	fprintf(out,
		"<text transform=\"translate(16 %d) rotate(-90)\" text-anchor=\"middle\" "
		"stroke=\"none\">relative sequence number (bytes)</text>\n</g>\n",
		TOP + PLOT_H / 2);
}

/* The ACK line, or the window's edge, as steps. */
static void steps(const struct tseq *g, bool edge, FILE *out)
{
	fprintf(out,
		"<polyline class=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"",
		edge ? "window" : "ack", edge ? "#3070d0" : "#20a040");
	for (size_t i = 0; i < g->nack; i++) {
		double y = sy(g, edge ? g->ack[i].edge : g->ack[i].ack);
		double x1 = i + 1 < g->nack ? sx(g, g->ack[i + 1].t) : sx(g, g->t_hi);
		fprintf(out, "%.1f,%.1f %.1f,%.1f ", sx(g, g->ack[i].t), y, x1, y);
	}
	fprintf(out, "\"/>\n");
}

static const char *seg_class(const struct tseq_seg *s)
{
	if (s->marks &
	    (TCPA_RETRANSMISSION | TCPA_FAST_RETRANSMISSION | TCPA_SPURIOUS_RETRANSMISSION))
		return "seg retransmission";
	if (s->marks & TCPA_OUT_OF_ORDER)
		return "seg out-of-order";
	return s->probe ? "seg probe" : "seg";
}

static const char *seg_colour(const struct tseq_seg *s)
{
	return strstr(seg_class(s), "retransmission") ? "#d02020"
	       : strstr(seg_class(s), "out-of-order") ? "#e08000"
	       : s->probe			      ? "#a040c0"
						      : "#202020";
}

static void segments(const struct tseq *g, FILE *out)
{
	for (size_t i = 0; i < g->nseg; i++) {
		const struct tseq_seg *s = &g->seg[i];
		double x = sx(g, s->t);
		if (s->probe) {
			/* A probe carries no byte (Linux's) or one: a dot, to be seen. */
			fprintf(out,
				"<circle class=\"seg probe\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" "
				"fill=\"%s\"><title>frame %u: window probe, seq "
				"%u</title></circle>\n",
				x, sy(g, s->lo), seg_colour(s), s->frame, s->lo);
			continue;
		}
		fprintf(out,
			"<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			"stroke=\"%s\" stroke-width=\"%s\"><title>frame %u: seq "
			"%u-%u</title></line>\n",
			seg_class(s), x, sy(g, s->lo), x, sy(g, s->hi), seg_colour(s),
			strcmp(seg_class(s), "seg") ? "3" : "1.5", s->frame, s->lo, s->hi);
	}
}

/* A mark on an ACK: a duplicate ACK, a zero window. */
static void ack_marks(const struct tseq *g, FILE *out)
{
	for (size_t i = 0; i < g->nack; i++) {
		const struct tseq_ack *a = &g->ack[i];
		bool zero = a->marks & TCPA_ZERO_WINDOW, dup = a->marks & TCPA_DUPLICATE_ACK;
		if (!zero && !dup)
			continue;
		fprintf(out,
			"<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" fill=\"%s\">"
			"<title>frame %u: %s, ack %u</title></circle>\n",
			zero ? "zero-window" : "dup-ack", sx(g, a->t), sy(g, a->ack),
			zero ? "5" : "3", zero ? "#3070d0" : "#20a040", a->frame,
			zero ? "zero window" : "duplicate ACK", a->ack);
	}
}

static void legend(FILE *out)
{
	static const struct {
		const char *colour, *what;
	} keys[] = {
		{"#202020", "data segment"},	   {"#d02020", "retransmission"},
		{"#e08000", "out of order"},	   {"#a040c0", "window probe"},
		{"#20a040", "ACK (dot: dup ACK)"}, {"#3070d0", "window edge (dot: zero window)"},
	};
	int x = LEFT;

	fprintf(out, "<g class=\"legend\" font-size=\"12\">\n");
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		fprintf(out,
			"<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"4\" fill=\"%s\"/>"
			"<text x=\"%d\" y=\"%d\">%s</text>\n",
			x, SVG_HEIGHT - 14, keys[i].colour, x + 16, SVG_HEIGHT - 9, keys[i].what);
		x += 22 + 7 * (int)strlen(keys[i].what);
	}
	fprintf(out, "</g>\n");
}

int graph_svg(const struct tseq *g, const char *title, FILE *out)
{
	fprintf(out,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		"viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">\n"
		"<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
		"<text x=\"%d\" y=\"28\" font-size=\"16\">",
		SVG_WIDTH, SVG_HEIGHT, SVG_WIDTH, SVG_HEIGHT, LEFT);
	put_escaped(out, title);
	fprintf(out, "</text>\n");
	axes(g, out);
	steps(g, true, out);
	steps(g, false, out);
	segments(g, out);
	ack_marks(g, out);
	legend(out);
	fprintf(out, "</svg>\n");
	return ferror(out) ? -1 : 0;
}
