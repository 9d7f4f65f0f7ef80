/*
 * tcp_client MODE IP PORT - the grader's client for a TCP echo server.
 *
 *   echo        200 small messages, each read back in full before the next;
 *               then, on a new connection, one message of 1 MiB, sent and
 *               read back at the same time (a server that echoes as it reads
 *               would block if we sent it all before reading)
 *   concurrent  client A connects and is echoed; client B connects while A
 *               stays connected, and must be echoed too
 *   hold        connects, is echoed once, says "holding", and keeps the
 *               connection until the server closes it
 *   many N      N clients connect and stay connected; each sends a line,
 *               and every one must be echoed while all N are connected
 *   leave       client A is echoed and leaves; then B connects and must be
 *               echoed, and leaves; then C: a server must go on serving
 *               after a client has gone
 *
 * It prints one line per finding, in words the grader's report quotes, and
 * exits 0 when everything came back as sent, 1 when not.
 *
 * TCP is a byte stream: one send() may arrive in several recv()s, and
 * several send()s in one. So every read here loops until it has all the
 * bytes it expects (read_exactly), and never assumes one recv() is one
 * message.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define SMALL_MESSAGES	     200
#define MANY_MAX	     1000
#define BIG_SIZE	     (1024 * 1024)
#define TIMEOUT_S	     10 /* generous: the machine may be loaded */
#define CONCURRENT_TIMEOUT_S 5
#define WORD(x)		     #x
#define WORDS(x)	     WORD(x) /* a number, as a string */

static struct sockaddr_in server;

/* Connects to the server; -1 (said why) on failure. connect() and recv()
 * on the socket give up after timeout_s seconds (a server that does not
 * accept fills its queue, and then the kernel drops new SYNs). */
