/*
 * chat_client MODE IP PORT [N] - the grader's chat clients, for a chat
 * server: each line one client sends goes to every other client.
 *
 *   relays N      N clients join; then, round after round, each says a
 *                 line, and every other client must get each line once,
 *                 in order, and its sender none of its own
 *   joins-leaves  clients join and leave while others talk; one vanishes
 *                 with a reset (RST); the others must go on talking
 *
 * A line is "NAME line J\n". A client reads whatever comes and cuts it
 * into lines itself, because TCP keeps no boundaries: one recv() may hold
 * half a line or three. It prints one line per finding, in words the
 * grader's report quotes, and exits 0 when every line went where it
 * should, 1 when not.
 *
 * Each step waits for its lines to arrive (up to WAIT_S) before the next:
 * a client says nothing before the server has shown, by relaying a line
 * to it, that it counts it among its clients.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define MEMBERS_MAX 64
#define WAIT_S	    5 /* generous: the machine may be loaded */
#define ROUNDS	    3
#define SHOWN_MAX   4 /* problems printed of each kind */

struct member {
	char name[16];
	int fd;		/* -1: not there */
	char buf[4096]; /* what has come, not yet a whole line */
	size_t len;
	int said;		/* the last line it said */
	int next[MEMBERS_MAX];	/* the line it expects next from each member */
	bool owes[MEMBERS_MAX]; /* must still get member k's line next[k] */
};

static struct sockaddr_in server;
static struct member m[MEMBERS_MAX];
static int nm;
static int wrong_order, twice, own, garbled, missed, dropped;

/* Prints at most SHOWN_MAX lines of each kind of problem. */
#define SAY(counter, ...)                                                                          \
	do {                                                                                       \
		if ((counter)++ < SHOWN_MAX)                                                       \
			printf(__VA_ARGS__);                                                       \
	} while (0)

static int member_of(const char *name)
{
	for (int k = 0; k < nm; k++)
		if (strcmp(m[k].name, name) == 0)
			return k;
	return -1;
}

/* What member i makes of one whole line it got. */
static void got_line(int i, const char *line)
{
	char name[16];
	int j, k;

	if (sscanf(line, "%15s line %d", name, &j) != 2 || (k = member_of(name)) < 0) {
		SAY(garbled, "%s got a line nobody sent: \"%.60s\"\n", m[i].name, line);
		return;
	}
	if (k == i) {
		SAY(own, "%s got its own line %d back\n", m[i].name, j);
	} else if (j < m[i].next[k]) {
		SAY(twice, "%s got %s's line %d twice\n", m[i].name, name, j);
	} else if (j > m[i].next[k] && m[i].next[k] > 0) {
		SAY(wrong_order, "%s got %s's line %d before its line %d\n", m[i].name, name, j,
		    m[i].next[k]);
		m[i].next[k] = j + 1;
	} else {
		m[i].next[k] = j + 1;
	}
	if (k != i && j >= m[k].said)
		m[i].owes[k] = false;
}

/* Reads what has come to member i; false when the server closed it. */
static bool read_member(int i)
{
	struct member *p = &m[i];
	ssize_t n = recv(p->fd, p->buf + p->len, sizeof(p->buf) - 1 - p->len, MSG_DONTWAIT);
	char *nl;

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return true;
	if (n <= 0)
		return false;
	p->len += (size_t)n;
	p->buf[p->len] = '\0';
	while ((nl = memchr(p->buf, '\n', p->len))) {
		*nl = '\0';
		got_line(i, p->buf);
		p->len -= (size_t)(nl + 1 - p->buf);
		memmove(p->buf, nl + 1, p->len);
	}
	if (p->len == sizeof(p->buf) - 1) /* a "line" too long to be one */
		p->len = 0;
	return true;
}

static bool owing(void)
{
	for (int i = 0; i < nm; i++)
		for (int k = 0; m[i].fd >= 0 && k < nm; k++)
			if (m[i].owes[k])
				return true;
	return false;
}

static int ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (int)((now.tv_sec - t0->tv_sec) * 1000 + (now.tv_nsec - t0->tv_nsec) / 1000000);
}

/* Reads from every member there for ms, or (until_paid) until nobody is
 * owed a line any more. */
static void read_for(int ms, bool until_paid)
{
	struct pollfd fds[MEMBERS_MAX];
	struct timespec t0;
	int left;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while ((left = ms - ms_since(&t0)) > 0 && !(until_paid && !owing())) {
		for (int i = 0; i < nm; i++)
			fds[i] = (struct pollfd){.fd = m[i].fd, .events = POLLIN};
		if (poll(fds, (nfds_t)nm, left) <= 0)
			return;
		for (int i = 0; i < nm; i++) {
			if (!fds[i].revents || read_member(i))
				continue;
			SAY(dropped, "the server closed %s's connection, though %s had not left\n",
			    m[i].name, m[i].name);
			close(m[i].fd);
			m[i].fd = -1;
		}
	}
}

/* Says which lines did not arrive, and forgets them. */
static void say_missed(void)
{
	for (int i = 0; i < nm; i++)
		for (int k = 0; k < nm; k++)
			if (m[i].owes[k]) {
				SAY(missed, "%s's line %d did not reach %s within %d s\n",
				    m[k].name, m[k].said, m[i].name, WAIT_S);
				m[i].owes[k] = false;
			}
}

