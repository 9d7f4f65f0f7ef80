/*
 * draw_panes.c - the panes beside the ladder: sockets, processes, events,
 * the lab. Each says what things were at the cursor's time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "draw.h"

/* ---- titles and tabs ----------------------------------------------------- */

static const enum pane tab_order[] = {PANE_SOCKETS, PANE_PROCS, PANE_EVENTS, PANE_LAB};

/* " Sockets (3) | Processes | Events " with the shown one, under its
 * full title, in reverse. */
static void draw_tabs(const struct ui *u, const struct rect *r, enum pane shown, const char *title)
{
	int x = r->x, end = r->x + r->w;

	attrset(A_NORMAL);
	mvhline(r->y, r->x, ' ', r->w);
	for (size_t i = 0; i < sizeof(tab_order) / sizeof(tab_order[0]); i++) {
		enum pane p = tab_order[i];
		attr_t a = p != shown	    ? A_NORMAL
			   : u->m.pane == p ? u->t.ui[UI_PANE_KEYS]
					    : A_REVERSE;
		char name[160];
		if (p == PANE_LAB && !model_has_lab(&u->m))
			continue;
		snprintf(name, sizeof(name), " %s ", p == shown ? title : _(pane_name(p)));
		x += draw_text(r->y, x, end - x, a, name);
		x += draw_glyph(r->y, x, end - x, A_DIM, term_ui_glyph(&u->t, UG_VLINE));
	}
	draw_text(r->y, x + 1, end - x - 1, A_DIM, _("(Tab: next pane)"));
}

struct rect draw_pane_title(const struct ui *u, enum pane p, const char *title)
{
	const struct rect *r = &u->lay.pane[p];
	attr_t a = u->m.pane == p ? u->t.ui[UI_PANE_KEYS] : u->t.ui[UI_PANE];

	if (u->lay.tabbed) {
		draw_tabs(u, r, p, title);
		return (struct rect){.y = r->y + 1, .x = r->x, .h = r->h - 1, .w = r->w};
	}
	attrset(a);
	mvhline(r->y, r->x, ' ', r->w);
	draw_text(r->y, r->x, r->w, a, title);
	return (struct rect){.y = r->y + 1, .x = r->x, .h = r->h - 1, .w = r->w};
}

/* The first row shown, keeping sel in sight in h rows. */
static size_t top_for(const struct list_pos *lp, size_t n, int h)
{
	struct list_pos p = *lp;

	list_keep(&p, n, h);
	return p.top;
}

static attr_t row_attr(const struct ui *u, enum pane p, size_t row, attr_t base)
{
	if (u->m.pane == p && row == u->m.list[p].sel)
		return u->t.ui[UI_SELECTED];
	return base;
}

/* ---- sockets ---------------------------------------------------------------- */

/* "ESTABLISHED 1.2 s", "TIME_WAIT 59 s left", "closed" */
static void sock_state(const struct sock_mark *k, int64_t t, char *st, size_t cap1, char *age,
		       size_t cap2)
{
	int64_t left = k->timer_ms >= 0 ? k->timer_ms * 1000000 - (t - k->t_state) : -1;

	if (k->state == TCP_ST_NONE) {
		snprintf(st, cap1, "%s", k->closed ? _("closed") : "-");
		snprintf(age, cap2, "%s", "");
		return;
	}
	snprintf(st, cap1, "%s", tcp_state_name(k->state));
	if (k->state == TCP_ST_TIME_WAIT && left >= 0) {
		char d[32];
		draw_duration(left, d, sizeof(d));
		snprintf(age, cap2, _("%s left"), d);
	} else {
		draw_duration(t - k->t_state, age, cap2);
	}
}

/* The sockets' header, its words padded to the rows' columns by display
 * width: "conn", "state" and "for" may be words of two columns a letter. */
