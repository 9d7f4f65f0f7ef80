/*
 * panes.c - the screen's layout, and the keys that move between panes and
 * within them (see panes.h).
 */
#include "panes.h"

#include "base/i18n.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[PANE_COUNT] = {N_("Ladder"), N_("Sockets"), N_("Processes"),
					      N_("Events"), N_("Lab")};

const char *pane_name(enum pane p)
{
	return p < PANE_COUNT ? names[p] : "?";
}

static struct rect rect(int y, int x, int h, int w)
{
	return (struct rect){.y = y, .x = x, .h = h < 0 ? 0 : h, .w = w < 0 ? 0 : w};
}

/* The right-hand column of a wide screen: sockets, processes, the lab,
 * then the events, which take what is left. The lab gets the lines it
 * asks for, between a fifth and two fifths of the column. */
static void stack_right(struct screen_layout *l, int x, int w, int top, int h, int lab_lines)
{
	int socks = h * 3 / 10, procs = h / 4, labh = 0;
	int events;

	if (lab_lines > 0) {
		labh = lab_lines < h / 5 ? h / 5 : lab_lines > h * 2 / 5 ? h * 2 / 5 : lab_lines;
		/* Taken from the sockets and the processes too, not only the
		 * events, so that each keeps a few rows. */
		int extra = labh - h / 5;
		socks -= extra / 3;
		procs -= extra / 3;
	}
	events = h - socks - procs - labh;

	l->pane[PANE_SOCKETS] = rect(top, x, socks, w);
	l->pane[PANE_PROCS] = rect(top + socks, x, procs, w);
	l->pane[PANE_LAB] = rect(top + socks + procs, x, labh, w);
	l->pane[PANE_EVENTS] = rect(top + socks + procs + labh, x, events, w);
}

int model_lab_lines(const struct model *m)
{
	size_t steps = 0;

	if (!model_has_lab(m))
		return 0;
	for (size_t j = 0; j < m->nnotes; j++)
		steps += m->notes[j].name == NULL;
	return (int)(1 + steps + m->nchecks);
}

void screen_layout(struct screen_layout *l, int w, int h, int lab_lines, enum pane below)
{
	bool lab = lab_lines > 0;

	int body = h - 2;

	memset(l, 0, sizeof(*l));
	l->too_small = w < SCREEN_MIN_W || h < SCREEN_MIN_H;
	l->title = rect(0, 0, 1, w);
	l->status = rect(h - 1, 0, 1, w);
	if (l->too_small)
		return;
	if (w >= SCREEN_WIDE_W) {
		/* The ladder takes a little more than half. */
		int lw = w * 27 / 50;
		l->ladder = rect(1, 0, body, lw);
		stack_right(l, lw + 1, w - lw - 1, 1, body, lab_lines);
		return;
	}
	/* Below the ladder: a third of the screen, at least a tab strip and
	 * four rows. */
	int bh = body / 3 < 5 ? 5 : body / 3;
	l->tabbed = true;
	l->ladder = rect(1, 0, body - bh, w);
	if (below == PANE_LADDER || (below == PANE_LAB && !lab))
		below = PANE_SOCKETS;
	l->pane[below] = rect(1 + body - bh, 0, bh, w);
}

enum pane model_pane_below(const struct model *m)
{
	return m->pane == PANE_LADDER ? m->below : m->pane;
}

void model_next_pane(struct model *m, int dir)
{
	int p = (int)m->pane;

	do
		p = (p + (dir < 0 ? PANE_COUNT - 1 : 1)) % PANE_COUNT;
	while (p == PANE_LAB && !model_has_lab(m));
	m->pane = (enum pane)p;
	if (m->pane != PANE_LADDER)
		m->below = m->pane;
}

/* Keeps the selection within n rows and in sight of a pane of height
 * rows. */
void list_keep(struct list_pos *lp, size_t n, int height)
{
	size_t h = height > 0 ? (size_t)height : 1;

	if (n == 0) {
		lp->sel = lp->top = 0;
		return;
	}
	if (lp->sel >= n)
		lp->sel = n - 1;
	if (lp->top > lp->sel)
		lp->top = lp->sel;
	if (lp->sel >= lp->top + h)
		lp->top = lp->sel - h + 1;
}

static void list_move(struct list_pos *lp, long delta, size_t n, int height)
{
	long sel = (long)lp->sel + delta;

	lp->sel = sel < 0 ? 0 : (size_t)sel;
	list_keep(lp, n, height);
}

static size_t nprocs(const struct model *m)
{
	return model_proc_rows(m, NULL, SIZE_MAX);
}

void model_move(struct model *m, long delta, int height)
{
	switch (m->pane) {
	case PANE_LADDER:
		model_step_row(m, delta);
		break;
	case PANE_EVENTS:
		model_step(m, delta);
		break;
	case PANE_SOCKETS:
		list_move(&m->list[PANE_SOCKETS], delta, model_nsockets(m), height);
		break;
	case PANE_PROCS:
		list_move(&m->list[PANE_PROCS], delta, nprocs(m), height);
		break;
	case PANE_LAB:
		list_move(&m->list[PANE_LAB], delta, m->nchecks, height);
		break;
	case PANE_COUNT:
		break;
	}
}

/* Enter toggles: a second Enter on the same thing undoes the first. */
static void enter_socket(struct model *m)
{
	size_t n = model_nsockets(m);
	const struct sock_info *s;

	if (n == 0)
		return;
	list_keep(&m->list[PANE_SOCKETS], n, 1 << 20);
	s = &m->socks.s[m->sockrows[m->list[PANE_SOCKETS].sel]];
	if (s->conn < 0) {
		snprintf(m->msg, sizeof(m->msg), _("%s is not a connection (no conn number)"),
			 s->sock);
		return;
	}
	model_focus(m, m->focus == s->conn ? -1 : s->conn);
}

static void enter_process(struct model *m)
{
	size_t n = nprocs(m), sel;
	struct proc_row *rows;
	char text[32], err[128];
	enum filter_kind kind;
	pid_t pid;

	if (n == 0)
		return;
	list_keep(&m->list[PANE_PROCS], n, 1 << 20);
	sel = m->list[PANE_PROCS].sel;
	rows = malloc((sel + 1) * sizeof(*rows));
	if (!rows)
		return;
	model_proc_rows(m, rows, sel + 1);
	/* A thread's row filters by its tid, a process's by its pid. */
	kind = rows[sel].th ? FILTER_TID : FILTER_PID;
	pid = rows[sel].th ? rows[sel].th->tid : rows[sel].p->pid;
	free(rows);
	snprintf(text, sizeof(text), "%s %d", kind == FILTER_TID ? "tid" : "pid", pid);
	if (m->filter.kind == kind && m->filter.num == pid)
		text[0] = '\0';
	model_set_filter(m, text, err, sizeof(err));
}

void model_enter(struct model *m)
{
	int conn;

	switch (m->pane) {
	case PANE_SOCKETS:
		enter_socket(m);
		break;
	case PANE_PROCS:
		enter_process(m);
		break;
	case PANE_LADDER:
	case PANE_EVENTS:
		conn = model_cur_conn(m);
		model_focus(m, m->focus >= 0 && m->focus == conn ? -1 : conn);
		break;
	default:
		break;
	}
}
