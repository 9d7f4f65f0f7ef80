/*
 * ladder_render.c - one row of the ladder as cells, and the labels on it.
 *
 * A row is drawn in three layers: the lifelines of every column, then the
 * arrow with its label centred on the shaft, then the notes. A note sits
 * beside its column's lifeline, on the side away from the row's arrow (the
 * first column's notes on its left, the others' on their right), and is
 * cut short, with a mark, where the next lifeline begins.
 */
#include <stdio.h>
#include <string.h>

#include "base/text.h"
#include "ladder/ladder.h"

/* ---- labels --------------------------------------------------------- */

/* "[dup ACK #3] ", "[zero window, window probe ACK] ": every mark at
 * detail 3, the most telling one below; "" when unmarked. */
static void mark_label(const struct event *e, int detail, char *out, size_t cap)
{
	char words[160];

	out[0] = '\0';
	if (!event_analysis_words(e, words, sizeof(words)))
		return;
	if (detail < 3)
		words[strcspn(words, ",")] = '\0';
	snprintf(out, cap, "[%s] ", words);
}

/*
 * "SYN seq=0", "SYN,ACK seq=0 ack=1", "ACK ack=1", "PSH,ACK seq=1 ack=1
 * len=5"; UDP "UDP 12 bytes"; a marked segment leads with its mark,
 * "[retransmission] PSH,ACK seq=1 len=5". detail 3 says everything; each
 * level below drops something, down to 0, the flags' letters (after the
 * most telling mark, on a marked segment).
 */
void ladder_arrow_label(const struct event *e, int detail, char *out, size_t cap)
{
	uint8_t f = e->pkt.flags;
	char words[48], mark[180];
	size_t n;

	if (e->pkt.proto == PROTO_UDP) {
		snprintf(out, cap, detail > 0 ? "UDP %u bytes" : "%uB", e->pkt.len);
		return;
	}
	if (e->pkt.proto == PROTO_ICMP) {
		/* ICMP's types 11 and 3 (port unreachable is code 3). */
		snprintf(out, cap, "%s",
			 detail == 0		  ? "ICMP"
			 : e->pkt.icmp_type == 11 ? "ICMP time exceeded"
			 : e->pkt.icmp_code == 3  ? "ICMP port unreachable"
						  : "ICMP unreachable");
		return;
	}
	mark_label(e, detail, mark, sizeof(mark));
	if (detail == 0) {
		tcp_flags_letters(f, words);
		snprintf(out, cap, "%s%s", mark, words);
		return;
	}
	tcp_flags_words(f, words, sizeof(words));
	n = (size_t)snprintf(out, cap, "%s%s", mark, words[0] ? words : "(no flags)");
	if (detail >= 3 && n < cap &&
	    ((f & (TCPF_SYN | TCPF_FIN)) || e->pkt.len || !(f & TCPF_ACK)))
		n += (size_t)snprintf(out + n, cap - n, " seq=%u", e->pkt.rseq);
	if (detail >= 2 && n < cap && (f & TCPF_ACK))
		n += (size_t)snprintf(out + n, cap - n, " ack=%u", e->pkt.rack);
	if (n < cap && e->pkt.len)
		snprintf(out + n, cap - n, " len=%u", e->pkt.len);
}

/* "send(3) blocked 1.2 s", "recv(4) blocked 340 ms" */
void ladder_blocked_label(const struct event *call, int64_t waited, char *out, size_t cap)
{
	const char *fn = call->call.fn ? call->call.fn : "?";

	if (waited < 1000000000LL)
		snprintf(out, cap, "%s(%d) blocked %lld ms", fn, call->call.fd,
			 (long long)((waited + 500000) / 1000000));
	else
		snprintf(out, cap, "%s(%d) blocked %.1f s", fn, call->call.fd,
			 (double)waited / 1e9);
}

static bool fn_is(const char *fn, const char *a)
{
	return fn && strcmp(fn, a) == 0;
}

static bool moves_data(const char *fn)
{
	static const char *const io[] = {"send",   "sendto", "sendmsg",	 "write",
					 "writev", "recv",   "recvfrom", "recvmsg",
					 "read",   "readv",  NULL};

	for (const char *const *n = io; fn && *n; n++)
		if (strcmp(fn, *n) == 0)
			return true;
	return false;
}

/* "connect()", "accept() = 4", "close(4)", "shutdown(SHUT_WR)",
 * "write(3) = 5", "bind(3) EADDRINUSE"; "[1205] " first when the call is
 * not made by the column's own process (a forked child). */