static void sock_head(char *line, size_t cap)
{
	static const struct {
		const char *word;
		int cols;
	} head[] = {{N_("conn"), 4},   {N_("socket (local>peer)"), 31},
		    {N_("pid/fd"), 9}, {N_("state"), 11},
		    {N_("for"), 10},   {N_("queued"), 0}};
	size_t n = 0;

	line[0] = '\0';
	for (size_t i = 0; i < sizeof(head) / sizeof(head[0]) && n + 1 < cap; i++) {
		const char *w = _(head[i].word);
		int cols = head[i].cols ? head[i].cols : text_width(w);
		text_fit(line + n, cap - n, w, cols, TEXT_PAD | TEXT_ELLIPSIS);
		n += strlen(line + n);
		if (head[i].cols && n + 1 < cap)
			line[n++] = ' ', line[n] = '\0';
	}
}

static void sock_row(const struct ui *u, const struct sock_info *s, int64_t t, char *line,
		     size_t cap)
{
	struct sock_mark k;
	char conn[16] = "-", owner[24] = "", st[64], age[64], q[24] = "";
	char cst[96], cage[96];
	long long queued;

	if (!sock_at(s, t, &k))
		k = (struct sock_mark){.state = TCP_ST_NONE, .fd = -1};
	if (s->conn >= 0)
		snprintf(conn, sizeof(conn), "%d", s->conn);
	/* "1201/5", or "t1204/5" when a thread other than the process's
	 * first made the last call on it: which thread handles it. */
	if (k.pid && k.fd >= 0 && k.tid && k.tid != k.pid)
		snprintf(owner, sizeof(owner), "t%d/%d", k.tid, k.fd);
	else if (k.pid && k.fd >= 0)
		snprintf(owner, sizeof(owner), "%d/%d", k.pid, k.fd);
	else if (k.pid) /* its connect() has not returned: no call told the fd */
		snprintf(owner, sizeof(owner), "%d/?", k.pid);
	sock_state(&k, t, st, sizeof(st), age, sizeof(age));
	queued = model_queued(&u->m, s, t);
	if (queued > 0)
		snprintf(q, sizeof(q), "%lld", queued);
	/* Columns by display width: "closed" and "left" may be Hangul. */
	text_fit(cst, sizeof(cst), st, 11, TEXT_PAD | TEXT_ELLIPSIS);
	text_fit(cage, sizeof(cage), age, 10, TEXT_PAD | TEXT_ELLIPSIS);
	snprintf(line, cap, "%4s %-31s %-9s %s %s %s", conn, s->sock, owner, cst, cage, q);
}

void draw_sockets(const struct ui *u)
{
	const struct model *m = &u->m;
	size_t n = model_nsockets(m), top;
	int64_t t = model_time(m);
	char title[160], line[256];
	struct rect r;

	snprintf(title, sizeof(title), _("Sockets (%zu)"), n);
	r = draw_pane_title(u, PANE_SOCKETS, title);
	sock_head(line, sizeof(line));
	draw_text(r.y++, r.x, r.w, A_DIM, line);
	r.h--;
	top = top_for(&m->list[PANE_SOCKETS], n, r.h);
	for (int y = 0; y < r.h && top + (size_t)y < n; y++) {
		size_t k = top + (size_t)y;
		const struct sock_info *s = &m->socks.s[m->sockrows[k]];
		attr_t base =
			m->view == &m->one && s->conn == m->one_conn ? u->t.ui[UI_FOCUS] : A_NORMAL;
		sock_row(u, s, t, line, sizeof(line));
		draw_text(r.y + y, r.x, r.w, row_attr(u, PANE_SOCKETS, k, base), line);
	}
	if (n == 0)
		draw_text(r.y, r.x, r.w, A_DIM, _("(no socket with an address yet)"));
}

/* ---- processes -------------------------------------------------------------- */

const char *draw_proc_name(const struct model *m, const struct proc_info *p)
{
	const struct proc_info *q = p;

	for (int depth = 0; q && depth < 64; depth++) {
		if (q->name)
			return q->name;
		q = q->ppid ? proctable_find(&m->procs, q->ppid) : NULL;
	}
	/* socklab itself appears only as the reaper of what it ran. */
	for (size_t i = 0; i < m->procs.n; i++)
		if (m->procs.p[i].reaper == p->pid && m->procs.p[i].reaped_by &&
		    strcmp(m->procs.p[i].reaped_by, "socklab") == 0)
			return "socklab";
	return "?";
}

