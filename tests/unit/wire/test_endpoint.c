/*
 * test_endpoint.c - "LOCAL>PEER", split one way for the whole of socklab:
 * its halves, its ports, whether it has a peer, and the same connection
 * seen from its other end.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "wire/endpoint.h"

Test(endpoint, a_pair_splits_into_its_two_halves)
{
	char local[ENDPOINT_STR_MAX], peer[ENDPOINT_STR_MAX];

	cr_assert_eq(endpoint_pair_split("127.0.0.1:9190>127.0.0.1:40112", local, peer,
					 sizeof(local)),
		     0);
	cr_assert_str_eq(local, "127.0.0.1:9190");
	cr_assert_str_eq(peer, "127.0.0.1:40112");
	cr_assert_eq(endpoint_pair_split("[::1]:80>[::1]:40000", local, NULL, sizeof(local)), 0);
	cr_assert_str_eq(local, "[::1]:80");
	cr_assert_eq(endpoint_pair_split("0.0.0.0:9190>*", NULL, peer, sizeof(peer)), 0);
	cr_assert_str_eq(peer, "*");
}

Test(endpoint, what_is_not_a_pair_is_refused_and_a_long_half_is_cut)
{
	char local[8], peer[8];

	cr_assert_eq(endpoint_pair_split(NULL, local, peer, sizeof(local)), -1);
	cr_assert_eq(endpoint_pair_split("127.0.0.1:9190", local, peer, sizeof(local)), -1);
	cr_assert_eq(endpoint_pair_split("127.0.0.1:9190>10.0.0.1:1", local, peer, sizeof(local)),
		     0);
	cr_assert_str_eq(local, "127.0.0", "cut to the buffer, with its NUL");
	cr_assert_str_eq(peer, "10.0.0.");
}

Test(endpoint, a_listener_and_an_unconnected_socket_have_no_peer)
{
	cr_assert(endpoint_pair_has_peer("127.0.0.1:9190>127.0.0.1:40112"));
	cr_assert_not(endpoint_pair_has_peer("0.0.0.0:9190>*"));
	cr_assert_not(endpoint_pair_has_peer("0.0.0.0:9190"));
	cr_assert_not(endpoint_pair_has_peer(NULL));
	cr_assert_str_eq(endpoint_pair_peer("0.0.0.0:9190>*"), "*");
}

Test(endpoint, ports_of_addresses_and_sockets)
{
	cr_assert_eq(endpoint_port("127.0.0.1:9190"), 9190);
	cr_assert_eq(endpoint_port("[::1]:80"), 80);
	cr_assert_eq(endpoint_pair_local_port("[::1]:80>[::1]:40000"), 80);
	cr_assert_eq(endpoint_pair_peer_port("[::1]:80>[::1]:40000"), 40000);
	cr_assert_eq(endpoint_pair_peer_port("0.0.0.0:9190>*"), 0);
	cr_assert_eq(endpoint_pair_local_port("nonsense"), 0);
}

Test(endpoint, a_socket_seen_from_its_other_end)
{
	char out[ENDPOINT_PAIR_MAX];

	endpoint_pair_reversed("127.0.0.1:40000>127.0.0.1:9190", out, sizeof(out));
	cr_assert_str_eq(out, "127.0.0.1:9190>127.0.0.1:40000");
	endpoint_pair_reversed("[::1]:40000>[::1]:9190", out, sizeof(out));
	cr_assert_str_eq(out, "[::1]:9190>[::1]:40000");
	cr_assert_null(endpoint_pair_reversed("0.0.0.0:9190", out, sizeof(out)),
		       "not a pair, no other end");
	cr_assert_null(endpoint_pair_reversed("0.0.0.0:9190>*", out, sizeof(out)),
		       "no peer, no other end");
}
