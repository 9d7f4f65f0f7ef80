/*
 * udp_client MODE IP PORT - the grader's client for a UDP echo server.
 *
 *   sizes  one datagram of each size from 1 byte to 8 KiB, one at a time;
 *          each must come back as one datagram, the same size, the same bytes
 *   peers  two clients, A and B, on two ports, each sends two datagrams in
 *          turn; each must get back its own, and only its own
 *
 * UDP keeps message boundaries: one sendto() is one datagram, and one
 * recvfrom() takes one whole datagram -- or cuts it to the buffer it is
 * given and drops the rest. MSG_TRUNC makes recv() say the datagram's real
 * size, so a cut is visible here.
 *
 * One line per finding; exits 0 when everything came back as sent.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_DGRAM   65536
#define REPLY_MS    3000 /* the first reply to a datagram, on a loaded machine */
#define EXTRA_MS    200	 /* more replies to the same datagram, if any */
#define MAX_REPLIES 8

static const int sizes[] = {1, 2, 10, 100, 512, 1000, 1472, 2000, 4096, 8000, 8192};
#define NSIZES (int)(sizeof(sizes) / sizeof(sizes[0]))

static struct sockaddr_in server;

static int udp_socket(void)
{
	struct sockaddr_in any = {.sin_family = AF_INET};
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd >= 0 && bind(fd, (struct sockaddr *)&any, sizeof(any)) < 0) {
		close(fd);
		fd = -1;
	}
	if (fd < 0)
		perror("udp_client: socket");
	return fd;
}

/* The next datagram on fd within ms, its real size (MSG_TRUNC); -1 for
 * none. */
static ssize_t recv_within(int fd, char *buf, int ms)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};

	if (poll(&p, 1, ms) <= 0)
		return -1;
	return recv(fd, buf, MAX_DGRAM, MSG_TRUNC);
}

/* "came back as 2 datagrams: 512 + 488 bytes" */
static void say_replies(int size, const ssize_t *got, int n, int same_bytes)
{
	if (n == 0) {
		printf("%d bytes: nothing came back within %d ms\n", size, REPLY_MS);
		return;
	}
	if (n == 1 && got[0] == size) {
		printf("%d bytes: %s\n", size,
		       same_bytes ? "came back whole"
				  : "came back as one datagram, but different bytes");
		return;
	}
	if (n == 1) {
		printf("%d bytes: came back as one datagram of %zd bytes\n", size, got[0]);
		return;
	}
	printf("%d bytes: came back as %d datagrams: ", size, n);
	for (int i = 0; i < n; i++)
		printf("%s%zd", i ? " + " : "", got[i]);
	printf(" bytes\n");
}

/* Sends one datagram of size bytes and gathers what comes back. Returns 0
 * when it was one datagram with the same bytes. */
static int try_size(int fd, int size, char *out, char *in)
{
	ssize_t got[MAX_REPLIES];
	int n = 0, same = 0;

	for (int k = 0; k < size; k++)
		out[k] = (char)('a' + (size + k) % 26);
	if (sendto(fd, out, (size_t)size, 0, (struct sockaddr *)&server, sizeof(server)) < 0) {
		printf("%d bytes: sendto failed: %s\n", size, strerror(errno));
		return -1;
	}
	while (n < MAX_REPLIES) {
		ssize_t len = recv_within(fd, in, n == 0 ? REPLY_MS : EXTRA_MS);
		if (len < 0)
			break;
		if (n == 0)
			same = len == size && memcmp(in, out, (size_t)size) == 0;
		got[n++] = len;
	}
	say_replies(size, got, n, same);
	return n == 1 && same ? 0 : -1;
}

static int sizes_mode(void)
{
	char *out = malloc(MAX_DGRAM), *in = malloc(MAX_DGRAM);
	int fd = udp_socket(), bad = 0;

	if (!out || !in || fd < 0) {
		free(out);
		free(in);
		return 1;
	}
	for (int i = 0; i < NSIZES; i++)
		bad += try_size(fd, sizes[i], out, in) < 0;
	if (!bad)
		printf("all %d datagrams came back whole, one for one\n", NSIZES);
	close(fd);
	free(out);
	free(in);
	return bad ? 1 : 0;
}

static int local_port(int fd)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);

	return getsockname(fd, (struct sockaddr *)&a, &len) == 0 ? ntohs(a.sin_port) : 0;
}

/* What client `me` received within REPLY_MS: a line saying it; 0 when it
 * was exactly what it sent. */
static int check_reply(int fd, const char *me, int port, const char *sent, char *buf)
{
	ssize_t n = recv_within(fd, buf, REPLY_MS);

	if (n < 0) {
		printf("%s (port %d) got nothing back for \"%s\"\n", me, port, sent);
		return -1;
	}
	buf[n < MAX_DGRAM ? n : MAX_DGRAM - 1] = '\0';
	if (strcmp(buf, sent) != 0) {
		printf("%s (port %d) sent \"%s\" and got \"%s\"\n", me, port, sent, buf);
		return -1;
	}
	return 0;
}

static int peers_mode(void)
{
	int a = udp_socket(), b = udp_socket(), bad = 0;
	int pa = local_port(a), pb = local_port(b);
	char msg_a[64], msg_b[64], buf[MAX_DGRAM];

	if (a < 0 || b < 0)
		return 1;
	for (int round = 1; round <= 2; round++) {
		snprintf(msg_a, sizeof(msg_a), "from A, number %d", round);
		snprintf(msg_b, sizeof(msg_b), "from B, number %d", round);
		/* Both send before either reads: the server sees two peers at once. */
		sendto(a, msg_a, strlen(msg_a), 0, (struct sockaddr *)&server, sizeof(server));
		sendto(b, msg_b, strlen(msg_b), 0, (struct sockaddr *)&server, sizeof(server));
		bad += check_reply(a, "A", pa, msg_a, buf) < 0;
		bad += check_reply(b, "B", pb, msg_b, buf) < 0;
	}
	if (!bad)
		printf("A (port %d) and B (port %d) each got back their own 2 datagrams\n", pa, pb);
	close(a);
	close(b);
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc == 4 ? argv[1] : "";

	setvbuf(stdout, NULL, _IOLBF, 0);
	server.sin_family = AF_INET;
	server.sin_port = htons((unsigned short)atoi(argc == 4 ? argv[3] : "0"));
	if (argc != 4 || inet_pton(AF_INET, argv[2], &server.sin_addr) != 1) {
		fprintf(stderr, "usage: %s sizes|peers IP PORT\n", argv[0]);
		return 2;
	}
	if (strcmp(mode, "sizes") == 0)
		return sizes_mode();
	if (strcmp(mode, "peers") == 0)
		return peers_mode();
	fprintf(stderr, "%s: unknown mode %s\n", argv[0], mode);
	return 2;
}
