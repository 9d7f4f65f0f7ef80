/*
 * kview.c - what the kernel saw of the student's programs (see kview.h).
 *
 *   looking      /proc between waits, and the port's sockets at marks
 *   the witness  its tasks (who made whom), for the queries
 *   queries      zombies, processes made, closes, for the checks
 * The trace's disagreements with all this are told in kview_trust.c.
 */
#include "kview.h"

#include <ctype.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/array.h"
#include "sources/state/sockdiag.h"

static struct kview *kview(const struct grade_run *g)
{
	return g->kv;
}

void kview_start(struct grade_run *g)
{
	struct kview *k = calloc(1, sizeof(*k));

	if (!k || !(k->p = calloc(KVIEW_PROCS, sizeof(*k->p)))) {
		free(k);
		return;
	}
	g->kv = k;
	k->t0 = collector_t0(scenario_collector(g->s));
	/* SOCKLAB_NO_WITNESS: grade as where tracefs is missing (the tests). */
	if (getenv("SOCKLAB_NO_WITNESS"))
		snprintf(k->witness_why, sizeof(k->witness_why), "SOCKLAB_NO_WITNESS is set");
	else
		k->witness = witness_start(&k->w, k->witness_why, sizeof(k->witness_why)) == 0;
}

/* ---- /proc ---------------------------------------------------------------- */

/* One process of /proc: its state letter, parent and threads. */
struct pstat {
	pid_t pid, ppid;
	char state;
	int threads;
};

static int read_pstat(pid_t pid, struct pstat *ps)
{
	char path[64], buf[512];
	const char *paren;
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (!(f = fopen(path, "re")))
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* "PID (COMM) S PPID ... NUM_THREADS": COMM may hold anything. */
	if (!(paren = strrchr(buf, ')')) ||
	    sscanf(paren + 1,
		   " %c %d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %d",
		   &ps->state, &ps->ppid, &ps->threads) != 3)
		return -1;
	ps->pid = pid;
	return 0;
}

/* Every process on the machine, into *out (to free). */
static size_t read_all(struct pstat **out)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	struct pstat *all = NULL, ps;
	size_t n = 0, cap = 0;

	while (d && (de = readdir(d))) {
		if (!isdigit((unsigned char)de->d_name[0]) ||
		    read_pstat((pid_t)atoi(de->d_name), &ps) < 0)
			continue;
		if (n == cap) {
			struct pstat *more =
				realloc(all, (cap = cap ? cap * 2 : 512) * sizeof(*all));
			if (!more)
				break;
			all = more;
		}
		all[n++] = ps;
	}
	if (d)
		closedir(d);
	*out = all;
	return n;
}

static struct kproc *find_proc(const struct kview *k, pid_t pid)
{
	for (size_t i = 0; k && i < k->n; i++)
		if (k->p[i].pid == pid)
			return &k->p[i];
	return NULL;
}

static bool is_root(const struct grade_run *g, pid_t pid)
{
	for (int i = 0; i < g->nstudents; i++)
		if (g->students[i] == pid)
			return true;
	return false;
}

/* What one process of /proc tells, if it is a student's: a root, or the
 * child of one we know (and is still there). Returns true if it was new. */
static bool take_pstat(struct grade_run *g, const struct pstat *ps, int64_t now)
{
	struct kview *k = kview(g);
	struct kproc *p = find_proc(k, ps->pid), *parent;

	if (p && p->t_gone >= 0)
		return false; /* gone once: the pid is someone else's now */
	if (!p) {
		parent = find_proc(k, ps->ppid);
		if (k->n >= KVIEW_PROCS || !(is_root(g, ps->pid) || (parent && parent->t_gone < 0)))
			return false;
		p = &k->p[k->n++];
		*p = (struct kproc){.pid = ps->pid,
				    .root = is_root(g, ps->pid) ? ps->pid : parent->root,
				    .t_seen = now,
				    .t_zombie = -1,
				    .t_gone = -1,
				    .t_listener = -1};
	}
	if (!p->ppid)
		p->ppid = ps->ppid; /* its parent when it began, not init's adoption */
	if (ps->threads > p->threads)
		p->threads = ps->threads;
	if (ps->state == 'Z' && p->t_zombie < 0)
		p->t_zombie = now;
	return true;
}

