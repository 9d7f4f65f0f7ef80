/*
 * collector_int.h - the collector's inside, shared by the files of
 * lib/collect/ that make it (collector.c, records.c, conntrack.c,
 * writer.c). Private to lib/collect/: nothing else includes it.
 */
#ifndef SOCKLAB_COLLECTOR_INT_H
#define SOCKLAB_COLLECTOR_INT_H

#include "collect/collector.h"

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "base/ptrmap.h"
#include "base/strpool.h"
#include "collect/blocked.h"
#include "collect/procwatch.h"
#include "wire/ring.h"

/* How long an event waits for earlier ones that are still on their way.
 * A call record arrives when the call returns, up to a few milliseconds
 * after its time; a packet waits for the connect() that owns it. */
#define REORDER_NS (250 * 1000 * 1000LL)
/* Events written per pass of the loop, between looks at the ring. */
#define FLUSH_BATCH 2048
/* How often /proc is read for zombies and blocked calls. */
#define PROC_SCAN_NS (20 * 1000 * 1000LL)
/* How long the last drain waits for a producer that claimed a slot. */
#define DRAIN_NS    (1500 * 1000 * 1000LL)
#define MAX_SOURCES 8

/*
 * An event waiting to be written: either a jansson object (from a source,
 * or a rare record), or -- for the many call records of traced programs --
 * the record's own text, checked by jscan and written as it came, with its
 * connection number added.
 */
struct pending {
	int64_t t;
	uint64_t seq; /* arrival order, to keep ties stable */
	json_t *ev;
	char *text;		  /* when ev is NULL: the record, not NUL-terminated */
	struct text_chunk *chunk; /* where text is kept (waiting.c) */
	uint32_t len;
	const char *sock; /* interned "LOCAL>PEER" of a text record, or NULL */
	collector_flush_fn fn;
	void *blob, *ctx;
};

/* events.jsonl as the collector writes it: lines gather in buf, and go to
 * the file in writes that end on a multiple of OUT_ALIGN (writer.c). */
struct output {
	int fd; /* -1: not open */
	char *buf;
	size_t len;	  /* bytes in buf */
	uint64_t written; /* bytes in the file */
	int64_t last_all; /* when buf was last written whole (collector time) */
};

/* Events waiting to be written, in time order, and their records' texts
 * (waiting.c). */
struct waiting {
	struct pending *queue; /* those that came in order: a ring of qcap */
	size_t qhead, nqueue, qcap;
	struct pending *heap; /* the others */
	size_t nheap, heap_cap;
	struct text_chunk *chunk, *spare; /* texts are copied into chunk */
};

struct collector {
	/* Set by collector_start, then read-only. */
	char *dir;
	char ring_path[256];
	bool own_ring;
	struct ring ring;
	int64_t t0;
	int64_t t0_realtime;
	json_t *meta;
	void (*on_event)(void *arg, const char *line, size_t len);
	void *on_event_arg;
	int *ports;
	size_t nports;
	char *capture_iface, *capture_netns;
	pid_t self;
	struct collector_intake intake; /* what the ring may tell (collector.h) */

	/* Shared with other threads, under lock. */
	pthread_mutex_t lock;
	struct pending *inbox;
	size_t inbox_n, inbox_cap;
	pid_t *vouched; /* collector_vouch's pids, not yet in speakers */
	size_t vouched_n, vouched_cap;
	atomic_bool stopping;

	/* The collector thread's own. */
	pthread_t thread;
	struct waiting waiting;
	uint64_t seq;
	struct output out; /* events.jsonl (writer.c) */
	struct strpool *pool;
	struct ptrmap endpoints; /* interned "IP:PORT" -> ANY_PEER or PEERS_LISTED */
	struct ptrmap flows;  /* interned "LOCAL>PEER" (unmapped) of its connected sockets -> 1 */
	struct ptrmap conns;  /* interned "A|B" (A < B) -> connection number */
	struct ptrmap states; /* interned "LOCAL>PEER" -> its last state written */
	struct ptrmap sock_conn;   /* interned "LOCAL>PEER" -> its connection number */
	struct ptrmap learned;	   /* interned "LOCAL>PEER" -> 1, once its address is learned */
	struct ptrmap reaped;	   /* pid -> REAPED_BY_*, once a reaping was seen */
	struct ptrmap speakers;	   /* pid -> 1 or -1: intake.pid_ok's answer */
	struct ptrmap wait_claims; /* pid -> what a traced wait said of it (records.c) */
	long next_conn;
	struct procwatch *procs;
	struct blocked *blocked; /* the calls they wait in */
	int64_t last_scan;
	int64_t last_written;
	bool late; /* something was written out of order */
	uint64_t written, bad_records;
	uint64_t ignored_records; /* well-formed, but not the ring's to tell */

	const struct source *sources[MAX_SOURCES];
	void *source_state[MAX_SOURCES];
	size_t nsources;
};

/* Values of collector.reaped: a wait (traced, or socklab's own) reaped the
 * pid, or /proc saw it go. */
enum { REAPED_BY_WAIT = 1, REAPED_BY_PROC = 2 };

/* ---- across the files ------------------------------------------------ */

/* collector.c */
void col_arrive(struct collector *c, struct pending *p);

/* writer.c: events.jsonl's lines so far to the file; all of them, or only
 * what ends on an aligned boundary (the rest waits for more, at most
 * OUT_ALL_NS). Then closing it. */
void col_flush_output(struct collector *c, bool all);
void col_close_output(struct collector *c);

/* waiting.c: add an event (0, or -1 out of memory); how many wait; the
 * time of the first; take the first (there must be one). */
int waiting_push(struct waiting *w, const struct pending *p);
size_t waiting_count(const struct waiting *w);
int64_t waiting_first_t(const struct waiting *w);
struct pending waiting_pop(struct waiting *w);
void waiting_free(struct waiting *w);
/* A copy of a record's len bytes for p (p->text, p->chunk), and its
 * release once written. Returns 0, or -1 out of memory. */
int waiting_keep_text(struct waiting *w, struct pending *p, const char *rec, size_t len);
void waiting_drop_text(struct waiting *w, struct pending *p);

/* conntrack.c */
const char *col_intern(struct collector *c, const char *s);
void col_learn(struct collector *c, json_t *ev);
void col_learn_sock(struct collector *c, const char *sock);
long col_conn_of_sock(struct collector *c, const char *sock);
long col_udp_flow_of_call(struct collector *c, const char *sock, const char *text, size_t len);
void col_learn_pid(struct collector *c, pid_t pid);
void col_learn_reaped(struct collector *c, pid_t child);
void col_number_connection(struct collector *c, json_t *ev);
bool col_tell_state(struct collector *c, json_t *ev);

/* records.c */
bool col_take_ring(struct collector *c);
bool col_take_inbox(struct collector *c);
/* The pids collector_vouch was told, into c->speakers. */
void col_take_vouched(struct collector *c);
/* A reaping /proc saw: named with the function and end that a traced
 * wait claimed for child, if one did (calls_only intake). */
void col_name_reaping(struct collector *c, json_t *reaped, pid_t child);

/* writer.c */
void col_write_event(struct collector *c, json_t *ev, int64_t t);
void col_write_record(struct collector *c, const struct pending *p);
void col_write_meta(struct collector *c);
json_t *col_meta_new(const struct collector_options *o, int64_t t0_realtime);
int col_open_output(struct collector *c, char *err, size_t errlen);
void col_resort_file(struct collector *c);

#endif
