/*
 * iocalls.c - the calls that move bytes, and close.
 *
 * send, sendto, sendmsg, recv, recvfrom and recvmsg are always socket calls.
 * read, write, readv, writev and close are traced only when their descriptor
 * is a socket; on a file or a pipe they go straight through. Programs built
 * with _FORTIFY_SOURCE (Debian's default for -O2) call __recv_chk,
 * __recvfrom_chk and __read_chk instead: they are recorded under the names
 * the student wrote (recv, recvfrom, read).
 *
 * Data calls are the many: they travel as small binary records that the
 * collector turns into JSON (lib/wire/ringrec.h), so that tracing a program that
 * moves bytes costs it as little as can be.
 *
 * SIGPIPE. A write to a connection that is gone fails with EPIPE, and the
 * kernel also sends the writer SIGPIPE -- which by default kills the
 * process inside the call, before the tracer could record it: the one call
 * a student most needs to see. So every send on a socket is made with
 * MSG_NOSIGNAL added (write and writev on a stream socket as the send and
 * sendmsg they are), the call is recorded ("sig": "SIGPIPE"), and only then
 * does the tracer raise SIGPIPE itself, as the kernel would have: to the
 * calling thread, si_code SI_USER, from the process itself. Handled,
 * ignored, blocked or fatal, the program meets the same signal at the same
 * call.
 */
#include <errno.h>
#include <linux/close_range.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "wire/ringrec.h"

#include "tracer/tracer.h"

/*
 * A data call, as the small binary record of lib/wire/ringrec.h: the collector
 * writes the JSON. "len" is the number of bytes asked for, "ret" the number
 * moved; peer (or NULL) the address sent to or received from.
 */
struct io_call {
	enum io_fn fn;
	int fd, err, flags, msg_flags, iovcnt;
	ssize_t ret;
	size_t len;
	int64_t t_in;
	bool at_return; /* t is the return: the call waited for something */
	bool sigpipe;	/* it failed with EPIPE, and SIGPIPE is to be raised */
	const struct sockaddr *peer;
	socklen_t peerlen;
	/* Where the bytes moved are: buf, or the iovecs (iov, niov). */
	const void *buf;
	const struct iovec *iov;
	int niov;
};

static uint8_t io_proto(const struct fdinfo *fi)
{
	if (fi->local.family == AF_UNIX)
		return IO_PROTO_UNIX;
	return fi->type == SOCK_STREAM	? IO_PROTO_TCP
	       : fi->type == SOCK_DGRAM ? IO_PROTO_UDP
					: IO_PROTO_NONE;
}

/*
 * Copies the first of the ret bytes the call moved (at most len, at most
 * cap) into out, from its buffer or its iovecs. Returns how many. The
 * buffer is the program's, and the call just read or wrote those bytes:
 * they are there.
 */
static size_t io_data(const struct io_call *c, char *out, size_t cap)
{
	size_t want = c->ret > 0 ? (size_t)c->ret : 0, n = 0;

	/* recv(..., MSG_TRUNC) returns a datagram's whole length, which may
	 * be more than the buffer holds. */
	if (want > c->len)
		want = c->len;
	if (want > cap)
		want = cap;
	if (want == 0)
		return 0;
	if (c->buf) {
		memcpy(out, c->buf, want);
		return want;
	}
	for (int i = 0; c->iov && i < c->niov && n < want; i++) {
		size_t take = c->iov[i].iov_len < want - n ? c->iov[i].iov_len : want - n;
		memcpy(out + n, c->iov[i].iov_base, take);
		n += take;
	}
	return n;
}

/* The record is written straight into the ring's slot (ring_claim): no
 * copy of it on the stack first. A full ring refuses it before any work,
 * and counts the drop. */
_Static_assert(sizeof(struct ringrec_io) + RINGREC_TEXT_MAX + RINGREC_DATA_MAX <= RING_RECORD_MAX,
	       "a data call's record fits in a slot");