static void call_label(const struct ladder *l, const struct event *e, int col, char *out,
		       size_t cap)
{
	const char *fn = e->call.fn ? e->call.fn : "?";
	bool failed = e->call.ret < 0;
	size_t n = 0;

	if (col >= 0 && l->col[col].pid && e->pid && l->col[col].pid != e->pid)
		n = (size_t)snprintf(out, cap, "[%d] ", e->pid);
	if (n >= cap)
		return;
	if (fn_is(fn, "connect") || fn_is(fn, "listen") || e->call.fd < 0)
		n += (size_t)snprintf(out + n, cap - n, "%s()", fn);
	else if (fn_is(fn, "shutdown"))
		n += (size_t)snprintf(out + n, cap - n, "shutdown(%s)",
				      e->call.how ? e->call.how : "?");
	else if (fn_is(fn, "accept") || fn_is(fn, "accept4"))
		n += (size_t)snprintf(out + n, cap - n, "%s()", fn);
	else
		n += (size_t)snprintf(out + n, cap - n, "%s(%d)", fn, e->call.fd);
	if (n >= cap)
		return;
	if (failed)
		snprintf(out + n, cap - n, " %s%s", e->call.err ? e->call.err : "failed",
			 e->call.sigpipe ? " SIGPIPE" : "");
	else if (moves_data(fn) || fn_is(fn, "accept") || fn_is(fn, "accept4"))
		snprintf(out + n, cap - n, " = %lld", (long long)e->call.ret);
}

void ladder_note_label(const struct ladder *l, size_t i, char *out, size_t cap)
{
	const struct ladder_mark *m = &l->mark[i];
	struct event buf;
	const struct event *e = session_event(l->s, i, &buf);

	if (e->src == SRC_CALL) {
		call_label(l, e, m->a, out, cap);
		return;
	}
	if (e->state.to == TCP_ST_TIME_WAIT && e->state.timer_ms >= 0)
		snprintf(out, cap, "TIME_WAIT %lld s", (long long)(e->state.timer_ms + 500) / 1000);
	else
		snprintf(out, cap, "%s", tcp_state_name(e->state.to));
}

/* ---- geometry ------------------------------------------------------- */

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

bool ladder_geom(struct ladder_geom *g, int n, int width)
{
	memset(g, 0, sizeof(*g));
	g->width = width;
	g->n = n;
	if (n <= 0 || n > LADDER_MAX_COLS)
		return n == 0;
	if (n == 1) {
		/* One column: its notes to its right, where the room is. */
		g->margin = g->spacing = clamp(width * 3 / 10, 14, 30);
		g->x[0] = g->margin;
		return true;
	}
	/* Outer notes want room ("accept() = 4 ESTABLISHED"); labels between
	 * columns want more. Narrow margins first, then give up. */
	g->margin = clamp(width * 3 / 10, 14, 30);
	g->spacing = (width - 2 * g->margin - 1) / (n - 1);
	if (g->spacing < LADDER_MIN_SPACING) {
		g->margin = 14;
		g->spacing = (width - 2 * g->margin - 1) / (n - 1);
	}
	for (int i = 0; i < n; i++)
		g->x[i] = g->margin + i * g->spacing;
	return g->spacing >= LADDER_MIN_SPACING;
}

int ladder_text_width(int n)
{
	return n <= 0 ? 0 : n == 1 ? 64 : 2 * 24 + (n - 1) * 34 + 1;
}

/* ---- cells ---------------------------------------------------------- */

static const char *const glyphs_utf8[LG_COUNT] = {"",	    "\u2502", "\u2506", "\u2500",
						  "\u25b6", "\u25c0", "\u2026", "\u2501"};
static const char *const glyphs_ascii[LG_COUNT] = {"", "|", ":", "-", ">", "<", "~", "="};

const char *ladder_glyph_text(enum ladder_glyph g, bool utf8)
{
	return g < LG_COUNT ? (utf8 ? glyphs_utf8 : glyphs_ascii)[g] : "?";
}

size_t ladder_cells_text(const struct ladder_cell *cells, int n, bool utf8, char *out, size_t cap)
{
	size_t len = 0, end = 0;

	for (int i = 0; i < n && cap > 0; i++) {
		const struct ladder_cell *c = &cells[i];
		const char *s = c->glyph == LG_CHAR ? NULL : ladder_glyph_text(c->glyph, utf8);
		size_t w = s ? strlen(s) : 1;

		if (len + w >= cap)
			break;
		if (s)
			memcpy(out + len, s, w);
		else
			out[len] = c->ch;
		len += w;
		if (s || c->ch != ' ')
			end = len;
	}
	if (cap > 0)
		out[end] = '\0';
	return end;
}