static void scan_procs(struct grade_run *g, int64_t now)
{
	struct kview *k = kview(g);
	struct pstat *all;
	size_t n = read_all(&all);
	bool *seen = calloc(k->n + n + 1, sizeof(*seen));

	/* Children may come before their parents in /proc: a few passes. */
	for (int pass = 0; pass < 4; pass++) {
		size_t before = k->n;
		for (size_t i = 0; i < n; i++)
			take_pstat(g, &all[i], now);
		if (k->n == before && pass > 0)
			break;
	}
	for (size_t i = 0; seen && i < n; i++) {
		struct kproc *p = find_proc(k, all[i].pid);
		if (p)
			seen[p - k->p] = true;
	}
	for (size_t i = 0; seen && i < k->n; i++)
		if (!seen[i] && k->p[i].t_gone < 0)
			k->p[i].t_gone = now;
	free(seen);
	free(all);
}

/* ---- sockets ------------------------------------------------------------- */

struct port_socks {
	int port;
	struct kmark *m;
	struct ksock all[KVIEW_SOCKS * 4];
	enum tcp_state state[KVIEW_SOCKS * 4];
	int n;
};

static void take_sock(void *arg, const struct sockdiag_entry *e)
{
	struct port_socks *ps = arg;

	if (e->local.port != ps->port || e->timewait || !e->inode ||
	    (size_t)ps->n >= sizeof(ps->all) / sizeof(ps->all[0]))
		return;
	endpoint_pair_str(&e->local, &e->peer, ps->all[ps->n].name, sizeof(ps->all[0].name));
	ps->all[ps->n].inode = e->inode;
	ps->all[ps->n].pid = -1;
	ps->all[ps->n].fd = -1;
	ps->state[ps->n++] = e->state;
}

/* Who of the student's processes holds each socket (socket:[INODE]). */
static void find_holders(const struct kview *k, struct port_socks *ps)
{
	char dir[64], link[64], path[340];

	for (size_t i = 0; i < k->n && ps->n; i++) {
		const struct kproc *p = &k->p[i];
		struct dirent *de;
		DIR *d;

		if (p->t_gone >= 0 || p->t_zombie >= 0)
			continue;
		snprintf(dir, sizeof(dir), "/proc/%d/fd", (int)p->pid);
		if (!(d = opendir(dir)))
			continue;
		while ((de = readdir(d))) {
			unsigned inode;
			ssize_t len;

			snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
			if ((len = readlink(path, link, sizeof(link) - 1)) <= 0)
				continue;
			link[len] = '\0';
			if (sscanf(link, "socket:[%u]", &inode) != 1)
				continue;
			for (int s = 0; s < ps->n; s++)
				if (ps->all[s].inode == inode && ps->all[s].pid < 0) {
					ps->all[s].pid = p->pid;
					ps->all[s].fd = atoi(de->d_name);
				}
		}
		closedir(d);
	}
}

/* The sockets of the port in states (SOCKDIAG_STATE bits), with their
 * holders. Returns 0, or -1 with why. */
static int port_sockets(const struct grade_run *g, uint32_t states, struct port_socks *ps,
			char *why, size_t cap)
{
	int fd = sockdiag_open(g->sb && g->sb->netns[0] ? g->sb->netns : NULL, why, cap);

	ps->port = g->port;
	ps->n = 0;
	if (fd < 0)
		return -1;
	if (sockdiag_dump(fd, states, take_sock, ps, why, cap) < 0) {
		close(fd);
		return -1;
	}
	close(fd);
	find_holders(kview(g), ps);
	return 0;
}

/* While children live: which of them hold a listening socket of the
 * port (a child must close it first). */
static void look_listeners(struct grade_run *g)
{
	struct kview *k = kview(g);
	struct port_socks ps;
	char why[200];
	bool children = false;

	for (size_t i = 0; i < k->n && !children; i++)
		children = !is_root(g, k->p[i].pid) && k->p[i].t_gone < 0 && k->p[i].t_zombie < 0;
	if (!children || port_sockets(g, SOCKDIAG_STATE(TCP_ST_LISTEN), &ps, why, sizeof(why)) < 0)
		return;
	for (int s = 0; s < ps.n; s++) {
		struct kproc *p = find_proc(k, ps.all[s].pid);
		if (p && !is_root(g, p->pid)) {
			p->listener_looks++;
			p->t_listener = collector_now(scenario_collector(g->s));
		}
	}
}

void kview_watch(struct grade_run *g)
{
	struct kview *k = kview(g);
	int64_t now = collector_now(scenario_collector(g->s));

	if (!k)
		return;
	witness_read(&k->w);
	scan_procs(g, now);
	look_listeners(g);
}

static void keep(struct ksock *out, int *n, const struct ksock *s)
{
	if (*n < KVIEW_SOCKS)
		out[*n] = *s;
	(*n)++;
}

