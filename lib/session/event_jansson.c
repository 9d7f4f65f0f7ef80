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

#include <jansson.h>
#include <string.h>

static const char *jstr(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* Field readers: absent or of the wrong type gives the default. */
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

static bool has_int(json_t *o, const char *key)
{
	return json_is_integer(json_object_get(o, key));
}

static void parse_call(struct event *e, json_t *o, struct strpool *pool)
{
	e->call.fn = get_str(o, "fn", pool);
	e->call.err = get_str(o, "errno", pool);
	e->call.sock = get_str(o, "sock", pool);
	e->call.addr = get_str(o, "addr", pool);
	e->call.peer = get_str(o, "peer", pool);
	e->call.how = get_str(o, "how", pool);
	e->call.level = get_str(o, "level", pool);
	e->call.opt = get_str(o, "opt", pool);
	e->call.proto = get_str(o, "proto", pool);
	e->call.ret = get_int(o, "ret", 0);
	e->call.len = get_int(o, "len", -1);
	e->call.has_val = has_int(o, "val");
	e->call.val = get_int(o, "val", 0);
	e->call.dur = get_int(o, "dur", 0);
	e->call.fd = (int32_t)get_int(o, "fd", -1);
	e->call.sigpipe = json_is_string(json_object_get(o, "sig")) &&
			  strcmp(json_string_value(json_object_get(o, "sig")), "SIGPIPE") == 0;
}

static void parse_state(struct event *e, json_t *o, struct strpool *pool)
{
	json_t *from = json_object_get(o, "from"), *to = json_object_get(o, "to");

	e->state.sock = get_str(o, "sock", pool);
	e->state.via = get_str(o, "via", pool);
	e->state.timer_ms = get_int(o, "timer_ms", -1);
	e->state.from = tcp_state_parse(json_string_value(from));
	e->state.to = tcp_state_parse(json_string_value(to));
}

/* "analysis": ["retransmission", ...] as bits; unknown names are left
 * out (a later socklab may know more). */
static uint16_t get_analysis(json_t *o)
{
	json_t *names = json_object_get(o, "analysis"), *name;
	uint16_t bits = 0;
	size_t i;

	json_array_foreach(names, i, name) bits |= tcp_analysis_parse(json_string_value(name));
	return bits;
}

static void parse_pkt(struct event *e, json_t *o, struct strpool *pool)
{
	const char *proto = json_string_value(json_object_get(o, "proto"));

	e->pkt.from = get_str(o, "from", pool);
	e->pkt.to = get_str(o, "to", pool);
	e->pkt.frame = (uint32_t)get_int(o, "frame", 0);
	e->pkt.seq = (uint32_t)get_int(o, "seq", 0);
	e->pkt.ack = (uint32_t)get_int(o, "ack", 0);
	e->pkt.rseq = (uint32_t)get_int(o, "rseq", 0);
	e->pkt.rack = (uint32_t)get_int(o, "rack", 0);
	e->pkt.len = (uint32_t)get_int(o, "len", 0);
	e->pkt.win = (uint32_t)get_int(o, "win", 0);
	e->pkt.analysis = get_analysis(o);
	e->pkt.dup_ack_num = (uint32_t)get_int(o, "duplicate_ack_num", 0);
	e->pkt.dup_ack_frame = (uint32_t)get_int(o, "duplicate_ack_frame", 0);
	e->pkt.window_probe = json_is_true(json_object_get(o, "window_probe"));
	e->pkt.proto = !proto			    ? PROTO_NONE
		       : strcmp(proto, "tcp") == 0  ? PROTO_TCP
		       : strcmp(proto, "udp") == 0  ? PROTO_UDP
		       : strcmp(proto, "icmp") == 0 ? PROTO_ICMP
						    : PROTO_NONE;
	if (e->pkt.proto == PROTO_ICMP) {
		e->pkt.about = get_str(json_object_get(o, "orig"), "from", pool);
		e->pkt.icmp_type = (uint8_t)get_int(o, "type", 0);
		e->pkt.icmp_code = (uint8_t)get_int(o, "code", 0);
	}
	e->pkt.flags = tcp_flags_parse(json_string_value(json_object_get(o, "flags")));
}

static void parse_proc(struct event *e, json_t *o, struct strpool *pool)
{
	e->proc.event = get_str(o, "event", pool);
	e->proc.sig = get_str(o, "sig", pool);
	e->proc.fn = get_str(o, "fn", pool);
	e->proc.path = get_str(o, "path", pool);
	e->proc.handler = get_str(o, "handler", pool);
	e->proc.ppid = (int32_t)get_int(o, "ppid", 0);
	e->proc.child = (int32_t)get_int(o, "child", 0);
	e->proc.status = (int32_t)get_int(o, "status", -1);
	e->proc.creator = (int32_t)get_int(o, "creator", 0);
	e->proc.held_ms = (int32_t)get_int(o, "held_ms", -1);
	e->proc.fd = (int32_t)get_int(o, "fd", -1);
	e->proc.since = get_int(o, "since", e->t);
}

static void parse_note(struct event *e, json_t *o, struct strpool *pool)
{
	e->note.kind = get_str(o, "kind", pool);
	e->note.text = get_str(o, "text", pool);
}

static void parse_fields(struct event *e, json_t *o, struct strpool *pool)
{
	e->pid = (int32_t)get_int(o, "pid", 0);
	e->tid = (int32_t)get_int(o, "tid", e->pid);
	e->conn = (int32_t)get_int(o, "conn", -1);
	switch (e->src) {
	case SRC_CALL:
		parse_call(e, o, pool);
		break;
	case SRC_STATE:
		parse_state(e, o, pool);
		break;
	case SRC_PKT:
		parse_pkt(e, o, pool);
		break;
	case SRC_PROC:
		parse_proc(e, o, pool);
		break;
	case SRC_NOTE:
		parse_note(e, o, pool);
		break;
	}
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
