/*
 * ringrec.h - the binary record of a data call.
 *
 * Most records in the ring are JSON text, one event each, as the tracer
 * builds them. The data calls -- send, recv, read, write and their family
 * -- are different: a program makes them by the hundred thousand, and on
 * each of them building ~250 bytes of JSON and moving them to the other
 * core cost the program more than the call itself. So the tracer fills
 * this small struct instead (about 100 bytes, no formatting), and the
 * collector writes from it the very JSON line the tracer would have
 * written (ringrec_io_json). A record is one or the other by its first
 * byte: '{' for JSON, RINGREC_IO for this.
 */
#ifndef SOCKLAB_RINGREC_H
#define SOCKLAB_RINGREC_H

#include <stddef.h>
#include <stdint.h>

#include "wire/hexbytes.h"

#define RINGREC_IO 0x01

/* The data calls, by the names the student wrote. */
enum io_fn {
	IO_SEND,
	IO_SENDTO,
	IO_SENDMSG,
	IO_RECV,
	IO_RECVFROM,
	IO_RECVMSG,
	IO_READ,
	IO_WRITE,
	IO_READV,
	IO_WRITEV,
	IO_FN_COUNT
};

enum io_proto { IO_PROTO_NONE, IO_PROTO_TCP, IO_PROTO_UDP, IO_PROTO_UNIX, IO_PROTO_COUNT };

/* Which optional fields a record has. */
#define IO_HAS_ITER 0x01 /* iovcnt (readv, writev) */

struct ringrec_io {
	uint8_t kind;	  /* RINGREC_IO */
	uint8_t fn;	  /* enum io_fn */
	uint8_t proto;	  /* enum io_proto */
	uint8_t sock_len; /* bytes of "LOCAL>PEER" in text[], 0 for none */
	uint8_t peer_len; /* bytes of "IP:PORT" after it (sendto, recvfrom...) */
	uint8_t has;	  /* IO_HAS_* */
	uint8_t data_len; /* bytes of the payload after sock and peer in text[] */
	uint8_t pad;
	int32_t pid, tid, fd;
	int32_t err;	   /* errno when ret < 0, else 0 */
	int32_t flags;	   /* MSG_* given */
	int32_t msg_flags; /* MSG_* returned by recvmsg */
	int32_t iovcnt;
	int32_t pad2;
	int64_t t; /* ns since the session started: the call's "t" */
	int64_t dur;
	int64_t ret;
	int64_t len; /* bytes asked */
	char text[]; /* sock, then peer, then the payload's first bytes */
};

/* The longest sock and peer a record may carry, and the most bytes of the
 * payload after them (the first bytes the call moved, as strace -x shows
 * them: ret bytes at most). */
#define RINGREC_TEXT_MAX 192
#define RINGREC_DATA_MAX DATA_BYTES_MAX

/*
 * Writes the JSON line of the binary record rec (len bytes, as taken from
 * the ring) into out. Returns its length, or -1 if rec is not a
 * well-formed record: any program may write the ring, so every length,
 * index and byte is checked. sock_out (cap bytes) receives the socket's
 * name, "" for none.
 */
int ringrec_io_json(const void *rec, size_t len, char *out, size_t cap, char *sock_out,
		    size_t sock_cap);

#endif
