/*
 * draw.c - the screen: the top line, the ladder, the bottom line, the help.
 * The panes beside the ladder are in draw_panes.c.
 *
 * Every frame is drawn whole into curses' screen (erase, not clear), then
 * the loop calls doupdate(), which sends the terminal only the cells that
 * changed since the last frame: no flicker, and little to send when a key
 * moves the cursor by one event.
 */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "draw.h"

/* Text from a session may hold a student's bytes (what a program printed,
 * its name): its control characters are drawn as letters (base/text.h),
 * for curses would send a raw ESC, C1 or DEL on to the terminal, and
 * move its cursor or act on a carriage return or a backspace. */
int draw_text(int y, int x, int w, attr_t attr, const char *text)
{
	char shown[1024];
	int cols;
	size_t n;

	if (w <= 0)
		return 0;
	if (!text_is_shown(text, strlen(text), 0)) {
		text_show(shown, sizeof(shown), text, 0);
		text = shown;
	}
	/* w is columns: a Hangul syllable takes two, and is never cut. */
	n = text_cols_cut(text, w, &cols);
	attrset(attr);
	mvaddnstr(y, x, text, (int)n);
	attrset(A_NORMAL);
	return cols;
}

int draw_glyph(int y, int x, int w, attr_t attr, const char *glyph)
{
	if (w <= 0)
		return 0;
	attrset(attr);
	mvaddstr(y, x, glyph);
	attrset(A_NORMAL);
	return 1;
}

void draw_duration(int64_t ns, char *out, size_t cap)
{
	if (ns >= 10000000000LL)
		snprintf(out, cap, "%lld s", (long long)(ns / 1000000000LL));
	else if (ns >= 1000000000LL)
		snprintf(out, cap, "%.1f s", (double)ns / 1e9);
	else if (ns >= 1000000)
		snprintf(out, cap, "%lld ms", (long long)(ns / 1000000));
	else
		snprintf(out, cap, "%lld us", (long long)(ns / 1000));
}

/* ---- the top line -------------------------------------------------------- */

/* What the replay or the live session is doing now. */
static void mode_text(const struct model *m, char *out, size_t cap)
{
	if (m->loading)
		snprintf(out, cap, _("loading %d%%"),
			 m->s.file_size ? (int)(100 * m->s.file_done / m->s.file_size) : 0);
	else if (m->live && m->ended[0])
		snprintf(out, cap, _("ended: %s"), m->ended);
	else if (m->live)
		snprintf(out, cap, "%s",
			 m->follow ? _("live, following") : _("live, held (End follows)"));
	else if (m->playing)
		snprintf(out, cap, _("playing %d/s"), m->speed);
	else
		snprintf(out, cap, "%s", _("paused"));
}

static void where_text(const struct model *m, char *out, size_t cap)
{
	size_t i = model_cur_event(m);
	char when[32];
	int n;

	event_time_str(model_time(m), when, sizeof(when));
	n = snprintf(out, cap, _("event %zu/%zu  t=%s s"), i == SIZE_MAX ? 0 : m->cur + 1,
		     m->visible.n, when);
	if (m->filter.kind != FILTER_NONE && n > 0 && (size_t)n < cap)
		snprintf(out + n, cap - (size_t)n, _("  filter /%s"), m->filter.text);
}

/* The session's name: its folder, without the path when that is long. */
static const char *short_name(const char *title)
{
	const char *slash = strrchr(title, '/');

	return strlen(title) > 30 && slash && slash[1] ? slash + 1 : title;
}

static void draw_title(const struct ui *u)
{
	const struct model *m = &u->m;
	char mode[300], where[200], bad[64] = "", line[1024];
	int w = u->lay.title.w;

	mode_text(m, mode, sizeof(mode));
	where_text(m, where, sizeof(where));
	if (m->s.bad_lines)
		snprintf(bad, sizeof(bad),
			 m->s.bad_lines == 1 ? _("  %zu bad line") : _("  %zu bad lines"),
			 m->s.bad_lines);
	snprintf(line, sizeof(line), " socklab %s  %s  %s", short_name(u->title), where, mode);
	attrset(u->t.ui[UI_TITLE]);
	mvhline(0, 0, ' ', w);
	draw_text(0, 0, w, u->t.ui[UI_TITLE], line);
	if (bad[0] && text_width(bad) < w)
		draw_text(0, w - text_width(bad), text_width(bad), u->t.ui[UI_WARN] | A_REVERSE,
			  bad);
}