/* "recv(4)", "poll()" */
static void call_text(const char *fn, int fd, char *out, size_t cap)
{
	if (fd >= 0)
		snprintf(out, cap, "%s(%d)", fn ? fn : "?", fd);
	else
		snprintf(out, cap, "%s()", fn ? fn : "?");
}

/* How p ended, and in which call: "exit 0", "killed by SIGPIPE in
 * write(3)", "killed by SIGTERM in recvfrom(4), blocked 5.2 s", "killed by
 * SIGKILL after read(4)". */
static void end_text(const struct proc_info *p, char *out, size_t cap)
{
	const struct proc_wait *w = proc_wait_at(p, p->t_exit - 1);
	char call[64], waited[32];

	if (!p->sig) {
		snprintf(out, cap, _("exit %d"), p->status);
	} else if (p->last_sigpipe && strcmp(p->sig, "SIGPIPE") == 0) {
		call_text(p->last_fn, p->last_fd, call, sizeof(call));
		snprintf(out, cap, _("killed by %s in %s"), p->sig, call);
	} else if (w) {
		call_text(w->fn, w->fd, call, sizeof(call));
		draw_duration(p->t_exit - w->from, waited, sizeof(waited));
		snprintf(out, cap, _("killed by %s in %s, blocked %s"), p->sig, call, waited);
	} else if (p->last_fn) {
		call_text(p->last_fn, p->last_fd, call, sizeof(call));
		snprintf(out, cap, _("killed by %s after %s"), p->sig, call);
	} else {
		snprintf(out, cap, _("killed by %s"), p->sig);
	}
}

/* "running", "blocked in recv(4) for 2.3 s", "ZOMBIE for 35 ms (exit 0)",
 * "exit 0, zombie 35 ms, waitpid() by 2000" */
static void proc_state(const struct proc_info *p, int64_t t, char *out, size_t cap)
{
	char end[128], zombie[32], by[64], call[64];
	enum proc_state st = proc_state_at(p, t);
	const char *how = p->reaped_by ? p->reaped_by : "?";
	const struct proc_wait *w;

	if (st == PROC_RUNNING && (w = proc_wait_at(p, t))) {
		call_text(w->fn, w->fd, call, sizeof(call));
		draw_duration(t - w->from, zombie, sizeof(zombie));
		snprintf(out, cap, _("blocked in %s for %s"), call, zombie);
		return;
	}
	if (st == PROC_RUNNING) {
		snprintf(out, cap, "%s", _("running"));
		return;
	}
	end_text(p, end, sizeof(end));
	draw_duration(model_zombie_ns(p, t), zombie, sizeof(zombie));
	if (st == PROC_ZOMBIE) {
		snprintf(out, cap, _("ZOMBIE for %s (%s)"), zombie, end);
		return;
	}
	if (strcmp(how, "socklab") == 0)
		snprintf(by, sizeof(by), "%s", _("reaped by socklab"));
	else if (strcmp(how, "proc") == 0)
		snprintf(by, sizeof(by), "%s", _("gone, reaper unknown"));
	else
		snprintf(by, sizeof(by), _("%s() by %d"), how, p->reaper);
	snprintf(out, cap, _("%s, zombie %s, %s"), end, zombie, by);
}

/* "thread 1205  running, made by 1201", "... blocked in recv(5) for 1.2 s,
 * made by 1201", or "... ended" */
static void thread_line(const struct proc_row *row, int64_t t, char *out, size_t cap)
{
	const struct thread_info *th = row->th;
	const struct proc_wait *w = proc_thread_wait_at(row->p, th->tid, t);
	bool ended = (th->t_exit != T_NEVER && th->t_exit <= t) ||
		     proc_state_at(row->p, t) != PROC_RUNNING;
	char made[32] = "", state[128] = "running", call[64], since[32];

	if (th->creator)
		snprintf(made, sizeof(made), _(", made by %d"), th->creator);
	if (ended) {
		snprintf(state, sizeof(state), "%s", _("ended"));
	} else if (w) {
		call_text(w->fn, w->fd, call, sizeof(call));
		draw_duration(t - w->from, since, sizeof(since));
		snprintf(state, sizeof(state), _("blocked in %s for %s"), call, since);
	}
	snprintf(out, cap, _("thread %d  %s%s"), th->tid, state, made);
}

