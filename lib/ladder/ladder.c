/*
 * ladder.c - columns, rows and cells of the ladder diagram (see ladder.h).
 *
 * Packing rows. Events are added in time order; each joins the last row
 * or starts a new one. A row has at most one arrow, and reads left to
 * right in time order, so what may join is:
 *   - before the arrow, notes at one column only: a call, then the state
 *     it caused ("close(3) FIN_WAIT_1");
 *   - the arrow, if every note so far is at the column that sends it;
 *   - after the arrow, notes at the column that receives it
 *     ("CLOSE_WAIT", or "read(4) = 5").
 * A slot holds at most one call and one state, in that order. Anything
 * else starts a new row; so does a pause (LADDER_GAP_NS), after a gap row.
 */
#include "ladder/ladder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "session/rstcause.h"
#include "wire/endpoint.h"

/* ---- columns -------------------------------------------------------- */

#define KEY(n) ((const void *)(uintptr_t)(n))

void ladder_init(struct ladder *l, struct session *s)
{
	memset(l, 0, sizeof(*l));
	l->s = s;
}

void ladder_free(struct ladder *l)
{
	for (size_t i = 0; i < l->ncol; i++)
		free(l->col[i].loose.i);
	for (size_t i = 0; i < l->nconn; i++)
		free(l->conn[i].ev.i);
	free(l->conn);
	free(l->col);
	free(l->mark);
	ptrmap_free(&l->by_ep);
	ptrmap_free(&l->by_sock);
	ptrmap_free(&l->by_port);
	ptrmap_free(&l->by_pid);
	memset(l, 0, sizeof(*l));
}

static bool is_wildcard(const char *ep)
{
	return strncmp(ep, "0.0.0.0:", 8) == 0 || strncmp(ep, "[::]:", 5) == 0;
}

static int col_new(struct ladder *l, const char *ep, int port)
{
	if (array_grow(&l->col, &l->colcap, l->ncol, sizeof(*l->col)) < 0)
		return -1;
	l->col[l->ncol] = (struct ladder_col){.ep = ep, .port = port, .wildcard = is_wildcard(ep)};
	if (ptrmap_put(&l->by_ep, ep, (long)l->ncol + 1) < 0)
		return -1;
	if (!ptrmap_get(&l->by_port, KEY(port), NULL))
		ptrmap_put(&l->by_port, KEY(port), (long)l->ncol + 1);
	return (int)l->ncol++;
}

/*
 * The column of endpoint ep (interned), made if new. A wildcard address
 * joins the column that has its port; a concrete one takes over a
 * wildcard column of its port, which keeps its place.
 */
static int col_of_ep(struct ladder *l, const char *ep)
{
	int port = endpoint_port(ep);
	long at;

	if (ptrmap_get(&l->by_ep, ep, &at))
		return (int)at - 1;
	if (port <= 0)
		return -1;
	if (ptrmap_get(&l->by_port, KEY(port), &at)) {
		struct ladder_col *c = &l->col[at - 1];
		if (is_wildcard(ep) || c->wildcard) {
			if (c->wildcard && !is_wildcard(ep)) {
				c->ep = ep;
				c->wildcard = false;
			}
			ptrmap_put(&l->by_ep, ep, at);
			return (int)at - 1;
		}
	}
	return col_new(l, ep, port);
}

/* The column of a host named by its address alone (a router that sent an
 * ICMP error), made if new. */
static int col_of_host(struct ladder *l, const char *addr)
{
	long at;

	if (ptrmap_get(&l->by_ep, addr, &at))
		return (int)at - 1;
	return col_new(l, addr, 0);
}

/* A socket's column, by the local half of "LOCAL>PEER"; a socket with no
 * address yet (port 0) goes to its process's first column. */
