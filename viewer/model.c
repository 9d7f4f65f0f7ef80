/*
 * model.c - the viewer's model: taking events in, the filter, the cursor,
 * the ladder's focus (see model.h). The tables beside the ladder are in
 * tables.c, the panes' selections in panes.c.
 *
 * Every event taken in goes, in order, to the process and socket tables,
 * to the ladder (which places it), and, if the filter shows it, to the
 * visible list and the ladder views. Changing the filter rebuilds the
 * visible list and the views from the session; nothing else ever looks
 * back, so a live session or a file being loaded costs the same per
 * event however long it is.
 */
#include "model.h"

#include "base/array.h"

#include <stdlib.h>
#include <string.h>

/* The position in the visible list of the last event at or before i, or
 * 0 when there is none. */
static size_t visible_find(const struct model *m, size_t i)
{
	size_t k = ladder_idx_find(m->visible.i, m->visible.n, i);

	return k == SIZE_MAX ? 0 : k;
}

int model_init(struct model *m)
{
	memset(m, 0, sizeof(*m));
	if (session_init(&m->s) < 0)
		return -1;
	session_compact(&m->s);
	m->socks.keep_history = true;
	ladder_init(&m->lad, &m->s);
	ladder_view_init(&m->all, true);
	ladder_view_init(&m->one, true);
	m->one_conn = m->focus = m->auto_conn = -1;
	m->view = &m->all;
	m->speed = 4;
	m->now = -1;
	return 0;
}

int model_open(struct model *m, const char *dir, char *err, size_t errlen)
{
	/* Nothing was taken in yet: the empty session can be swapped. */
	session_close(&m->s);
	if (session_begin(&m->s, dir, err, errlen) < 0) {
		session_init(&m->s);
		session_compact(&m->s);
		return -1;
	}
	session_compact(&m->s);
	m->loading = true;
	return 0;
}

void model_free(struct model *m)
{
	ladder_view_free(&m->all);
	ladder_view_free(&m->one);
	ladder_free(&m->lad);
	proctable_free(&m->procs);
	socktable_free(&m->socks);
	free(m->visible.i);
	free(m->conn_taken);
	free(m->sockrows);
	free(m->checks);
	free(m->notes);
	session_close(&m->s);
	memset(m, 0, sizeof(*m));
}

/* ---- taking events in ------------------------------------------------ */

static bool conn_taken(const struct model *m, int32_t conn)
{
	return conn >= 0 && (size_t)conn < m->nconn_taken && m->conn_taken[conn];
}

/* A pid filter also shows the packets and states of the connections that
 * process made calls on. Returns true when conn is new to it. */
static bool take_conn(struct model *m, int32_t conn)
{
	if (conn < 0 || conn > (1 << 24) || conn_taken(m, conn))
		return false;
	if (array_reach(&m->conn_taken, &m->nconn_taken, (size_t)conn, 1) < 0)
		return false;
	m->conn_taken[conn] = 1;
	return true;
}

static bool shown(const struct model *m, const struct event *e)
{
	if (filter_match(&m->filter, e))
		return true;
	return filter_follows_conns(&m->filter) && (e->src == SRC_PKT || e->src == SRC_STATE) &&
	       conn_taken(m, e->conn);
}

/* Makes i visible: in the list, in the ladder of all, and in the ladder
 * of the connection in focus if it belongs there. */
static void show_event(struct model *m, uint32_t i)
{
	ladder_idx_push(&m->visible, i);
	ladder_view_add(&m->all, &m->lad, i);
	if (m->one_conn >= 0 && ladder_in_conn(&m->lad, m->one_conn, i))
		ladder_view_add(&m->one, &m->lad, i);
}

static void take(struct model *m, uint32_t i)
{
	struct event buf;
	const struct event *e = session_event(&m->s, i, &buf);
	size_t nsocks = m->socks.n;

	proctable_add(&m->procs, e);
	socktable_add(&m->socks, e);
	if (m->socks.n > nsocks)
		model_note_socket(m, nsocks);
	ladder_add(&m->lad, e);
	model_note_lab(m, i, e);
	if (filter_follows_conns(&m->filter) && e->src == SRC_CALL && filter_match(&m->filter, e) &&
	    take_conn(m, e->conn))
		/* Its handshake came before the call that names the process. */
		m->refilter_needed = true;
	if (shown(m, e))
		show_event(m, i);
	if (m->follow && m->visible.n > 0)
		m->cur = m->visible.n - 1;
}