static int connect_server(const char *who, int timeout_s)
{
	struct timeval tv = {.tv_sec = timeout_s};
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0) {
		perror("socket");
		return -1;
	}
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) < 0 ||
	    connect(fd, (struct sockaddr *)&server, sizeof(server)) < 0) {
		printf("%s: cannot connect: %s\n", who, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static int send_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Reads exactly len bytes. Returns len, or how many came before the
 * server closed (or the time ran out: then *timed_out is set). */
static size_t read_exactly(int fd, char *buf, size_t len, int *timed_out)
{
	size_t got = 0;

	*timed_out = 0;
	while (got < len) {
		ssize_t n = recv(fd, buf + got, len - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			*timed_out = 1;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	return got;
}

/* Message i of the small ones: 1 to 120 bytes, different each time. */
static size_t small_message(int i, char *buf)
{
	size_t len = (size_t)(i * 37 % 120) + 1;

	for (size_t k = 0; k < len; k++)
		buf[k] = (char)('a' + (i + k) % 26);
	return len;
}

/* Says what came back instead of the len bytes of sent. */
static void say_mismatch(const char *what, const char *sent, const char *got, size_t len, size_t n,
			 int timed_out)
{
	size_t k = 0;

	if (n < len && timed_out)
		printf("%s: %zu of %zu bytes came back, then nothing more for %d s\n", what, n, len,
		       TIMEOUT_S);
	else if (n < len)
		printf("%s: %zu of %zu bytes came back, then the server closed the "
		       "connection\n",
		       what, n, len);
	while (k < n && sent[k] == got[k])
		k++;
	if (k < n)
		printf("%s: byte %zu came back different (sent '%c', got 0x%02x)\n", what, k,
		       sent[k], (unsigned char)got[k]);
}

static int echo_small(void)
{
	char sent[128], got[128];
	int fd = connect_server("small messages", TIMEOUT_S), timed_out;

	if (fd < 0)
		return 1;
	for (int i = 1; i <= SMALL_MESSAGES; i++) {
		size_t len = small_message(i, sent), n;
		char what[64];

		if (send_all(fd, sent, len) < 0) {
			printf("small messages: message %d could not be sent: %s\n", i,
			       strerror(errno));
			close(fd);
			return 1;
		}
		n = read_exactly(fd, got, len, &timed_out);
		if (n != len || memcmp(sent, got, len) != 0) {
			snprintf(what, sizeof(what), "small messages: message %d of %d", i,
				 SMALL_MESSAGES);
			say_mismatch(what, sent, got, len, n, timed_out);
			close(fd);
			return 1;
		}
	}
	printf("small messages: %d of %d came back exactly\n", SMALL_MESSAGES, SMALL_MESSAGES);
	close(fd);
	return 0;
}

/* Sends all of out while reading back into in, with poll(): the server
 * echoes as it reads, so both directions must flow at once. Returns how
 * many bytes came back. */
static size_t exchange(int fd, const char *out, char *in, size_t len, int *timed_out)
{
	size_t sent = 0, got = 0;

	*timed_out = 0;
	while (got < len) {
		struct pollfd p = {.fd = fd, .events = POLLIN | (sent < len ? POLLOUT : 0)};
		int ready = poll(&p, 1, TIMEOUT_S * 1000);
		ssize_t n;

		if (ready < 0 && errno == EINTR)
			continue;
		if (ready <= 0) {
			*timed_out = ready == 0;
			break;
		}
		if ((p.revents & POLLOUT) && sent < len) {
			n = send(fd, out + sent, len - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
			if (n > 0)
				sent += (size_t)n;
		}
		if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
			n = recv(fd, in + got, len - got, MSG_DONTWAIT);
			if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
				break;
			if (n > 0)
				got += (size_t)n;
		}
	}
	return got;
}

static int echo_big(void)
{
	char *out = malloc(BIG_SIZE), *in = malloc(BIG_SIZE);
	int fd = connect_server("1 MiB message", TIMEOUT_S), timed_out, ret = 1;
	size_t n;

	if (!out || !in || fd < 0)
		goto out_free;
	for (size_t k = 0; k < BIG_SIZE; k++)
		out[k] = (char)('A' + k * 7 % 26);
	n = exchange(fd, out, in, BIG_SIZE, &timed_out);
	if (n == BIG_SIZE && memcmp(out, in, BIG_SIZE) == 0) {
		printf("1 MiB message: %d of %d bytes came back exactly\n", BIG_SIZE, BIG_SIZE);
		ret = 0;
	} else {
		say_mismatch("1 MiB message", out, in, BIG_SIZE, n, timed_out);
	}
	close(fd);
out_free:
	free(out);
	free(in);
	return ret;
}

/* How an echo came back (or did not). */
enum echo { ECHO_OK, ECHO_TIMEOUT, ECHO_CLOSED, ECHO_DIFFERENT };

static const char *const echo_words[] = {
	[ECHO_OK] = "echoed",
	[ECHO_TIMEOUT] = "no echo within " WORDS(TIMEOUT_S) " s",
	[ECHO_CLOSED] = "the server closed the connection before the echo came",
	[ECHO_DIFFERENT] = "the echo came back different",
};

/* Waits (up to the socket's timeout) for line to come back. */
static enum echo await_echo(int fd, const char *line)
{
	char got[128];
	size_t len = strlen(line), n;
	int timed_out;

	n = read_exactly(fd, got, len, &timed_out);
	if (n < len)
		return timed_out ? ECHO_TIMEOUT : ECHO_CLOSED;
	return memcmp(got, line, len) == 0 ? ECHO_OK : ECHO_DIFFERENT;
}

/* One line to the server and its echo back. */
static enum echo echo_line(int fd, const char *line)
{
	if (send_all(fd, line, strlen(line)) < 0)
		return ECHO_CLOSED;
	return await_echo(fd, line);
}

static int concurrent(void)
{
	int a = connect_server("A", TIMEOUT_S), b = -1, ret = 1;
	enum echo e;

	if (a < 0)
		return 1;
	if ((e = echo_line(a, "hello from A\n")) != ECHO_OK) {
		printf("A: %s\n", echo_words[e]);
		goto out_close;
	}
	printf("A: connected and echoed; A stays connected\n");
	if ((b = connect_server("B", CONCURRENT_TIMEOUT_S)) < 0)
		goto out_close;
	if ((e = echo_line(b, "hello from B\n")) == ECHO_OK) {
		printf("B: echoed while A was still connected\n");
		ret = 0;
		goto out_close;
	}
	if (e != ECHO_TIMEOUT) {
		printf("B: %s\n", echo_words[e]);
		goto out_close;
	}
	printf("B: no echo within %d s while A stayed connected\n", CONCURRENT_TIMEOUT_S);
	close(a);
	a = -1;
	if (await_echo(b, "hello from B\n") == ECHO_OK)
		printf("B: echoed only after A closed its connection\n");
	else
		printf("B: still no echo after A closed its connection\n");
out_close:
	if (b >= 0)
		close(b);
	if (a >= 0)
		close(a);
	return ret;
}

static int hold(void)
{
	int fd = connect_server("holding client", TIMEOUT_S);
	char buf[64];
	ssize_t n;

	if (fd < 0)
		return 1;
	if (echo_line(fd, "hold\n") != ECHO_OK) {
		printf("holding client: no echo\n");
		close(fd);
		return 1;
	}
	printf("holding the connection open\n");
	/* Until the server goes away: then recv() returns 0 (its FIN). */
	do
		n = recv(fd, buf, sizeof(buf), 0);
	while (n > 0 || (n < 0 && (errno == EINTR || errno == EAGAIN)));
	printf("the server closed the connection\n");
	close(fd);
	return 0;
}

/* ---- many clients at once ----------------------------------------------- */

struct many {
	int fd;
	char line[64];
	size_t len, got;
	char echo[64];
};

static struct many clients[MANY_MAX];
static struct pollfd many_fds[MANY_MAX];

/* Connects n clients, all kept connected. Returns how many connected. */
static int connect_many(int n)
{
	for (int i = 0; i < n; i++) {
		char who[32];
		snprintf(who, sizeof(who), "client %d of %d", i + 1, n);
		if ((clients[i].fd = connect_server(who, CONCURRENT_TIMEOUT_S)) < 0)
			return i;
	}
	return n;
}

/* Reads what has come back to client c; false when the server closed
 * its connection (or it failed). */
static int many_read(struct many *c)
{
	ssize_t r = recv(c->fd, c->echo + c->got, c->len - c->got, MSG_DONTWAIT);

	if (r < 0 && (errno == EAGAIN || errno == EINTR))
		return 1;
	if (r <= 0)
		return 0;
	c->got += (size_t)r;
	return 1;
}

/* Sends a line on each of n clients, then waits for all the echoes
 * together, up to CONCURRENT_TIMEOUT_S. Returns how many came back exactly. */
static int echo_many(int n)
{
	int waiting = n, exact = 0;

	for (int i = 0; i < n; i++) {
		struct many *c = &clients[i];
		c->len =
			(size_t)snprintf(c->line, sizeof(c->line), "hello from client %d\n", i + 1);
		if (send_all(c->fd, c->line, c->len) < 0)
			c->len = 0;
		many_fds[i] = (struct pollfd){.fd = c->len ? c->fd : -1, .events = POLLIN};
		waiting -= c->len == 0;
	}
	while (waiting > 0 && poll(many_fds, (nfds_t)n, CONCURRENT_TIMEOUT_S * 1000) > 0) {
		for (int i = 0; i < n; i++) {
			if (!many_fds[i].revents)
				continue;
			if (!many_read(&clients[i]) || clients[i].got == clients[i].len) {
				many_fds[i].fd = -1;
				waiting--;
			}
		}
	}
	for (int i = 0; i < n; i++)
		exact += clients[i].len && clients[i].got == clients[i].len &&
			 memcmp(clients[i].line, clients[i].echo, clients[i].len) == 0;
	return exact;
}

static int many(int n)
{
	int connected = connect_many(n), exact = 0;

	if (connected == n) {
		printf("%d clients connected at once\n", n);
		exact = echo_many(n);
		printf("%d of %d clients echoed while all %d stayed connected\n", exact, n, n);
		if (exact == 0)
			printf("no client was echoed within %d s\n", CONCURRENT_TIMEOUT_S);
		else if (exact < n)
			printf("the other %d: no echo within %d s\n", n - exact,
			       CONCURRENT_TIMEOUT_S);
	} else {
		printf("only %d of %d clients could connect at once\n", connected, n);
	}
	for (int i = 0; i < connected; i++)
		close(clients[i].fd);
	return exact == n ? 0 : 1;
}

/* ---- clients leave -------------------------------------------------------- */

/* One client: connects, is echoed, leaves. Says how it went as who. */
static int come_and_go(const char *who, const char *line)
{
	int fd = connect_server(who, TIMEOUT_S);
	enum echo e;

	if (fd < 0)
		return 1;
	e = echo_line(fd, line);
	printf("%s: %s, then left\n", who, echo_words[e]);
	close(fd);
	return e == ECHO_OK ? 0 : 1;
}

/* A is echoed and leaves; B comes after, then C. The pause lets the
 * server take A's FIN before B comes: a server that left A's closed
 * descriptor in its set has met the error by then. */
static int leave(void)
{
	struct timespec pause = {0, 300 * 1000000L};

	if (come_and_go("A", "hello from A\n") != 0)
		return 1;
	nanosleep(&pause, NULL);
	if (come_and_go("B (after A left)", "hello from B\n") != 0)
		return 1;
	nanosleep(&pause, NULL);
	if (come_and_go("C (after B left)", "hello from C\n") != 0)
		return 1;
	printf("every client that came after another left was served\n");
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc >= 4 ? argv[1] : "";
	int n = argc == 5 ? atoi(argv[4]) : 0;

	setvbuf(stdout, NULL, _IOLBF, 0); /* a pipe: one line at a time */
	server.sin_family = AF_INET;
	server.sin_port = htons((unsigned short)atoi(argc >= 4 ? argv[3] : "0"));
	if (argc < 4 || argc > 5 || inet_pton(AF_INET, argv[2], &server.sin_addr) != 1 ||
	    (strcmp(mode, "many") == 0 && (n < 1 || n > MANY_MAX))) {
		fprintf(stderr,
			"usage: %s echo|concurrent|hold|leave IP PORT\n"
			"       %s many IP PORT N (1 to %d)\n",
			argv[0], argv[0], MANY_MAX);
		return 2;
	}
	if (strcmp(mode, "many") == 0)
		return many(n);
	if (strcmp(mode, "leave") == 0)
		return leave();
	if (strcmp(mode, "echo") == 0)
		return echo_small() | echo_big();
	if (strcmp(mode, "concurrent") == 0)
		return concurrent();
	if (strcmp(mode, "hold") == 0)
		return hold();
	fprintf(stderr, "%s: unknown mode %s\n", argv[0], mode);
	return 2;
}
