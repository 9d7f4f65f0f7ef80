/*
 * Lab 15 (byte-order): what socklab runs, and the checkpoints it proves.
 *
 * A ground station listens; a drone reports to it. Naive, the drone makes
 * the byte-order mistakes of a first try: its port without htons() (the
 * SYN goes to the byte-swapped port and is refused); then, as a student's
 * second try with htons() added, a frame length without htonl() (the
 * station reads 100 as 1677721600) and its reading sent as the struct is
 * in memory (16 bytes, padding and all, little-endian). --fix: every
 * number written explicitly in network byte order, the double's bits with
 * htobe64(); the station reads both frames.
 */
#include <arpa/inet.h>
#include <math.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/i18n.h"
#include "lab/lab.h"
#include "lab/labkit.h"
#include "session/evbytes.h"

#define STATUS_LEN  100
#define READING_LEN 13
#define ALTITUDE    1200
#define LATITUDE    37.4563

/* The port as a little-endian CPU sends it when htons() is forgotten. */
static int swapped(int port)
{
	return (port & 0xff) << 8 | port >> 8;
}

/* True when nothing listens on TCP port of 127.0.0.1 (it can be bound). */
static bool port_unused(int port)
{
	struct sockaddr_in a = {.sin_family = AF_INET,
				.sin_port = htons((uint16_t)port),
				.sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	bool unused = fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0;

	if (fd >= 0)
		close(fd);
	return unused;
}

/* A free port whose byte-swapped twin is another port, where nothing
 * listens: so the naive drone's SYN is refused every run (a port such as
 * 47545, 0xb9b9, is its own twin, and the mistake would go unseen). */
static int swap_safe_port(void)
{
	int port = -1;

	for (int tries = 0; tries < 100; tries++) {
		port = scenario_free_port();
		if (port > 0 && swapped(port) != port && port_unused(swapped(port)))
			break;
	}
	return port;
}

/* The drone that forgets htons() plays "drone v1"; the one that sends its
 * frames (with htons(), or fixed) plays "drone". */
static int run_drone(struct scenario *s, const char *role, const char *port, const char *mode)
{
	pid_t drone = scenario_start(s, role,
				     ARGV("drone", "127.0.0.1", (char *)port, (char *)mode), NULL);

	return drone < 0 ? -1 : scenario_wait(s, drone, 5000);
}

static int byte_order_run(struct scenario *s, const struct lab_run *r)
{
	char port[16];
	pid_t ground;

	snprintf(port, sizeof(port), "%d", r->port);
	scenario_step(s, _("the ground station listens on port %s"), port);
	ground = scenario_start(s, "ground", ARGV("ground", port), NULL);
	if (ground < 0 || scenario_wait_listen(s, r->port, 5000) < 0)
		return -1;
	if (r->fix) {
		scenario_step(s, _("the drone reports, every number in network byte order"));
		if (run_drone(s, "drone", port, "fix") < 0)
			return -1;
	} else {
		scenario_step(s,
			      _("the drone connects with sin_port = %s, no htons(): its SYN goes "
				"to "
				"port %d"),
			      port, swapped(r->port));
		if (run_drone(s, "drone v1", port, NULL) < 0)
			return -1;
		scenario_step(s,
			      _("second try, with htons(): the length and the reading still go as "
				"they are in memory"));
		if (run_drone(s, "drone", port, "htons") < 0)
			return -1;
	}
	if (scenario_wait(s, ground, 5000) < 0)
		return -1;
	scenario_sleep(s, 200);
	return 0;
}

/* ---- the port ------------------------------------------------------------ */

/* The first try's connect(). */
static const struct event *first_connect(const struct check_ctx *c)
{
	return ev_first(c->s, &(struct ev_filter){.src = "call",
						  .fn = "connect",
						  .pid = check_pid(c, "drone v1")});
}

static void wrong_port(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e = first_connect(c);
	int want = swapped(c->facts->port);

	if (!e) {
		check_fail(r, _("the drone's first try never called connect()"));
		return;
	}
	check_evidence(r, e);
	check_output_evidence(c, r, "drone v1", "connect", 2);
	if (!e->call.peer || endpoint_port(e->call.peer) != want)
		check_fail(r, _("connect() went to %s, not to port %d"),
			   e->call.peer ? e->call.peer : "?", want);
	else if (!e->call.err || strcmp(e->call.err, "ECONNREFUSED") != 0)
		check_fail(r, _("connect() to port %d did not fail with ECONNREFUSED"), want);
	else
		check_pass(r,
			   _("sin_port = %d without htons(): connect() went to port %d (0x%04x "
			     "with "
			     "its "
			     "bytes swapped) and was refused"),
			   c->facts->port, want, want);
}

/* A packet to (to_port) or from port with all of flags, after prev. */
static const struct event *pkt_at(const struct check_ctx *c, int port, const char *flags,
				  bool to_port, const struct event *prev)
{
	struct ev_filter f = {.src = "pkt", .port = port, .flags = flags};

	for (const struct event *e = prev ? ev_next(c->s, &f, prev) : ev_first(c->s, &f); e;
	     e = ev_next(c->s, &f, e))
		if ((endpoint_port(to_port ? e->pkt.to : e->pkt.from) == port))
			return e;
	return NULL;
}

static void syn_refused(const struct check_ctx *c, struct check_result *r)
{
	int want = swapped(c->facts->port);
	const struct event *syn, *rst;

	if (!check_source_ran(c, "pkt", r))
		return;
	syn = pkt_at(c, want, "S", true, NULL);
	rst = syn ? pkt_at(c, want, "R", false, syn) : NULL;
	check_evidence(r, syn);
	check_evidence(r, rst);
	if (!syn)
		check_fail(r, _("no SYN to port %d was captured"), want);
	else if (!rst)
		check_fail(r, _("the SYN to port %d got no RST"), want);
	else
		check_pass(r,
			   _("the SYN went to port %d, where nothing listens: the kernel answered "
			     "RST"),
			   want);
}

static void right_port(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e = ev_first(c->s, &(struct ev_filter){.src = "call",
								   .fn = "connect",
								   .pid = check_pid(c, "drone")});

	if (!e) {
		check_fail(r, _("the drone never called connect()"));
		return;
	}
	check_evidence(r, e);
	if (e->call.ret != 0 || !e->call.peer || endpoint_port(e->call.peer) != c->facts->port)
		check_fail(r, _("connect() to %s did not succeed"),
			   e->call.peer ? e->call.peer : "?");
	else
		check_pass(r, _("with htons(), connect() went to port %d and succeeded"),
			   c->facts->port);
}

/* ---- what the drone wrote ---------------------------------------------------- */

/* The drone's nth (from 1) successful write() of len bytes, or NULL. */
static const struct event *drone_write(const struct check_ctx *c, int64_t len, int nth)
{
	struct ev_filter f = {.src = "call",
			      .fn = "write",
			      .err = "ok",
			      .pid = check_pid(c, "drone")};

	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e))
		if (e->call.ret == len && --nth == 0)
			return e;
	return NULL;
}

