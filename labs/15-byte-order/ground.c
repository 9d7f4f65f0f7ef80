/*
 * ground PORT
 *
 * A drone's ground station: it accepts one drone and reads its frames as
 * the protocol says (drone.c): a length of 4 bytes in network byte order,
 * then that many bytes. The first frame is a status text, the second a
 * reading of 13 bytes: the drone's letter, its altitude (4 bytes) and its
 * latitude (8 bytes, an IEEE 754 double), both big endian.
 *
 * The station is right and stays the same in both runs: it converts every
 * number with ntohl() (and be64toh() for the double), and believes no
 * length longer than a frame can be. What goes wrong is the drone's doing.
 */
#include <arpa/inet.h>
#include <endian.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define FRAME_MAX   1024
#define READING_LEN 13

/* Reads exactly len bytes; returns len, or fewer when the drone closed. */
static ssize_t read_n(int sock, void *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(sock, (char *)buf + got, len - got);
		if (n <= 0)
			break;
		got += n;
	}
	return got;
}

/* A length too long for any frame: the bytes cannot be framed any more.
 * Counts what is left until the drone closes, and says so. */
static void give_up(int sock)
{
	char buf[FRAME_MAX];
	long rest = 0;
	ssize_t n;

	while ((n = read(sock, buf, sizeof(buf))) > 0)
		rest += n;
	printf("no frame is that long (at most %d): was the length sent without htonl()? "
	       "%ld more bytes came, then the drone closed\n",
	       FRAME_MAX, rest);
}

/* The protocol's reading: 13 bytes, numbers big endian. */
static void print_reading(const unsigned char *b, uint32_t len)
{
	uint32_t altitude;
	uint64_t bits;
	double latitude;

	if (len != READING_LEN) {
		printf("a reading of %u bytes: the protocol's has %d (1 + 4 + 8). Was a struct "
		       "sent as it is, padding and all?\n",
		       len, READING_LEN);
		return;
	}
	memcpy(&altitude, b + 1, 4);
	memcpy(&bits, b + 5, 8);
	bits = be64toh(bits);
	memcpy(&latitude, &bits, 8);
	printf("reading: drone %c, altitude %u m, latitude %f\n", b[0], ntohl(altitude), latitude);
}

/* The status text, without the spaces that pad it to its length. */
static void print_status(const unsigned char *b, uint32_t len)
{
	while (len > 0 && b[len - 1] == ' ')
		len--;
	printf("status: %.*s\n", (int)len, (const char *)b);
}

/* Reads the drone's frames until it closes. */
static void serve(int sock)
{
	unsigned char head[4], body[FRAME_MAX];
	uint32_t len;

	for (int frame = 1; read_n(sock, head, 4) == 4; frame++) {
		memcpy(&len, head, 4);
		len = ntohl(len);
		printf("frame %d: length %u (on the wire: %02x %02x %02x %02x)\n", frame, len,
		       head[0], head[1], head[2], head[3]);
		if (len > FRAME_MAX) {
			give_up(sock);
			return;
		}
		if (read_n(sock, body, len) != (ssize_t)len) {
			printf("the drone closed inside frame %d\n", frame);
			return;
		}
		if (frame == 1)
			print_status(body, len);
		else
			print_reading(body, len);
	}
	printf("the drone closed\n");
}

int main(int argc, char *argv[])
{
	struct sockaddr_in serv_addr;
	int serv_sock, sock;

	if (argc != 2) {
		printf("Usage: %s <port>\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);

	serv_sock = socket(PF_INET, SOCK_STREAM, 0);
	if (serv_sock == -1) {
		perror("socket() error");
		exit(1);
	}
	memset(&serv_addr, 0, sizeof(serv_addr));
	serv_addr.sin_family = AF_INET;
	serv_addr.sin_addr.s_addr = htonl(INADDR_ANY);
	serv_addr.sin_port = htons(atoi(argv[1]));
	if (bind(serv_sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1) {
		perror("bind() error");
		exit(1);
	}
	if (listen(serv_sock, 5) == -1) {
		perror("listen() error");
		exit(1);
	}
	sock = accept(serv_sock, NULL, NULL);
	if (sock == -1) {
		perror("accept() error");
		exit(1);
	}
	serve(sock);
	close(sock);
	close(serv_sock);
	return 0;
}
