/*
 * capture.c - the "pkt" source: libpcap on the session's interface.
 *
 * Two threads share the work:
 *
 *   capture thread                      collector thread (in time order)
 *   ──────────────                      ────────────────────────────────
 *   pcap_dispatch() -> on_packet():     capture_flush():
 *     decode (lib/sources/pkt/decode.c)               a session socket at either end?
 *     kernel time -> session time           no: dropped, not written
 *     collector_push(event, packet)        yes: frame N, relative seq,
 *                                               pcap_dump() as frame N
 *
 * Deciding which packets belong waits for the flush, 250 ms later, because
 * a SYN is captured before the connect() that sent it has returned and
 * told the session its address. Writing capture.pcap from the flush, in
 * the order events are written, is what makes frame N of the file the
 * event with "frame": N.
 *
 * The kernel fills a ring of blocks (TPACKET_V3) and hands a block over
 * when it is full or BLOCK_MS old. Immediate mode would hand over each
 * packet at once, but in fixed slots as large as the interface's MTU (64
 * KiB on loopback), so a ring holds only a thousand packets and a burst
 * overflows it. Blocks hold small packets densely. The price is the wait
 * for the last block: stop() reads until the kernel's count of packets
 * received is all read or dropped, so the last segments of a session (the
 * FINs) are never left behind in a block.
 *
 * Timestamps: the kernel stamps packets on CLOCK_REALTIME, events count
 * on CLOCK_MONOTONIC from the session's start; the difference of the two
 * clocks is taken once, at start.
 */
#include "sources/pkt/capture.h"
#include "session/sessionfile.h"

#include <net/if.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/errmsg.h"
#include "base/netns.h"
#include "sources/pkt/decode.h"
#include "sources/pkt/pktevent.h"

/* Enough for the 64 KiB segments of loopback and then some. */
#define SNAPLEN 262144
/* The kernel's buffer: a burst of small segments must fit while the
 * capture thread waits for a core on a busy machine. */
#define BUFFER_BYTES (64 << 20)
/* How long the kernel keeps a block before handing it over: how late a
 * live viewer sees a packet, and how long the last ones take at stop. */
#define BLOCK_MS 10
/* How often the capture thread looks whether it should stop. */
#define POLL_MS 50
/* The longest stop() waits for the kernel to hand over the last packets. */
#define DRAIN_MS 2000

struct capture {
	/* Set in start(), then read-only. */
	struct collector *c;
	pcap_t *pcap;
	int dlt;
	bool nano;		 /* timestamps in ns (else us) */
	int64_t real_minus_mono; /* CLOCK_REALTIME - CLOCK_MONOTONIC, ns */
	pthread_t thread;
	atomic_bool stopping;

	/* The capture thread's. */
	uint64_t seen;	    /* packets read from the kernel */
	uint64_t undecoded; /* of them, not TCP or UDP over IP */

	/* The collector thread's: capture_flush() only. */
	pcap_dumper_t *dumper;
	struct pkt_framer *framer;

	/* On "any": the interfaces by index, as named in the capture's
	 * namespace when it started, for each packet's "dev". */
	struct if_nameindex *ifs;
};

/* One packet on its way from the capture thread to the flush. */
struct captured {
	struct pcap_pkthdr hdr;
	struct decoded_pkt d;
	uint8_t bytes[];
};

/* ---- clocks ------------------------------------------------------------- */

/* A packet's time as the session counts: ns since its start. */
static int64_t session_time(const struct capture *cap, const struct pcap_pkthdr *h)
{
	int64_t frac = cap->nano ? h->ts.tv_usec : (int64_t)h->ts.tv_usec * 1000;
	int64_t real = (int64_t)h->ts.tv_sec * 1000000000LL + frac;
	int64_t t = real - cap->real_minus_mono - collector_t0(cap->c);

	/* A packet stamped a hair before the session started is at its start. */
	return t < 0 ? 0 : t;
}

/* ---- which packets belong ------------------------------------------------ */

/*
 * True when an end of the packet is a socket of the session, talking to
 * the other end. (An IPv6 socket talks to IPv4 peers through mapped
 * addresses, "::ffff:a.b.c.d"; the session keeps its addresses unmapped,
 * as the packet shows them.)
 */