static void tree_prefix(const struct ui *u, const struct proc_row *row, char *out, size_t cap)
{
	size_t n = 0;

	out[0] = '\0';
	/* One column per ancestor below the root: a pipe where it has
	 * siblings still to come. */
	for (int d = 1; d < row->depth && n + 8 < cap; d++)
		n += (size_t)snprintf(out + n, cap - n, "%s",
				      row->open & (1u << d) ? term_ui_glyph(&u->t, UG_TREE_PIPE)
							    : "  ");
	if (row->depth > 0 && n + 8 < cap)
		snprintf(out + n, cap - n, "%s",
			 term_ui_glyph(&u->t, row->last ? UG_TREE_LAST : UG_TREE_MID));
}

/* One row of the tree: "├ 1201 echo_thrserv  running, 3 threads", or a
 * thread's "│ ├ thread 1205  running, made by 1201". */
static void proc_line(const struct ui *u, const struct proc_row *row, int64_t t, char *line,
		      size_t cap)
{
	const struct model *m = &u->m;
	int threads = proctable_threads_at(&m->procs, row->p, t);
	char tree[128], st[300];

	tree_prefix(u, row, tree, sizeof(tree));
	if (row->th) {
		thread_line(row, t, st, sizeof(st));
		snprintf(line, cap, "%s%s", tree, st);
		return;
	}
	proc_state(row->p, t, st, sizeof(st));
	if (threads > 1)
		snprintf(st + strlen(st), sizeof(st) - strlen(st),
			 threads == 1 ? _(", %d thread") : _(", %d threads"), threads);
	snprintf(line, cap, "%s%d %s  %s", tree, row->p->pid, draw_proc_name(m, row->p), st);
}

void draw_procs(const struct ui *u)
{
	const struct model *m = &u->m;
	size_t n = model_proc_rows(m, NULL, SIZE_MAX), top, nprocs = 0;
	struct proc_row *rows = calloc(n ? n : 1, sizeof(*rows));
	int64_t t = model_time(m);
	char title[96], line[500];
	struct rect r;

	if (rows)
		model_proc_rows(m, rows, n);
	/* The title counts processes; their threads have rows too. */
	for (size_t i = 0; rows && i < n; i++)
		nprocs += rows[i].th == NULL;
	snprintf(title, sizeof(title), _("Processes (%zu)"), nprocs);
	r = draw_pane_title(u, PANE_PROCS, title);
	if (!rows)
		return;
	top = top_for(&m->list[PANE_PROCS], n, r.h);
	for (int y = 0; y < r.h && top + (size_t)y < n; y++) {
		const struct proc_row *row = &rows[top + (size_t)y];
		bool zombie = !row->th && proc_state_at(row->p, t) == PROC_ZOMBIE;
		proc_line(u, row, t, line, sizeof(line));
		draw_text(r.y + y, r.x, r.w,
			  row_attr(u, PANE_PROCS, top + (size_t)y,
				   zombie ? u->t.ui[UI_WARN] : A_NORMAL),
			  line);
	}
	free(rows);
}

/* ---- events ---------------------------------------------------------------- */

