/*
 * ladder.h - the ladder diagram of a session: one column per endpoint,
 * time running down, one arrow per segment between the columns.
 *
 *   127.0.0.1:9190                     127.0.0.1:40112
 *   pid 1201 echo_server               pid 1202 echo_client
 *         |                                   | connect() SYN_SENT
 *         |<----------- SYN seq=0 ------------|
 *         |------ SYN,ACK seq=0 ack=1 ------->| ESTABLISHED
 *
 * No curses here: the viewer draws the cells this file makes, and
 * `socklab show` prints them. It is built in three steps.
 *
 *   columns  ladder_add() gives each event its place (struct ladder_mark):
 *            a packet goes from the column of one endpoint to another's; a
 *            call or a state change is a note at its socket's column. A
 *            socket bound to 0.0.0.0:P shares the column of the address
 *            with port P that packets use; a call on a socket that has no
 *            address yet goes to its process's column.
 *   rows     a ladder_view is the list of events one picture shows (all,
 *            or one connection's), packed into rows. A row reads left to
 *            right as one moment of the story: the call and the state it
 *            caused on the sending side, the segment, the state it caused
 *            on the receiving side ("close(3) FIN_WAIT_1 --FIN--> CLOSE_WAIT").
 *            A pause of GAP_NS or more becomes a row of its own: "40 ms".
 *   cells    ladder_render_row() lays one row out at a given width.
 */
#ifndef SOCKLAB_LADDER_H
#define SOCKLAB_LADDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "base/ptrmap.h"
#include "session/proctable.h"
#include "session/session.h"

/* A pause this long is drawn as a gap: longer than the machine takes to
 * answer on loopback (microseconds), as long as the shortest timer a
 * student meets (the 40 ms of a delayed ACK). */
#define LADDER_GAP_NS (10 * 1000 * 1000LL)

/* Columns closer than this cannot carry an arrow's label. */
#define LADDER_MIN_SPACING 22
#define LADDER_MAX_COLS	   64

enum ladder_kind { LK_NONE, LK_NOTE, LK_ARROW };

/* Where one event goes. */
struct ladder_mark {
	int32_t a, b;  /* a note's column is a; an arrow goes from a to b */
	uint8_t kind;  /* enum ladder_kind */
	uint8_t cause; /* an RST's: enum rst_cause (session/rstcause.h) */
};

/* A growing list of event indices. */
struct ladder_idx {
	uint32_t *i;
	size_t n, cap;
};

/* Appends i. Returns 0, or -1 out of memory. */
int ladder_idx_push(struct ladder_idx *x, uint32_t i);
/* In a[0 .. n), sorted, the position of the last index at or before i;
 * SIZE_MAX when there is none. */
size_t ladder_idx_find(const uint32_t *a, size_t n, size_t i);

struct ladder_col {
	const char *ep; /* interned "IP:PORT" */
	int port;
	bool wildcard;		 /* 0.0.0.0:P or [::]:P, until packets name it */
	pid_t pid;		 /* the process of its first call; 0 if none */
	struct ladder_idx loose; /* its events that belong to no connection */
};

/* A connection: its columns, the processes that made calls on it, and its
 * events on the ladder. */
#define LADDER_CONN_COLS 4
#define LADDER_CONN_PIDS 8
struct ladder_conn {
	int32_t cols[LADDER_CONN_COLS];
	pid_t pids[LADDER_CONN_PIDS];
	uint8_t ncols, npids;
	struct ladder_idx ev;
};

/* The columns of a session, and the place of each of its events. */
struct ladder {
	struct session *s; /* not owned: interns endpoint names in its pool */
	struct ladder_col *col;
	size_t ncol, colcap;
	struct ladder_mark *mark; /* mark[i] is the place of the session's event i */
	size_t nmark, markcap;
	struct ptrmap by_ep;	  /* interned endpoint -> column + 1 */
	struct ptrmap by_sock;	  /* interned "LOCAL>PEER" -> column + 1 */
	struct ptrmap by_port;	  /* port -> first column with it, + 1 */
	struct ptrmap by_pid;	  /* pid -> its first column, + 1 */
	struct ladder_conn *conn; /* by the events' "conn" number */
	size_t nconn;
};

void ladder_init(struct ladder *l, struct session *s);
void ladder_free(struct ladder *l);
/* Places e, the session's event l->nmark (the next one). Returns 0, or -1
 * out of memory. */
int ladder_add(struct ladder *l, const struct event *e);

/* True when event i belongs in the picture of connection conn: it is one
 * of its events, or an event of no connection at one of its columns made
 * by one of its processes (the listen() before it, LISTEN). */
bool ladder_in_conn(const struct ladder *l, int conn, size_t i);

/* Calls fn on every event of connection conn's picture, in time order. */
void ladder_conn_each(const struct ladder *l, int conn, void (*fn)(void *arg, uint32_t i),
		      void *arg);

/* Which calls the ladder shows: those that make segments or take their
 * data (connect, accept, send, recv, close, shutdown, listen...), and any
 * call on a socket that failed. */
bool ladder_call_shown(const struct event *e);

/* A call inside the kernel this long is blocked: as long as a pause. */
#define LADDER_BLOCKED_NS LADDER_GAP_NS

/*
 * For packet i: the call on its connection that was blocked when the
 * packet passed (a send() waiting for room in a zero window, a recv()
 * waiting for a lost segment, a connect() whose SYN is sent again), the
 * one that had waited longest, and *waited, how long by then; NULL when
 * none had waited LADDER_BLOCKED_NS. A call's time span is known once it
 * has returned (dur): live, a call still blocked is not found yet. Returns
 * the call's index, or SIZE_MAX.
 */
