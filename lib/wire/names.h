/*
 * names.h - the numbers of the socket API by the names a student reads in
 * the textbook: "127.0.0.1:9190", "SO_REUSEADDR", "EADDRINUSE",
 * "MSG_PEEK|MSG_DONTWAIT". Shared by the tracer and socklab, so a name is
 * the same whoever writes it. Async-signal-safe: the tracer calls these
 * from signal handlers.
 */
#ifndef SOCKLAB_NAMES_H
#define SOCKLAB_NAMES_H

#include <stddef.h>
#include <sys/socket.h>

#include "wire/endpoint.h"

#define ADDR_STR_MAX ENDPOINT_STR_MAX

/* Room for any long long in decimal. */
#define INT_STR_MAX 24

/* v in decimal, written at the end of buf; returns where it starts and
 * sets *len. No snprintf: the tracer formats from signal handlers, and
 * the collector formats hundreds of thousands a second. */
static inline const char *int_str(long long v, char buf[INT_STR_MAX], size_t *len)
{
	int i = INT_STR_MAX;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	do {
		buf[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		buf[--i] = '-';
	*len = (size_t)(INT_STR_MAX - i);
	return buf + i;
}

/* "127.0.0.1:9190", "[::1]:9190", "unix:/tmp/s", "*" for none. (struct
 * endpoint and endpoint_str() are in lib/wire/endpoint.h.) */
void sockaddr_str(const struct sockaddr *sa, socklen_t len, char *out, size_t cap);

const char *errno_name(int err);	     /* "EADDRINUSE", or NULL for 0 */
const char *level_name(int level);	     /* "SOL_SOCKET", or NULL */
const char *option_name(int level, int opt); /* "SO_REUSEADDR", or NULL */
const char *how_name(int how);		     /* "SHUT_WR" */
const char *family_name(int family);	     /* "AF_INET" */
const char *socktype_name(int type);	     /* "SOCK_STREAM" */
const char *signal_name(int sig);	     /* "SIGCHLD" */
const char *fcntl_cmd_name(int cmd);	     /* "F_SETFL" */
const char *epoll_op_name(int op);	     /* "EPOLL_CTL_ADD" */
const char *eai_name(int err);		     /* getaddrinfo's "EAI_NONAME", NULL for 0 */
const char *h_errno_name(int err);	     /* gethostbyname's "HOST_NOT_FOUND" */
/* Flag words as "A|B" into out ("" for 0): MSG_*, O_*, SA_*, WNOHANG... */
void msgflags_str(int flags, char *out, size_t cap);
void openflags_str(int flags, char *out, size_t cap);
void sigflags_str(int flags, char *out, size_t cap);
void waitopts_str(int flags, char *out, size_t cap);
void epoll_events_str(unsigned events, char *out, size_t cap); /* "EPOLLIN|EPOLLONESHOT" */

#endif
