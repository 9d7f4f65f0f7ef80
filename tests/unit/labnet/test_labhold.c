/*
 * test_labhold.c - the router's forwarder that delivers one segment late:
 * it needs a router, and it carries a whole TCP transfer through it,
 * holding one segment back and delivering it.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/wait.h>

#include "base/netns.h"
#include "labnet/labhold.h"
#include "labnet/labnet.h"
#include "tests/unit/testutil.h"

#define PORT  9310
#define BYTES 100000

static void enter(const struct labnet *n, int host)
{
	char path[4096];
	int fd;

	netns_path(n->ns[host], path, sizeof(path));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || setns(fd, CLONE_NEWNET) < 0)
		_exit(100);
	close(fd);
}

/* In b: accepts one connection, reads until its end; exits 0 when BYTES
 * came. Returns once it listens. */
static pid_t receiver(const struct labnet *n)
{
	int ready[2];
	pid_t pid;
	char c;

	cr_assert_eq(pipe(ready), 0);
	if ((pid = fork()) == 0) {
		struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(PORT)};
		static char buf[65536];
		long got = 0;
		ssize_t r;
		int s, conn;

		enter(n, LABNET_B);
		s = socket(AF_INET, SOCK_STREAM, 0);
		if (bind(s, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(s, 1) < 0)
			_exit(101);
		(void)!write(ready[1], "r", 1);
		conn = accept(s, NULL, NULL);
		while ((r = read(conn, buf, sizeof(buf))) > 0)
			got += r;
		_exit(got == BYTES ? 0 : 1);
	}
	close(ready[1]);
	cr_assert_eq(read(ready[0], &c, 1), 1, "the receiver could not listen");
	close(ready[0]);
	return pid;
}

/* From a, BYTES bytes to b. */
static void send_all(const struct labnet *n)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(PORT)};
		static char buf[BYTES];
		int s;

		enter(n, LABNET_A);
		inet_pton(AF_INET, n->addr[LABNET_B], &a.sin_addr);
		s = socket(AF_INET, SOCK_STREAM, 0);
		if (connect(s, (struct sockaddr *)&a, sizeof(a)) < 0 ||
		    write(s, buf, sizeof(buf)) != sizeof(buf))
			_exit(1);
		close(s);
		_exit(0);
	}
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the sender failed");
}

Test(labhold, a_transfer_crosses_with_one_segment_late)
{
	struct labnet n;
	struct labnet_spec spec = {.shape = LABNET_ROUTED, .mtu = 1500};
	struct labhold *h;
	char err[512];
	pid_t rcv;
	int status;

	need_root("a lab network and raw sockets");
	cr_assert_eq(labnet_up(&n, 97, &spec, err, sizeof(err)), 0, "%s", err);
	h = labhold_start(&n, PORT, 5, 1, err, sizeof(err));
	cr_assert_not_null(h, "%s", err);
	rcv = receiver(&n);
	send_all(&n);
	cr_assert_eq(waitpid(rcv, &status, 0), rcv);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "not every byte came");
	cr_assert_eq(labhold_stop(h), 1, "one segment held and delivered");
	labnet_down(&n);
}

Test(labhold, it_needs_a_router)
{
	struct labnet n;
	struct labnet_spec spec = {.shape = LABNET_PAIR, .mtu = 1500};
	char err[512];

	need_root("a lab network");
	cr_assert_eq(labnet_up(&n, 96, &spec, err, sizeof(err)), 0, "%s", err);
	cr_assert_null(labhold_start(&n, PORT, 5, 1, err, sizeof(err)));
	cr_assert(strstr(err, "needs a router"), "%s", err);
	labnet_down(&n);
}
