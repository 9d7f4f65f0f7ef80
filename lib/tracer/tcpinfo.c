/*
 * tcpinfo.c - TCP states read from inside the traced program, the last
 * fallback of the state source.
 *
 * Without tracefs (no root), socklab still sees states through sock_diag,
 * but only as often as it asks. So it asks the tracers too, by a bit in the
 * ring's header (RING_ASK_TCPINFO): after each call that may move a TCP
 * socket to another state -- connect, accept, listen, shutdown, a read that
 * finds the end of the stream, a failed send -- the tracer reads the state
 * with getsockopt(TCP_INFO) and reports a change as a "state" event with
 * "via": "tcpinfo".
 *
 * Invisible like the rest of the tracer: one more getsockopt() through the
 * real function, on the program's own descriptor; no descriptor of its
 * own; the caller restores errno afterwards.
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdatomic.h>

#include "tracer/tracer.h"

static bool asked(void)
{
	return atomic_load_explicit(&tracer_ring.hdr->asks, memory_order_relaxed) &
	       RING_ASK_TCPINFO;
}

static bool is_tcp(const struct fdinfo *fi)
{
	return fi->type == SOCK_STREAM &&
	       (fi->local.family == AF_INET || fi->local.family == AF_INET6);
}

/* A connection that enters TIME_WAIT leaves a socket in CLOSE behind;
 * TIME_WAIT itself is told by sock_diag, so "CLOSED" here would mislead. */
static bool hides_time_wait(int from, int to)
{
	return to == TCP_ST_CLOSED &&
	       (from == TCP_ST_FIN_WAIT_1 || from == TCP_ST_FIN_WAIT_2 || from == TCP_ST_CLOSING);
}

static void rec_state(const struct fdinfo *fi, int from, int to)
{
	char sock[ENDPOINT_PAIR_MAX];
	struct rec r;

	endpoint_pair_str(&fi->local, &fi->peer, sock, sizeof(sock));
	rec_begin(&r, "state", now_ns());
	rec_str(&r, "sock", sock);
	rec_str(&r, "from", tcp_state_name((enum tcp_state)from));
	rec_str(&r, "to", tcp_state_name((enum tcp_state)to));
	rec_str(&r, "via", "tcpinfo");
	rec_emit(&r);
}

void tcpinfo_report(int fd, int unknown_from)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);
	struct fdinfo fi;
	int from, to;

	if (!asked() || !fdtab_get(fd, &fi) || !is_tcp(&fi) || fi.local.port == 0)
		return;
	if (real_getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) < 0 || len < 1)
		return;
	to = ti.tcpi_state;
	from = fi.tcp_state ? fi.tcp_state : unknown_from;
	if (to == fi.tcp_state || to <= TCP_ST_NONE || to >= TCP_ST_NEW_SYN_RECV)
		return;
	fdtab_set_tcp_state(fd, (uint8_t)to);
	if (!hides_time_wait(from, to))
		rec_state(&fi, from, to);
}