static void emit_io(const struct io_call *c)
{
	int64_t t_out = now_ns();
	struct ringrec_io h;
	struct fdinfo fi;
	size_t sock_len = 0, peer_len = 0;
	uint64_t pos;
	char *out = ring_claim(&tracer_ring, &pos), *text;

	if (!out)
		return;
	text = out + sizeof(h);
	h = (struct ringrec_io){
		.kind = RINGREC_IO,
		.fn = (uint8_t)c->fn,
		.pid = tracer_pid(),
		.tid = tracer_tid(),
		.fd = c->fd,
		.err = c->ret < 0 ? c->err : 0,
		.flags = c->flags,
		.msg_flags = c->msg_flags,
		.iovcnt = c->iovcnt,
		.has = (c->iovcnt ? IO_HAS_ITER : 0) | (c->sigpipe ? IO_HAS_SIGPIPE : 0),
		.t = (c->at_return ? t_out : c->t_in) - tracer_ring.t0_ns,
		.dur = t_out - c->t_in,
		.ret = c->ret,
		.len = (int64_t)c->len,
	};
	if (fdtab_get(c->fd, &fi) && fi.local.family != 0) {
		sock_len = strlen(fi.sock);
		memcpy(text, fi.sock, sock_len);
		h.proto = io_proto(&fi);
	}
	if (c->peer && c->peerlen > 0) {
		sockaddr_str(c->peer, c->peerlen, text + sock_len, RINGREC_TEXT_MAX - sock_len);
		peer_len = strlen(text + sock_len);
	}
	h.sock_len = (uint8_t)sock_len;
	h.peer_len = (uint8_t)peer_len;
	h.data_len = (uint8_t)io_data(c, text + sock_len + peer_len, RINGREC_DATA_MAX);
	memcpy(out, &h, sizeof(h));
	ring_commit(&tracer_ring, pos, sizeof(h) + sock_len + peer_len + h.data_len);
}

/* A read that found the end of the stream (the peer's FIN), or any call
 * that failed for a reason other than "try again", may mean a new state. */
static void after_io(int fd, ssize_t ret, int err, bool is_read)
{
	if ((is_read && ret == 0) ||
	    (ret < 0 && err != EAGAIN && err != EWOULDBLOCK && err != EINTR))
		tcpinfo_report(fd, TCP_ST_ESTABLISHED);
}

static size_t iov_total(const struct iovec *iov, int n)
{
	size_t total = 0;

	for (int i = 0; iov && i < n; i++)
		total += iov[i].iov_len;
	return total;
}

/* A UDP socket that sends before it binds gets a port at its first send. */
static void learn_port_after_send(int fd)
{
	struct fdinfo fi;

	if (fdtab_get(fd, &fi) && fi.local.port == 0)
		fdtab_refresh(fd);
}

/* ---- SIGPIPE (see the top of the file) ----------------------------------- */

/* MSG_NOSIGNAL for a send on a stream socket (TCP, a Unix stream): the
 * sockets whose kernel code sends SIGPIPE. Others are left as they are. */
static int nosignal_for(int fd)
{
	return fdtab_type(fd) == SOCK_STREAM ? MSG_NOSIGNAL : 0;
}

/* The kernel would have sent SIGPIPE: a send made with nosig added (and
 * not asked for by the program) failed with EPIPE. */
static bool wants_sigpipe(int nosig, int flags, ssize_t ret, int err)
{
	return nosig && ret < 0 && err == EPIPE && !(flags & MSG_NOSIGNAL);
}

/* SIGPIPE to the calling thread, as send_sig(SIGPIPE, current, 0) makes
 * it. Call it after the record is written, with errno already saved. */
static void raise_sigpipe(void)
{
	siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = SIGPIPE;
	info.si_code = SI_USER;
	info.si_pid = tracer_pid();
	info.si_uid = getuid();
	syscall(SYS_rt_tgsigqueueinfo, tracer_pid(), tracer_tid(), SIGPIPE, &info);
}

/* Ends a sending call: its record, the state it may have changed, then the
 * signal it would have raised. Returns its result, errno as it was. */
static ssize_t end_send(struct io_call *c, int fd)
{
	emit_io(c);
	after_io(fd, c->ret, c->err, false);
	if (c->sigpipe)
		raise_sigpipe();
	errno = c->err;
	return c->ret;
}

static ssize_t trace_sendto(enum io_fn fn, int fd, const void *buf, size_t len, int flags,
			    const struct sockaddr *to, socklen_t tolen)
{
	struct io_call c = {.fn = fn,
			    .fd = fd,
			    .len = len,
			    .flags = flags,
			    .t_in = now_ns(),
			    .peer = to,
			    .peerlen = tolen,
			    .buf = buf};
	int nosig = nosignal_for(fd);

	c.ret = to ? real_sendto(fd, buf, len, flags | nosig, to, tolen)
		   : real_send(fd, buf, len, flags | nosig);
	c.err = errno;
	c.sigpipe = wants_sigpipe(nosig, flags, c.ret, c.err);
	if (c.ret >= 0)
		learn_port_after_send(fd);
	return end_send(&c, fd);
}

