/*
 * evfields.h - every field of struct event's union, written once.
 *
 * A field is a row of EVENT_FIELDS: the source whose events have it, its
 * member of struct event, how a line gives it (enum evf_read), its JSON
 * key, and its usual value (what it is when the line does not say, and
 * what the compact store leaves out). Three readers walk the rows of an
 * event's source: event.c fills an event from a line jscan vouched for,
 * event_jansson.c from one jansson read, and evstore.c keeps each field
 * that differs from its usual value. A new field is a member in event.h
 * and a row here.
 *
 * A source's rows are together, the sources in the order of enum
 * event_src (a unit test holds them to it), and most often present first: evstore says which
 * fields differ in a bitmask whose first byte holds seven. ICMP's rows
 * (EVF_ORIG_FROM, EVF_ICMP_INT) come after "proto", which they depend on.
 */
#ifndef SOCKLAB_EVFIELDS_H
#define SOCKLAB_EVFIELDS_H

#include <stddef.h>
#include <stdint.h>

#include "session/event.h"

enum evf_read {
	EVF_STR,       /* a string, interned */
	EVF_INT,       /* an integer */
	EVF_SINCE,     /* an integer, a time; usual: the event's t */
	EVF_HAS_INT,   /* whether key holds an integer */
	EVF_TRUE,      /* whether key is true */
	EVF_SIGPIPE,   /* whether key is "SIGPIPE" */
	EVF_STATE,     /* a TCP state's name: enum tcp_state */
	EVF_FLAGS,     /* TCP flags ("FA"): enum tcp_flag bits */
	EVF_PROTO,     /* "tcp", "udp", "icmp": enum proto */
	EVF_ANALYSIS,  /* an array of names: enum tcp_analysis bits */
	EVF_ORIG_FROM, /* ICMP only: the "from" of object key */
	EVF_ICMP_INT,  /* ICMP only: an integer */
};