static bool belongs(struct collector *c, const struct decoded_pkt *d)
{
	char a[80], b[80];

	if (d->proto == IPPROTO_ICMP) {
		/* An ICMP error belongs with the datagram it quotes. */
		if (!d->quoted.has_ports)
			return false;
		decode_quoted_endpoint_str(d, true, a, sizeof(a));
		decode_quoted_endpoint_str(d, false, b, sizeof(b));
	} else {
		if (!d->has_ports)
			return false;
		decode_endpoint_str(d, true, a, sizeof(a));
		decode_endpoint_str(d, false, b, sizeof(b));
	}
	return collector_knows_socket(c, a, b) || collector_knows_socket(c, b, a);
}

/* "dev": the interface a packet captured on "any" crossed ("port-b"). */
static void add_dev(const struct capture *cap, json_t *ev, uint32_t ifindex)
{
	for (const struct if_nameindex *i = cap->ifs; i && i->if_index; i++)
		if (i->if_index == ifindex) {
			json_object_set_new(ev, "dev", json_string(i->if_name));
			return;
		}
}

/*
 * On the collector's thread, in time order: keeps the packet if it is the
 * session's, numbers it and writes it to capture.pcap as that frame.
 */
static bool capture_flush(struct collector *c, json_t *ev, void *blob, void *ctx)
{
	struct capture *cap = ctx;
	struct captured *p = blob;
	json_t *full = NULL;

	pkt_framer_recall_ports(cap->framer, &p->d);
	if (belongs(c, &p->d))
		full = pkt_framer_event(cap->framer, json_integer_value(json_object_get(ev, "t")),
					&p->d);
	if (full && p->d.ifindex)
		add_dev(cap, full, p->d.ifindex);
	if (full) {
		json_object_update(ev, full);
		json_decref(full);
		pcap_dump((u_char *)cap->dumper, &p->hdr, p->bytes);
	}
	free(p);
	return full != NULL;
}

/* ---- the capture thread ----------------------------------------------------- */

static void on_packet(u_char *arg, const struct pcap_pkthdr *h, const u_char *bytes)
{
	struct capture *cap = (struct capture *)arg;
	struct captured *p = malloc(sizeof(*p) + h->caplen);
	json_t *ev;

	cap->seen++;
	if (!p)
		return;
	if (decode_packet(cap->dlt, bytes, h->caplen, h->len, &p->d) != DECODE_OK) {
		cap->undecoded++;
		free(p);
		return;
	}
	p->hdr = *h;
	memcpy(p->bytes, bytes, h->caplen);
	/* Only the time now; the flush writes the rest, once it belongs. */
	ev = json_pack("{sI ss}", "t", (json_int_t)session_time(cap, h), "src", "pkt");
	if (!ev) {
		free(p);
		return;
	}
	collector_push(cap->c, ev, capture_flush, p, cap);
}

/* True when every packet the kernel took has been read or dropped. */
static bool all_read(struct capture *cap)
{
	struct pcap_stat st;

	/* On Linux, ps_recv counts the dropped packets too. */
	return pcap_stats(cap->pcap, &st) < 0 || cap->seen + st.ps_drop >= st.ps_recv;
}

/*
 * At stop: the last packets, the FINs among them, may still wait in a
 * block the kernel has not handed over yet; it hands any block over within
 * BLOCK_MS. So once nothing has come for QUIET_MS, everything has. (The
 * kernel's count cannot say so on loopback: it counts each packet twice,
 * going out and coming in, and libpcap passes on one copy. Where the count
 * holds, it ends the wait sooner.)
 */
#define QUIET_MS (3 * BLOCK_MS)

static void drain(struct capture *cap)
{
	int64_t now = mono_ns();
	int64_t deadline = now + DRAIN_MS * 1000000LL;
	int64_t quiet_until = now + QUIET_MS * 1000000LL;

	for (;;) {
		bool any = false;

		while (pcap_dispatch(cap->pcap, -1, on_packet, (u_char *)cap) > 0)
			any = true;
		now = mono_ns();
		if (any)
			quiet_until = now + QUIET_MS * 1000000LL;
		if (all_read(cap) || now > quiet_until || now > deadline)
			return;
		sleep_ms(2);
	}
}