size_t ladder_blocked_call(const struct ladder *l, size_t i, int64_t *waited);

/* ---- rows ----------------------------------------------------------- */

/* A row holds view events ev[first .. first + n); n == 0 is a gap. */
struct ladder_row {
	uint32_t first, n;
	int64_t gap_ns;
};

/* The last row while it may still grow (see the packing rules in
 * ladder.c). */
struct ladder_pack {
	int32_t pre_col;   /* the column of the notes before the arrow, or -1 */
	int32_t from, to;  /* the arrow, or -1 */
	uint8_t pre, post; /* notes in the slot before / after the arrow */
};

struct ladder_view {
	bool pack;    /* several events per row (the viewer), or one (show) */
	uint32_t *ev; /* session indices, in time order */
	size_t nev, evcap;
	struct ladder_row *row;
	size_t nrow, rowcap;
	int32_t vis[LADDER_MAX_COLS]; /* the columns it shows, left to right */
	int nvis;
	bool too_many; /* it uses more than LADDER_MAX_COLS columns */
	struct ladder_pack last;
	int64_t last_t;
};

void ladder_view_init(struct ladder_view *v, bool pack);
void ladder_view_clear(struct ladder_view *v);
void ladder_view_free(struct ladder_view *v);
/* Adds event i (after every event already in v). */
int ladder_view_add(struct ladder_view *v, const struct ladder *l, uint32_t i);
/* The row holding view event k. */
size_t ladder_view_row_of(const struct ladder_view *v, size_t k);
/* The last view event at or before session event i, or SIZE_MAX. */
size_t ladder_view_find(const struct ladder_view *v, size_t i);

/* ---- cells ---------------------------------------------------------- */

enum ladder_glyph {
	LG_CHAR,  /* the cell's ch */
	LG_VLINE, /* a lifeline */
	LG_VGAP,  /* a lifeline through a pause */
	LG_HLINE, /* an arrow's shaft */
	LG_RHEAD, /* arrow heads */
	LG_LHEAD,
	LG_MORE,  /* text cut short */
	LG_RESET, /* an RST's shaft: heavy, not to be missed */
	LG_COUNT
};

/* What a cell shows, so the viewer can colour it. */
enum ladder_role {
	LR_BLANK,
	LR_LIFE,
	LR_TEXT,
	LR_CALL,
	LR_ERROR, /* a call that failed */
	LR_RESET, /* an RST */
	LR_STATE,
	LR_OPEN,  /* SYN segments */
	LR_CLOSE, /* FIN segments */
	LR_DATA,
	LR_GAP,
	LR_HEAD,
	LR_TROUBLE, /* a segment the TCP analysis marks, a call it blocks */
	LR_COUNT
};

struct ladder_cell {
	char ch;
	uint8_t glyph; /* enum ladder_glyph */
	uint8_t role;  /* enum ladder_role */
	bool hot;      /* part of the highlighted event */
};

/* Where the columns stand at a width. */
struct ladder_geom {
	int width, margin, spacing;
	int n;
	int x[LADDER_MAX_COLS];
};

/* Lays out n columns in width cells; false when they do not fit. */
bool ladder_geom(struct ladder_geom *g, int n, int width);
/* The width `socklab show` uses for n columns. */
int ladder_text_width(int n);

/* What the renderer reads. procs may be NULL (no names). */
struct ladder_ctx {
	const struct ladder *l;
	const struct ladder_view *v;
	const struct proctable *procs;
	const struct ladder_geom *g;
	size_t hot; /* the session index of the event to highlight, or SIZE_MAX */
};

/* Row r of the view into cells[0 .. g->width). */
void ladder_render_row(const struct ladder_ctx *c, size_t r, struct ladder_cell *cells);
/* The column heads: line 0 the endpoint, line 1 "pid 1201 echo_server". */
void ladder_render_head(const struct ladder_ctx *c, int line, struct ladder_cell *cells);
/* A pause of ns, across the lifelines: "... 40 ms ...". */
void ladder_render_gap(const struct ladder_ctx *c, int64_t ns, struct ladder_cell *cells);
/* Lifelines only: a row for an event that is not on the ladder. */
void ladder_render_blank(const struct ladder_ctx *c, struct ladder_cell *cells);

/* The text of a glyph, in UTF-8 or in ASCII. */
const char *ladder_glyph_text(enum ladder_glyph g, bool utf8);
/* Cells as text, without trailing blanks; returns the length. */
size_t ladder_cells_text(const struct ladder_cell *cells, int n, bool utf8, char *out, size_t cap);

/* Labels, as the ladder writes them: "SYN,ACK seq=0 ack=1", "accept() = 4",
 * "TIME_WAIT 60 s"; a segment the analysis marks leads with its mark,
 * "[dup ACK #3] ACK ack=101"; a blocked call, "send(3) blocked 1.2 s". An
 * RST's label ends with its cause where the ladder knows it: "RST seq=8
 * (data after close)". */
void ladder_arrow_label(const struct event *e, int detail, char *out, size_t cap);
void ladder_note_label(const struct ladder *l, size_t i, char *out, size_t cap);
void ladder_blocked_label(const struct event *call, int64_t waited, char *out, size_t cap);
/* Why event i, an RST, was sent ("data after close"), or NULL. */
const char *ladder_rst_cause(const struct ladder *l, size_t i);

#endif