int model_append_line(struct model *m, const char *line, size_t len)
{
	if (session_append_line(&m->s, line, len) < 0)
		return -1;
	take(m, (uint32_t)(m->s.n - 1));
	return 0;
}

void model_take_loaded(struct model *m)
{
	while (m->lad.nmark < m->s.n)
		take(m, (uint32_t)m->lad.nmark);
}

/* ---- the filter ----------------------------------------------------- */

static void build_one(struct model *m, int conn);

/* The visible list and the views again, from the whole session; the
 * cursor stays on the same event, or the last visible one before it. */
static void refilter(struct model *m)
{
	size_t at = model_cur_event(m);
	struct event buf;
	const struct event *e;

	if (m->conn_taken)
		memset(m->conn_taken, 0, m->nconn_taken);
	for (size_t i = 0; filter_follows_conns(&m->filter) && i < m->s.n; i++) {
		e = session_event(&m->s, i, &buf);
		if (e->src == SRC_CALL && filter_match(&m->filter, e))
			take_conn(m, e->conn);
	}
	m->visible.n = 0;
	ladder_view_clear(&m->all);
	for (size_t i = 0; i < m->s.n; i++)
		if (shown(m, session_event(&m->s, i, &buf))) {
			ladder_idx_push(&m->visible, (uint32_t)i);
			ladder_view_add(&m->all, &m->lad, (uint32_t)i);
		}
	if (m->one_conn >= 0)
		build_one(m, m->one_conn);
	if (m->follow || at == SIZE_MAX)
		m->cur = m->follow && m->visible.n ? m->visible.n - 1 : 0;
	else
		m->cur = visible_find(m, at);
	m->refilter_needed = false;
}

int model_set_filter(struct model *m, const char *text, char *err, size_t errlen)
{
	struct filter f;

	if (filter_parse(&f, text, err, errlen) < 0)
		return -1;
	m->filter = f;
	refilter(m);
	return 0;
}

/* ---- the ladder's focus ------------------------------------------------ */

static void add_if_shown(void *arg, uint32_t i)
{
	struct model *m = arg;
	struct event buf;

	if (shown(m, session_event(&m->s, i, &buf)))
		ladder_view_add(&m->one, &m->lad, i);
}

static void build_one(struct model *m, int conn)
{
	ladder_view_clear(&m->one);
	m->one_conn = conn;
	ladder_conn_each(&m->lad, conn, add_if_shown, m);
}

void model_focus(struct model *m, int conn)
{
	bool known = conn >= 0 && (size_t)conn < m->lad.nconn && m->lad.conn[conn].ev.n > 0;

	m->focus = known ? conn : -1;
}

int model_nconns(const struct model *m)
{
	int n = 0;

	for (size_t c = 0; c < m->lad.nconn; c++)
		n += m->lad.conn[c].ev.n > 0;
	return n;
}

/* The connection of the visible event k, or -1. */
static int32_t conn_of(const struct model *m, size_t k)
{
	struct event buf;

	return session_event(&m->s, m->visible.i[k], &buf)->conn;
}

int model_cur_conn(const struct model *m)
{
	size_t cur = m->cur;

	if (m->visible.n == 0)
		return -1;
	/* Back from the cursor, then forward: the nearest connection. */
	for (size_t k = cur + 1; k-- > 0;)
		if (conn_of(m, k) >= 0)
			return conn_of(m, k);
	for (size_t k = cur + 1; k < m->visible.n; k++)
		if (conn_of(m, k) >= 0)
			return conn_of(m, k);
	return -1;
}

void model_fit(struct model *m, int width)
{
	struct ladder_geom g;
	int want = m->focus;

	if (m->refilter_needed)
		refilter(m);
	m->auto_conn = -1;
	if (want < 0 && (m->all.too_many || !ladder_geom(&g, m->all.nvis, width)))
		want = m->auto_conn = model_cur_conn(m);
	if (want < 0) {
		m->view = &m->all;
		return;
	}
	if (want != m->one_conn)
		build_one(m, want);
	m->view = &m->one;
}

