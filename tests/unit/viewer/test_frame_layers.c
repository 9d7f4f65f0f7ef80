/*
 * test_frame_layers.c - a frame of capture.pcap split into its headers
 * for the bytes box: Ethernet, IPv4 with options, TCP with options, the
 * payload; the Nth frame, not the first; no capture, no such frame, a
 * file that is not classic pcap, a protocol it does not know: -1.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "../testutil.h"
#include "viewer/frame_layers.h"

/* Writes dir/capture.pcap: frames[i] of lens[i] bytes, link type 1. */
static void write_pcap(const char *dir, const uint8_t *const frames[], const size_t lens[], int n)
{
	uint8_t gh[24] = {0x4d, 0x3c, 0xb2, 0xa1, 2, 0, 4, 0, [16] = 0, 0, 4, 0, [20] = 1};
	char path[4200];
	FILE *f;

	snprintf(path, sizeof(path), "%s/capture.pcap", dir);
	f = fopen(path, "wb");
	cr_assert(f);
	fwrite(gh, 1, sizeof(gh), f);
	for (int i = 0; i < n; i++) {
		uint8_t rh[16] = {0};
		rh[8] = rh[12] = (uint8_t)lens[i];
		fwrite(rh, 1, sizeof(rh), f);
		fwrite(frames[i], 1, lens[i], f);
	}
	fclose(f);
}

/* Ethernet (14), IPv4 of 24 bytes (IHL 6: an option), TCP of 32 (data
 * offset 8), then "GET". */
static size_t tcp_frame(uint8_t *b)
{
	memset(b, 0, 80);
	b[12] = 0x08; /* IPv4 */
	b[14] = 0x46;
	b[14 + 9] = 6;		/* TCP */
	b[14 + 24 + 12] = 0x80; /* data offset 8 words */
	memcpy(b + 14 + 24 + 32, "GET", 3);
	return 14 + 24 + 32 + 3;
}

Test(frame_layers, splits_the_nth_frame_by_its_headers_lengths)
{
	uint8_t a[80], b[80];
	size_t lb = tcp_frame(b);
	const uint8_t *frames[] = {a, b};
	size_t lens[] = {20, lb};
	char *dir = temp_dir();
	struct frame_layers fl;

	tcp_frame(a);
	write_pcap(dir, frames, lens, 2);
	cr_assert_eq(frame_layers_read(dir, 2, &fl), 0);
	cr_assert_eq(fl.nparts, 4);
	cr_assert_str_eq(fl.part[0].name, "Ethernet header");
	cr_assert_eq(fl.part[0].len, 14);
	cr_assert_str_eq(fl.part[1].name, "IP header");
	cr_assert_eq(fl.part[1].off, 14);
	cr_assert_eq(fl.part[1].len, 24);
	cr_assert_str_eq(fl.part[2].name, "TCP header");
	cr_assert_eq(fl.part[2].len, 32);
	cr_assert_str_eq(fl.part[3].name, "payload");
	cr_assert_eq(fl.part[3].off, 70);
	cr_assert_eq(fl.part[3].len, 3);
	cr_assert_eq(memcmp(fl.bytes + fl.part[3].off, "GET", 3), 0);
	/* Frame 1 is cut short (20 bytes): no IP header to split. */
	cr_assert_eq(frame_layers_read(dir, 1, &fl), -1);
	cr_assert_eq(frame_layers_read(dir, 3, &fl), -1, "no frame 3");
	cr_assert_eq(frame_layers_read(dir, 0, &fl), -1);
	rm_rf(dir);
}

Test(frame_layers, refuses_what_it_does_not_know)
{
	uint8_t a[80];
	size_t la = tcp_frame(a);
	const uint8_t *frames[] = {a};
	size_t lens[] = {la};
	char *dir = temp_dir();
	struct frame_layers fl;

	cr_assert_eq(frame_layers_read(dir, 1, &fl), -1, "no capture");
	a[14 + 9] = 1; /* ICMP */
	write_pcap(dir, frames, lens, 1);
	cr_assert_eq(frame_layers_read(dir, 1, &fl), -1, "ICMP is not split");
	write_file(dir, "capture.pcap", "\x0a\x0d\x0d\x0a not classic pcap, pcapng");
	cr_assert_eq(frame_layers_read(dir, 1, &fl), -1);
	rm_rf(dir);
}