/*
 * A connection whose client has just left stays in CLOSE_WAIT until its
 * holder's close() runs, which on a loaded machine can come after the
 * mark; one a process really keeps stays for good. So a mark that finds
 * one held looks again, every KVIEW_SETTLE_STEP_MS for up to
 * KVIEW_SETTLE_MS: only a socket still held then is judged kept.
 */
#define KVIEW_SETTLE_MS	     2000
#define KVIEW_SETTLE_STEP_MS 50

/* One look at the port's sockets for mark m. Returns 0, or -1 when
 * sock_diag cannot be asked (why in m->why). */
static int look_at_sockets(struct grade_run *g, struct kmark *m)
{
	struct port_socks ps;

	m->nclose_wait = m->nlisten = 0;
	m->t = collector_now(scenario_collector(g->s));
	scan_procs(g, m->t);
	if (port_sockets(g, SOCKDIAG_STATE(TCP_ST_CLOSE_WAIT) | SOCKDIAG_STATE(TCP_ST_LISTEN), &ps,
			 m->why, sizeof(m->why)) < 0)
		return -1;
	m->diag = true;
	for (int s = 0; s < ps.n; s++) {
		if (ps.all[s].pid < 0)
			continue; /* no student process holds it */
		if (ps.state[s] == TCP_ST_CLOSE_WAIT)
			keep(m->close_wait, &m->nclose_wait, &ps.all[s]);
		else
			keep(m->listen, &m->nlisten, &ps.all[s]);
	}
	return 0;
}

void kview_mark(struct grade_run *g, int i)
{
	struct kview *k = kview(g);
	struct kmark *m;

	if (!k || i < 0 || i >= GRADE_MARKS)
		return;
	m = &k->at[i];
	memset(m, 0, sizeof(*m));
	m->taken = true;
	for (int waited = 0;
	     look_at_sockets(g, m) == 0 && m->nclose_wait > 0 && waited < KVIEW_SETTLE_MS;
	     waited += KVIEW_SETTLE_STEP_MS)
		scenario_sleep(g->s, KVIEW_SETTLE_STEP_MS);
}

static void build_tasks(struct kview *k);

void kview_stop(struct grade_run *g)
{
	struct kview *k = kview(g);

	if (!k)
		return;
	witness_stop(&k->w);
	for (size_t i = 0; i < k->w.n; i++)
		k->w.ev[i].t_ns -= k->t0; /* session time, as every event's */
	build_tasks(k);
}

void kview_free(struct grade_run *g)
{
	struct kview *k = kview(g);

	if (!k)
		return;
	witness_free(&k->w);
	ptrmap_free(&k->task_at);
	free(k->tasks);
	free(k->p);
	free(k);
	g->kv = NULL;
}

/* ---- the witness's tasks ---------------------------------------------------- */

#define CLONE_THREAD_FLAG 0x00010000

static struct ktask *task_of(const struct kview *k, pid_t tid)
{
	long at;

	return tid > 0 && ptrmap_get(&k->task_at, (void *)(intptr_t)tid, &at) ? &k->tasks[at]
									      : NULL;
}

/* The process a task (a thread id) belongs to: a thread's is its maker's. */
static pid_t tgid_of(const struct kview *k, pid_t tid)
{
	const struct ktask *t = task_of(k, tid);

	return t ? t->tgid : tid;
}

/* Every task the witness saw made, in order: who made it, and whether it
 * is a thread. */
static void build_tasks(struct kview *k)
{
	for (size_t i = 0; i < k->w.n; i++) {
		const struct witline *l = &k->w.ev[i];
		struct ktask *t;
		pid_t maker;

		if (l->kind != WIT_NEWTASK ||
		    array_grow(&k->tasks, &k->taskcap, k->ntasks, sizeof(*k->tasks)) < 0)
			continue;
		maker = tgid_of(k, l->tid);
		t = &k->tasks[k->ntasks];
		*t = (struct ktask){.tid = l->child,
				    .thread = (l->clone_flags & CLONE_THREAD_FLAG) != 0,
				    .maker = maker,
				    .line = i};
		t->tgid = t->thread ? maker : l->child;
		ptrmap_put(&k->task_at, (void *)(intptr_t)l->child, (long)k->ntasks++);
	}
}

/* True when process tgid is root or descends from it, by the witness. */
static bool wit_in_tree(const struct kview *k, pid_t tgid, pid_t root)
{
	for (int depth = 0; depth < 256 && tgid > 0; depth++) {
		const struct ktask *t = task_of(k, tgid);
		if (tgid == root)
			return true;
		if (!t)
			return false;
		tgid = t->maker;
	}
	return false;
}

