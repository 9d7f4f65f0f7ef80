/*
 * drone IP PORT [htons | fix]
 *
 * A drone reports to its ground station over TCP: a status text framed by
 * its length, then one reading of its position framed by its length. The
 * protocol (ground.c) says every number is in network byte order (big
 * endian) and a reading is 13 bytes: the drone's letter (1), its altitude
 * in metres (4, an int), its latitude (8, an IEEE 754 double).
 *
 * Run without a mode, it makes the three byte-order mistakes of this lab,
 * each on one line marked MISTAKE:
 *   - the port goes into sin_port without htons(),
 *   - a frame's length goes out as the int lies in memory, without htonl(),
 *   - the reading goes out as the struct lies in memory: padding and all,
 *     in this CPU's byte order.
 * "htons" fixes the first only, as a student's second try would; "fix"
 * writes every number explicitly in network byte order.
 */
#include <arpa/inet.h>
#include <endian.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define STATUS_LEN  100
#define READING_LEN 13 /* 1 + 4 + 8: the protocol's reading, no padding */

/* The reading as the drone keeps it in memory. The compiler puts 3 bytes
 * of padding after `drone` so that `altitude` starts at a multiple of 4:
 * sizeof is 16 on x86-64, not 13. */
struct reading {
	char drone;
	int altitude;
	double latitude;
};

static int fixed;

/* Writes all len bytes, or says why not and exits. */
static void write_all(int sock, const void *buf, size_t len)
{
	if (write(sock, buf, len) != (ssize_t)len) {
		perror("write() error");
		exit(1);
	}
}

/* A frame: its length (4 bytes), then its bytes. */
static void send_frame(int sock, const void *body, int len)
{
	if (fixed) {
		uint32_t wire_len = htonl(len);
		write_all(sock, &wire_len, 4);
	} else {
		write_all(sock, &len, 4); /* MISTAKE: the int as it is in memory */
	}
	write_all(sock, body, len);
}

/* The reading in the protocol's 13 bytes, every number big endian. */
static void encode_reading(const struct reading *r, unsigned char out[READING_LEN])
{
	uint32_t altitude = htonl(r->altitude);
	uint64_t bits;

	out[0] = r->drone;
	memcpy(out + 1, &altitude, 4);
	/* No htond() exists: take the double's 64 bits as an integer and put
	 * them in big-endian order, as for any 64-bit number. */
	memcpy(&bits, &r->latitude, 8);
	bits = htobe64(bits);
	memcpy(out + 5, &bits, 8);
}

static void send_reading(int sock, const struct reading *r)
{
	unsigned char wire[READING_LEN];

	if (fixed) {
		encode_reading(r, wire);
		send_frame(sock, wire, READING_LEN);
	} else {
		send_frame(sock, r, sizeof(*r)); /* MISTAKE: the struct as it is in memory */
	}
}

int main(int argc, char *argv[])
{
	struct sockaddr_in serv_addr;
	struct reading r;
	char status[STATUS_LEN + 1];
	int sock, port_ok;

	if (argc < 3) {
		printf("Usage: %s <IP> <port> [htons|fix]\n", argv[0]);
		exit(1);
	}
	fixed = argc > 3 && strcmp(argv[3], "fix") == 0;
	port_ok = fixed || (argc > 3 && strcmp(argv[3], "htons") == 0);
	setvbuf(stdout, NULL, _IOLBF, 0);

	sock = socket(PF_INET, SOCK_STREAM, 0);
	if (sock == -1) {
		perror("socket() error");
		exit(1);
	}
	memset(&serv_addr, 0, sizeof(serv_addr));
	serv_addr.sin_family = AF_INET;
	serv_addr.sin_addr.s_addr = inet_addr(argv[1]);
	if (port_ok)
		serv_addr.sin_port = htons(atoi(argv[2]));
	else
		serv_addr.sin_port = atoi(argv[2]); /* MISTAKE: no htons() */
	printf("connecting to port %d (sin_port holds the bytes %02x %02x)\n",
	       ntohs(serv_addr.sin_port), ((unsigned char *)&serv_addr.sin_port)[0],
	       ((unsigned char *)&serv_addr.sin_port)[1]);
	if (connect(sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1) {
		perror("connect() error");
		exit(1);
	}

	/* A status text of exactly STATUS_LEN bytes. */
	snprintf(status, sizeof(status), "%-100.100s",
		 "drone A: airborne over Incheon, heading 270, battery 87%");
	send_frame(sock, status, STATUS_LEN);

	/* Zeroed first, so that the padding bytes are 0, not old stack. */
	memset(&r, 0, sizeof(r));
	r.drone = 'A';
	r.altitude = 1200;
	r.latitude = 37.4563;
	printf("a reading is %zu bytes in memory, %d in the protocol\n", sizeof(r), READING_LEN);
	send_reading(sock, &r);

	close(sock);
	return 0;
}