/* A new member connects; connect() gives up after WAIT_S (a server that
 * does not accept fills its queue, and the kernel then drops new SYNs). */
static int join(const char *name)
{
	struct member *p = &m[nm];
	struct timeval tv = {.tv_sec = WAIT_S};

	snprintf(p->name, sizeof(p->name), "%s", name);
	p->fd = socket(AF_INET, SOCK_STREAM, 0);
	if (p->fd < 0 || setsockopt(p->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) < 0 ||
	    connect(p->fd, (struct sockaddr *)&server, sizeof(server)) < 0) {
		printf("%s: cannot connect: %s\n", name, strerror(errno));
		if (p->fd >= 0)
			close(p->fd);
		return -1;
	}
	return nm++;
}

/* Member k says its next line; every other member there must get it. */
static bool say(int k)
{
	char line[64];
	size_t len;

	len = (size_t)snprintf(line, sizeof(line), "%s line %d\n", m[k].name, ++m[k].said);
	if (send(m[k].fd, line, len, MSG_NOSIGNAL) != (ssize_t)len) {
		printf("%s could not send: %s\n", m[k].name, strerror(errno));
		return false;
	}
	for (int i = 0; i < nm; i++)
		if (i != k && m[i].fd >= 0)
			m[i].owes[k] = true;
	read_for(WAIT_S * 1000, true);
	if (!owing())
		return true;
	say_missed();
	return false;
}

/* Member k leaves: with a FIN, or (reset) vanishing with an RST. */
static void leave(int k, bool reset)
{
	struct linger hard = {1, 0};

	if (m[k].fd < 0) /* the server closed it already */
		return;
	if (reset)
		setsockopt(m[k].fd, SOL_SOCKET, SO_LINGER, &hard, sizeof(hard));
	close(m[k].fd);
	m[k].fd = -1;
	for (int i = 0; i < nm; i++)
		m[i].owes[k] = false;
}

/* Says what went wrong, or that nothing did. Returns the exit status. */
static int verdict(const char *what)
{
	read_for(300, false); /* whatever else comes: a line twice, one's own */
	if (missed + twice + wrong_order + garbled + dropped == 0)
		printf("%s: every line reached every other client exactly once, in order\n", what);
	if (own == 0)
		printf("%s: no client got its own line back\n", what);
	return missed + twice + wrong_order + garbled + dropped + own ? 1 : 0;
}

static int relays(int n)
{
	char name[16];

	for (int i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "client%d", i + 1);
		if (join(name) < 0)
			return 1;
	}
	/* The last to join speaks first: once the others get its line, the
	 * server has them all. */
	if (!say(n - 1)) {
		printf("%d clients joined, and not all of them got the first line\n", n);
		return verdict("relays");
	}
	printf("%d clients joined, and each got the first line\n", n);
	for (int r = 0; r < ROUNDS; r++)
		for (int k = 0; k < n; k++)
			if (!say(k))
				return verdict("relays");
	return verdict("relays");
}

/* A and B talk; C comes, talks and leaves; D comes, talks, and vanishes
 * with a reset; A and B go on talking, and E comes. */
static bool comings_and_goings(void)
{
	struct timespec pause = {0, 300 * 1000000L};
	int a, b, c, d, e;

	if ((a = join("A")) < 0 || (b = join("B")) < 0 || !say(b))
		return false;
	if ((c = join("C")) < 0 || !say(c) || !say(a))
		return false;
	leave(c, false);
	if (!say(b) || (d = join("D")) < 0 || !say(d) || !say(a))
		return false;
	printf("D vanishes with a reset (RST)\n");
	leave(d, true);
	/* Long enough for the server to take the reset before A talks. */
	nanosleep(&pause, NULL);
	return say(a) && say(b) && (e = join("E")) >= 0 && say(e);
}

static int joins_leaves(void)
{
	bool ok = comings_and_goings();

	read_for(300, false); /* the server may still drop someone */
	if (ok && !dropped)
		printf("joins-leaves: clients joined and left while others talked, one vanished "
		       "with a reset, and the others kept talking\n");
	return verdict("joins-leaves") | !ok;
}

int main(int argc, char **argv)
{
	const char *mode = argc >= 4 ? argv[1] : "";
	int n = argc == 5 ? atoi(argv[4]) : 0;

	setvbuf(stdout, NULL, _IOLBF, 0); /* a pipe: one line at a time */
	server.sin_family = AF_INET;
	server.sin_port = htons((unsigned short)atoi(argc >= 4 ? argv[3] : "0"));
	if (argc < 4 || inet_pton(AF_INET, argv[2], &server.sin_addr) != 1 ||
	    (strcmp(mode, "relays") == 0 && (n < 2 || n > MEMBERS_MAX))) {
		fprintf(stderr, "usage: %s relays IP PORT N (2 to %d) | joins-leaves IP PORT\n",
			argv[0], MEMBERS_MAX);
		return 2;
	}
	if (strcmp(mode, "relays") == 0)
		return relays(n);
	if (strcmp(mode, "joins-leaves") == 0)
		return joins_leaves();
	fprintf(stderr, "%s: unknown mode %s\n", argv[0], mode);
	return 2;
}