static void cells_blank(struct ladder_cell *cells, int width)
{
	for (int i = 0; i < width; i++)
		cells[i] = (struct ladder_cell){.ch = ' ', .glyph = LG_CHAR, .role = LR_BLANK};
}

static void put_glyph(struct ladder_cell *cells, int width, int x, enum ladder_glyph g,
		      enum ladder_role role, bool hot)
{
	if (x >= 0 && x < width)
		cells[x] = (struct ladder_cell){.ch = ' ',
						.glyph = (uint8_t)g,
						.role = (uint8_t)role,
						.hot = hot};
}

/* Writes text in [x, x + room); marks a cut. Returns the cells used. A
 * program's name is a student's bytes: its control characters go in as
 * letters (base/text.h), never as a cursor's move. */
static int put_text(struct ladder_cell *cells, int width, int x, int room, const char *text,
		    enum ladder_role role, bool hot)
{
	char shown[256];
	int len, n;

	if (!text_is_shown(text, strlen(text), 0)) {
		text_show(shown, sizeof(shown), text, 0);
		text = shown;
	}
	len = (int)strlen(text);
	n = len <= room ? len : room;

	for (int i = 0; i < n; i++)
		if (x + i >= 0 && x + i < width)
			cells[x + i] = (struct ladder_cell){.ch = text[i],
							    .glyph = LG_CHAR,
							    .role = (uint8_t)role,
							    .hot = hot};
	if (n < len && n > 0)
		put_glyph(cells, width, x + n - 1, LG_MORE, role, hot);
	return n;
}

static int slot_of_col(const struct ladder_view *v, int col)
{
	for (int i = 0; i < v->nvis; i++)
		if (v->vis[i] == col)
			return i;
	return -1;
}

static void lifelines(const struct ladder_ctx *c, struct ladder_cell *cells, enum ladder_glyph g)
{
	for (int i = 0; i < c->g->n; i++)
		put_glyph(cells, c->g->width, c->g->x[i], g, LR_LIFE, false);
}

void ladder_render_blank(const struct ladder_ctx *c, struct ladder_cell *cells)
{
	cells_blank(cells, c->g->width);
	lifelines(c, cells, LG_VLINE);
}

/* "40 ms", "1.2 s" */
static void gap_text(int64_t ns, char *out, size_t cap)
{
	if (ns < 1000000000LL)
		snprintf(out, cap, "... %lld ms ...", (long long)((ns + 500000) / 1000000));
	else
		snprintf(out, cap, "... %.1f s ...", (double)ns / 1e9);
}

void ladder_render_gap(const struct ladder_ctx *c, int64_t ns, struct ladder_cell *cells)
{
	const struct ladder_geom *g = c->g;
	char text[48];
	int len, mid;

	cells_blank(cells, g->width);
	lifelines(c, cells, LG_VGAP);
	gap_text(ns, text, sizeof(text));
	len = (int)strlen(text);
	mid = g->n >= 2 ? (g->x[0] + g->x[1]) / 2 : g->n == 1 ? g->x[0] + 2 + len / 2 : len / 2;
	put_text(cells, g->width, mid - len / 2, len, text, LR_GAP, false);
}

/* The marks that say something went wrong (a window update does not). */
#define TROUBLE                                                                                    \
	(TCPA_RETRANSMISSION | TCPA_FAST_RETRANSMISSION | TCPA_SPURIOUS_RETRANSMISSION |           \
	 TCPA_DUPLICATE_ACK | TCPA_OUT_OF_ORDER | TCPA_ZERO_WINDOW | TCPA_ZERO_WINDOW_PROBE |      \
	 TCPA_ZERO_WINDOW_PROBE_ACK | TCPA_LOST_SEGMENT | TCPA_ACK_LOST_SEGMENT)

static enum ladder_role arrow_role(const struct event *e)
{
	if (e->pkt.flags & TCPF_RST)
		return LR_RESET;
	if ((e->pkt.analysis & TROUBLE) || e->pkt.window_probe)
		return LR_TROUBLE;
	if (e->pkt.flags & TCPF_SYN)
		return LR_OPEN;
	if (e->pkt.flags & TCPF_FIN)
		return LR_CLOSE;
	return LR_DATA;
}

/* The label, and an RST's cause after it while there is room: "RST,ACK
 * ack=7 (SO_LINGER 0)", then "RST (SO_LINGER 0)", then "RST". */
