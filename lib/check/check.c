/*
 * check.c - the engine under lab checkpoints and grading checks.
 */
#include "check/check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int check_ctx_init(struct check_ctx *c, const struct session *s, const struct run_facts *facts)
{
	memset(c, 0, sizeof(*c));
	c->s = s;
	c->facts = facts;
	proctable_build(&c->procs, s);
	socktable_build(&c->socks, s);
	c->t_end = s->n ? s->ev[s->n - 1].t : 0;
	return 0;
}

void check_ctx_free(struct check_ctx *c)
{
	proctable_free(&c->procs);
	socktable_free(&c->socks);
}

void check_run(const struct check *k, const struct check_ctx *c, struct check_result *r)
{
	memset(r, 0, sizeof(*r));
	r->t_evidence = -1;
	if (k->hint || c->hint)
		snprintf(r->hint, sizeof(r->hint), "%s", k->hint ? k->hint : c->hint);
	k->fn(c, r);
	if (!r->decided)
		check_fail(r, "the check %s decided nothing (a bug in socklab)", k->name);
}

static void decide(struct check_result *r, bool pass, const char *fmt, va_list ap)
{
	r->pass = pass;
	r->decided = true;
	r->skipped = false;
	vsnprintf(r->summary, sizeof(r->summary), fmt, ap);
}

void check_pass(struct check_result *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	decide(r, true, fmt, ap);
	va_end(ap);
}

void check_fail(struct check_result *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	decide(r, false, fmt, ap);
	va_end(ap);
}

void check_skip(struct check_result *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	decide(r, false, fmt, ap);
	va_end(ap);
	r->skipped = true;
}

const char *check_verdict(const struct check_result *r, const char *unchecked)
{
	return r->skipped ? unchecked : r->pass ? "PASS" : "FAIL";
}

void check_evidence(struct check_result *r, const struct event *e)
{
	char when[32], what[CHECK_LINE_MAX - 40];

	if (!e || r->nevidence >= CHECK_EVIDENCE_MAX)
		return;
	event_time_str(e->t, when, sizeof(when));
	event_describe(e, what, sizeof(what));
	snprintf(r->evidence[r->nevidence++], CHECK_LINE_MAX, "%s %s", when, what);
	if (e->t > r->t_evidence)
		r->t_evidence = e->t;
}

void check_evidence_text(struct check_result *r, const char *fmt, ...)
{
	va_list ap;

	if (r->nevidence >= CHECK_EVIDENCE_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(r->evidence[r->nevidence++], CHECK_LINE_MAX, fmt, ap);
	va_end(ap);
}

/* ---- finding events --------------------------------------------------- */

static bool str_is(const char *have, const char *want)
{
	return !want || (have && strcmp(have, want) == 0);
}

static bool sock_has_port(const char *sock, int port)
{
	return endpoint_pair_local_port(sock) == port || endpoint_pair_peer_port(sock) == port;
}

static bool event_has_port(const struct event *e, int port)
{
	switch (e->src) {
	case SRC_CALL:
		return sock_has_port(e->call.sock, port);
	case SRC_STATE:
		return sock_has_port(e->state.sock, port);
	case SRC_PKT:
		return endpoint_port(e->pkt.from) == port || endpoint_port(e->pkt.to) == port;
	}
	return false;
}

/* The name a filter's fn compares with, for each kind of event. */
static const char *event_fn(const struct event *e)
{
	switch (e->src) {
	case SRC_CALL:
		return e->call.fn;
	case SRC_PROC:
		return e->proc.event;
	case SRC_NOTE:
		return e->note.kind;
	}
	return NULL;
}

static bool err_matches(const struct event *e, const char *want)
{
	if (!want)
		return true;
	if (e->src != SRC_CALL)
		return false;
	if (strcmp(want, "ok") == 0)
		return e->call.err == NULL && e->call.ret >= 0;
	return str_is(e->call.err, want);
}

static bool flags_match(const struct event *e, const char *want)
{
	uint8_t need;

	if (!want)
		return true;
	need = tcp_flags_parse(want);
	return e->src == SRC_PKT && (e->pkt.flags & need) == need;
}

bool ev_matches(const struct event *e, const struct ev_filter *f)
{
	if (f->src && strcmp(event_src_name(e->src), f->src) != 0)
		return false;
	if (f->fn && !str_is(event_fn(e), f->fn))
		return false;
	if (!err_matches(e, f->err) || !flags_match(e, f->flags))
		return false;
	if (f->pid && e->pid != f->pid)
		return false;
	if (f->sock && !str_is(e->src == SRC_STATE ? e->state.sock : e->call.sock, f->sock))
		return false;
	if (f->port && !event_has_port(e, f->port))
		return false;
	if (f->to && (e->src != SRC_STATE || strcmp(tcp_state_name(e->state.to), f->to) != 0))
		return false;
	if (f->analysis && (e->src != SRC_PKT || (e->pkt.analysis & f->analysis) != f->analysis))
		return false;
	return e->t >= f->after;
}

const struct event *ev_next(const struct session *s, const struct ev_filter *f,
			    const struct event *prev)
{
	size_t i = prev ? (size_t)(prev - s->ev) + 1 : 0;

	for (; i < s->n; i++)
		if (ev_matches(&s->ev[i], f))
			return &s->ev[i];
	return NULL;
}

const struct event *ev_first(const struct session *s, const struct ev_filter *f)
{
	return ev_next(s, f, NULL);
}

const struct event *ev_last(const struct session *s, const struct ev_filter *f)
{
	for (size_t i = s->n; i-- > 0;)
		if (ev_matches(&s->ev[i], f))
			return &s->ev[i];
	return NULL;
}

size_t ev_count(const struct session *s, const struct ev_filter *f)
{
	size_t n = 0;

	for (size_t i = 0; i < s->n; i++)
		n += ev_matches(&s->ev[i], f);
	return n;
}

const struct event *ev_nth(const struct session *s, const struct ev_filter *f, int n)
{
	const struct event *e = n > 0 ? ev_first(s, f) : NULL;

	while (e && --n > 0)
		e = ev_next(s, f, e);
	return e;
}