static int col_of_sock(struct ladder *l, const char *sock, pid_t pid)
{
	char local[ENDPOINT_STR_MAX];
	const char *ep;
	long at;
	int c;

	if (endpoint_pair_split(sock, local, NULL, sizeof(local)) < 0)
		return -1;
	if (ptrmap_get(&l->by_sock, sock, &at))
		return (int)at - 1;
	ep = strpool_intern(l->s->pool, local, strlen(local));
	if (!ep)
		return -1;
	if (endpoint_port(ep) == 0)
		return pid > 0 && ptrmap_get(&l->by_pid, KEY(pid), &at) ? (int)at - 1 : -1;
	c = col_of_ep(l, ep);
	if (c >= 0)
		ptrmap_put(&l->by_sock, sock, (long)c + 1);
	return c;
}

/* The column an address already has, made by nobody: a bind() that
 * failed (EADDRINUSE) is drawn at the column of the socket that holds
 * the address it asked for. */
static int col_known(const struct ladder *l, const char *ep)
{
	long at;

	if (ptrmap_get(&l->by_ep, ep, &at))
		return (int)at - 1;
	if (is_wildcard(ep) && ptrmap_get(&l->by_port, KEY(endpoint_port(ep)), &at))
		return (int)at - 1;
	return -1;
}

static bool fn_in(const char *fn, const char *const *names)
{
	for (; fn && *names; names++)
		if (strcmp(fn, *names) == 0)
			return true;
	return false;
}

bool ladder_call_shown(const struct event *e)
{
	static const char *const story[] = {"listen",	"connect", "accept", "accept4", "send",
					    "sendto",	"sendmsg", "write",  "writev",	"recv",
					    "recvfrom", "recvmsg", "read",   "readv",	"close",
					    "shutdown", NULL};
	const char *err = e->call.err;

	if (e->src != SRC_CALL || !e->call.sock)
		return false;
	if (e->call.ret < 0 && err)
		/* A non-blocking loop's "not yet" would bury the story. */
		return strcmp(err, "EAGAIN") != 0 && strcmp(err, "EWOULDBLOCK") != 0;
	return fn_in(e->call.fn, story);
}

static struct ladder_mark place(struct ladder *l, const struct event *e)
{
	struct ladder_mark m = {.a = -1, .b = -1, .kind = LK_NONE};

	if (e->src == SRC_PKT && e->pkt.proto == PROTO_ICMP && e->pkt.from && e->pkt.about) {
		/* From the host that sent it to the socket it is about. */
		m.a = col_of_host(l, e->pkt.from);
		m.b = col_of_ep(l, e->pkt.about);
		m.kind = m.a >= 0 && m.b >= 0 && m.a != m.b ? LK_ARROW : LK_NONE;
	} else if (e->src == SRC_PKT && e->pkt.from && e->pkt.to) {
		m.a = col_of_ep(l, e->pkt.from);
		m.b = col_of_ep(l, e->pkt.to);
		m.kind = m.a >= 0 && m.b >= 0 && m.a != m.b ? LK_ARROW : LK_NONE;
	} else if (e->src == SRC_STATE) {
		m.a = col_of_sock(l, e->state.sock, 0);
		m.kind = m.a >= 0 ? LK_NOTE : LK_NONE;
	} else if (ladder_call_shown(e)) {
		m.a = col_of_sock(l, e->call.sock, e->pid);
		if (m.a < 0 && e->call.addr)
			m.a = col_known(l, e->call.addr);
		m.kind = m.a >= 0 ? LK_NOTE : LK_NONE;
	}
	return m;
}

/* A column belongs to the process of its first call (or of the first
 * state change it made: a connect() still waiting), and a process's first
 * column is where its calls on unnamed sockets go. */
static void learn_owner(struct ladder *l, const struct event *e, const struct ladder_mark *m)
{
	if ((e->src != SRC_CALL && e->src != SRC_STATE) || m->kind != LK_NOTE || e->pid <= 0)
		return;
	if (l->col[m->a].pid == 0)
		l->col[m->a].pid = e->pid;
	if (!ptrmap_get(&l->by_pid, KEY(e->pid), NULL))
		ptrmap_put(&l->by_pid, KEY(e->pid), (long)m->a + 1);
}

