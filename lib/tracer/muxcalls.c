/*
 * muxcalls.c - waiting on many descriptors (select, poll), and the
 * descriptor calls that matter for sockets (fcntl, dup). epoll has a file
 * of its own, epollcalls.c.
 *
 * select and poll are recorded whatever they watch: the textbook's select
 * example watches the keyboard and a socket together. A record lists the
 * descriptors watched and those found ready, so a student can see which one
 * woke the program.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>

#include "tracer/tracer.h"

/* At most this many descriptors are listed per set: enough to read. */
#define LIST_MAX 16

static int fdset_list(const fd_set *set, int nfds, int *out)
{
	int n = 0;

	for (int fd = 0; set && fd < nfds && fd < FD_SETSIZE && n < LIST_MAX; fd++)
		if (FD_ISSET(fd, set))
			out[n++] = fd;
	return n;
}

static void rec_fdset(struct rec *r, const char *key, const fd_set *set, int nfds)
{
	int fds[LIST_MAX];
	int n = fdset_list(set, nfds, fds);

	if (set)
		rec_ints(r, key, fds, n);
}

static long long timeout_ms(const struct timespec *ts)
{
	return ts ? (long long)ts->tv_sec * 1000 + ts->tv_nsec / 1000000 : -1;
}

/*
 * select and pselect. The sets are copied before the call because the
 * kernel overwrites them with the ready ones; the record shows both.
 */
static int trace_select(const char *fn, int nfds, fd_set *rd, fd_set *wr, fd_set *ex,
			struct timeval *tv, const struct timespec *ts, const sigset_t *mask)
{
	fd_set rd_in, wr_in;
	struct timespec limit;
	int64_t t_in = now_ns();
	int ret, err;
	struct rec r;

	if (rd)
		rd_in = *rd;
	if (wr)
		wr_in = *wr;
	if (tv) {
		limit.tv_sec = tv->tv_sec;
		limit.tv_nsec = tv->tv_usec * 1000;
	} else if (ts) {
		limit = *ts;
	}
	ret = fn[0] == 'p' ? real_pselect(nfds, rd, wr, ex, ts, mask)
			   : real_select(nfds, rd, wr, ex, tv);
	err = errno;
	rec_call(&r, fn, -1, ret, err, t_in, ACTS_AT_RETURN);
	rec_int(&r, "nfds", nfds);
	rec_fdset(&r, "rfds", rd ? &rd_in : NULL, nfds);
	rec_fdset(&r, "wfds", wr ? &wr_in : NULL, nfds);
	rec_int(&r, "timeout_ms", timeout_ms(tv || ts ? &limit : NULL));
	if (ret > 0) {
		rec_fdset(&r, "ready", rd, nfds);
		if (wr)
			rec_fdset(&r, "wready", wr, nfds);
	}
	rec_emit(&r);
	errno = err;
	return ret;
}

static int trace_poll(const char *fn, struct pollfd *fds, nfds_t n, int timeout,
		      const struct timespec *ts, const sigset_t *mask, size_t fdslen)
{
	int64_t t_in = now_ns();
	int watched[LIST_MAX], ready[LIST_MAX], nw = 0, nr = 0;
	int ret, err;
	struct rec r;

	if (fn[0] == 'p' && fn[1] == 'p')
		ret = real_ppoll(fds, n, ts, mask);
	else if (fdslen)
		ret = real___poll_chk(fds, n, timeout, fdslen);
	else
		ret = real_poll(fds, n, timeout);
	err = errno;
	for (nfds_t i = 0; fds && i < n; i++) {
		if (nw < LIST_MAX)
			watched[nw++] = fds[i].fd;
		if (ret > 0 && fds[i].revents && nr < LIST_MAX)
			ready[nr++] = fds[i].fd;
	}
	rec_call(&r, fn[0] == 'p' && fn[1] == 'p' ? "ppoll" : "poll", -1, ret, err, t_in,
		 ACTS_AT_RETURN);
	rec_int(&r, "nfds", (long long)n);
	rec_ints(&r, "fds", watched, nw);
	rec_int(&r, "timeout_ms", fn[1] == 'p' ? timeout_ms(ts) : timeout);
	if (ret > 0)
		rec_ints(&r, "ready", ready, nr);
	rec_emit(&r);
	errno = err;
	return ret;
}

typedef int (*fcntl_fn)(int, int, ...);

/* fcntl on a socket: O_NONBLOCK on and off, F_SETOWN for signal-driven
 * I/O, F_DUPFD. */
