/*
 * test_evbytes.c - an event's bytes: hex in its line, bytes for checks, a
 * dump for the viewer; and the binary record of a data call carrying them.
 */
#include <string.h>

#include "session/evbytes.h"
#include "tests/unit/testutil.h"
#include "wire/ringrec.h"

static struct strpool *pool;

static void setup(void)
{
	pool = strpool_new();
}

static void teardown(void)
{
	strpool_free(pool);
}

TestSuite(evbytes, .init = setup, .fini = teardown);

static struct event parse(const char *line)
{
	struct event e;
	char err[256];

	cr_assert_eq(event_parse(&e, line, strlen(line), pool, err, sizeof(err)), 0, "%s", err);
	e.json = line;
	e.json_len = (uint32_t)strlen(line);
	return e;
}

Test(evbytes, hex_round_trip)
{
	const uint8_t in[] = {0x00, 0x41, 0xff, 0x0a};
	uint8_t out[8];
	char hex[9];

	hex_encode(in, sizeof(in), hex);
	cr_assert_str_eq(hex, "0041ff0a");
	cr_assert_eq(hex_decode("0041FF0a", (size_t)-1, out, sizeof(out)), 4);
	cr_assert_arr_eq(out, in, 4);
}

Test(evbytes, hex_decode_refuses_what_is_not_hex)
{
	uint8_t out[8];

	cr_assert_eq(hex_decode("0g", (size_t)-1, out, sizeof(out)), -1);
	cr_assert_eq(hex_decode("123", (size_t)-1, out, sizeof(out)), -1, "an odd count");
	cr_assert_eq(hex_decode("", (size_t)-1, out, sizeof(out)), 0);
	/* Longer than the room: the first cap bytes. */
	cr_assert_eq(hex_decode("0102030405", (size_t)-1, out, 2), 2);
	cr_assert_eq(out[1], 2);
}

Test(evbytes, a_packets_and_a_calls_bytes)
{
	struct event p = parse("{\"t\":1,\"src\":\"pkt\",\"frame\":4,\"proto\":\"tcp\",\"len\":100,"
			       "\"data\":\"64000000\"}");
	struct event c = parse("{\"t\":2,\"src\":\"call\",\"fn\":\"send\",\"ret\":16,"
			       "\"data\":\"41000000\"}");
	struct event none = parse("{\"t\":3,\"src\":\"call\",\"fn\":\"close\",\"ret\":0}");
	struct event bad = parse("{\"t\":4,\"src\":\"pkt\",\"len\":1,\"data\":\"zz\"}");
	uint8_t b[DATA_BYTES_MAX];

	cr_assert_eq(event_bytes(&p, b, sizeof(b)), 4);
	cr_assert_eq(b[0], 0x64);
	cr_assert_eq(event_bytes_total(&p), 100);
	cr_assert_eq(event_bytes(&c, b, sizeof(b)), 4);
	cr_assert_eq(b[0], 'A');
	cr_assert_eq(event_bytes_total(&c), 16);
	cr_assert_eq(event_bytes(&none, b, sizeof(b)), 0);
	cr_assert_eq(event_bytes(&bad, b, sizeof(b)), 0);
}

Test(evbytes, a_dump_row_reads_as_xxd)
{
	const uint8_t p[] = "A\0\0\0\xb0\x04\0\0hello, world!!";
	char row[128];

	bytes_dump_row(p, 20, 0, row, sizeof(row));
	cr_assert_str_eq(row, "0000  41 00 00 00 b0 04 00 00  68 65 6c 6c 6f 2c 20 77  "
			      "A.......hello, w");
	bytes_dump_row(p, 20, 16, row, sizeof(row));
	/* A short last row keeps the text in its column. */
	cr_assert_str_eq(row, "0010  6f 72 6c 64                                       orld");
}

/* The ring record carries the bytes after its text; the collector writes
 * them as "data", and refuses a record whose lengths do not add up. */
Test(evbytes, a_data_calls_record_carries_its_bytes)
{
	struct {
		struct ringrec_io h;
		char text[RINGREC_TEXT_MAX + RINGREC_DATA_MAX];
	} rec = {.h = {.kind = RINGREC_IO, .fn = IO_SEND, .ret = 5, .len = 5}};
	char out[1024], sock[256];
	size_t len;

	memcpy(rec.text, "1.2.3.4:5>6.7.8.9:10hello", 25);
	rec.h.sock_len = 20;
	rec.h.data_len = 5;
	len = sizeof(rec.h) + 25;
	cr_assert_gt(ringrec_io_json(&rec, len, out, sizeof(out), sock, sizeof(sock)), 0);
	cr_assert(strstr(out, ",\"data\":\"68656c6c6f\"}"), "%s", out);
	cr_assert_str_eq(sock, "1.2.3.4:5>6.7.8.9:10");
	cr_assert_eq(ringrec_io_json(&rec, len - 1, out, sizeof(out), sock, sizeof(sock)), -1);
	rec.h.data_len = RINGREC_DATA_MAX + 1;
	cr_assert_eq(ringrec_io_json(&rec, sizeof(rec.h) + 20 + RINGREC_DATA_MAX + 1, out,
				     sizeof(out), sock, sizeof(sock)),
		     -1);
}
