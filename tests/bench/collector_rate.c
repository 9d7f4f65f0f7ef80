/*
 * collector_rate N [binary]: how many events a second the collector takes
 * in and writes, with none lost. A producer thread fills the ring as a
 * traced program would, but waits for room instead of dropping, so the
 * rate is the collector's own. The records are call records as the tracer
 * writes them for a send(): JSON (every call but the data calls is written
 * so), or with "binary" the data call's binary record (lib/wire/ringrec.h:
 * what send() itself is written as), with 32 bytes of payload. Prints
 * "EVENTS NS LOST".
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "collect/collector.h"
#include "wire/ring.h"
#include "wire/ringrec.h"

static const char *ring_path;
static long total;
static int binary;

static const char sock[] = "127.0.0.1:40000>127.0.0.1:9190";

/* A send() as JSON. */
static size_t json_record(char *rec, size_t cap, int64_t t)
{
	return (size_t)
		snprintf(rec, cap,
			 "{\"t\":%lld,\"src\":\"call\",\"pid\":4242,\"tid\":4242,\"fn\":\"send\","
			 "\"fd\":4,\"ret\":32,\"errno\":null,\"dur\":2100,"
			 "\"sock\":\"%s\",\"proto\":\"tcp\",\"len\":32}",
			 (long long)t, sock);
}

/* The same send() as the tracer's binary record, with its 32 bytes. */
static size_t binary_record(char *rec, int64_t t)
{
	struct ringrec_io h = {.kind = RINGREC_IO,
			       .fn = IO_SEND,
			       .proto = IO_PROTO_TCP,
			       .sock_len = sizeof(sock) - 1,
			       .data_len = 32,
			       .pid = 4242,
			       .tid = 4242,
			       .fd = 4,
			       .t = t,
			       .dur = 2100,
			       .ret = 32,
			       .len = 32};

	memcpy(rec, &h, sizeof(h));
	memcpy(rec + sizeof(h), sock, sizeof(sock) - 1);
	memset(rec + sizeof(h) + sizeof(sock) - 1, 'A', 32);
	return sizeof(h) + sizeof(sock) - 1 + 32;
}

static void *produce(void *arg)
{
	struct ring r;
	char rec[RING_RECORD_MAX];
	size_t n;

	(void)arg;
	if (ring_attach(&r, ring_path) < 0)
		return NULL;
	for (long i = 0; i < total; i++) {
		int64_t t = ring_now_ns() - r.t0_ns;
		n = binary ? binary_record(rec, t) : json_record(rec, sizeof(rec), t);
		/* Full: wait for room without writing to the lines the
		 * collector is reading (a put that fails counts a drop), and
		 * without taking the processor it needs: the ring holds
		 * milliseconds of its work. */
		while (ring_full(&r))
			nanosleep(&(struct timespec){.tv_nsec = 50000}, NULL);
		while (ring_put(&r, rec, n) < 0)
			atomic_fetch_sub(&r.hdr->dropped, 1); /* not a loss: we retry */
	}
	ring_detach(&r);
	return NULL;
}

int main(int argc, char **argv)
{
	struct collector_options o = {0};
	struct collector_summary sum;
	struct collector *c;
	char err[512], dir[] = "/tmp/socklab-rate.XXXXXX", sdir[64], cmd[128];
	struct timespec t0, t1;
	pthread_t t;

	total = argc > 1 ? atol(argv[1]) : 1000000;
	binary = argc > 2 && strcmp(argv[2], "binary") == 0;
	if (!mkdtemp(dir))
		return 2;
	snprintf(sdir, sizeof(sdir), "%s/s", dir);
	o.dir = sdir;
	c = collector_start(&o, err, sizeof(err));
	if (!c) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	ring_path = collector_ring_path(c);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pthread_create(&t, NULL, produce, NULL);
	pthread_join(t, NULL);
	collector_stop(c, &sum);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%llu %lld %llu\n", (unsigned long long)sum.events,
	       (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec),
	       (unsigned long long)(sum.lost_calls + sum.bad_records));
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : 1;
}