static ssize_t trace_sendmsg(int fd, const struct msghdr *msg, int flags)
{
	struct io_call c = {.fn = IO_SENDMSG, .fd = fd, .flags = flags, .t_in = now_ns()};
	int nosig = nosignal_for(fd);

	c.ret = real_sendmsg(fd, msg, flags | nosig);
	c.err = errno;
	c.sigpipe = wants_sigpipe(nosig, flags, c.ret, c.err);
	if (c.ret >= 0)
		learn_port_after_send(fd);
	if (msg) {
		c.len = iov_total(msg->msg_iov, (int)msg->msg_iovlen);
		c.peer = msg->msg_name;
		c.peerlen = msg->msg_namelen;
		c.iov = msg->msg_iov;
		c.niov = (int)msg->msg_iovlen;
	}
	return end_send(&c, fd);
}

/*
 * recv and recvfrom, plain or fortified. buflen is the real size of buf
 * that _FORTIFY_SOURCE passes to the __*_chk variants, or 0 for the plain
 * calls.
 */
static ssize_t trace_recvfrom(enum io_fn fn, int fd, void *buf, size_t len, size_t buflen,
			      int flags, struct sockaddr *from, socklen_t *fromlen)
{
	struct io_call c = {.fn = fn,
			    .fd = fd,
			    .len = len,
			    .flags = flags,
			    .t_in = now_ns(),
			    .at_return = true,
			    .buf = buf};

	if (buflen)
		c.ret = from || fromlen
				? real___recvfrom_chk(fd, buf, len, buflen, flags, from, fromlen)
				: real___recv_chk(fd, buf, len, buflen, flags);
	else
		c.ret = from || fromlen ? real_recvfrom(fd, buf, len, flags, from, fromlen)
					: real_recv(fd, buf, len, flags);
	c.err = errno;
	if (c.ret >= 0 && from && fromlen) {
		c.peer = from;
		c.peerlen = *fromlen;
	}
	emit_io(&c);
	after_io(fd, c.ret, c.err, true);
	errno = c.err;
	return c.ret;
}

static ssize_t trace_recvmsg(int fd, struct msghdr *msg, int flags)
{
	struct io_call c = {.fn = IO_RECVMSG,
			    .fd = fd,
			    .flags = flags,
			    .t_in = now_ns(),
			    .at_return = true};

	c.ret = real_recvmsg(fd, msg, flags);
	c.err = errno;
	if (msg) {
		c.len = iov_total(msg->msg_iov, (int)msg->msg_iovlen);
		c.iov = msg->msg_iov;
		c.niov = (int)msg->msg_iovlen;
	}
	if (c.ret >= 0 && msg) {
		c.peer = msg->msg_name;
		c.peerlen = msg->msg_namelen;
		/* MSG_TRUNC here: a datagram was longer than the buffer. */
		c.msg_flags = msg->msg_flags;
	}
	emit_io(&c);
	after_io(fd, c.ret, c.err, true);
	errno = c.err;
	return c.ret;
}

/* read and write on a socket; buflen as for trace_recvfrom. */
static ssize_t trace_read(int fd, void *buf, size_t len, size_t buflen)
{
	struct io_call c = {.fn = IO_READ,
			    .fd = fd,
			    .len = len,
			    .t_in = now_ns(),
			    .at_return = true,
			    .buf = buf};

	c.ret = buflen ? real___read_chk(fd, buf, len, buflen) : real_read(fd, buf, len);
	c.err = errno;
	emit_io(&c);
	after_io(fd, c.ret, c.err, true);
	errno = c.err;
	return c.ret;
}

/* write() on a stream socket is send() with no flags: made as one, with
 * MSG_NOSIGNAL. Should the table be wrong and fd not a socket, a plain
 * write() after all. */
static ssize_t write_nosignal(int fd, const void *buf, size_t len, int nosig)
{
	ssize_t ret;

	if (!nosig)
		return real_write(fd, buf, len);
	ret = real_send(fd, buf, len, MSG_NOSIGNAL);
	if (ret < 0 && errno == ENOTSOCK)
		ret = real_write(fd, buf, len);
	return ret;
}