static void arrow_label(const struct ladder *l, size_t i, int detail, char *out, size_t cap)
{
	const char *cause = ladder_rst_cause(l, i);
	struct event buf;
	const struct event *e = session_event(l->s, i, &buf);
	size_t n;

	if (!cause) {
		ladder_arrow_label(e, detail, out, cap);
		return;
	}
	if (detail >= 2)
		ladder_arrow_label(e, detail, out, cap);
	else
		snprintf(out, cap, "RST");
	n = strlen(out);
	if (detail >= 1 && n < cap)
		snprintf(out + n, cap - n, " (%s)", cause);
}

static void render_arrow(const struct ladder_ctx *c, size_t i, struct ladder_cell *cells)
{
	struct event buf;
	const struct event *e = session_event(c->l->s, i, &buf);
	const struct ladder_mark *m = &c->l->mark[i];
	int sa = slot_of_col(c->v, m->a), sb = slot_of_col(c->v, m->b);
	int xa, xb, lo, hi, room, detail = 3;
	enum ladder_role role = arrow_role(e);
	bool hot = i == c->hot;
	char label[96], padded[100];

	if (sa < 0 || sb < 0 || sa >= c->g->n || sb >= c->g->n)
		return;
	xa = c->g->x[sa];
	xb = c->g->x[sb];
	lo = (xa < xb ? xa : xb) + 1;
	hi = (xa < xb ? xb : xa) - 1;
	for (int x = lo; x <= hi; x++)
		put_glyph(cells, c->g->width, x, role == LR_RESET ? LG_RESET : LG_HLINE, role, hot);
	put_glyph(cells, c->g->width, xb > xa ? hi : lo, xb > xa ? LG_RHEAD : LG_LHEAD, role, hot);
	room = hi - lo + 1 - 3; /* a head at one end, a dash at the other */
	do
		arrow_label(c->l, i, detail, label, sizeof(label));
	while ((int)strlen(label) + 2 > room && detail-- > 0);
	snprintf(padded, sizeof(padded), " %s ", label);
	put_text(cells, c->g->width, lo + 1 + (xb > xa ? 0 : 1) + (room - (int)strlen(padded)) / 2,
		 room, padded, role, hot);
}

/* The notes of one column in a row: events [from, to) of the view that
 * are notes at col, drawn left or right of its lifeline. */
struct slot {
	int col;
	size_t from, to;
	bool left;
	const char *extra; /* after the notes: a blocked call, or NULL */
};

static int slot_width(const struct ladder_ctx *c, const struct slot *s, size_t *n)
{
	char label[96];
	int w = s->extra ? (int)strlen(s->extra) : 0;

	*n = s->extra ? 1 : 0;
	for (size_t k = s->from; k < s->to; k++) {
		uint32_t i = c->v->ev[k];
		if (c->l->mark[i].kind != LK_NOTE)
			continue;
		ladder_note_label(c->l, i, label, sizeof(label));
		w += (*n ? 1 : 0) + (int)strlen(label);
		(*n)++;
	}
	return w;
}

static enum ladder_role note_role(const struct ladder *l, size_t i)
{
	struct event buf;
	const struct event *e = session_event(l->s, i, &buf);

	if (e->src == SRC_STATE)
		return LR_STATE;
	return e->call.ret < 0 ? LR_ERROR : LR_CALL;
}

static void render_slot(const struct ladder_ctx *c, const struct slot *s, struct ladder_cell *cells)
{
	const struct ladder_geom *g = c->g;
	int sl = slot_of_col(c->v, s->col), x0, room, x;
	size_t n;
	int w = slot_width(c, s, &n);
	char label[96];

	if (sl < 0 || sl >= g->n || n == 0)
		return;
	if (s->left) {
		x0 = sl > 0 ? g->x[sl - 1] + 2 : 0;
		room = g->x[sl] - 1 - x0;
		x = w < room ? g->x[sl] - 1 - w : x0;
	} else {
		x0 = g->x[sl] + 2;
		room = (sl + 1 < g->n ? g->x[sl + 1] - 1 : g->width) - x0;
		x = x0;
	}
	for (size_t k = s->from; k < s->to && room > 0; k++) {
		uint32_t i = c->v->ev[k];
		if (c->l->mark[i].kind != LK_NOTE)
			continue;
		ladder_note_label(c->l, i, label, sizeof(label));
		int used = put_text(cells, g->width, x, room - (x - x0), label, note_role(c->l, i),
				    i == c->hot);
		x += used + 1;
	}
	if (s->extra && room - (x - x0) > 0)
		put_text(cells, g->width, x, room - (x - x0), s->extra, LR_TROUBLE, false);
}