static int trace_fcntl(fcntl_fn real, int fd, int cmd, void *arg)
{
	int64_t t_in = now_ns();
	int ret = real(fd, cmd, arg);
	int err = errno;
	const char *name = fcntl_cmd_name(cmd);
	char flags[96];
	struct rec r;

	if ((cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC) && ret >= 0)
		fdtab_copy(fd, ret);
	rec_call(&r, "fcntl", fd, ret, err, t_in, ACTS_AT_ENTRY);
	if (name)
		rec_str(&r, "cmd", name);
	else
		rec_int(&r, "cmd", cmd);
	if (cmd == F_SETFL || (cmd == F_GETFL && ret >= 0)) {
		openflags_str(cmd == F_SETFL ? (int)(long)arg : ret, flags, sizeof(flags));
		rec_str(&r, "val", flags);
	} else if (cmd == F_SETOWN || cmd == F_SETSIG) {
		rec_int(&r, "val", (int)(long)arg);
	}
	rec_emit(&r);
	errno = err;
	return ret;
}

/* dup, dup2, dup3: the new number names the same socket. dup2 onto a
 * socket closes that socket, which is why newfd matters as well. */
static int trace_dup(const char *fn, int oldfd, int newfd, int flags)
{
	int64_t t_in = now_ns();
	int ret;
	int err;
	struct rec r;

	if (fn[3] == '\0')
		ret = real_dup(oldfd);
	else if (fn[3] == '2')
		ret = real_dup2(oldfd, newfd);
	else
		ret = real_dup3(oldfd, newfd, flags);
	err = errno;
	if (ret >= 0 && ret != oldfd)
		fdtab_copy(oldfd, ret);
	rec_call(&r, fn, oldfd, ret, err, t_in, ACTS_AT_ENTRY);
	if (fn[3] != '\0')
		rec_int(&r, "newfd", newfd);
	rec_emit(&r);
	errno = err;
	return ret;
}

/* ---- the exported names --------------------------------------------- */

EXPORT int select(int nfds, fd_set *rd, fd_set *wr, fd_set *ex, struct timeval *tv)
{
	NEED_REAL(select);
	if (!tracer_on)
		return real_select(nfds, rd, wr, ex, tv);
	return trace_select("select", nfds, rd, wr, ex, tv, NULL, NULL);
}

EXPORT int pselect(int nfds, fd_set *rd, fd_set *wr, fd_set *ex, const struct timespec *ts,
		   const sigset_t *mask)
{
	NEED_REAL(pselect);
	if (!tracer_on)
		return real_pselect(nfds, rd, wr, ex, ts, mask);
	return trace_select("pselect", nfds, rd, wr, ex, NULL, ts, mask);
}

EXPORT int poll(struct pollfd *fds, nfds_t n, int timeout)
{
	NEED_REAL(poll);
	if (!tracer_on)
		return real_poll(fds, n, timeout);
	return trace_poll("poll", fds, n, timeout, NULL, NULL, 0);
}

EXPORT int __poll_chk(struct pollfd *fds, nfds_t n, int timeout, size_t fdslen)
{
	NEED_REAL(__poll_chk);
	if (!tracer_on)
		return real___poll_chk(fds, n, timeout, fdslen);
	return trace_poll("poll", fds, n, timeout, NULL, NULL, fdslen);
}

EXPORT int ppoll(struct pollfd *fds, nfds_t n, const struct timespec *ts, const sigset_t *mask)
{
	NEED_REAL(ppoll);
	if (!tracer_on)
		return real_ppoll(fds, n, ts, mask);
	return trace_poll("ppoll", fds, n, 0, ts, mask, 0);
}

/* fcntl takes a third argument of any type, or none. Like the C library,
 * pass it on as a pointer-sized value: the kernel reads what cmd needs. */
EXPORT int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, cmd);
	arg = va_arg(ap, void *);
	va_end(ap);
	NEED_REAL(fcntl);
	if (!tracer_on || !fdtab_is_socket(fd))
		return real_fcntl(fd, cmd, arg);
	return trace_fcntl(real_fcntl, fd, cmd, arg);
}

EXPORT int fcntl64(int fd, int cmd, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, cmd);
	arg = va_arg(ap, void *);
	va_end(ap);
	NEED_REAL(fcntl64);
	if (!tracer_on || !fdtab_is_socket(fd))
		return real_fcntl64(fd, cmd, arg);
	return trace_fcntl(real_fcntl64, fd, cmd, arg);
}

EXPORT int dup(int fd)
{
	NEED_REAL(dup);
	if (!tracer_on || !fdtab_is_socket(fd))
		return real_dup(fd);
	return trace_dup("dup", fd, -1, 0);
}

EXPORT int dup2(int oldfd, int newfd)
{
	NEED_REAL(dup2);
	if (!tracer_on || (!fdtab_is_socket(oldfd) && !fdtab_is_socket(newfd)))
		return real_dup2(oldfd, newfd);
	return trace_dup("dup2", oldfd, newfd, 0);
}

EXPORT int dup3(int oldfd, int newfd, int flags)
{
	NEED_REAL(dup3);
	if (!tracer_on || (!fdtab_is_socket(oldfd) && !fdtab_is_socket(newfd)))
		return real_dup3(oldfd, newfd, flags);
	return trace_dup("dup3", oldfd, newfd, flags);
}