int ladder_idx_push(struct ladder_idx *x, uint32_t i)
{
	if (array_grow(&x->i, &x->cap, x->n, sizeof(*x->i)) < 0)
		return -1;
	x->i[x->n++] = i;
	return 0;
}

size_t ladder_idx_find(const uint32_t *a, size_t n, size_t i)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a[mid] <= i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo == 0 ? SIZE_MAX : lo - 1;
}

/* Connection numbers are small and dense (1, 2, ...): an array. */
static struct ladder_conn *conn_get(struct ladder *l, int32_t conn)
{
	if (conn < 0 || conn > (1 << 24))
		return NULL;
	return array_reach(&l->conn, &l->nconn, (size_t)conn, sizeof(*l->conn)) < 0
		       ? NULL
		       : &l->conn[conn];
}

static void conn_learn(struct ladder_conn *c, const struct event *e, int32_t col)
{
	bool seen = false;

	for (int k = 0; k < c->ncols; k++)
		seen |= c->cols[k] == col;
	if (col >= 0 && !seen && c->ncols < LADDER_CONN_COLS)
		c->cols[c->ncols++] = col;
	seen = e->pid <= 0;
	for (int k = 0; k < c->npids; k++)
		seen |= c->pids[k] == e->pid;
	if (!seen && c->npids < LADDER_CONN_PIDS)
		c->pids[c->npids++] = e->pid;
}

/* Files event i under its connection, or under its column when it has
 * none. */
static int file_event(struct ladder *l, uint32_t i, const struct event *e)
{
	const struct ladder_mark *m = &l->mark[i];
	struct ladder_conn *c;

	if (m->kind == LK_NONE)
		return 0;
	if (e->conn < 0)
		return ladder_idx_push(&l->col[m->a].loose, i);
	if (!(c = conn_get(l, e->conn)))
		return -1;
	conn_learn(c, e, m->a);
	if (m->kind == LK_ARROW)
		conn_learn(c, &(struct event){.pid = 0}, m->b);
	return ladder_idx_push(&c->ev, i);
}

bool ladder_in_conn(const struct ladder *l, int conn, size_t i)
{
	struct event buf;
	const struct ladder_mark *m = &l->mark[i];
	const struct event *e;
	const struct ladder_conn *c;
	bool at_col = false, by_pid;

	if (m->kind == LK_NONE || conn < 0 || (size_t)conn >= l->nconn)
		return false;
	e = session_event(l->s, i, &buf);
	by_pid = e->pid <= 0;
	if (e->conn >= 0)
		return e->conn == conn;
	c = &l->conn[conn];
	for (int k = 0; k < c->ncols; k++)
		at_col |= c->cols[k] == m->a;
	for (int k = 0; k < c->npids; k++)
		by_pid |= c->pids[k] == e->pid;
	return at_col && by_pid;
}

void ladder_conn_each(const struct ladder *l, int conn, void (*fn)(void *arg, uint32_t i),
		      void *arg)
{
	const struct ladder_idx *list[1 + LADDER_CONN_COLS];
	size_t at[1 + LADDER_CONN_COLS] = {0};
	int n = 0;

	if (conn < 0 || (size_t)conn >= l->nconn)
		return;
	list[n++] = &l->conn[conn].ev;
	for (int k = 0; k < l->conn[conn].ncols; k++)
		list[n++] = &l->col[l->conn[conn].cols[k]].loose;
	/* A merge of sorted lists: each step takes the smallest head. */
	for (;;) {
		int best = -1;
		for (int k = 0; k < n; k++)
			if (at[k] < list[k]->n &&
			    (best < 0 || list[k]->i[at[k]] < list[best]->i[at[best]]))
				best = k;
		if (best < 0)
			return;
		uint32_t i = list[best]->i[at[best]++];
		if (ladder_in_conn(l, conn, i))
			fn(arg, i);
	}
}

