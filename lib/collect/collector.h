/*
 * collector.h - gathers a session's events and writes the session folder.
 *
 * Events come from two kinds of producers:
 *   - traced programs, through the shared ring (lib/wire/ring.h) that the
 *     preloaded tracer writes, in any number of processes;
 *   - sources inside socklab (packet capture, kernel states, /proc), which
 *     hand over events with collector_push().
 * The collector's thread puts them in time order and writes events.jsonl
 * (and, through the capture source, capture.pcap). An event is written once
 * it is older than a short reorder window, so a live viewer sees the story
 * in order, a fraction of a second late. Anything that still arrives late is
 * written anyway, and the file is sorted again when the session stops.
 */
#ifndef SOCKLAB_COLLECTOR_H
#define SOCKLAB_COLLECTOR_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct collector;

/*
 * A source inside socklab. start() returns 0, or -1 with why (in words
 * for the student: "needs root to capture packets"); the session then
 * records that the source is missing and why. stop() pushes what the
 * source still holds before it returns. finish(), if given, runs after
 * the last event was written (every flush function has run): it frees
 * what the flush functions needed.
 */
struct source {
	const char *name; /* "pkt", "state" */
	int (*start)(struct collector *c, void **state, char *why, size_t whylen);
	void (*stop)(struct collector *c, void *state);
	void (*finish)(struct collector *c, void *state); /* may be NULL */
};

/*
 * What the collector takes from the ring, which every traced program (and
 * anyone else who can open it) may write. Whatever the intake, a record is
 * taken only whole and well-formed, with a "t" within the session, and
 * only of the kinds socklab's tracer writes: calls; process events (exec,
 * fork, exit, signal, handler, thread, thread_exit, and a traced wait's
 * reaped); its "untraceable" note and TCP_INFO states. Never a packet, a
 * zombie, a blocked call, or any other note. The rest is counted
 * (collector_summary.ignored_records, session.json "lost"."ignored").
 */
struct collector_intake {
	/* Grading: the ring is a witness of which call did something, not
	 * of what happened: no state, no note, and a traced wait's "reaped"
	 * is written as the call it was (src "call", ret the child), so a
	 * record never stops /proc's watch on a process. */
	bool calls_only;
	/* True when pid is one of the session's processes (NULL: any pid).
	 * Asked on the collector's thread, once per pid; a fork's child that
	 * the session believes is taken without asking. */
	bool (*pid_ok)(void *arg, pid_t pid);
	void *arg;
};

struct collector_options {
	const char *dir;		     /* the session folder; created if missing */
	const char *ring_path;		     /* NULL: a new ring in /dev/shm */
	int ring_mode;			     /* permissions of a new ring; 0 means 0600 */
	char *const *command;		     /* what was run, for session.json; may be NULL */
	const struct source *const *sources; /* NULL-terminated; may be NULL */
	const int *ports;		     /* ports the session is about before any call names */
	size_t nports;			     /* them (socklab watch --port P) */
	/* Where packets are captured: an interface ("lo" when NULL), and the
	 * network namespace it lives in, by name (ip netns) or path (NULL:
	 * socklab's own). A lab over a veth pair names both. */
	const char *capture_iface;
	const char *capture_netns;
	/* Stay root under sudo (see lib/collect/privs.h): the grader runs each program
	 * as a user of its own, which only root can do. */
	bool keep_root;
	/* What the ring may tell; NULL: any pid, every kind the tracer writes. */
	const struct collector_intake *intake;
	/* Called on the collector's thread for each line written, in order. */
	void (*on_event)(void *arg, const char *line, size_t len);
	void *on_event_arg;
};

struct collector_summary {
	uint64_t events;      /* lines written */
	uint64_t lost_calls;  /* dropped by full ring, or abandoned */
	uint64_t bad_records; /* records that were not valid JSON */
	/* Well-formed records the ring is not to tell (a kind the tracer
	 * does not write, another pid's, a time outside the session), and
	 * slots that held no record at all (a seq or length no producer
	 * writes): a program wrote the ring by hand. */
	uint64_t ignored_records;
	uint64_t invalid_slots;
	bool ring_broken; /* its file was cut short under socklab (ring_broken) */
};