/* ---- the bottom line ----------------------------------------------------- */

static void draw_status(const struct ui *u)
{
	const struct model *m = &u->m;
	const char *hint = _("? keys  q quit ");
	int y = u->lay.status.y, w = u->lay.status.w, hw = text_width(hint);
	char line[1200], when[32], what[1024];
	size_t i = model_cur_event(m);

	if (u->prompting) {
		snprintf(line, sizeof(line),
			 _("/%s_   (a pid, :port or call name; Enter applies, "
			   "Esc cancels)"),
			 u->prompt);
		draw_text(y, 0, w, A_BOLD, line);
		return;
	}
	if (m->msg[0]) {
		draw_text(y, 0, w, u->t.ui[UI_WARN], m->msg);
		return;
	}
	if (i != SIZE_MAX) {
		struct event buf;
		const struct event *e = session_event(&m->s, i, &buf);
		event_time_str(e->t, when, sizeof(when));
		event_describe(e, what, sizeof(what));
		snprintf(line, sizeof(line), "%s %s", when, what);
		draw_text(y, 0, w - hw - 1, A_NORMAL, line);
	}
	if (w > hw)
		draw_text(y, w - hw, hw, A_DIM, hint);
}

/* ---- the ladder ------------------------------------------------------ */

static void draw_cells(const struct ui *u, int y, int x, const struct ladder_cell *cells, int n)
{
	for (int i = 0; i < n; i++) {
		const struct ladder_cell *c = &cells[i];
		attr_t a = u->t.ladder[c->role] | (c->hot ? u->t.ui[UI_CURSOR] : 0);
		attrset(a);
		/* The ladder's labels are shown text already (ladder_render.c);
		 * a control character here would still be a cursor's move. */
		if (c->glyph == LG_CHAR && ((unsigned char)c->ch < 0x20 || c->ch == 0x7f))
			mvaddch(y, x + i, '?');
		else if (c->glyph == LG_CHAR)
			mvaddch(y, x + i, (chtype)(unsigned char)c->ch);
		else
			draw_glyph(y, x + i, 1, a, term_glyph(&u->t, c->glyph));
	}
	attrset(A_NORMAL);
}

/* As many of the view's columns as fit; the rest are cut off. */
static void fit_geom(struct ladder_geom *g, const struct ladder_view *v, int width)
{
	int n = v->nvis;

	while (n > 1 && !ladder_geom(g, n, width))
		n--;
	if (n <= 1)
		ladder_geom(g, n, width);
}

static void draw_heads(const struct ui *u, const struct ladder_ctx *c, int y, int x)
{
	struct ladder_cell cells[c->g->width > 0 ? c->g->width : 1];
	bool keys = u->m.pane == PANE_LADDER;

	for (int line = 0; line < 2; line++) {
		ladder_render_head(c, line, cells);
		draw_cells(u, y + line, x, cells, c->g->width);
	}
	if (keys)
		mvchgat(y, 0, u->lay.ladder.w, u->t.ui[UI_PANE_KEYS], 0, NULL);
}

/* The row time column: the time of the row's first event. */
static void draw_row_time(const struct ui *u, const struct ladder_view *v, size_t r, int y)
{
	char when[32];
	struct event buf;

	if (v->row[r].n == 0)
		return;
	event_time_str(session_event(&u->m.s, v->ev[v->row[r].first], &buf)->t, when, sizeof(when));
	draw_text(y, u->lay.ladder.x, 9, A_DIM, when);
}

static bool has_arrow(const struct ladder_view *v, const struct ladder *l)
{
	for (size_t k = 0; k < v->nev; k++)
		if (l->mark[v->ev[k]].kind == LK_ARROW)
			return true;
	return false;
}

/* The ladder's last line says what it shows when that is not obvious:
 * one connection of many, or no packets at all (and why). */
static void draw_ladder_footer(const struct ui *u, int y)
{
	const struct model *m = &u->m;
	const char *why = session_meta_str(&m->s, "sources.pkt.why");
	char line[400] = "";

	if (m->focus >= 0)
		snprintf(line, sizeof(line), _("connection %d of %d (Esc shows them all)"),
			 m->focus, model_nconns(m));
	else if (m->auto_conn >= 0)
		snprintf(line, sizeof(line),
			 _("%d connections do not fit side by side: connection %d, "
			   "the cursor's (Enter in Sockets picks one)"),
			 model_nconns(m), m->auto_conn);
	else if (!has_arrow(m->view, &m->lad) && m->view->nev)
		snprintf(line, sizeof(line), "%s%s%s", _("no packets on this ladder"),
			 why ? ": " : "", why ? why : "");
	draw_text(y, u->lay.ladder.x, u->lay.ladder.w, A_DIM, line);
}