/* The same for writev(): sendmsg() with the same pieces. */
static ssize_t writev_nosignal(int fd, const struct iovec *iov, int n, int nosig)
{
	struct msghdr msg = {.msg_iov = (struct iovec *)iov, .msg_iovlen = n};
	ssize_t ret;

	if (!nosig || n < 0)
		return real_writev(fd, iov, n);
	ret = real_sendmsg(fd, &msg, MSG_NOSIGNAL);
	if (ret < 0 && errno == ENOTSOCK)
		ret = real_writev(fd, iov, n);
	return ret;
}

static ssize_t trace_write(int fd, const void *buf, size_t len)
{
	struct io_call c = {.fn = IO_WRITE, .fd = fd, .len = len, .t_in = now_ns(), .buf = buf};
	int nosig = nosignal_for(fd);

	c.ret = write_nosignal(fd, buf, len, nosig);
	c.err = errno;
	c.sigpipe = wants_sigpipe(nosig, 0, c.ret, c.err);
	return end_send(&c, fd);
}

static ssize_t trace_readv(enum io_fn fn, int fd, const struct iovec *iov, int n)
{
	bool in = fn == IO_READV;
	struct io_call c = {.fn = fn,
			    .fd = fd,
			    .len = iov_total(iov, n),
			    .iovcnt = n,
			    .t_in = now_ns(),
			    .at_return = in,
			    .iov = iov,
			    .niov = n};

	if (!in) {
		int nosig = nosignal_for(fd);

		c.ret = writev_nosignal(fd, iov, n, nosig);
		c.err = errno;
		c.sigpipe = wants_sigpipe(nosig, 0, c.ret, c.err);
		return end_send(&c, fd);
	}
	c.ret = real_readv(fd, iov, n);
	c.err = errno;
	emit_io(&c);
	after_io(fd, c.ret, c.err, true);
	errno = c.err;
	return c.ret;
}

/*
 * close of a socket. The entry is forgotten before the real close: once the
 * number is free, another thread may get it for a new socket, and we must
 * not wipe that one's entry. The record is written from the copy.
 */
static void rec_close(const char *fn, int fd, int ret, int err, int64_t t_in,
		      const struct fdinfo *fi, const char *via)
{
	struct rec r;

	rec_call_head(&r, fn, fd, ret, err, t_in, ACTS_AT_ENTRY);
	rec_sock(&r, fi);
	if (via)
		rec_str(&r, "via", via);
	rec_emit(&r);
}

static int trace_close(int fd, const struct fdinfo *fi)
{
	int64_t t_in = now_ns();
	int ret;
	int err;

	fdtab_forget(fd);
	ret = real_close(fd);
	err = errno;
	rec_close("close", fd, ret, err, t_in, fi, NULL);
	errno = err;
	return ret;
}

static int trace_fclose(FILE *fp, int fd, const struct fdinfo *fi)
{
	int64_t t_in = now_ns();
	int ret;
	int err;

	fdtab_forget(fd);
	ret = real_fclose(fp);
	err = errno;
	rec_close("close", fd, ret, err, t_in, fi, "fclose");
	errno = err;
	return ret;
}

/* close_range() and closefrom() close many descriptors at once; each socket
 * among them gets its own close record. */
static int trace_close_range(unsigned first, unsigned last, int flags, bool is_closefrom)
{
	int64_t t_in = now_ns();
	struct fdinfo fi[64];
	int fds[64], n = 0, ret = 0, err;

	if (!(flags & CLOSE_RANGE_CLOEXEC)) {
		for (int fd = fdtab_next_socket((int)first, last); fd >= 0 && n < 64;
		     fd = fdtab_next_socket(fd + 1, last)) {
			fdtab_get(fd, &fi[n]);
			fds[n++] = fd;
			fdtab_forget(fd);
		}
	}
	if (is_closefrom)
		real_closefrom((int)first);
	else
		ret = real_close_range(first, last, flags);
	err = errno;
	for (int i = 0; i < n; i++)
		rec_close("close", fds[i], ret, err, t_in, &fi[i],
			  is_closefrom ? "closefrom" : "close_range");
	errno = err;
	return ret;
}

/* ---- the exported names --------------------------------------------- */

EXPORT ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	NEED_REAL(send);
	if (!tracer_on)
		return real_send(fd, buf, len, flags);
	return trace_sendto(IO_SEND, fd, buf, len, flags, NULL, 0);
}

