/*
 * test_golden.c - golden-file tests of the packet path: each capture in
 * tests/fixtures/NAME.pcap must turn into exactly the lines of NAME.out,
 * one per frame: the pkt event socklab writes for it (time counted from
 * the first frame), or why it was left out ({"status": "truncated", ...}).
 *
 * To make or remake the .out files after a deliberate change, run with
 * SOCKLAB_GOLDEN_WRITE=1, and read the diff before committing it.
 */
#include <criterion/criterion.h>
#include <glob.h>
#include <jansson.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sources/pkt/decode.h"
#include "sources/pkt/pktevent.h"

static const char *fixtures_dir(void)
{
	const char *root = getenv("ROOT");
	static char dir[4096];

	snprintf(dir, sizeof(dir), "%s/tests/fixtures", root ? root : ".");
	return dir;
}

static int64_t ts_ns(const struct pcap_pkthdr *h, bool nano)
{
	return (int64_t)h->ts.tv_sec * 1000000000LL +
	       (nano ? h->ts.tv_usec : h->ts.tv_usec * 1000LL);
}

/* One frame as a line of the .out file. */
static char *frame_line(struct pkt_framer *f, int dlt, const struct pcap_pkthdr *h,
			const u_char *bytes, int64_t t)
{
	struct decoded_pkt d;
	json_t *ev;
	char *line;

	if (decode_packet(dlt, bytes, h->caplen, h->len, &d) == DECODE_OK) {
		pkt_framer_recall_ports(f, &d);
		ev = pkt_framer_event(f, t, &d);
	} else {
		ev = json_pack("{ss ss}", "status", decode_status_name(d.status), "why", d.why);
	}
	line = json_dumps(ev, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(ev);
	return line;
}

/* What socklab makes of the capture at path, as text. */
static char *dissect(const char *path)
{
	char errbuf[PCAP_ERRBUF_SIZE], *text = NULL, *line;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	pcap_t *p =
		pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO, errbuf);
	struct pkt_framer *f = pkt_framer_new();
	struct pcap_pkthdr *h;
	const u_char *bytes;
	int64_t first = -1;

	cr_assert_not_null(p, "%s: %s", path, errbuf);
	while (pcap_next_ex(p, &h, &bytes) == 1) {
		if (first < 0)
			first = ts_ns(h, true);
		line = frame_line(f, pcap_datalink(p), h, bytes, ts_ns(h, true) - first);
		fprintf(out, "%s\n", line);
		free(line);
	}
	pcap_close(p);
	pkt_framer_free(f);
	fclose(out);
	return text;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "re");
	char *text = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!f)
		return NULL;
	n = getdelim(&text, &cap, '\0', f);
	fclose(f);
	if (n < 0) {
		free(text);
		return strdup("");
	}
	return text;
}

/* The first line where got and want differ, for the failure message. */
static void first_difference(const char *got, const char *want, char *out, size_t cap)
{
	int line = 1;

	while (*got && *got == *want) {
		line += *got == '\n';
		got++;
		want++;
	}
	snprintf(out, cap, "line %d:\n  got:  %.*s\n  want: %.*s", line, (int)strcspn(got, "\n"),
		 got, (int)strcspn(want, "\n"), want);
}

static void check_fixture(const char *pcap_path)
{
	char out_path[4096], diff[1024];
	char *got = dissect(pcap_path), *want;

	snprintf(out_path, sizeof(out_path), "%.*s.out", (int)(strlen(pcap_path) - 5), pcap_path);
	if (getenv("SOCKLAB_GOLDEN_WRITE")) {
		FILE *f = fopen(out_path, "we");
		cr_assert_not_null(f, "cannot write %s", out_path);
		fputs(got, f);
		fclose(f);
	}
	want = slurp(out_path);
	cr_assert_not_null(want, "%s has no expected output %s", pcap_path, out_path);
	if (strcmp(got, want) != 0) {
		first_difference(got, want, diff, sizeof(diff));
		cr_assert_fail("%s differs from %s at %s", pcap_path, out_path, diff);
	}
	free(got);
	free(want);
}

Test(golden, every_fixture_capture_gives_its_expected_events)
{
	char pattern[4200];
	glob_t g;

	snprintf(pattern, sizeof(pattern), "%s/*.pcap", fixtures_dir());
	cr_assert_eq(glob(pattern, 0, NULL, &g), 0, "no captures in %s", pattern);
	/* Every link type socklab reads is among them. */
	cr_assert_geq(g.gl_pathc, 8, "only %zu fixtures in %s", g.gl_pathc, fixtures_dir());
	for (size_t i = 0; i < g.gl_pathc; i++)
		check_fixture(g.gl_pathv[i]);
	globfree(&g);
}