/* ---- queries ------------------------------------------------------------------ */

const struct kview *kview_of(const struct check_ctx *c)
{
	const struct grade_run *g = grade_run_of(c);

	return g ? g->kv : NULL;
}

const struct kproc *kview_proc(const struct kview *k, pid_t pid)
{
	return find_proc(k, pid);
}

bool kproc_zombie_at(const struct kproc *p, int64_t t, int64_t settle)
{
	return p->t_zombie >= 0 && p->t_zombie <= t - settle && (p->t_gone < 0 || p->t_gone > t);
}

/* The trace has the fork() that made child. */
static bool traced_fork(const struct check_ctx *c, pid_t child)
{
	struct ev_filter f = {.src = "proc", .fn = "fork"};
	const struct event *e = NULL;

	while ((e = ev_next(c->s, &f, e)))
		if (e->proc.child == child)
			return true;
	return false;
}

/* The fork-like call that returned child to the task, or "" (its exit
 * comes after the task_newtask line, at index i). */
static const char *made_with(const struct witness *w, pid_t tid, pid_t child, size_t i)
{
	static const char *const calls[] = {"fork", "vfork", "clone", "clone3"};

	for (size_t end = i + 4096 < w->n ? i + 4096 : w->n; i < end; i++)
		for (size_t j = 0; j < 4; j++)
			if (w->ev[i].kind == WIT_EXIT && w->ev[i].tid == tid &&
			    w->ev[i].ret == child && strcmp(w->ev[i].call, calls[j]) == 0)
				return calls[j];
	return "";
}

static void made_witnessed(const struct check_ctx *c, const struct kview *k, pid_t root,
			   struct kmade *m)
{
	for (size_t i = 0; i < k->ntasks; i++) {
		const struct ktask *t = &k->tasks[i];

		if (!wit_in_tree(k, t->maker, root))
			continue;
		if (t->thread) {
			m->threads++;
			continue;
		}
		m->procs++;
		if (!m->first)
			m->first = t->tid;
		if (!traced_fork(c, t->tid) && m->untraced++ == 0)
			snprintf(m->how, sizeof(m->how), "%s",
				 made_with(&k->w, k->w.ev[t->line].tid, t->tid, t->line));
	}
	for (size_t i = 0; i < k->w.n; i++)
		if (k->w.ev[i].kind == WIT_ENTER &&
		    strcmp(k->w.ev[i].call, "io_uring_setup") == 0 &&
		    wit_in_tree(k, tgid_of(k, k->w.ev[i].tid), root))
			m->uring = true;
}

void kview_made(const struct check_ctx *c, pid_t root, struct kmade *m)
{
	const struct kview *k = kview_of(c);
	const struct kproc *r = find_proc(k, root);

	memset(m, 0, sizeof(*m));
	if (!k)
		return;
	if (k->witness && k->w.lost == 0) {
		m->witnessed = true;
		made_witnessed(c, k, root, m);
		m->threads++; /* its first */
		if (r && r->threads > m->threads)
			m->threads = r->threads;
		return;
	}
	m->threads = r ? r->threads : 0;
	for (size_t i = 0; i < k->n; i++) {
		const struct kproc *p = &k->p[i];
		if (p->root != root || p->pid == root)
			continue;
		m->procs++;
		if (!m->first)
			m->first = p->pid;
		m->untraced += !traced_fork(c, p->pid);
	}
}

pid_t kview_tgid(const struct kview *k, pid_t tid)
{
	return tgid_of(k, tid);
}

int kview_closed(const struct kview *k, pid_t tgid, int fd, int64_t from)
{
	if (!k || !k->witness || k->w.lost)
		return -1;
	for (size_t i = 0; i < k->w.n; i++) {
		const struct witline *l = &k->w.ev[i];
		if (l->kind == WIT_ENTER && l->t_ns >= from && l->arg[0] == fd &&
		    strcmp(l->call, "close") == 0 && tgid_of(k, l->tid) == tgid)
			return 1;
	}
	return 0;
}

bool kview_accepted(const struct kview *k, pid_t root)
{
	if (!k || !k->witness)
		return false;
	for (size_t i = 0; i < k->w.n; i++) {
		const struct witline *l = &k->w.ev[i];
		if (l->kind == WIT_EXIT && l->ret >= 0 && strncmp(l->call, "accept", 6) == 0 &&
		    wit_in_tree(k, tgid_of(k, l->tid), root))
			return true;
	}
	return false;
}