/* Why an RST was sent, from the events of its connection so far. */
static uint8_t reset_cause(const struct ladder *l, const struct event *e)
{
	size_t from = 0;

	if (e->src != SRC_PKT || !(e->pkt.flags & TCPF_RST))
		return RST_UNKNOWN;
	if (e->conn >= 0 && (size_t)e->conn < l->nconn && l->conn[e->conn].ev.n > 0)
		from = l->conn[e->conn].ev.i[0];
	return (uint8_t)rst_cause(l->s, from, l->nmark, NULL);
}

const char *ladder_rst_cause(const struct ladder *l, size_t i)
{
	return i < l->nmark ? rst_cause_text(l->mark[i].cause) : NULL;
}

int ladder_add(struct ladder *l, const struct event *e)
{
	if (array_grow(&l->mark, &l->markcap, l->nmark, sizeof(*l->mark)) < 0)
		return -1;
	l->mark[l->nmark] = place(l, e);
	l->mark[l->nmark].cause = reset_cause(l, e);
	learn_owner(l, e, &l->mark[l->nmark]);
	l->nmark++;
	return file_event(l, (uint32_t)(l->nmark - 1), e);
}

/* ---- blocked calls ---------------------------------------------------- */

/* How far from a packet, in its connection's events, a call that spans it
 * is looked for: a blocked call is near, and a long session stays fast. */
#define BLOCKED_SEARCH 4096

/* Calls whose t is their return (they wait for data to arrive), and
 * those whose t is their entry (they wait for room, or an answer). */
static const char *const waits_for_data[] = {"recv", "recvfrom", "recvmsg", "read", "readv", NULL};
static const char *const waits_for_room[] = {"send",   "sendto",  "sendmsg", "write",
					     "writev", "connect", NULL};

/* True when call c was still inside the kernel at time t; *waited is how
 * long it had been by then. */
static bool in_progress(const struct event *c, int64_t t, int64_t *waited)
{
	int64_t start;

	if (c->src != SRC_CALL || c->call.dur <= 0)
		return false;
	if (fn_in(c->call.fn, waits_for_data))
		start = c->t - c->call.dur;
	else if (fn_in(c->call.fn, waits_for_room))
		start = c->t;
	else
		return false;
	*waited = t - start;
	return start <= t && t < start + c->call.dur;
}

size_t ladder_blocked_call(const struct ladder *l, size_t i, int64_t *waited)
{
	struct event pkt, buf;
	const struct event *e = session_event(l->s, i, &pkt);
	const struct ladder_idx *list;
	size_t k, lo, hi, best = SIZE_MAX;
	int64_t w;

	*waited = 0;
	if (e->src != SRC_PKT || e->conn < 0 || (size_t)e->conn >= l->nconn)
		return SIZE_MAX;
	list = &l->conn[e->conn].ev;
	k = ladder_idx_find(list->i, list->n, i);
	if (k == SIZE_MAX)
		return SIZE_MAX;
	lo = k > BLOCKED_SEARCH ? k - BLOCKED_SEARCH : 0;
	hi = k + BLOCKED_SEARCH < list->n ? k + BLOCKED_SEARCH : list->n;
	for (size_t j = lo; j < hi; j++) {
		const struct event *c = session_event(l->s, list->i[j], &buf);
		if (in_progress(c, e->t, &w) && w >= LADDER_BLOCKED_NS && w > *waited) {
			best = list->i[j];
			*waited = w;
		}
	}
	return best;
}

/* ---- rows ----------------------------------------------------------- */

void ladder_view_init(struct ladder_view *v, bool pack)
{
	memset(v, 0, sizeof(*v));
	v->pack = pack;
	v->last = (struct ladder_pack){.pre_col = -1, .from = -1, .to = -1};
}

void ladder_view_clear(struct ladder_view *v)
{
	v->nev = v->nrow = 0;
	v->nvis = 0;
	v->too_many = false;
	v->last = (struct ladder_pack){.pre_col = -1, .from = -1, .to = -1};
	v->last_t = 0;
}

