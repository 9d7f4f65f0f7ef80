/*
 * tables.c - what the panes beside the ladder list, as of the cursor: the
 * sockets, the process tree, the lab's steps and checkpoints.
 *
 * The tables themselves (lib/socktable, lib/proctable) are built once, event
 * by event; what a row was at the cursor's time comes from the socket's
 * history (sock_at) and the process's times (proc_state_at).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/jobj.h"
#include "check/check.h"
#include "model.h"

/* ---- sockets ---------------------------------------------------------- */

void model_note_socket(struct model *m, size_t k)
{
	const char *sock = m->socks.s[k].sock;

	/* "0.0.0.0:0>*" is every socket before bind() or connect(): no row. */
	if (endpoint_pair_local_port(sock) == 0)
		return;
	if (array_grow(&m->sockrows, &m->sockrows_cap, m->nsockrows, sizeof(*m->sockrows)) < 0)
		return;
	m->sockrows[m->nsockrows++] = (uint32_t)k;
}

size_t model_nsockets(const struct model *m)
{
	int64_t t = model_time(m);
	size_t lo = 0, hi = m->nsockrows;

	/* Rows are in the order sockets first appeared, so in time order. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->socks.s[m->sockrows[mid]].t_first <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

long long model_queued(const struct model *m, const struct sock_info *s, int64_t t)
{
	const struct sock_info *peer;
	struct sock_mark mine, theirs;
	char name[ENDPOINT_PAIR_MAX];

	if (!endpoint_pair_reversed(s->sock, name, sizeof(name)))
		return -1;
	peer = socktable_find(&m->socks, strpool_get(m->s.pool, name));
	if (!peer || !sock_at(s, t, &mine))
		return -1;
	if (!sock_at(peer, t, &theirs))
		return 0;
	return theirs.sent > mine.rcvd ? (long long)(theirs.sent - mine.rcvd) : 0;
}

/* ---- processes ---------------------------------------------------------- */

int64_t model_zombie_ns(const struct proc_info *p, int64_t t)
{
	int64_t end;

	if (p->t_exit == T_NEVER || p->t_exit > t)
		return 0;
	end = p->t_reaped != T_NEVER && p->t_reaped <= t ? p->t_reaped : t;
	return end - p->t_exit;
}

/*
 * The tree as of t, as lists of children: first[i] is the first child of
 * process i, next[i] its next sibling (-1: none), both in the order the
 * processes appeared. Built again for each call: a session with thousands
 * of processes still costs one pass.
 */
struct tree_walk {
	const struct model *m;
	struct proc_row *rows;
	size_t n, max;
	int32_t *first, *next;
};

#define TREE_MAX_DEPTH 24

static long parent_index(const struct model *m, size_t i, int64_t t)
{
	const struct proc_info *p = &m->procs.p[i];
	const struct proc_info *q = p->ppid ? proctable_find(&m->procs, p->ppid) : NULL;

	/* A parent that is the process itself, or not there yet, is none. */
	return q && q != p && q->t_start <= t ? q - m->procs.p : -1;
}

static void add_row(struct tree_walk *w, const struct proc_row *row)
{
	if (w->rows && w->n < w->max)
		w->rows[w->n] = *row;
	w->n++;
}

/* True when thread th belongs to process p and has started by t (a pid
 * reused later is another process). */
static bool thread_of(const struct thread_info *th, const struct proc_info *p, int64_t t)
{
	return th->pid == p->pid && th->t_start >= p->t_start && th->t_start <= t;
}

/* The rows of process p's threads, under it and above its children. */
static void walk_threads(struct tree_walk *w, const struct proc_info *p, bool children, int depth,
			 uint32_t open)
{
	const struct proctable *pt = &w->m->procs;
	int64_t t = model_time(w->m);
	size_t last = SIZE_MAX;

	for (size_t k = 0; k < pt->nth; k++)
		if (thread_of(&pt->th[k], p, t))
			last = k;
	for (size_t k = 0; last != SIZE_MAX && k <= last; k++)
		if (thread_of(&pt->th[k], p, t))
			add_row(w, &(struct proc_row){.p = p,
						      .th = &pt->th[k],
						      .depth = depth,
						      .last = k == last && !children,
						      .open = open});
}

static void walk(struct tree_walk *w, int32_t i, int depth, uint32_t open)
{
	for (; i >= 0; i = w->next[i]) {
		bool last = w->next[i] < 0;
		uint32_t below = open | (last ? 0 : 1u << depth);

		add_row(w, &(struct proc_row){.p = &w->m->procs.p[i],
					      .depth = depth,
					      .last = last,
					      .open = open});
		if (depth + 1 >= TREE_MAX_DEPTH)
			continue;
		walk_threads(w, &w->m->procs.p[i], w->first[i] >= 0, depth + 1, below);
		walk(w, w->first[i], depth + 1, below);
	}
}

size_t model_proc_rows(const struct model *m, struct proc_row *rows, size_t max)
{
	size_t n = m->procs.n;
	int64_t t = model_time(m);
	int32_t root = -1, *first = malloc((n + 1) * sizeof(int32_t)),
		*next = malloc((n + 1) * sizeof(int32_t));
	struct tree_walk w = {.m = m, .rows = rows, .max = max, .first = first, .next = next};

	if (!first || !next)
		goto out_free;
	for (size_t i = 0; i < n; i++)
		first[i] = -1;
	for (size_t i = n; i-- > 0;) {
		long parent = m->procs.p[i].t_start <= t ? parent_index(m, i, t) : -2;
		if (parent == -2)
			continue;
		/* Going backwards, each push makes i the first of its list. */
		int32_t *head = parent >= 0 ? &first[parent] : &root;
		next[i] = *head;
		*head = (int32_t)i;
	}
	walk(&w, root, 0, 0);
out_free:
	free(first);
	free(next);
	return w.n;
}

/* ---- the lab ------------------------------------------------------------- */

static int add_check(struct model *m, const char *name)
{
	for (size_t k = 0; k < m->nchecks; k++)
		if (m->checks[k] == name)
			return 0;
	if (array_grow(&m->checks, &m->checks_cap, m->nchecks, sizeof(*m->checks)) < 0)
		return -1;
	m->checks[m->nchecks++] = name;
	return 0;
}

void model_set_lab(struct model *m, const char *title, const char *const *names, size_t n)
{
	snprintf(m->lab_title, sizeof(m->lab_title), "%s", title ? title : "");
	for (size_t k = 0; k < n; k++)
		add_check(m, strpool_get(m->s.pool, names[k]));
}

bool model_has_lab(const struct model *m)
{
	return m->lab_title[0] || m->nchecks || m->nnotes;
}

static int push_note(struct model *m, const struct lab_note *note)
{
	if (array_grow(&m->notes, &m->notes_cap, m->nnotes, sizeof(*m->notes)) < 0)
		return -1;
	m->notes[m->nnotes++] = *note;
	return 0;
}

/* "step" and "checkpoint" notes (docs/DESIGN.md): a checkpoint's name and
 * result are fields of its own, read from the line. */
void model_note_lab(struct model *m, uint32_t i, const struct event *e)
{
	struct lab_note note = {.ev = i, .text = e->note.text};
	struct jobj o;

	if (e->src != SRC_NOTE || !e->note.kind)
		return;
	if (strcmp(e->note.kind, "step") == 0) {
		push_note(m, &note);
		return;
	}
	if (strcmp(e->note.kind, "checkpoint") != 0)
		return;
	event_fields(e, &o);
	note.name = strpool_get(m->s.pool, jobj_str(&o, "name"));
	note.pass = jobj_true(&o, "pass");
	/* Not checked: "checked": false (sessions before it: "skipped": true). */
	note.skipped = jobj_false(&o, "checked") || jobj_true(&o, "skipped");
	jobj_free(&o);
	if (note.name && add_check(m, note.name) == 0)
		push_note(m, &note);
}

enum check_state model_check_at(const struct model *m, size_t k, const char **text)
{
	size_t at = model_cur_event(m);
	enum check_state st = CHECK_PENDING;

	*text = NULL;
	for (size_t j = 0; j < m->nnotes && at != SIZE_MAX && m->notes[j].ev <= at; j++)
		if (m->notes[j].name == m->checks[k]) {
			st = m->notes[j].skipped ? CHECK_SKIP
			     : m->notes[j].pass	 ? CHECK_PASS
						 : CHECK_FAIL;
			*text = m->notes[j].text;
		}
	return st;
}