/* ---- the cursor -------------------------------------------------------- */

size_t model_cur_event(const struct model *m)
{
	return m->visible.n ? m->visible.i[m->cur < m->visible.n ? m->cur : m->visible.n - 1]
			    : SIZE_MAX;
}

int64_t model_time(const struct model *m)
{
	size_t i = model_cur_event(m);
	struct event buf;
	int64_t t = i == SIZE_MAX ? 0 : session_event(&m->s, i, &buf)->t;

	return m->live && m->follow && m->now > t ? m->now : t;
}

void model_step(struct model *m, long delta)
{
	long n = (long)m->visible.n, cur = (long)m->cur + delta;

	if (n == 0)
		return;
	m->cur = (size_t)(cur < 0 ? 0 : cur >= n ? n - 1 : cur);
	m->follow = false;
}

void model_home(struct model *m)
{
	m->cur = 0;
	m->follow = false;
}

void model_end(struct model *m)
{
	m->cur = m->visible.n ? m->visible.n - 1 : 0;
	m->follow = true;
}

void model_goto_event(struct model *m, size_t i)
{
	m->cur = visible_find(m, i);
	m->follow = false;
}

static bool is_change(const struct model *m, size_t i)
{
	struct event buf;
	const struct event *e = session_event(&m->s, i, &buf);

	return e->src == SRC_PKT || e->src == SRC_STATE;
}

bool model_jump_change(struct model *m, int dir)
{
	const struct ladder_view *v = m->view;
	size_t at = model_cur_event(m), k;

	if (at == SIZE_MAX || v->nev == 0)
		return false;
	k = ladder_view_find(v, at);
	if (dir > 0) {
		for (k = k == SIZE_MAX ? 0 : k + 1; k < v->nev; k++)
			if (is_change(m, v->ev[k]))
				break;
		if (k >= v->nev)
			return false;
	} else {
		if (k == SIZE_MAX || (v->ev[k] == at && k-- == 0))
			return false;
		while (!is_change(m, v->ev[k]))
			if (k-- == 0)
				return false;
	}
	model_goto_event(m, v->ev[k]);
	return true;
}

void model_step_row(struct model *m, long delta)
{
	const struct ladder_view *v = m->view;
	size_t at = model_cur_event(m), k;
	long r, n = (long)v->nrow;

	if (at == SIZE_MAX || n == 0)
		return;
	k = ladder_view_find(v, at);
	r = k == SIZE_MAX ? -1 : (long)ladder_view_row_of(v, k);
	r += delta;
	r = r < 0 ? 0 : r >= n ? n - 1 : r;
	/* Gap rows hold no event: go on past them. */
	while (v->row[r].n == 0 && r + (delta < 0 ? -1 : 1) >= 0 && r + (delta < 0 ? -1 : 1) < n)
		r += delta < 0 ? -1 : 1;
	if (v->row[r].n > 0)
		model_goto_event(m, v->ev[v->row[r].first + v->row[r].n - 1]);
}

/* ---- playing --------------------------------------------------------- */

static const int speeds[] = {1, 2, 4, 8, 16, 32, 64, 128, 256};
#define NSPEEDS (int)(sizeof(speeds) / sizeof(speeds[0]))

void model_play(struct model *m, bool on)
{
	m->playing = on;
	if (on && m->visible.n && m->cur + 1 >= m->visible.n && !m->loading)
		model_home(m);
	if (on)
		m->follow = false;
}

void model_speed(struct model *m, int dir)
{
	int k = 0;

	while (k < NSPEEDS - 1 && speeds[k] < m->speed)
		k++;
	k += dir > 0 ? 1 : -1;
	m->speed = speeds[k < 0 ? 0 : k >= NSPEEDS ? NSPEEDS - 1 : k];
}

bool model_play_step(struct model *m)
{
	if (m->cur + 1 < m->visible.n) {
		m->cur++;
		return true;
	}
	/* While a file loads, the end moves on: wait for it. */
	if (!m->loading)
		m->playing = false;
	return false;
}
