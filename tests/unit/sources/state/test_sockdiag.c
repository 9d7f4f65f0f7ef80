/*
 * test_sockdiag.c - the sock_diag dump: it finds real sockets in their real
 * states (a listener, a connection in TIME_WAIT with its countdown), and it
 * refuses damaged answers instead of reading past them.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sources/state/sockdiag.h"

struct found {
	char want[ENDPOINT_PAIR_MAX];
	int count;
	struct sockdiag_entry e;
};

static void remember(void *arg, const struct sockdiag_entry *e)
{
	struct found *f = arg;
	char name[ENDPOINT_PAIR_MAX];

	endpoint_pair_str(&e->local, &e->peer, name, sizeof(name));
	if (strcmp(name, f->want) == 0) {
		f->count++;
		f->e = *e;
	}
}

static int listener(struct sockaddr_in *a)
{
	socklen_t len = sizeof(*a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	*a = (struct sockaddr_in){.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	cr_assert(fd >= 0 && bind(fd, (struct sockaddr *)a, sizeof(*a)) == 0 && listen(fd, 4) == 0);
	getsockname(fd, (struct sockaddr *)a, &len);
	return fd;
}

static void dump(uint32_t states, struct found *f)
{
	char err[256];
	int fd = sockdiag_open(NULL, err, sizeof(err));

	cr_assert(fd >= 0, "%s", err);
	f->count = 0;
	cr_assert_eq(sockdiag_dump(fd, states, remember, f, err, sizeof(err)), 0, "%s", err);
	close(fd);
}

Test(sockdiag, finds_a_listener_with_no_peer)
{
	struct sockaddr_in a;
	int fd = listener(&a);
	struct found f;

	snprintf(f.want, sizeof(f.want), "127.0.0.1:%d>*", ntohs(a.sin_port));
	dump(SOCKDIAG_ALL, &f);
	cr_assert_eq(f.count, 1);
	cr_assert_eq(f.e.state, TCP_ST_LISTEN);
	cr_assert_not(f.e.timewait);
	close(fd);
}

Test(sockdiag, the_side_that_closes_first_is_in_time_wait_with_time_left)
{
	struct sockaddr_in a, me;
	socklen_t len = sizeof(me);
	int l = listener(&a), c = socket(AF_INET, SOCK_STREAM, 0), s;
	char buf[4];
	struct found f;

	cr_assert(connect(c, (struct sockaddr *)&a, sizeof(a)) == 0);
	s = accept(l, NULL, NULL);
	getsockname(c, (struct sockaddr *)&me, &len);
	close(c);			  /* FIN from the client ... */
	cr_assert_eq(read(s, buf, 4), 0); /* ... seen by the server */
	close(s);			  /* its FIN: the client goes TIME_WAIT */
	snprintf(f.want, sizeof(f.want), "127.0.0.1:%d>127.0.0.1:%d", ntohs(me.sin_port),
		 ntohs(a.sin_port));
	for (int i = 0; i < 100 && (f.count == 0 || f.e.state != TCP_ST_TIME_WAIT); i++) {
		dump(SOCKDIAG_STATE(TCP_ST_TIME_WAIT), &f);
		usleep(10000);
	}
	cr_assert_eq(f.count, 1);
	cr_assert(f.e.timewait);
	cr_assert_eq(f.e.state, TCP_ST_TIME_WAIT);
	cr_assert(f.e.timer_ms > 0 && f.e.timer_ms <= 60000, "timer %lld", (long long)f.e.timer_ms);
	close(l);
}

/* A hand-made answer: one socket, then NLMSG_DONE. */
struct answer {
	struct nlmsghdr h1;
	struct inet_diag_msg m;
	struct nlmsghdr h2;
	int done;
};

static void make_answer(struct answer *a, uint32_t seq)
{
	memset(a, 0, sizeof(*a));
	a->h1 = (struct nlmsghdr){.nlmsg_len = NLMSG_LENGTH(sizeof(a->m)),
				  .nlmsg_type = SOCK_DIAG_BY_FAMILY,
				  .nlmsg_seq = seq};
	a->m.idiag_family = AF_INET;
	a->m.idiag_state = TCP_ST_ESTABLISHED;
	a->m.id.idiag_sport = htons(9190);
	a->m.id.idiag_dport = htons(40112);
	a->m.id.idiag_src[0] = htonl(INADDR_LOOPBACK);
	a->m.id.idiag_dst[0] = htonl(INADDR_LOOPBACK);
	a->h2 = (struct nlmsghdr){.nlmsg_len = NLMSG_LENGTH(sizeof(int)),
				  .nlmsg_type = NLMSG_DONE,
				  .nlmsg_seq = seq};
}

Test(sockdiag, parses_a_whole_answer)
{
	struct answer a;
	struct found f = {.want = "127.0.0.1:9190>127.0.0.1:40112"};
	char err[256];

	make_answer(&a, 7);
	cr_assert_eq(sockdiag_parse(&a, sizeof(a), 7, remember, &f, err, sizeof(err)), 1, "%s",
		     err);
	cr_assert_eq(f.count, 1);
	cr_assert_eq(f.e.state, TCP_ST_ESTABLISHED);
	cr_assert_eq(f.e.timer_ms, -1);
}

Test(sockdiag, ignores_answers_to_another_question)
{
	struct answer a;
	struct found f = {.want = "127.0.0.1:9190>127.0.0.1:40112"};
	char err[256];

	make_answer(&a, 6);
	cr_assert_eq(sockdiag_parse(&a, sizeof(a), 7, remember, &f, err, sizeof(err)), 0);
	cr_assert_eq(f.count, 0);
}

Test(sockdiag, refuses_damaged_answers)
{
	struct answer a;
	struct found f = {.want = "127.0.0.1:9190>127.0.0.1:40112"};
	char err[256];

	make_answer(&a, 7);
	a.h1.nlmsg_len = NLMSG_LENGTH(sizeof(a.m) - 8); /* too short for a socket */
	cr_assert_eq(sockdiag_parse(&a, sizeof(a), 7, remember, &f, err, sizeof(err)), -1);
	make_answer(&a, 7);
	a.m.idiag_state = 200;
	cr_assert_eq(sockdiag_parse(&a, sizeof(a), 7, remember, &f, err, sizeof(err)), -1);
	make_answer(&a, 7);
	a.m.idiag_family = AF_UNIX;
	cr_assert_eq(sockdiag_parse(&a, sizeof(a), 7, remember, &f, err, sizeof(err)), -1);
	make_answer(&a, 7);
	/* A read cut in the middle of a message. */
	cr_assert_eq(sockdiag_parse(&a, sizeof(a.h1) + 10, 7, remember, &f, err, sizeof(err)), -1);
	make_answer(&a, 7);
	a.h1.nlmsg_len = 100000; /* longer than the buffer */
	cr_assert_eq(sockdiag_parse(&a, sizeof(a), 7, remember, &f, err, sizeof(err)), -1);
	cr_assert_eq(f.count, 0);
}

Test(sockdiag, reports_the_kernels_error)
{
	struct {
		struct nlmsghdr h;
		struct nlmsgerr e;
	} m = {.h = {.nlmsg_len = sizeof(m), .nlmsg_type = NLMSG_ERROR, .nlmsg_seq = 3},
	       .e = {.error = -EPERM}};
	struct found f = {.want = "x"};
	char err[256];

	cr_assert_eq(sockdiag_parse(&m, sizeof(m), 3, remember, &f, err, sizeof(err)), -1);
	cr_assert(strstr(err, "not permitted"), "%s", err);
}