EXPORT ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to,
		      socklen_t tolen)
{
	NEED_REAL(sendto);
	if (!tracer_on)
		return real_sendto(fd, buf, len, flags, to, tolen);
	return trace_sendto(IO_SENDTO, fd, buf, len, flags, to, tolen);
}

EXPORT ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
	NEED_REAL(sendmsg);
	if (!tracer_on)
		return real_sendmsg(fd, msg, flags);
	return trace_sendmsg(fd, msg, flags);
}

EXPORT ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	NEED_REAL(recv);
	if (!tracer_on)
		return real_recv(fd, buf, len, flags);
	return trace_recvfrom(IO_RECV, fd, buf, len, 0, flags, NULL, NULL);
}

EXPORT ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from,
			socklen_t *fromlen)
{
	NEED_REAL(recvfrom);
	if (!tracer_on)
		return real_recvfrom(fd, buf, len, flags, from, fromlen);
	return trace_recvfrom(IO_RECVFROM, fd, buf, len, 0, flags, from, fromlen);
}

EXPORT ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	NEED_REAL(recvmsg);
	if (!tracer_on)
		return real_recvmsg(fd, msg, flags);
	return trace_recvmsg(fd, msg, flags);
}

EXPORT ssize_t __recv_chk(int fd, void *buf, size_t len, size_t buflen, int flags)
{
	NEED_REAL(__recv_chk);
	if (!tracer_on)
		return real___recv_chk(fd, buf, len, buflen, flags);
	return trace_recvfrom(IO_RECV, fd, buf, len, buflen, flags, NULL, NULL);
}

EXPORT ssize_t __recvfrom_chk(int fd, void *buf, size_t len, size_t buflen, int flags,
			      struct sockaddr *from, socklen_t *fromlen)
{
	NEED_REAL(__recvfrom_chk);
	if (!tracer_on)
		return real___recvfrom_chk(fd, buf, len, buflen, flags, from, fromlen);
	return trace_recvfrom(IO_RECVFROM, fd, buf, len, buflen, flags, from, fromlen);
}

EXPORT ssize_t read(int fd, void *buf, size_t len)
{
	NEED_REAL(read);
	if (!tracer_on || !fdtab_is_socket(fd))
		return real_read(fd, buf, len);
	return trace_read(fd, buf, len, 0);
}

EXPORT ssize_t __read_chk(int fd, void *buf, size_t len, size_t buflen)
{
	NEED_REAL(__read_chk);
	if (!tracer_on || !fdtab_is_socket(fd))
		return real___read_chk(fd, buf, len, buflen);
	return trace_read(fd, buf, len, buflen);
}

EXPORT ssize_t write(int fd, const void *buf, size_t len)
{
	NEED_REAL(write);
	if (!tracer_on || !fdtab_is_socket(fd))
		return real_write(fd, buf, len);
	return trace_write(fd, buf, len);
}

EXPORT ssize_t readv(int fd, const struct iovec *iov, int n)
{
	NEED_REAL(readv);
	if (!tracer_on || !fdtab_is_socket(fd))
		return real_readv(fd, iov, n);
	return trace_readv(IO_READV, fd, iov, n);
}

EXPORT ssize_t writev(int fd, const struct iovec *iov, int n)
{
	NEED_REAL(writev);
	if (!tracer_on || !fdtab_is_socket(fd))
		return real_writev(fd, iov, n);
	return trace_readv(IO_WRITEV, fd, iov, n);
}

EXPORT int close(int fd)
{
	struct fdinfo fi;

	NEED_REAL(close);
	if (!tracer_on || !fdtab_get(fd, &fi))
		return real_close(fd);
	return trace_close(fd, &fi);
}

EXPORT int fclose(FILE *fp)
{
	struct fdinfo fi;
	int fd;

	NEED_REAL(fclose);
	fd = fp ? fileno(fp) : -1;
	if (!tracer_on || !fdtab_get(fd, &fi))
		return real_fclose(fp);
	return trace_fclose(fp, fd, &fi);
}

EXPORT int close_range(unsigned int first, unsigned int last, int flags)
{
	NEED_REAL(close_range);
	if (!tracer_on)
		return real_close_range(first, last, flags);
	return trace_close_range(first, last, flags, false);
}

EXPORT void closefrom(int lowfd)
{
	NEED_REAL(closefrom);
	if (!tracer_on) {
		real_closefrom(lowfd);
		return;
	}
	trace_close_range((unsigned)lowfd, ~0U, 0, true);
}
