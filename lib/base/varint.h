/*
 * varint.h - numbers in as few bytes as they need: seven bits a byte, the
 * top bit set on every byte but the last (as in protocol buffers). A
 * signed number is zigzagged first (0, -1, 1, -2, ... -> 0, 1, 2, 3, ...),
 * so a small negative one is small too. The compact events of a session
 * (session/evstore.c) and a socket's history (session/socktable.c) are
 * written so.
 */
#ifndef SOCKLAB_VARINT_H
#define SOCKLAB_VARINT_H

#include <stdint.h>

/* At most this many bytes for a 64-bit number. */
#define VARINT_MAX 10

static inline uint64_t zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static inline int64_t unzigzag(uint64_t u)
{
	return (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
}

/* Writes v at p (room for VARINT_MAX bytes); returns the end. */
static inline uint8_t *varint_put(uint8_t *p, uint64_t v)
{
	while (v >= 0x80) {
		*p++ = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	*p++ = (uint8_t)v;
	return p;
}

/* Reads the number at *p, written by varint_put, and moves *p past it. */
static inline uint64_t varint_get(const uint8_t **p)
{
	const uint8_t *q = *p;
	uint64_t v = 0;

	for (int shift = 0; shift < 64; shift += 7) {
		uint8_t b = *q++;
		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			break;
	}
	*p = q;
	return v;
}

#endif