/* Beside a marked segment, the call it keeps blocked: its text goes into
 * the slot of the call's column, if that is one of the row's. */
static void blocked_note(const struct ladder_ctx *c, size_t i, struct slot *pre, struct slot *post,
			 char *text, size_t cap)
{
	struct event buf;
	size_t call;
	int64_t waited;
	int col;

	if (!session_event(c->l->s, i, &buf)->pkt.analysis)
		return;
	call = ladder_blocked_call(c->l, i, &waited);
	if (call == SIZE_MAX)
		return;
	col = c->l->mark[call].a;
	ladder_blocked_label(session_event(c->l->s, call, &buf), waited, text, cap);
	if (col == pre->col)
		pre->extra = text;
	else if (col == post->col)
		post->extra = text;
}

/* Finds the arrow of a row, if any: its view index, or SIZE_MAX. */
static size_t row_arrow(const struct ladder_ctx *c, const struct ladder_row *r)
{
	for (size_t k = r->first; k < r->first + r->n; k++)
		if (c->l->mark[c->v->ev[k]].kind == LK_ARROW)
			return k;
	return SIZE_MAX;
}

/* Notes go on the side away from the arrow; without one, on the outside
 * of the first column and to the right of the others. */
static bool left_side(const struct ladder_ctx *c, int col, size_t arrow, bool sender)
{
	const struct ladder_mark *m;
	int self = slot_of_col(c->v, col), other;

	if (arrow == SIZE_MAX)
		return self == 0 && c->g->n > 1;
	m = &c->l->mark[c->v->ev[arrow]];
	other = slot_of_col(c->v, sender ? m->b : m->a);
	return other > self;
}

void ladder_render_row(const struct ladder_ctx *c, size_t r, struct ladder_cell *cells)
{
	const struct ladder_row *row = &c->v->row[r];
	size_t end = row->first + row->n, arrow;
	struct slot pre, post;
	char blocked[64];

	cells_blank(cells, c->g->width);
	if (row->n == 0) {
		ladder_render_gap(c, row->gap_ns, cells);
		return;
	}
	lifelines(c, cells, LG_VLINE);
	arrow = row_arrow(c, row);
	pre = (struct slot){.col = c->l->mark[c->v->ev[row->first]].a,
			    .from = row->first,
			    .to = arrow == SIZE_MAX ? end : arrow};
	pre.left = left_side(c, pre.col, arrow, true);
	if (arrow == SIZE_MAX) {
		render_slot(c, &pre, cells);
		return;
	}
	post = (struct slot){.col = c->l->mark[c->v->ev[arrow]].b, .from = arrow + 1, .to = end};
	post.left = left_side(c, post.col, arrow, false);
	blocked_note(c, c->v->ev[arrow], &pre, &post, blocked, sizeof(blocked));
	render_slot(c, &pre, cells);
	render_arrow(c, c->v->ev[arrow], cells);
	render_slot(c, &post, cells);
}

/* Text centred under column slot's lifeline, within half the space to
 * each neighbour (all of it on the outside of the first and last). */
static void put_centered(struct ladder_cell *cells, const struct ladder_geom *g, int slot,
			 const char *text, enum ladder_role role)
{
	int x = g->x[slot], half = g->spacing / 2 - 1;
	int lo = slot == 0 ? 0 : x - half, hi = slot == g->n - 1 ? g->width - 1 : x + half;
	int len = (int)strlen(text), at;

	if (len > hi - lo + 1)
		len = hi - lo + 1;
	at = x - len / 2;
	at = at < lo ? lo : at + len - 1 > hi ? hi - len + 1 : at;
	put_text(cells, g->width, at, len, text, role, false);
}

void ladder_render_head(const struct ladder_ctx *c, int line, struct ladder_cell *cells)
{
	char text[96];

	cells_blank(cells, c->g->width);
	for (int i = 0; i < c->g->n && i < c->v->nvis; i++) {
		const struct ladder_col *col = &c->l->col[c->v->vis[i]];
		const struct proc_info *p =
			c->procs && col->pid ? proctable_find(c->procs, col->pid) : NULL;
		if (line == 0)
			snprintf(text, sizeof(text), "%s", col->ep);
		else if (col->pid)
			snprintf(text, sizeof(text), "pid %d %s", col->pid,
				 p && p->name ? p->name : "");
		else
			snprintf(text, sizeof(text), "(not traced)");
		put_centered(cells, c->g, i, text, LR_HEAD);
	}
}
