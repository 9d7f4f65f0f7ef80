/*
 * test_manyclients.c - what echo-select and chat judge of a server over
 * sessions written by hand: a socket closed but still in select()'s set,
 * a connection kept after its client left, and how the server served
 * (one thread, threads, processes).
 *
 * The story: server 100 listens on 9190 (fd 3), accepts a client (fd 4),
 * reads its FIN and closes fd 4. Every client has left at t = 5 s.
 */
#include "check/models.h"
#include "grade/manyclients.h"
#include "tests/unit/testutil.h"

#define CONN "127.0.0.1:9190>127.0.0.1:40000"
#define LEFT 5000000000LL

static const char *const story[] = {
	"{\"t\":1,\"src\":\"call\",\"pid\":100,\"tid\":100,\"fn\":\"listen\",\"fd\":3,\"ret\":0,"
	"\"errno\":null,\"sock\":\"0.0.0.0:9190>*\"}",
	"{\"t\":10,\"src\":\"call\",\"pid\":100,\"tid\":100,\"fn\":\"select\",\"ret\":1,"
	"\"errno\":null,\"nfds\":4,\"rfds\":[3],\"ready\":[3]}",
	"{\"t\":20,\"src\":\"call\",\"pid\":100,\"tid\":100,\"fn\":\"accept\",\"fd\":3,\"ret\":4,"
	"\"errno\":null,\"sock\":\"" CONN "\",\"peer\":\"127.0.0.1:40000\"}",
	"{\"t\":30,\"src\":\"call\",\"pid\":100,\"tid\":100,\"fn\":\"select\",\"ret\":1,"
	"\"errno\":null,\"nfds\":5,\"rfds\":[3,4],\"ready\":[4]}",
	"{\"t\":40,\"src\":\"call\",\"pid\":100,\"tid\":100,\"fn\":\"read\",\"fd\":4,\"ret\":0,"
	"\"errno\":null,\"len\":1024,\"sock\":\"" CONN "\"}",
	NULL,
};

/* A correct server: fd 4 closed and out of the set. */
static const char *const closes[] = {
	"{\"t\":50,\"src\":\"call\",\"pid\":100,\"tid\":100,\"fn\":\"close\",\"fd\":4,\"ret\":0,"
	"\"errno\":null,\"sock\":\"" CONN "\"}",
	"{\"t\":60,\"src\":\"call\",\"pid\":100,\"tid\":100,\"fn\":\"select\",\"ret\":0,"
	"\"errno\":null,\"nfds\":5,\"rfds\":[3]}",
	NULL,
};

/* Closed, but still in the set: select() fails with EBADF. */
static const char *const stale[] = {
	"{\"t\":50,\"src\":\"call\",\"pid\":100,\"tid\":100,\"fn\":\"close\",\"fd\":4,\"ret\":0,"
	"\"errno\":null,\"sock\":\"" CONN "\"}",
	"{\"t\":60,\"src\":\"call\",\"pid\":100,\"tid\":100,\"fn\":\"select\",\"ret\":-1,"
	"\"errno\":\"EBADF\",\"nfds\":5,\"rfds\":[3,4]}",
	NULL,
};

/* Out of the set, never closed: the kernel keeps it in CLOSE_WAIT. */
static const char *const kept[] = {
	"{\"t\":35,\"src\":\"state\",\"sock\":\"" CONN "\",\"from\":\"ESTABLISHED\","
	"\"to\":\"CLOSE_WAIT\",\"via\":\"tracefs\"}",
	"{\"t\":60,\"src\":\"call\",\"pid\":100,\"tid\":100,\"fn\":\"select\",\"ret\":0,"
	"\"errno\":null,\"nfds\":5,\"rfds\":[3]}",
	NULL,
};

/* Served by threads: 101 and 102 started, 101 ended. */
static const char *const threads[] = {
	"{\"t\":21,\"src\":\"proc\",\"pid\":100,\"tid\":101,\"event\":\"thread\",\"creator\":100}",
	"{\"t\":22,\"src\":\"proc\",\"pid\":100,\"tid\":102,\"event\":\"thread\",\"creator\":100}",
	"{\"t\":45,\"src\":\"proc\",\"pid\":100,\"tid\":101,\"event\":\"thread_exit\"}",
	NULL,
};

static struct session s;
static struct check_ctx ctx;

static void load(const char *const *more)
{
	cr_assert_eq(session_init(&s), 0);
	for (int i = 0; story[i]; i++)
		cr_assert_eq(session_append_line(&s, story[i], strlen(story[i])), 0);
	for (int i = 0; more && more[i]; i++)
		cr_assert_eq(session_append_line(&s, more[i], strlen(more[i])), 0, "%s", more[i]);
	for (size_t i = 1; i < s.n; i++)
		for (size_t k = i; k > 0 && s.ev[k].t < s.ev[k - 1].t; k--) {
			struct event tmp = s.ev[k];
			s.ev[k] = s.ev[k - 1];
			s.ev[k - 1] = tmp;
		}
	check_ctx_init(&ctx, &s, NULL);
}

static void done(void)
{
	check_ctx_free(&ctx);
	session_close(&s);
}

Test(manyclients, a_socket_closed_and_out_of_the_set_passes)
{
	struct check_result r = {0};

	load(closes);
	cr_assert_eq(kept_in_the_set(&ctx, &r, 100), 0);
	cr_assert(closed_when_left(&ctx, &r, 100, LEFT), "%s", r.summary);
	cr_assert_not(r.decided, "closed_when_left leaves a pass to its caller");
	done();
}

Test(manyclients, a_closed_socket_still_in_the_set_is_named_with_its_select)
{
	struct check_result r = {0};

	load(stale);
	cr_assert_not(closed_when_left(&ctx, &r, 100, LEFT));
	cr_assert(r.decided && !r.pass);
	cr_assert(strstr(r.summary, "went on watching a socket it had closed"), "%s", r.summary);
	cr_assert(strstr(r.evidence[0], "close(4)"), "%s", r.evidence[0]);
	cr_assert(strstr(r.evidence[1], "select(5, rfds=[3,4]) = -1 EBADF"), "%s", r.evidence[1]);
	done();
}

Test(manyclients, a_connection_never_closed_is_kept_in_close_wait)
{
	struct check_result r = {0};

	load(kept);
	cr_assert_eq(kept_connections(&ctx, &r, 100, LEFT), 1);
	cr_assert_not(closed_when_left(&ctx, &r, 100, LEFT));
	cr_assert(strstr(r.summary, "1 connection stayed open after its client had left"), "%s",
		  r.summary);
	done();
}

Test(manyclients, the_model_is_named_from_forks_threads_and_waits)
{
	struct serve_model m;
	char how[96];

	load(closes);
	serve_model_of(&ctx, 100, &m);
	cr_assert_eq(m.threads, 1);
	cr_assert_eq(m.waits, 3);
	cr_assert_str_eq(serve_model_name(&m, how, sizeof(how)), "select() in one thread");
	done();
	load(threads);
	serve_model_of(&ctx, 100, &m);
	cr_assert_eq(m.threads, 3, "100, 101 and 102 at once");
	cr_assert_str_eq(serve_model_name(&m, how, sizeof(how)), "select() in 3 threads");
	done();
}