void draw_events(const struct ui *u)
{
	const struct model *m = &u->m;
	size_t n = m->visible.n, top;
	char title[96], when[32], what[1024], line[1100];
	struct rect r;

	snprintf(title, sizeof(title), _("Events (%zu)"), n);
	r = draw_pane_title(u, PANE_EVENTS, title);
	/* The cursor two thirds down: what led here, and what comes next;
	 * lower when little comes next. */
	size_t after = n - m->cur - 1 < (size_t)(r.h / 3) ? n - m->cur - 1 : (size_t)(r.h / 3);
	top = m->cur + after + 1 > (size_t)r.h ? m->cur + after + 1 - (size_t)r.h : 0;
	for (int y = 0; y < r.h && top + (size_t)y < n; y++) {
		size_t k = top + (size_t)y;
		struct event buf;
		const struct event *e = session_event(&m->s, m->visible.i[k], &buf);
		attr_t a = k == m->cur				   ? u->t.ui[UI_CURSOR]
			   : k > m->cur				   ? u->t.ui[UI_LATER]
			   : e->src == SRC_CALL && e->call.ret < 0 ? u->t.ui[UI_WARN]
								   : A_NORMAL;
		event_time_str(e->t, when, sizeof(when));
		event_describe(e, what, sizeof(what));
		snprintf(line, sizeof(line), "%s %s", when, what);
		draw_text(r.y + y, r.x, r.w, a, line);
	}
}

/* ---- the lab ---------------------------------------------------------------- */

/*
 * The steps so far, the newest marked as in progress until a checkpoint's
 * result says the run is over. When the pane cannot hold the steps and
 * every checkpoint, the oldest steps give way: the checkpoints are what
 * the run proves.
 */
static int draw_steps(const struct ui *u, const struct rect *r, size_t at)
{
	const struct model *m = &u->m;
	size_t last = SIZE_MAX, nsteps = 0, skip = 0;
	bool over = false;
	int y = 0;
	char line[300];

	for (size_t j = 0; j < m->nnotes && m->notes[j].ev <= at; j++) {
		if (!m->notes[j].name) {
			last = j;
			nsteps++;
		} else {
			over = true;
		}
	}
	if (nsteps + m->nchecks > (size_t)r->h)
		skip = nsteps + m->nchecks - (size_t)r->h < nsteps
			       ? nsteps + m->nchecks - (size_t)r->h
			       : nsteps;
	for (size_t j = 0; j < m->nnotes && m->notes[j].ev <= at && y < r->h; j++) {
		bool now = j == last && !over;

		if (m->notes[j].name || (skip > 0 && skip--))
			continue;
		snprintf(line, sizeof(line), "%s %s", term_ui_glyph(&u->t, now ? UG_STEP : UG_PASS),
			 m->notes[j].text);
		draw_text(r->y + y++, r->x, r->w, now ? A_BOLD : A_NORMAL, line);
	}
	return y;
}

void draw_lab(const struct ui *u)
{
	const struct model *m = &u->m;
	size_t at = model_cur_event(m);
	struct rect r = draw_pane_title(u, PANE_LAB, m->lab_title[0] ? m->lab_title : _("Lab"));
	int y = at == SIZE_MAX ? 0 : draw_steps(u, &r, at);
	static const char *const words[] = {N_("pending"), N_("PASS"), N_("FAIL"), N_("SKIP")};
	static const enum ui_glyph marks[] = {UG_PENDING, UG_PASS, UG_FAIL, UG_PENDING};
	char line[400], word[64];
	int ww = 0;

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (text_width(_(words[i])) > ww)
			ww = text_width(_(words[i]));
	/* Down and Up in this pane move among the checkpoints, and scroll them
	 * when they do not all fit. */
	size_t top = top_for(&(struct list_pos){.sel = m->list[PANE_LAB].sel}, m->nchecks, r.h - y);

	for (size_t k = top; k < m->nchecks && y < r.h; k++, y++) {
		const char *text;
		enum check_state st = model_check_at(m, k, &text);
		attr_t a = st == CHECK_PASS   ? u->t.ui[UI_PASS]
			   : st == CHECK_FAIL ? u->t.ui[UI_FAIL]
					      : A_NORMAL;
		text_fit(word, sizeof(word), _(words[st]), ww, TEXT_PAD);
		snprintf(line, sizeof(line), "%s %s %s%s%s", term_ui_glyph(&u->t, marks[st]), word,
			 m->checks[k], text ? ": " : "", text ? text : "");
		draw_text(r.y + y, r.x, r.w, row_attr(u, PANE_LAB, k, a), line);
	}
}