void ladder_view_free(struct ladder_view *v)
{
	free(v->ev);
	free(v->row);
	memset(v, 0, sizeof(*v));
}

/* Columns stay in the order they appeared in the session. */
static void show_col(struct ladder_view *v, int32_t c)
{
	int i;

	for (i = 0; i < v->nvis && v->vis[i] < c; i++)
		;
	if (i < v->nvis && v->vis[i] == c)
		return;
	if (v->nvis == LADDER_MAX_COLS) {
		v->too_many = true;
		return;
	}
	memmove(&v->vis[i + 1], &v->vis[i], (size_t)(v->nvis - i) * sizeof(v->vis[0]));
	v->vis[i] = c;
	v->nvis++;
}

/* A slot takes one call, then one state. */
#define SLOT_CALL  1
#define SLOT_STATE 2

static bool slot_takes(uint8_t slot, bool call)
{
	return call ? slot == 0 : !(slot & SLOT_STATE);
}

static bool joins_last_row(const struct ladder_view *v, const struct ladder_mark *m, bool call)
{
	const struct ladder_pack *p = &v->last;

	if (!v->pack || v->nrow == 0 || v->row[v->nrow - 1].n == 0)
		return false;
	if (m->kind == LK_ARROW)
		return p->from < 0 && (p->pre_col < 0 || p->pre_col == m->a);
	if (p->from < 0)
		return (p->pre_col < 0 || p->pre_col == m->a) && slot_takes(p->pre, call);
	return m->a == p->to && slot_takes(p->post, call);
}

static void pack_into_last(struct ladder_pack *p, const struct ladder_mark *m, bool call)
{
	uint8_t bit = call ? SLOT_CALL : SLOT_STATE;

	if (m->kind == LK_ARROW) {
		p->from = m->a;
		p->to = m->b;
	} else if (p->from < 0) {
		p->pre_col = m->a;
		p->pre |= bit;
	} else {
		p->post |= bit;
	}
}

static int new_row(struct ladder_view *v, int64_t gap_ns)
{
	if (array_grow(&v->row, &v->rowcap, v->nrow, sizeof(*v->row)) < 0)
		return -1;
	v->row[v->nrow++] = (struct ladder_row){.first = (uint32_t)v->nev, .gap_ns = gap_ns};
	v->last = (struct ladder_pack){.pre_col = -1, .from = -1, .to = -1};
	return 0;
}

int ladder_view_add(struct ladder_view *v, const struct ladder *l, uint32_t i)
{
	const struct ladder_mark *m = &l->mark[i];
	struct event buf;
	const struct event *e;
	bool call;

	if (m->kind == LK_NONE)
		return 0;
	e = session_event(l->s, i, &buf);
	call = e->src == SRC_CALL;
	if (v->nev > 0 && e->t - v->last_t >= LADDER_GAP_NS && new_row(v, e->t - v->last_t) < 0)
		return -1;
	if (!joins_last_row(v, m, call) && new_row(v, 0) < 0)
		return -1;
	if (array_grow(&v->ev, &v->evcap, v->nev, sizeof(*v->ev)) < 0)
		return -1;
	v->ev[v->nev++] = i;
	v->row[v->nrow - 1].n++;
	pack_into_last(&v->last, m, call);
	show_col(v, m->a);
	if (m->kind == LK_ARROW)
		show_col(v, m->b);
	v->last_t = e->t;
	return 0;
}

size_t ladder_view_find(const struct ladder_view *v, size_t i)
{
	return ladder_idx_find(v->ev, v->nev, i);
}

size_t ladder_view_row_of(const struct ladder_view *v, size_t k)
{
	size_t lo = 0, hi = v->nrow;

	/* The last row starting at or before k: a gap row is followed by the
	 * row with the same first event, so this is never a gap. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v->row[mid].first <= k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo == 0 ? 0 : lo - 1;
}
