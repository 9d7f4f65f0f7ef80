/*
 * test_statediag.c - state changes from comparing sock_diag dumps: a
 * change, a socket gone, a new socket (only when adopting, and not in the
 * first dump), and a followed socket that others share a name with.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "sources/state/statediag.h"

struct seen {
	int n;
	char what[8][160];
};

static void record(void *arg, const char *sock, enum tcp_state from, enum tcp_state to,
		   int64_t timer_ms)
{
	struct seen *s = arg;

	cr_assert(s->n < 8);
	snprintf(s->what[s->n++], sizeof(s->what[0]), "%s %s->%s %lld", sock, tcp_state_name(from),
		 tcp_state_name(to), (long long)timer_ms);
}

static struct sockdiag_entry entry(uint16_t lport, uint16_t pport, enum tcp_state st,
				   int64_t timer_ms)
{
	struct sockdiag_entry e = {.state = st,
				   .timer_ms = timer_ms,
				   .timewait = st == TCP_ST_TIME_WAIT};

	e.local = (struct endpoint){.family = 2, .port = lport, .addr = {127, 0, 0, 1}};
	if (pport)
		e.peer = (struct endpoint){.family = 2, .port = pport, .addr = {127, 0, 0, 1}};
	return e;
}

/* One dump of n entries. */
static void dump(struct statediag *d, const struct sockdiag_entry *e, int n, struct seen *s)
{
	statediag_begin(d);
	for (int i = 0; i < n; i++)
		statediag_see(d, &e[i], record, s);
	statediag_end(d, record, s);
}

Test(statediag, adopting_reports_changes_new_and_gone_sockets_but_not_the_first_dump)
{
	struct statediag d;
	struct seen s = {0};
	struct sockdiag_entry first[] = {entry(9190, 0, TCP_ST_LISTEN, -1),
					 entry(40000, 9190, TCP_ST_ESTABLISHED, -1)};
	struct sockdiag_entry second[] = {entry(9190, 0, TCP_ST_LISTEN, -1),
					  entry(40000, 9190, TCP_ST_TIME_WAIT, 59000),
					  entry(40001, 9190, TCP_ST_ESTABLISHED, -1)};
	struct sockdiag_entry third[] = {entry(9190, 0, TCP_ST_LISTEN, -1)};

	cr_assert_eq(statediag_init(&d, true), 0);
	dump(&d, first, 2, &s);
	cr_assert_eq(s.n, 0, "the first dump only learns");
	dump(&d, second, 3, &s);
	cr_assert_eq(s.n, 2);
	cr_assert_str_eq(s.what[0], "127.0.0.1:40000>127.0.0.1:9190 ESTABLISHED->TIME_WAIT 59000");
	cr_assert_str_eq(s.what[1], "127.0.0.1:40001>127.0.0.1:9190 CLOSED->ESTABLISHED -1");
	dump(&d, third, 1, &s);
	cr_assert_eq(s.n, 4);
	/* Gone: both, in some order. */
	cr_assert(strstr(s.what[2], "->CLOSED") && strstr(s.what[3], "->CLOSED"));
	dump(&d, third, 1, &s);
	cr_assert_eq(s.n, 4, "a socket gone is told once");
	statediag_free(&d);
}

Test(statediag, following_only_reports_the_sockets_it_was_given)
{
	struct statediag d;
	struct seen s = {0};
	struct sockdiag_entry fw2 = entry(40000, 9190, TCP_ST_FIN_WAIT_2, 58000);
	struct sockdiag_entry tw[] = {entry(40000, 9190, TCP_ST_TIME_WAIT, 60000),
				      entry(40001, 9190, TCP_ST_TIME_WAIT, 60000)};

	cr_assert_eq(statediag_init(&d, false), 0);
	statediag_follow(&d, "127.0.0.1:40000>127.0.0.1:9190", TCP_ST_FIN_WAIT_2);
	dump(&d, &fw2, 1, &s);
	cr_assert_eq(s.n, 0, "no change yet");
	dump(&d, tw, 2, &s);
	cr_assert_eq(s.n, 1, "the other socket is not followed");
	cr_assert_str_eq(s.what[0], "127.0.0.1:40000>127.0.0.1:9190 FIN_WAIT_2->TIME_WAIT 60000");
	dump(&d, NULL, 0, &s);
	cr_assert_eq(s.n, 2);
	cr_assert_str_eq(s.what[1], "127.0.0.1:40000>127.0.0.1:9190 TIME_WAIT->CLOSED -1");
	cr_assert_eq(d.followed, 0);
	statediag_free(&d);
}

Test(statediag, two_sockets_of_one_name_do_not_flip)
{
	struct statediag d;
	struct seen s = {0};
	struct sockdiag_entry both[] = {entry(9190, 0, TCP_ST_LISTEN, -1),
					entry(9190, 0, TCP_ST_CLOSED, -1)};

	cr_assert_eq(statediag_init(&d, true), 0);
	dump(&d, both, 2, &s);
	dump(&d, both, 2, &s);
	dump(&d, both, 2, &s);
	cr_assert_eq(s.n, 0, "%s", s.n ? s.what[0] : "");
	statediag_free(&d);
}
