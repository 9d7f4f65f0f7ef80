/*
 * pcapgen N FILE: writes a capture of N small TCP segments (Ethernet,
 * IPv4, 32 bytes of payload each, one a microsecond, alternating
 * directions between 127.0.0.1:40000 and 127.0.0.1:9190): the reference
 * `make bench` gives tcpdump, which prints one line per packet as the
 * collector writes one per event.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAYLOAD 32

static void put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xffff);
}

/* One frame: addresses and ports by direction, seq and ack as given. */
static size_t frame(uint8_t *f, int dir, uint32_t seq, uint32_t ack)
{
	uint8_t *ip = f + 14, *tcp = ip + 20;

	memset(f, 0, 14 + 20 + 20 + PAYLOAD);
	put16(f + 12, 0x0800);
	ip[0] = 0x45;
	put16(ip + 2, 20 + 20 + PAYLOAD);
	ip[8] = 64;
	ip[9] = 6;
	put32(ip + 12, 0x7f000001);
	put32(ip + 16, 0x7f000001);
	put16(tcp, dir ? 9190 : 40000);
	put16(tcp + 2, dir ? 40000 : 9190);
	put32(tcp + 4, seq);
	put32(tcp + 8, ack);
	tcp[12] = 5 << 4;
	tcp[13] = 0x18; /* PSH, ACK */
	put16(tcp + 14, 65535);
	memset(tcp + 20, 'A', PAYLOAD);
	return 14 + 20 + 20 + PAYLOAD;
}

int main(int argc, char **argv)
{
	/* The file header, little-endian: magic, version 2.4, snaplen, Ethernet. */
	static const uint32_t head[6] = {0xa1b2c3d4, 0x00040002, 0, 0, 65535, 1};
	long n = argc > 2 ? atol(argv[1]) : 0;
	FILE *out = argc > 2 ? fopen(argv[2], "wb") : NULL;
	uint8_t f[256];

	if (!out || n <= 0) {
		fprintf(stderr, "usage: pcapgen N FILE\n");
		return 2;
	}
	fwrite(head, sizeof(head), 1, out);
	for (long i = 0; i < n; i++) {
		uint32_t rec[4], len;
		len = (uint32_t)frame(f, (int)(i & 1), 1000 + (uint32_t)(i / 2) * PAYLOAD,
				      2000 + (uint32_t)(i / 2) * PAYLOAD);
		rec[0] = (uint32_t)(1700000000 + i / 1000000);
		rec[1] = (uint32_t)(i % 1000000);
		rec[2] = rec[3] = len;
		fwrite(rec, sizeof(rec), 1, out);
		fwrite(f, len, 1, out);
	}
	return fclose(out) == 0 ? 0 : 1;
}
