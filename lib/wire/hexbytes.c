/*
 * hexbytes.c - bytes as hex digits, and back (see hexbytes.h).
 */
#include "wire/hexbytes.h"

void hex_encode(const uint8_t *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		*out++ = digits[p[i] >> 4];
		*out++ = digits[p[i] & 0x0f];
	}
	*out = '\0';
}

/* The value of one hex digit, or -1. */
static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int hex_decode(const char *hex, size_t len, uint8_t *out, size_t cap)
{
	size_t n = 0;

	for (size_t i = 0; i < len && hex[i]; i += 2) {
		int hi = hex_digit(hex[i]);
		int lo = i + 1 < len ? hex_digit(hex[i + 1]) : -1;

		if (hi < 0 || lo < 0)
			return -1;
		if (n < cap)
			out[n] = (uint8_t)(hi << 4 | lo);
		n++;
	}
	return (int)(n < cap ? n : cap);
}
