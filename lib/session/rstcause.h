/*
 * rstcause.h - why an RST was sent, where the session knows it.
 *
 * A reset is the kernel's, never a call's: it answers a segment for a
 * socket that cannot take it, or throws a connection away. From a
 * session's own calls, packets and processes, four causes can be told:
 *
 *   RST_DATA_AFTER_CLOSE  data came for a socket its program had closed --
 *                         by close(), or by ending -- so nobody could ever
 *                         read it (lab 8's reply, lab 9's write)
 *   RST_UNREAD            the socket was closed with bytes still unread in
 *                         it: close() throws the connection away
 *   RST_LINGER_ZERO       the socket was closed with SO_LINGER {1, 0}
 *   RST_NO_SOCKET         a SYN came for a port where no socket listens
 *
 * Anything else is RST_UNKNOWN: the session does not say.
 */
#ifndef SOCKLAB_RSTCAUSE_H
#define SOCKLAB_RSTCAUSE_H

#include <stddef.h>
#include <stdint.h>

#include "session/session.h"

enum rst_cause {
	RST_UNKNOWN,
	RST_DATA_AFTER_CLOSE,
	RST_UNREAD,
	RST_LINGER_ZERO,
	RST_NO_SOCKET,
	RST_CAUSE_COUNT
};

/* "data after close", "unread input at close", "SO_LINGER 0", "no socket";
 * NULL for RST_UNKNOWN. */
const char *rst_cause_text(enum rst_cause c);

/*
 * The cause of the RST, event rst of s (a packet with the RST flag), from the
 * events from index from (the first of its connection, or 0) up to it.
 * *why (when not NULL) is set to the index of the event that shows the
 * cause -- the close(), the setsockopt(), the process's end, the SYN --
 * or SIZE_MAX.
 */
enum rst_cause rst_cause(const struct session *s, size_t from, size_t rst, size_t *why);

#endif
