/*
 * sockcalls.c - the calls that make, name, connect and configure sockets.
 *
 * Each exported function is one line that calls a trace_NAME function. The
 * trace_NAME function calls the C library's real function first, saves
 * errno, writes the record, and restores errno, so the program sees exactly
 * what it would have seen without socklab.
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include "tracer/tracer.h"

/* "AF_INET", "SOCK_STREAM"; the number when it has no name. */
static void rec_domain_type(struct rec *r, int domain, int type)
{
	if (family_name(domain))
		rec_str(r, "domain", family_name(domain));
	else
		rec_int(r, "domain", domain);
	if (socktype_name(type))
		rec_str(r, "type", socktype_name(type));
	else
		rec_int(r, "type", type);
}

static int trace_socket(int domain, int type, int protocol)
{
	int64_t t_in = now_ns();
	int fd = real_socket(domain, type, protocol);
	int err = errno;
	struct rec r;

	if (fd >= 0)
		fdtab_add(fd, type);
	rec_call(&r, "socket", fd, fd, err, t_in, ACTS_AT_ENTRY);
	rec_domain_type(&r, domain, type);
	rec_emit(&r);
	errno = err;
	return fd;
}

static int trace_socketpair(int domain, int type, int protocol, int sv[2])
{
	int64_t t_in = now_ns();
	int ret = real_socketpair(domain, type, protocol, sv);
	int err = errno;
	struct rec r;

	rec_call(&r, "socketpair", -1, ret, err, t_in, ACTS_AT_ENTRY);
	rec_domain_type(&r, domain, type);
	if (ret == 0) {
		fdtab_add(sv[0], type);
		fdtab_add(sv[1], type);
		rec_ints(&r, "fds", sv, 2);
	}
	rec_emit(&r);
	errno = err;
	return ret;
}

static int trace_bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	int64_t t_in = now_ns();
	int ret = real_bind(fd, addr, len);
	int err = errno;
	struct rec r;

	/* With port 0 the kernel picked a port: learn it. */
	if (ret == 0)
		fdtab_refresh(fd);
	rec_call(&r, "bind", fd, ret, err, t_in, ACTS_AT_ENTRY);
	rec_addr(&r, "addr", addr, len);
	rec_emit(&r);
	errno = err;
	return ret;
}

static int trace_listen(int fd, int backlog)
{
	int64_t t_in = now_ns();
	int ret = real_listen(fd, backlog);
	int err = errno;
	struct rec r;

	/* listen() on an unbound socket binds it to a free port. */
	if (ret == 0)
		fdtab_refresh(fd);
	rec_call(&r, "listen", fd, ret, err, t_in, ACTS_AT_ENTRY);
	rec_int(&r, "backlog", backlog);
	rec_emit(&r);
	tcpinfo_report(fd, TCP_ST_CLOSED);
	errno = err;
	return ret;
}

/*
 * accept() and accept4(): the record's fd is the listening socket, ret the
 * new one, and "sock" the new connection ("LOCAL>PEER"), because that is the
 * socket the rest of the story is about.
 */
static int trace_accept(const char *fn, int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	int64_t t_in = now_ns();
	int ret = flags < 0 ? real_accept(fd, addr, len) : real_accept4(fd, addr, len, flags);
	int err = errno;
	struct fdinfo listener, conn;
	struct rec r;

	if (ret >= 0) {
		fdtab_add(ret, fdtab_get(fd, &listener) ? listener.type : SOCK_STREAM);
		fdtab_get(ret, &conn);
	}
	rec_call_head(&r, fn, fd, ret, err, t_in, ACTS_AT_RETURN);
	if (ret >= 0) {
		/* From the kernel, not from addr: the program may pass NULL. */
		char peer[ADDR_STR_MAX];
		endpoint_str(&conn.peer, peer, sizeof(peer));
		rec_sock(&r, &conn);
		rec_str(&r, "peer", peer);
	}
	rec_emit(&r);
	if (ret >= 0)
		tcpinfo_report(ret, TCP_ST_SYN_RCVD);
	errno = err;
	return ret;
}

static int trace_connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	int64_t t_in = now_ns();
	int ret = real_connect(fd, addr, len);
	int err = errno;
	struct rec r;

	/* Connecting binds the socket to a local port; a non-blocking connect
	 * (EINPROGRESS) has one too. */
	fdtab_refresh(fd);
	rec_call(&r, "connect", fd, ret, err, t_in, ACTS_AT_ENTRY);
	rec_addr(&r, "peer", addr, len);
	rec_emit(&r);
	tcpinfo_report(fd, TCP_ST_CLOSED);
	errno = err;
	return ret;
}

static int trace_getname(const char *fn, int fd, struct sockaddr *addr, socklen_t *len)
{
	int64_t t_in = now_ns();
	bool peer = fn[3] == 'p'; /* getpeername */
	int ret = peer ? real_getpeername(fd, addr, len) : real_getsockname(fd, addr, len);
	int err = errno;
	struct rec r;

	rec_call(&r, fn, fd, ret, err, t_in, ACTS_AT_ENTRY);
	if (ret == 0 && len)
		rec_addr(&r, peer ? "peer" : "addr", addr, *len);
	rec_emit(&r);
	errno = err;
	return ret;
}

/*
 * The value of a socket option, as the student wrote it: an int for most,
 * l_onoff and l_linger for SO_LINGER, milliseconds for the time-outs.
 */
