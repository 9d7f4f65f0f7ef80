/*
 * event.h - one event of a session's timeline, in memory.
 *
 * On disk an event is one line of events.jsonl (see docs/DESIGN.md, "A
 * session on disk"). In memory it is a struct event: the fields every
 * consumer needs, typed, with strings interned in the session's pool (so two
 * events name the same socket with the same pointer). Everything else the
 * line holds is still there in json, the line itself, for whoever wants
 * more (describe.c, evbytes.c read it with base/jobj.h).
 */
#ifndef SOCKLAB_EVENT_H
#define SOCKLAB_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/strpool.h"
#include "wire/tcp.h"

enum event_src { SRC_CALL, SRC_STATE, SRC_PKT, SRC_PROC, SRC_NOTE, SRC_COUNT };

struct event {
	int64_t t;   /* ns since the session started */
	int32_t pid; /* 0 when no process is known */
	int32_t tid;
	int32_t conn;	   /* the session's number for this connection, or -1 */
	uint32_t line;	   /* 1-based line in events.jsonl, or 0 */
	uint32_t json_len; /* the length of json */
	uint8_t src;	   /* enum event_src */
	/* The JSON line, json_len bytes, NOT NUL-terminated (it lies in the
	 * mapped events.jsonl), owned by the session; NULL when unknown. */
	const char *json;

	union {
		struct {
			const char *fn;
			const char *err;	 /* "EADDRINUSE", or NULL */
			const char *sock;	 /* "LOCAL>PEER", or NULL */
			const char *addr;	 /* bind/getsockname: "IP:PORT" */
			const char *peer;	 /* connect/accept/sendto/recvfrom */
			const char *how;	 /* shutdown */
			const char *level, *opt; /* setsockopt/getsockopt */
			const char *proto;
			int64_t ret;
			int64_t len; /* bytes asked, or -1 */
			int64_t val; /* option value, when has_val */
			int64_t dur;
			int32_t fd; /* -1 when the call has none */
			bool has_val;
			bool sigpipe; /* "sig": "SIGPIPE": it failed with EPIPE and
					 raised SIGPIPE (fatal unless handled) */
		} call;
		struct {
			const char *sock; /* "LOCAL>PEER" */
			const char *via;  /* "tracefs", "diag", "tcpinfo", "pcap" */
			int64_t timer_ms; /* TIME_WAIT: time left, or -1 */
			uint8_t from, to; /* enum tcp_state */
		} state;
		struct {
			const char *from, *to; /* "IP:PORT" */
			const char *about;     /* ICMP: the socket it is about, orig's from */
			uint32_t frame;
			uint32_t seq, ack, rseq, rack;
			uint32_t len, win;	      /* win: scaled, in bytes */
			uint32_t dup_ack_num;	      /* duplicate_ack: the Nth in a row */
			uint32_t dup_ack_frame;	      /* duplicate_ack: the frame repeated */
			uint16_t analysis;	      /* enum tcp_analysis bits */
			bool window_probe;	      /* a keep_alive into a zero window */
			uint8_t proto;		      /* enum proto */
			uint8_t flags;		      /* enum tcp_flag bits */
			uint8_t icmp_type, icmp_code; /* PROTO_ICMP */
		} pkt;
		struct {
			const char *event;   /* "fork", "exec", "exit", "zombie", "reaped",
						"thread", "thread_exit", ... */
			const char *sig;     /* "SIGCHLD", or NULL */
			const char *fn;	     /* reaped: the wait call; handler: sigaction/signal;
						blocked: the system call it waits in */
			const char *path;    /* exec */
			const char *handler; /* handler: "function", "SIG_IGN", "SIG_DFL" */
			int32_t ppid, child;
			int32_t status;	 /* exit status, or -1 */
			int32_t creator; /* thread: the tid that made it, or 0 */
			int32_t held_ms; /* thread: socklab held its start this long, or -1 */
			int32_t fd;	 /* blocked: the call's descriptor, or -1 */
			int64_t since;	 /* blocked: when the wait began (ns) */
		} proc;
		struct {
			const char *kind; /* "checkpoint", "untraceable", "source", ... */
			const char *text;
		} note;
	};
};

/*
 * Fills e from one JSON line (len bytes, not necessarily NUL-terminated).
 * Strings are interned in pool; e->json and e->line are left for the caller
 * to set. Returns 0, or -1 with a message in err saying what is wrong with
 * the line.
 */
int event_parse(struct event *e, const char *line, size_t len, struct strpool *pool, char *err,
		size_t errlen);
/* The same, with jansson: what event_parse() asks about a line it cannot
 * vouch for, and what the fuzz target holds it to (event_jansson.c). */
int event_parse_jansson(struct event *e, const char *line, size_t len, struct strpool *pool,
			char *err, size_t errlen);

/* The fields of e's line, for those struct event does not keep: o is
 * empty when e has no line. Free with jobj_free(). */
struct jobj;
void event_fields(const struct event *e, struct jobj *o);

/* A field of e's line that is a list of integers ("rfds", "ready"), into
 * out (at most max). Returns how many it holds, or -1 when e has none. */
int event_ints(const struct event *e, const char *key, int *out, int max);

/*
 * What kind of call a call event is, by its fn: one that takes bytes in
 * (recv, recvfrom, recvmsg, read, readv), one that sends bytes out (send,
 * sendto, sendmsg, write, writev), one that waits for something to arrive,
 * whose t is therefore its return (accept, recv*, read*, select, poll,
 * epoll_wait, wait*: docs/DESIGN.md, "Time of a call"). False for an event
 * that is not a call.
 */
bool event_call_reads(const struct event *e);
/* A wait a person notices: calls that waited this long are shown as
 * waits ("blocked 2.3 s"), by show and in the process tree. */
#define EVENT_WAIT_SHOWN_NS (100 * 1000 * 1000LL)
bool event_call_sends(const struct event *e);
bool event_call_waits(const struct event *e);

/* "call", "state", ... and back; -1 for an unknown name. */
const char *event_src_name(enum event_src src);
int event_src_parse(const char *name);

/*
 * One readable line for the event, as `socklab show` prints it (without
 * the time), e.g. "[1201] bind(3, 127.0.0.1:9190) = -1 EADDRINUSE".
 * Returns the length written (truncated to cap - 1).
 */
size_t event_describe(const struct event *e, char *out, size_t cap);

/*
 * What the TCP analysis says of a packet, in words, most telling first:
 * "dup ACK #3", "zero window, window probe ACK", "fast retransmission"
 * (which is a retransmission too: said once). Empty for none. Returns the
 * length written (truncated to cap - 1).
 */
size_t event_analysis_words(const struct event *e, char *out, size_t cap);

/* The time as seconds with six decimals: "0.000412". */
void event_time_str(int64_t t_ns, char *out, size_t cap);

#endif
