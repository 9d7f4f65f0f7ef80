/*
 * fuzz_names.c - lab 17's name server reads questions from anyone on the
 * network: its parser, and the answer it builds from what it parsed, must
 * hold for any bytes.
 */
#include <stddef.h>
#include <stdint.h>

#define main name_server_main
#include "../../labs/17-names/name_server.c"
#undef main

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t out[MSG_MAX + 16];
	struct in_addr addr = {.s_addr = htonl(0x0a4d0002)};
	struct query q;

	/* The server reads at most MSG_MAX bytes of a datagram. */
	if (size > MSG_MAX || parse_query(data, size, &q) < 0)
		return 0;
	make_answer(data, &q, RCODE_OK, &addr, out);
	make_answer(data, &q, RCODE_NXDOMAIN, NULL, out);
	return 0;
}