/* The first segment to the station whose payload starts with the 4 bytes
 * of want, or NULL. */
static const struct event *segment_starting(const struct check_ctx *c, const uint8_t want[4])
{
	struct ev_filter f = {.src = "pkt", .port = c->facts->port};
	uint8_t b[DATA_BYTES_MAX];

	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e))
		if (endpoint_port(e->pkt.to) == c->facts->port &&
		    event_bytes(e, b, sizeof(b)) >= 4 && memcmp(b, want, 4) == 0)
			return e;
	return NULL;
}

/* The status frame's length, as written and as the station read it. */
static void length(const struct check_ctx *c, struct check_result *r)
{
	const uint8_t little[4] = {STATUS_LEN, 0, 0, 0}, big[4] = {0, 0, 0, STATUS_LEN};
	const uint8_t *want = c->facts->fix ? big : little;
	const struct event *w = drone_write(c, 4, 1), *seg = segment_starting(c, want);
	const char *read_as = c->facts->fix ? "length 100 " : "length 1677721600 ";
	uint8_t b[4];

	check_evidence(r, w);
	check_evidence(r, seg);
	check_output_evidence(c, r, "ground", "frame 1:", 1);
	if (!w || event_bytes(w, b, sizeof(b)) != 4)
		check_fail(r, _("the drone wrote no 4-byte length with its bytes recorded"));
	else if (memcmp(b, want, 4) != 0)
		check_fail(r, _("the length went out as %02x %02x %02x %02x"), b[0], b[1], b[2],
			   b[3]);
	else if (!check_printed(c, "ground", read_as))
		check_fail(r, _("the station did not read the length as %s"), read_as);
	else if (c->facts->fix)
		check_pass(r, _("htonl(100) went out as 00 00 00 64; ntohl() read it back as 100"));
	else
		check_pass(r, _("100 went out as it lies in memory, 64 00 00 00; the station's "
				"ntohl() read 0x64000000 = 1677721600"));
}

static int32_t le32(const uint8_t *b)
{
	return (int32_t)(b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24);
}