static void *capture_main(void *arg)
{
	struct capture *cap = arg;
	struct pollfd pfd = {.fd = pcap_get_selectable_fd(cap->pcap), .events = POLLIN};

	while (!atomic_load(&cap->stopping)) {
		if (poll(&pfd, 1, POLL_MS) > 0)
			pcap_dispatch(cap->pcap, -1, on_packet, (u_char *)cap);
	}
	drain(cap);
	return NULL;
}

/* ---- opening ------------------------------------------------------------------ */

/* Why capture could not start, in a sentence a student can act on. */
static void say_why(int status, pcap_t *pcap, const char *iface, char *why, size_t whylen)
{
	if (status == PCAP_ERROR_PERM_DENIED)
		errmsg(why, whylen,
		       "packets were not captured: socklab needs root (CAP_NET_RAW) to capture; "
		       "run it with sudo");
	else if (status == PCAP_ERROR_NO_SUCH_DEVICE)
		errmsg(why, whylen,
		       "packets were not captured: there is no network interface \"%s\" here",
		       iface);
	else
		errmsg(why, whylen, "packets were not captured on %s: %s", iface,
		       pcap ? pcap_geterr(pcap) : pcap_statustostr(status));
}

/* A capture handle on iface, activated (in the current namespace). */
static pcap_t *pcap_open_iface(const char *iface, char *why, size_t whylen)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	pcap_t *pcap = pcap_create(iface, errbuf);
	int status;

	if (!pcap) {
		errmsg(why, whylen, "packets were not captured on %s: %s", iface, errbuf);
		return NULL;
	}
	pcap_set_snaplen(pcap, SNAPLEN);
	pcap_set_timeout(pcap, BLOCK_MS);
	pcap_set_buffer_size(pcap, BUFFER_BYTES);
	/* Nanoseconds where the kernel gives them; microseconds otherwise. */
	pcap_set_tstamp_precision(pcap, PCAP_TSTAMP_PRECISION_NANO);
	status = pcap_activate(pcap);
	if (status < 0) {
		say_why(status, status == PCAP_ERROR ? pcap : NULL, iface, why, whylen);
		pcap_close(pcap);
		return NULL;
	}
	return pcap;
}

/* "tcp or udp" and the ICMP errors about them; with ports: "(tcp or udp)
 * and (port 1 or port 2)". */
static void filter_text(struct collector *c, char *out, size_t cap)
{
	size_t nports, n;
	const int *ports = collector_ports(c, &nports);

	if (nports == 0) {
		snprintf(out, cap,
			 "tcp or udp or icmp[icmptype] == icmp-unreach or "
			 "icmp[icmptype] == icmp-timxceed");
		return;
	}
	n = (size_t)snprintf(out, cap, "(tcp or udp) and (");
	for (size_t i = 0; i < nports && n < cap; i++)
		n += (size_t)snprintf(out + n, cap - n, "%sport %d", i ? " or " : "", ports[i]);
	if (n < cap)
		snprintf(out + n, cap - n, ")");
}

static int set_filter(struct capture *cap, char *why, size_t whylen)
{
	char text[1024];
	struct bpf_program prog;

	filter_text(cap->c, text, sizeof(text));
	if (pcap_compile(cap->pcap, &prog, text, 1, PCAP_NETMASK_UNKNOWN) < 0 ||
	    pcap_setfilter(cap->pcap, &prog) < 0)
		return errmsg(why, whylen, "packets were not captured: filter \"%s\": %s", text,
			      pcap_geterr(cap->pcap));
	pcap_freecode(&prog);
	return 0;
}