struct collector *collector_start(const struct collector_options *o, char *err, size_t errlen);

/* Drains everything, stops the sources, sorts if needed, writes
 * session.json, frees c. */
void collector_stop(struct collector *c, struct collector_summary *sum);

/* The ring that traced programs must be given in SOCKLAB_RING. */
const char *collector_ring_path(const struct collector *c);
const char *collector_dir(const struct collector *c);

/* Nanoseconds since the session started (the clock of every "t"), and the
 * session's start on CLOCK_MONOTONIC. */
int64_t collector_now(const struct collector *c);
int64_t collector_t0(const struct collector *c);

/*
 * Called on the collector's thread just before a pushed event is written,
 * in time order. Returns false to leave the event out. blob is what the
 * source passed along (a packet, say); the function owns it.
 */
typedef bool (*collector_flush_fn)(struct collector *c, json_t *ev, void *blob, void *ctx);

/* Hands an event to the collector, which owns it from now on. It must have
 * an integer "t". Any thread. */
void collector_push(struct collector *c, json_t *ev, collector_flush_fn fn, void *blob, void *ctx);

/* Says that pid is the session's: socklab started it. Its records are
 * taken whatever the intake's pid_ok says, even once it is gone from
 * /proc. Any thread. */
void collector_vouch(struct collector *c, pid_t pid);

/* A "note" event now, of the given kind. Any thread. */
void collector_note(struct collector *c, const char *kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A "reaped" event for a wait done by socklab itself (reaper is socklab's
 * pid; fn says who, "socklab"). status is as waitpid() gave it. */
void collector_reaped(struct collector *c, pid_t reaper, pid_t child, int status, const char *fn);

/* The same event, at time t, for a process that writes it to a session's
 * ring itself (`socklab trace` joined to a live watch). */
json_t *collector_reaped_event(int64_t t, pid_t reaper, pid_t child, int status, const char *fn);

/*
 * True when a socket at local ("127.0.0.1:41000") talking to peer is one
 * of the session's: local is one of its addresses that takes any peer
 * (bound, listening, not connected; a wildcard bind matches any address
 * with its port), or the session's socket there is connected to peer (an
 * ephemeral port that connect() also gave another program's socket, to
 * another peer, is not enough), or local's port is watched. For packets,
 * ask both ways. Only on the collector's thread, that is, from a flush
 * function.
 */
bool collector_knows_socket(struct collector *c, const char *local, const char *peer);

/*
 * A socket whose address no call told yet, but which a process of the
 * session is known to have made (a connect() still waiting for its answer
 * has not returned, so its record is not there): when pid is one of the
 * session's, local becomes one of its addresses (connected to peer, or to
 * any peer when peer has no port), and the result is true. Only on the collector's thread.
 */
bool collector_adopt_endpoint(struct collector *c, pid_t pid, const char *local, const char *peer);

/* The ports of collector_options, n of them. */
const int *collector_ports(const struct collector *c, size_t *n);
/* The capture interface ("lo" unless told) and network namespace (or NULL). */
const char *collector_capture_iface(const struct collector *c);
const char *collector_capture_netns(const struct collector *c);

/* Records in session.json that a source lost n events ("lost": {what: n}).
 * From a source's stop(). */
void collector_count_lost(struct collector *c, const char *what, uint64_t n);

/* Asks every tracer on the session's ring for something more (RING_ASK_*
 * bits of lib/wire/ring.h), from now on. Any thread. */
void collector_ask_tracers(struct collector *c, unsigned asks);
/* Stops asking for those bits. Any thread. */
void collector_unask_tracers(struct collector *c, unsigned asks);

/* True when port is one the session was opened for (socklab watch --port
 * P): everything on it belongs to the session, traced or not. Any thread. */
bool collector_watches_port(const struct collector *c, int port);

/* Records whether a source works on this machine, for session.json and a
 * note a student will read ("packets were not captured: ..."). */
void collector_source_status(struct collector *c, const char *name, bool ok, const char *why);

#endif
