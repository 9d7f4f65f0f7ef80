/*
 * proto.h - the protocol of lab 20's file service, written down once, as
 * 001 asks ("설계는 공유해야 하니까": a design is shared, in a comment and
 * in a document). The server and the clients include it.
 *
 * Every message is a header, then a body of hdr.size bytes:
 *
 *   +-----------+-----------+----------------------+
 *   | code (4)  | size (4)  | body: size bytes ... |
 *   +-----------+-----------+----------------------+
 *
 * Both numbers in network byte order (big-endian): 001 sent its MYCMD raw,
 * in the machine's order; a protocol between machines cannot.
 *
 * What is sent at once, the receiver cuts apart (끊어낸다): it reads
 * exactly 8 bytes, looks at the code and the size, then reads exactly
 * size bytes. The size is the peer's word; a receiver checks it.
 */
#ifndef PROTO_H
#define PROTO_H

#include <stdint.h>

struct proto_header {
	uint32_t code; /* one of enum cmd_code */
	uint32_t size; /* the body's length in bytes */
};

/* The codes, and who sends each (the direction is part of the design). */
enum cmd_code {
	CMD_ERROR = 50,		/* S->C: body: uint32 error code, then text */
	CMD_GET_LIST = 100,	/* C->S: no body */
	CMD_GET_FILE = 101,	/* C->S: body: uint32 index */
	CMD_SND_FILELIST = 200, /* S->C: body: the names, one a line */
	CMD_BEGIN_FILE = 201,	/* S->C: body: the file ([hash] 32 bytes of SHA-256 first) */
};

#define HEADER_SIZE 8
#define MAX_BODY    4096 /* the most a request may carry: what --fix allows */

/* The error codes of a CMD_ERROR body. */
#define ERR_TOO_LONG  1 /* size over MAX_BODY, or not what the code takes */
#define ERR_BAD_CODE  2 /* not a request a client may send */
#define ERR_BAD_INDEX 3 /* no such file */

#endif