static void draw_ladder_rows(const struct ui *u, const struct ladder_ctx *c, int y0, int h, int x)
{
	const struct ladder_view *v = c->v;
	size_t at = c->hot == SIZE_MAX ? SIZE_MAX : ladder_view_find(v, c->hot);
	size_t last, first;
	struct ladder_cell cells[c->g->width > 0 ? c->g->width : 1];

	if (at == SIZE_MAX || h <= 0) {
		draw_text(y0, x, c->g->width, A_DIM,
			  v->nev ? _("(the story starts further on: Right, Space or End)")
				 : _("(no socket calls, states or packets yet)"));
		return;
	}
	/* The story up to the cursor: its row at the bottom. */
	last = ladder_view_row_of(v, at);
	first = last + 1 > (size_t)h ? last + 1 - (size_t)h : 0;
	for (size_t r = first; r <= last; r++) {
		ladder_render_row(c, r, cells);
		draw_cells(u, y0 + (int)(r - first), x, cells, c->g->width);
		if (x > u->lay.ladder.x)
			draw_row_time(u, v, r, y0 + (int)(r - first));
	}
}

static void draw_ladder(const struct ui *u)
{
	const struct rect *r = &u->lay.ladder;
	const struct model *m = &u->m;
	int timew = DRAW_TIME_COLUMN(r->w), rows = r->h - 3;
	struct ladder_geom g;
	struct ladder_ctx c = {.l = &m->lad,
			       .v = m->view,
			       .procs = &m->procs,
			       .g = &g,
			       .hot = model_cur_event(m)};

	fit_geom(&g, m->view, r->w - timew);
	draw_heads(u, &c, r->y, r->x + timew);
	draw_ladder_rows(u, &c, r->y + 2, rows, r->x + timew);
	draw_ladder_footer(u, r->y + r->h - 1);
}

/* ---- help ---------------------------------------------------------------- */

static void draw_help(const struct ui *u)
{
	const struct key_help *help = ui_key_help();
	int n = 0, w = 78, h, y0, x0;

	while (help[n].keys)
		n++;
	h = n + 4;
	y0 = (u->h - h) / 2;
	x0 = (u->w - w) / 2;
	if (y0 < 0 || x0 < 0) {
		y0 = x0 = 0;
		w = u->w;
	}
	for (int y = 0; y < h && y0 + y < u->h; y++)
		mvhline(y0 + y, x0, ' ', w);
	draw_text(y0, x0 + 2, w - 4, A_BOLD, _("socklab viewer: keys (any key closes this)"));
	for (int i = 0; i < n; i++) {
		draw_text(y0 + 2 + i, x0 + 2, 14, A_BOLD, help[i].keys);
		draw_text(y0 + 2 + i, x0 + 17, w - 19, A_NORMAL, _(help[i].what));
	}
}

/* ---- the whole screen ----------------------------------------------------- */

static void draw_too_small(const struct ui *u)
{
	char line[128];

	snprintf(line, sizeof(line),
		 _("socklab needs a terminal of %dx%d at least; this one is "
		   "%dx%d. q quits."),
		 SCREEN_MIN_W, SCREEN_MIN_H, u->w, u->h);
	draw_text(u->h / 2, 0, u->w, A_BOLD, line);
}

void ui_draw(struct ui *u)
{
	const struct screen_layout *l = &u->lay;

	erase();
	if (l->too_small) {
		draw_too_small(u);
		return;
	}
	if (u->graph) {
		draw_graph(u);
		if (u->help)
			draw_help(u);
		return;
	}
	draw_title(u);
	draw_ladder(u);
	if (l->pane[PANE_SOCKETS].h)
		draw_sockets(u);
	if (l->pane[PANE_PROCS].h)
		draw_procs(u);
	if (l->pane[PANE_EVENTS].h)
		draw_events(u);
	if (l->pane[PANE_LAB].h)
		draw_lab(u);
	if (!l->tabbed)
		for (int y = l->ladder.y; y < l->ladder.y + l->ladder.h; y++)
			draw_glyph(y, l->ladder.w, 1, A_DIM, term_ui_glyph(&u->t, UG_VLINE));
	if (u->bytes)
		draw_bytes(u);
	draw_status(u);
	if (u->help)
		draw_help(u);
}
