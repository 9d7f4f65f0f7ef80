/*
 * event_jansson.c - reading an event from its JSON line with jansson: the
 * reader socklab had first, kept for the lines the fast one (event.c)
 * cannot vouch for, and as the measure the fast one is fuzzed against
 * (tests/fuzz/fuzz_session.c): what this accepts and refuses, and every
 * field it fills, event_parse() must match.
 *
 * A line must be an object with an integer "t" and a known "src"; every
 * other field is optional, and a field of the wrong type counts as absent,
 * so one odd field never costs a whole event.
 */
#include "base/errmsg.h"
#include "session/event.h"
#include "session/evfields.h"

#include <jansson.h>
#include <string.h>

static const char *jstr(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* A string member, interned; NULL when absent or not a string. */
static const char *get_str(json_t *o, const char *key, struct strpool *pool)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? strpool_intern(pool, json_string_value(v), json_string_length(v))
				 : NULL;
}

static int64_t get_int(json_t *o, const char *key, int64_t dflt)
{
	json_t *v = json_object_get(o, key);

	return json_is_integer(v) ? (int64_t)json_integer_value(v) : dflt;
}

/* "analysis": ["retransmission", ...] as bits; unknown names are left
 * out (a later socklab may know more). */
static uint16_t get_analysis(json_t *names)
{
	json_t *name;
	uint16_t bits = 0;
	size_t i;

	json_array_foreach(names, i, name) bits |= tcp_analysis_parse(json_string_value(name));
	return bits;
}

static uint8_t proto_parse(const char *proto)
{
	return !proto			    ? PROTO_NONE
	       : strcmp(proto, "tcp") == 0  ? PROTO_TCP
	       : strcmp(proto, "udp") == 0  ? PROTO_UDP
	       : strcmp(proto, "icmp") == 0 ? PROTO_ICMP
					    : PROTO_NONE;
}

/* Field f of e from o, as session/evfields.h says: absent or of the wrong
 * type gives the usual value. */
static void parse_field(struct event *e, const struct evfield *f, json_t *o, struct strpool *pool)
{
	json_t *v = json_object_get(o, f->key);
	bool icmp = e->src == SRC_PKT && e->pkt.proto == PROTO_ICMP;

	switch (f->read) {
	case EVF_STR:
		evfield_set_str(e, f, get_str(o, f->key, pool));
		return;
	case EVF_ORIG_FROM:
		if (icmp)
			evfield_set_str(e, f, get_str(v, "from", pool));
		return;
	case EVF_ICMP_INT:
		if (icmp)
			evfield_set(e, f, get_int(o, f->key, f->usual));
		return;
	case EVF_INT:
	case EVF_SINCE:
		evfield_set(e, f, get_int(o, f->key, evfield_usual(e, f)));
		return;
	case EVF_HAS_INT:
		evfield_set(e, f, json_is_integer(v));
		return;
	case EVF_TRUE:
		evfield_set(e, f, json_is_true(v));
		return;
	case EVF_SIGPIPE:
		evfield_set(e, f,
			    json_is_string(v) && strcmp(json_string_value(v), "SIGPIPE") == 0);
		return;
	case EVF_STATE:
		evfield_set(e, f, tcp_state_parse(json_string_value(v)));
		return;
	case EVF_FLAGS:
		evfield_set(e, f, tcp_flags_parse(json_string_value(v)));
		return;
	case EVF_PROTO:
		evfield_set(e, f, proto_parse(json_string_value(v)));
		return;
	case EVF_ANALYSIS:
		evfield_set(e, f, get_analysis(v));
		return;
	}
}

static void parse_fields(struct event *e, json_t *o, struct strpool *pool)
{
	size_t n;
	const struct evfield *f = evfields_of(e->src, &n);

	e->pid = (int32_t)get_int(o, "pid", 0);
	e->tid = (int32_t)get_int(o, "tid", e->pid);
	e->conn = (int32_t)get_int(o, "conn", -1);
	for (size_t k = 0; k < n; k++)
		parse_field(e, &f[k], o, pool);
}

int event_parse_jansson(struct event *e, const char *line, size_t len, struct strpool *pool,
			char *err, size_t errlen)
{
	json_error_t jerr;
	json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
	json_t *t;
	int src, ret = -1;

	if (!o)
		return errmsg(err, errlen, "not JSON: %s (column %d)", jerr.text, jerr.column);
	if (!json_is_object(o)) {
		errmsg(err, errlen, "not a JSON object");
		goto out_free;
	}
	t = json_object_get(o, "t");
	if (!json_is_integer(t) || json_integer_value(t) < 0) {
		errmsg(err, errlen, "no time: \"t\" must be an integer >= 0 (nanoseconds)");
		goto out_free;
	}
	src = json_is_string(json_object_get(o, "src")) ? event_src_parse(jstr(o, "src")) : -1;
	if (src < 0) {
		errmsg(err, errlen, "\"src\" must be one of call, state, pkt, proc, note");
		goto out_free;
	}
	memset(e, 0, sizeof(*e));
	e->t = (int64_t)json_integer_value(t);
	e->src = (uint8_t)src;
	parse_fields(e, o, pool);
	ret = 0;
out_free:
	json_decref(o);
	return ret;
}