static double le_double(const uint8_t *b)
{
	uint64_t bits = 0;
	double d;

	for (int i = 7; i >= 0; i--)
		bits = bits << 8 | b[i];
	memcpy(&d, &bits, sizeof(d));
	return d;
}

static void padding(const struct check_ctx *c, struct check_result *r)
{
	const struct event *w = drone_write(c, 16, 1);
	uint8_t b[DATA_BYTES_MAX];

	check_evidence(r, w);
	check_output_evidence(c, r, "drone", "a reading is", 1);
	if (!w || event_bytes(w, b, sizeof(b)) != 16) {
		check_fail(r, _("the drone wrote no 16-byte reading with its bytes recorded"));
		return;
	}
	check_evidence_text(r,
			    _("the reading's bytes: %02x | %02x %02x %02x | %02x %02x %02x %02x | "
			      "%02x %02x %02x %02x %02x %02x %02x %02x"),
			    b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10],
			    b[11], b[12], b[13], b[14], b[15]);
	if (b[0] != 'A' || b[1] || b[2] || b[3])
		check_fail(r, _("the first 4 bytes are not 'A' and 3 bytes of padding"));
	else if (le32(b + 4) != ALTITUDE || fabs(le_double(b + 8) - LATITUDE) > 1e-9)
		check_fail(r, _("the altitude and latitude are not there in little-endian order"));
	else
		check_pass(
			r,
			_("16 bytes, not 13: 'A', 3 bytes of padding, 1200 as b0 04 00 00 and the "
			  "latitude's 8 bytes, all little-endian, as the struct lies in memory"));
}

static void encoded(const struct check_ctx *c, struct check_result *r)
{
	const uint8_t want[READING_LEN] = {'A', 0, 0, 0x04, 0xb0};
	const struct event *w = drone_write(c, READING_LEN, 1);
	uint8_t b[DATA_BYTES_MAX];
	uint64_t bits = 0;
	double lat;

	check_evidence(r, w);
	if (!w || event_bytes(w, b, sizeof(b)) != READING_LEN) {
		check_fail(r, _("the drone wrote no 13-byte reading with its bytes recorded"));
		return;
	}
	for (int i = 5; i < READING_LEN; i++)
		bits = bits << 8 | b[i];
	memcpy(&lat, &bits, sizeof(lat));
	if (memcmp(b, want, 5) != 0 || fabs(lat - LATITUDE) > 1e-9)
		check_fail(r, _("the 13 bytes are not 'A', 1200 and the latitude, big-endian"));
	else
		check_pass(r, _("13 bytes: 'A', 00 00 04 b0 (1200, big-endian) and the latitude's "
				"bits "
				"big-endian (htobe64), no padding"));
}

static void decoded(const struct check_ctx *c, struct check_result *r)
{
	check_output_evidence(c, r, "ground", "reading:", 1);
	if (check_printed(c, "ground", "reading: drone A, altitude 1200 m, latitude 37.456300"))
		check_pass(r, _("the station read the drone's letter, altitude and latitude back"));
	else
		check_fail(r, _("the station did not read the reading back"));
}

static const struct check naive_checks[] = {
	{"wrong-port",
	 N_("without htons(), connect() goes to the byte-swapped port and is refused"),
	 .fn = wrong_port},
	{"rst", N_("the SYN to the byte-swapped port is answered by RST"), .fn = syn_refused},
	{"right-port", N_("with htons(), connect() reaches the station"), .fn = right_port},
	{"length",
	 N_("a length of 100 without htonl() goes out as 64 00 00 00 and is read as "
	    "1677721600"),
	 .fn = length},
	{"padding", N_("the struct goes out as 16 bytes: padding, little-endian"), .fn = padding},
	{NULL},
};

static const struct check fixed_checks[] = {
	{"right-port", N_("connect() reaches the station"), .fn = right_port},
	{"length", N_("htonl(100) goes out as 00 00 00 64 and is read as 100"), .fn = length},
	{"encoded", N_("the reading goes out as 13 bytes, big-endian, no padding"), .fn = encoded},
	{"decoded", N_("the station reads the reading back"), .fn = decoded},
	{NULL},
};

const struct lab lab_15 = {
	.number = 15,
	.name = "byte-order",
	.title = N_("byte order and structs on the wire: htons, htonl, padding"),
	.dir = "15-byte-order",
	.fix = N_("every number written explicitly in network byte order (htonl, htobe64)"),
	.pick_port = swap_safe_port,
	.run = byte_order_run,
	.checks = naive_checks,
	.fix_checks = fixed_checks,
};