/* X(src, member, read, key, usual) */
#define EVENT_FIELDS(X)                                                                            \
	X(SRC_CALL, call.fn, EVF_STR, "fn", 0)                                                     \
	X(SRC_CALL, call.sock, EVF_STR, "sock", 0)                                                 \
	X(SRC_CALL, call.proto, EVF_STR, "proto", 0)                                               \
	X(SRC_CALL, call.ret, EVF_INT, "ret", 0)                                                   \
	X(SRC_CALL, call.fd, EVF_INT, "fd", -1)                                                    \
	X(SRC_CALL, call.len, EVF_INT, "len", -1)                                                  \
	X(SRC_CALL, call.err, EVF_STR, "errno", 0)                                                 \
	X(SRC_CALL, call.dur, EVF_INT, "dur", 0)                                                   \
	X(SRC_CALL, call.peer, EVF_STR, "peer", 0)                                                 \
	X(SRC_CALL, call.addr, EVF_STR, "addr", 0)                                                 \
	X(SRC_CALL, call.how, EVF_STR, "how", 0)                                                   \
	X(SRC_CALL, call.level, EVF_STR, "level", 0)                                               \
	X(SRC_CALL, call.opt, EVF_STR, "opt", 0)                                                   \
	X(SRC_CALL, call.val, EVF_INT, "val", 0)                                                   \
	X(SRC_CALL, call.has_val, EVF_HAS_INT, "val", 0)                                           \
	X(SRC_CALL, call.sigpipe, EVF_SIGPIPE, "sig", 0)                                           \
	X(SRC_STATE, state.sock, EVF_STR, "sock", 0)                                               \
	X(SRC_STATE, state.from, EVF_STATE, "from", 0)                                             \
	X(SRC_STATE, state.to, EVF_STATE, "to", 0)                                                 \
	X(SRC_STATE, state.via, EVF_STR, "via", 0)                                                 \
	X(SRC_STATE, state.timer_ms, EVF_INT, "timer_ms", -1)                                      \
	X(SRC_PKT, pkt.from, EVF_STR, "from", 0)                                                   \
	X(SRC_PKT, pkt.to, EVF_STR, "to", 0)                                                       \
	X(SRC_PKT, pkt.frame, EVF_INT, "frame", 0)                                                 \
	X(SRC_PKT, pkt.flags, EVF_FLAGS, "flags", 0)                                               \
	X(SRC_PKT, pkt.rseq, EVF_INT, "rseq", 0)                                                   \
	X(SRC_PKT, pkt.rack, EVF_INT, "rack", 0)                                                   \
	X(SRC_PKT, pkt.len, EVF_INT, "len", 0)                                                     \
	X(SRC_PKT, pkt.win, EVF_INT, "win", 0)                                                     \
	X(SRC_PKT, pkt.proto, EVF_PROTO, "proto", 0)                                               \
	X(SRC_PKT, pkt.seq, EVF_INT, "seq", 0)                                                     \
	X(SRC_PKT, pkt.ack, EVF_INT, "ack", 0)                                                     \
	X(SRC_PKT, pkt.analysis, EVF_ANALYSIS, "analysis", 0)                                      \
	X(SRC_PKT, pkt.dup_ack_num, EVF_INT, "duplicate_ack_num", 0)                               \
	X(SRC_PKT, pkt.dup_ack_frame, EVF_INT, "duplicate_ack_frame", 0)                           \
	X(SRC_PKT, pkt.window_probe, EVF_TRUE, "window_probe", 0)                                  \
	X(SRC_PKT, pkt.about, EVF_ORIG_FROM, "orig", 0)                                            \
	X(SRC_PKT, pkt.icmp_type, EVF_ICMP_INT, "type", 0)                                         \
	X(SRC_PKT, pkt.icmp_code, EVF_ICMP_INT, "code", 0)                                         \
	X(SRC_PROC, proc.event, EVF_STR, "event", 0)                                               \
	X(SRC_PROC, proc.child, EVF_INT, "child", 0)                                               \
	X(SRC_PROC, proc.status, EVF_INT, "status", -1)                                            \
	X(SRC_PROC, proc.ppid, EVF_INT, "ppid", 0)                                                 \
	X(SRC_PROC, proc.path, EVF_STR, "path", 0)                                                 \
	X(SRC_PROC, proc.sig, EVF_STR, "sig", 0)                                                   \
	X(SRC_PROC, proc.fn, EVF_STR, "fn", 0)                                                     \
	X(SRC_PROC, proc.fd, EVF_INT, "fd", -1)                                                    \
	X(SRC_PROC, proc.since, EVF_SINCE, "since", 0)                                             \
	X(SRC_PROC, proc.handler, EVF_STR, "handler", 0)                                           \
	X(SRC_PROC, proc.creator, EVF_INT, "creator", 0)                                           \
	X(SRC_PROC, proc.held_ms, EVF_INT, "held_ms", -1)                                          \
	X(SRC_NOTE, note.kind, EVF_STR, "kind", 0)                                                 \
	X(SRC_NOTE, note.text, EVF_STR, "text", 0)

/* How a field is stored in struct event: from its C type. */
enum evf_type { EVT_STR, EVT_I64, EVT_I32, EVT_U32, EVT_U16, EVT_U8, EVT_BOOL };

struct evfield {
	uint8_t src;  /* enum event_src */
	uint16_t off; /* in struct event */
	uint8_t type; /* enum evf_type */
	uint8_t read; /* enum evf_read */
	int8_t usual; /* 0 or -1; an EVF_SINCE field: its difference from t */
	const char *key;
};

/* The rows of source src, in order: *n of them (none for an unknown src). */
const struct evfield *evfields_of(int src, size_t *n);
/* Every row, *n of them: a row's place here is its number. */
const struct evfield *evfields_all(size_t *n);

/* A field's value as a number (a string: NULL is 0, else its pool id),
 * and back (a string is set with evfield_set_str). */
int64_t evfield_get(const struct event *e, const struct evfield *f);
void evfield_set(struct event *e, const struct evfield *f, int64_t v);
void evfield_set_str(struct event *e, const struct evfield *f, const char *s);

/* The value a line gives a field it does not hold: usual, or the event's
 * t plus usual for a time. */
int64_t evfield_usual(const struct event *e, const struct evfield *f);

#endif
