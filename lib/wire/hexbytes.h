/*
 * hexbytes.h - the first bytes of a payload, as the session writes them:
 * two lowercase hex digits a byte ("41000000b0040000"), in the order they
 * were on the wire. Packets (pkt events) and data calls (send, recv, ...)
 * both carry them in "data" (docs/DESIGN.md).
 *
 * Pure functions with no allocation: the tracer links them too.
 */
#ifndef SOCKLAB_HEXBYTES_H
#define SOCKLAB_HEXBYTES_H

#include <stddef.h>
#include <stdint.h>

/* How many bytes of a payload a session keeps: a packet's, and a call's. */
#define DATA_BYTES_MAX 64

/* Writes n bytes as 2n hex digits and a NUL into out (2n + 1 bytes). */
void hex_encode(const uint8_t *p, size_t n, char *out);

/*
 * Reads hex digits (upper or lower case, an even number of them, len of
 * them or up to a NUL when len is (size_t)-1) into out, at most cap bytes.
 * Returns the number of bytes, or -1 if the text is not hex.
 */
int hex_decode(const char *hex, size_t len, uint8_t *out, size_t cap);

#endif