static void rec_optval(struct rec *r, int level, int opt, const void *val, socklen_t len)
{
	if (!val)
		return;
	if (level == SOL_SOCKET && opt == SO_LINGER && len >= sizeof(struct linger)) {
		const struct linger *l = val;
		rec_int(r, "val", l->l_onoff);
		rec_int(r, "linger", l->l_linger);
	} else if (level == SOL_SOCKET && (opt == SO_RCVTIMEO || opt == SO_SNDTIMEO) &&
		   len >= sizeof(struct timeval)) {
		const struct timeval *tv = val;
		rec_int(r, "val_ms", (long long)tv->tv_sec * 1000 + tv->tv_usec / 1000);
	} else if (len >= sizeof(int)) {
		int v = *(const int *)val;
		rec_int(r, "val", v);
		if (level == SOL_SOCKET && opt == SO_ERROR)
			rec_str(r, "val_name", errno_name(v));
	}
}

static void rec_sockopt(struct rec *r, int level, int opt)
{
	const char *name = option_name(level, opt);

	if (level_name(level))
		rec_str(r, "level", level_name(level));
	else
		rec_int(r, "level", level);
	if (name)
		rec_str(r, "opt", name);
	else
		rec_int(r, "opt", opt);
}

static int trace_setsockopt(int fd, int level, int opt, const void *val, socklen_t len)
{
	int64_t t_in = now_ns();
	int ret = real_setsockopt(fd, level, opt, val, len);
	int err = errno;
	struct rec r;

	rec_call(&r, "setsockopt", fd, ret, err, t_in, ACTS_AT_ENTRY);
	rec_sockopt(&r, level, opt);
	rec_optval(&r, level, opt, val, len);
	rec_emit(&r);
	errno = err;
	return ret;
}

static int trace_getsockopt(int fd, int level, int opt, void *val, socklen_t *len)
{
	int64_t t_in = now_ns();
	int ret = real_getsockopt(fd, level, opt, val, len);
	int err = errno;
	struct rec r;

	rec_call(&r, "getsockopt", fd, ret, err, t_in, ACTS_AT_ENTRY);
	rec_sockopt(&r, level, opt);
	/* TCP_INFO is a large struct, not a value to print. */
	if (ret == 0 && len && !(level == IPPROTO_TCP && opt == TCP_INFO))
		rec_optval(&r, level, opt, val, *len);
	rec_emit(&r);
	errno = err;
	return ret;
}

static int trace_shutdown(int fd, int how)
{
	int64_t t_in = now_ns();
	int ret = real_shutdown(fd, how);
	int err = errno;
	struct rec r;

	rec_call(&r, "shutdown", fd, ret, err, t_in, ACTS_AT_ENTRY);
	rec_str(&r, "how", how_name(how));
	rec_emit(&r);
	tcpinfo_report(fd, TCP_ST_ESTABLISHED);
	errno = err;
	return ret;
}

/* ---- the exported names --------------------------------------------- */

EXPORT int socket(int domain, int type, int protocol)
{
	NEED_REAL(socket);
	if (!tracer_on)
		return real_socket(domain, type, protocol);
	return trace_socket(domain, type, protocol);
}

EXPORT int socketpair(int domain, int type, int protocol, int sv[2])
{
	NEED_REAL(socketpair);
	if (!tracer_on)
		return real_socketpair(domain, type, protocol, sv);
	return trace_socketpair(domain, type, protocol, sv);
}

EXPORT int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	NEED_REAL(bind);
	if (!tracer_on)
		return real_bind(fd, addr, len);
	return trace_bind(fd, addr, len);
}

EXPORT int listen(int fd, int backlog)
{
	NEED_REAL(listen);
	if (!tracer_on)
		return real_listen(fd, backlog);
	return trace_listen(fd, backlog);
}

EXPORT int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	NEED_REAL(accept);
	if (!tracer_on)
		return real_accept(fd, addr, len);
	return trace_accept("accept", fd, addr, len, -1);
}

EXPORT int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	NEED_REAL(accept4);
	if (!tracer_on)
		return real_accept4(fd, addr, len, flags);
	return trace_accept("accept4", fd, addr, len, flags);
}

EXPORT int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	NEED_REAL(connect);
	if (!tracer_on)
		return real_connect(fd, addr, len);
	return trace_connect(fd, addr, len);
}

EXPORT int getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
	NEED_REAL(getsockname);
	if (!tracer_on)
		return real_getsockname(fd, addr, len);
	return trace_getname("getsockname", fd, addr, len);
}

EXPORT int getpeername(int fd, struct sockaddr *addr, socklen_t *len)
{
	NEED_REAL(getpeername);
	if (!tracer_on)
		return real_getpeername(fd, addr, len);
	return trace_getname("getpeername", fd, addr, len);
}

EXPORT int setsockopt(int fd, int level, int opt, const void *val, socklen_t len)
{
	NEED_REAL(setsockopt);
	if (!tracer_on)
		return real_setsockopt(fd, level, opt, val, len);
	return trace_setsockopt(fd, level, opt, val, len);
}

EXPORT int getsockopt(int fd, int level, int opt, void *val, socklen_t *len)
{
	NEED_REAL(getsockopt);
	if (!tracer_on)
		return real_getsockopt(fd, level, opt, val, len);
	return trace_getsockopt(fd, level, opt, val, len);
}

EXPORT int shutdown(int fd, int how)
{
	NEED_REAL(shutdown);
	if (!tracer_on)
		return real_shutdown(fd, how);
	return trace_shutdown(fd, how);
}
