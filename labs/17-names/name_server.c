/*
 * name_server ZONE
 *
 * A very small DNS server (UDP port 53): it answers questions for an
 * address (type A) from ZONE, a text file of "NAME ADDRESS" lines, read
 * again for every question, so a record changed in the file is served at
 * once. A name it does not know gets "no such name" (NXDOMAIN). The
 * answers say they may be kept for 0 seconds (TTL 0): nobody caches them.
 *
 * A DNS message (RFC 1035) is a 12-byte header -- an id, flags, and four
 * counts, every number big endian (network byte order, lab 15) -- then the
 * question: the name as labels, each a length byte and that many bytes
 * ("\4echo\3lab\0"), then its type and class. The answer repeats the
 * question and adds a record: the name (as a pointer back to the
 * question's, 0xc00c), type, class, TTL, length 4, the address.
 *
 * The question comes from anyone on the network: every byte of it is
 * checked before it is believed (parse_query), and the parser is fuzzed
 * (tests/fuzz/fuzz_names.c).
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define DNS_PORT       53
#define MSG_MAX	       512 /* a DNS message over UDP, without EDNS */
#define HEADER_LEN     12
#define DNS_NAME_MAX   255
#define TYPE_A	       1
#define CLASS_IN       1
#define RCODE_OK       0
#define RCODE_FORMERR  1
#define RCODE_NXDOMAIN 3

/* A question, as read from a query. */
struct query {
	uint16_t id;
	uint16_t flags;
	char name[DNS_NAME_MAX + 1]; /* "echo.lab", lower case */
	uint16_t type, class;
	size_t end; /* where the question ends in the message */
};

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

/*
 * Reads the question of the query in msg (len bytes) into q. Returns 0,
 * or -1 when the message is not a plain query of one question: too short,
 * an answer, a label running past the end, a name too long, a compression
 * pointer (a question has none).
 */
int parse_query(const uint8_t *msg, size_t len, struct query *q)
{
	size_t at = HEADER_LEN, n = 0;

	if (len < HEADER_LEN)
		return -1;
	q->id = get16(msg);
	q->flags = get16(msg + 2);
	if ((q->flags & 0x8000) || get16(msg + 4) != 1) /* an answer, or not one question */
		return -1;
	for (;;) {
		size_t label;

		if (at >= len)
			return -1;
		label = msg[at++];
		if (label == 0)
			break;
		if (label > 63 || at + label > len || n + label + 1 > DNS_NAME_MAX)
			return -1;
		if (n > 0)
			q->name[n++] = '.';
		for (size_t i = 0; i < label; i++)
			q->name[n++] = (char)tolower(msg[at + i]);
		at += label;
	}
	q->name[n] = '\0';
	if (at + 4 > len)
		return -1;
	q->type = get16(msg + at);
	q->class = get16(msg + at + 2);
	q->end = at + 4;
	return 0;
}

/* The address ZONE gives name, into addr; 0, or -1 when it has none. */
static int look_up(const char *zone, const char *name, struct in_addr *addr)
{
	char line[512], rname[256], raddr[64];
	FILE *f = fopen(zone, "r");
	int found = -1;

	if (!f) {
		perror("fopen() error");
		return -1;
	}
	while (found < 0 && fgets(line, sizeof(line), f))
		if (sscanf(line, "%255s %63s", rname, raddr) == 2 && strcasecmp(rname, name) == 0 &&
		    inet_pton(AF_INET, raddr, addr) == 1)
			found = 0;
	fclose(f);
	return found;
}

/*
 * Writes the answer to q (whose message is msg) into out. rcode says how
 * it went; addr, when not NULL, is the one record. Returns its length.
 */
static size_t make_answer(const uint8_t *msg, const struct query *q, int rcode,
			  const struct in_addr *addr, uint8_t *out)
{
	size_t n = q->end;

	memcpy(out, msg, q->end); /* the header and the question, as asked */
	/* QR (an answer), the question's opcode and RD, RA, and the rcode. */
	put16(out + 2, 0x8000 | (q->flags & 0x7900) | 0x0080 | rcode);
	put16(out + 4, 1);	      /* one question */
	put16(out + 6, addr != NULL); /* answers */
	put16(out + 8, 0);
	put16(out + 10, 0);
	if (!addr)
		return n;
	put16(out + n, 0xc00c); /* the name: a pointer to the question's */
	put16(out + n + 2, TYPE_A);
	put16(out + n + 4, CLASS_IN);
	memset(out + n + 6, 0, 4); /* TTL 0: do not keep this */
	put16(out + n + 10, 4);
	memcpy(out + n + 12, &addr->s_addr, 4); /* already in network order */
	return n + 16;
}

/* Answers one query; says what it answered. Returns the answer's length,
 * 0 to answer nothing (not a query). */
static size_t answer(const char *zone, const uint8_t *msg, size_t len, uint8_t *out,
		     const char *from)
{
	struct query q;
	struct in_addr addr;
	char text[INET_ADDRSTRLEN];

	if (parse_query(msg, len, &q) < 0) {
		printf("from %s: %zu bytes that are not a query: ignored\n", from, len);
		return 0;
	}
	if (look_up(zone, q.name, &addr) < 0) {
		printf("from %s: %s? no such name (NXDOMAIN)\n", from, q.name);
		return make_answer(msg, &q, RCODE_NXDOMAIN, NULL, out);
	}
	if (q.type != TYPE_A || q.class != CLASS_IN) {
		printf("from %s: %s, type %u: no record of that type\n", from, q.name, q.type);
		return make_answer(msg, &q, RCODE_OK, NULL, out);
	}
	inet_ntop(AF_INET, &addr, text, sizeof(text));
	printf("from %s: %s? %s\n", from, q.name, text);
	return make_answer(msg, &q, RCODE_OK, &addr, out);
}

int main(int argc, char *argv[])
{
	struct sockaddr_in serv_addr, clnt_addr;
	socklen_t clnt_addr_size;
	uint8_t msg[MSG_MAX], out[MSG_MAX + 16];
	char from[64];
	ssize_t len;
	size_t n;
	int sock;

	if (argc != 2) {
		printf("Usage: %s <zone file>\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);

	sock = socket(PF_INET, SOCK_DGRAM, 0);
	if (sock == -1) {
		perror("socket() error");
		exit(1);
	}
	memset(&serv_addr, 0, sizeof(serv_addr));
	serv_addr.sin_family = AF_INET;
	serv_addr.sin_addr.s_addr = htonl(INADDR_ANY);
	serv_addr.sin_port = htons(DNS_PORT);
	if (bind(sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1) {
		perror("bind() error");
		exit(1);
	}
	for (;;) {
		clnt_addr_size = sizeof(clnt_addr);
		len = recvfrom(sock, msg, sizeof(msg), 0, (struct sockaddr *)&clnt_addr,
			       &clnt_addr_size);
		if (len == -1) {
			perror("recvfrom() error");
			exit(1);
		}
		snprintf(from, sizeof(from), "%s:%d", inet_ntoa(clnt_addr.sin_addr),
			 ntohs(clnt_addr.sin_port));
		n = answer(argv[1], msg, (size_t)len, out, from);
		if (n > 0 &&
		    sendto(sock, out, n, 0, (struct sockaddr *)&clnt_addr, clnt_addr_size) == -1)
			perror("sendto() error");
	}
	return 0;
}