/* Opens the handle, in the session's namespace if it has one. */
static int capture_open(struct capture *cap, char *why, size_t whylen)
{
	const char *iface = collector_capture_iface(cap->c);
	const char *netns = collector_capture_netns(cap->c);
	int back = -1;

	char err[4200];

	if (netns && netns_enter(netns, &back, err, sizeof(err)) < 0)
		return errmsg(why, whylen, "packets were not captured: %s", err);
	cap->pcap = pcap_open_iface(iface, why, whylen);
	/* On "any", Linux cooked v2 frames say which interface each packet
	 * crossed: a switch's ports tell its copies of a broadcast apart. */
	if (cap->pcap && strcmp(iface, "any") == 0 &&
	    pcap_set_datalink(cap->pcap, DLT_LINUX_SLL2) == 0)
		cap->ifs = if_nameindex();
	if (netns)
		netns_leave(back);
	if (!cap->pcap)
		return -1;
	cap->dlt = pcap_datalink(cap->pcap);
	cap->nano = pcap_get_tstamp_precision(cap->pcap) == PCAP_TSTAMP_PRECISION_NANO;
	if (set_filter(cap, why, whylen) < 0 || pcap_setnonblock(cap->pcap, 1, NULL) < 0)
		goto out_close;
	return 0;

out_close:
	pcap_close(cap->pcap);
	cap->pcap = NULL;
	return -1;
}

static void capture_path(struct collector *c, char *out, size_t cap)
{
	session_file(out, cap, collector_dir(c), SESSION_CAPTURE);
}

/* capture.pcap with a header and no packets, for a session that could not
 * capture: every session has one that Wireshark opens. */
static void write_empty_capture(struct collector *c)
{
	char path[4096];
	pcap_t *dead = pcap_open_dead_with_tstamp_precision(DLT_EN10MB, SNAPLEN,
							    PCAP_TSTAMP_PRECISION_NANO);
	pcap_dumper_t *dumper;

	if (!dead)
		return;
	capture_path(c, path, sizeof(path));
	dumper = pcap_dump_open(dead, path);
	if (dumper)
		pcap_dump_close(dumper);
	pcap_close(dead);
}

/* ---- the source ------------------------------------------------------------------ */

static void capture_free(struct capture *cap)
{
	if (cap->dumper)
		pcap_dump_close(cap->dumper);
	if (cap->pcap)
		pcap_close(cap->pcap);
	pkt_framer_free(cap->framer);
	if (cap->ifs)
		if_freenameindex(cap->ifs);
	free(cap);
}

static int capture_start(struct collector *c, void **state, char *why, size_t whylen)
{
	struct capture *cap = calloc(1, sizeof(*cap));
	char path[4096];

	if (!cap || !(cap->framer = pkt_framer_new())) {
		errmsg(why, whylen, "packets were not captured: out of memory");
		goto out_free;
	}
	cap->c = c;
	cap->real_minus_mono = real_ns() - mono_ns();
	if (capture_open(cap, why, whylen) < 0)
		goto out_free;
	capture_path(c, path, sizeof(path));
	cap->dumper = pcap_dump_open(cap->pcap, path);
	if (!cap->dumper) {
		errmsg(why, whylen, "packets were not captured: %s", pcap_geterr(cap->pcap));
		goto out_free;
	}
	if (pthread_create(&cap->thread, NULL, capture_main, cap) != 0) {
		errmsg(why, whylen, "packets were not captured: cannot start a thread");
		goto out_free;
	}
	*state = cap;
	return 0;

out_free:
	if (cap)
		capture_free(cap);
	write_empty_capture(c);
	return -1;
}

/* After the last packets were read: what the kernel had to drop. */
static void count_drops(struct capture *cap)
{
	struct pcap_stat st;
	uint64_t dropped;

	if (pcap_stats(cap->pcap, &st) < 0)
		return;
	dropped = (uint64_t)st.ps_drop + st.ps_ifdrop;
	collector_count_lost(cap->c, "pkt", dropped);
	if (dropped > 0)
		collector_note(cap->c, "lost",
			       "%llu packets were not captured: they came faster than socklab "
			       "could read them, and the kernel dropped them",
			       (unsigned long long)dropped);
}

static void capture_stop(struct collector *c, void *state)
{
	struct capture *cap = state;

	(void)c;
	atomic_store(&cap->stopping, true);
	pthread_join(cap->thread, NULL);
	count_drops(cap);
}

/* Every packet has been flushed: capture.pcap is complete. */
static void capture_finish(struct collector *c, void *state)
{
	(void)c;
	capture_free(state);
}

const struct source capture_source = {
	.name = "pkt",
	.start = capture_start,
	.stop = capture_stop,
	.finish = capture_finish,
};
