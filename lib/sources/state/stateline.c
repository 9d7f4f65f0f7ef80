/*
 * stateline.c - reading one inet_sock_set_state line (see stateline.h).
 *
 * The line is cut into "key=value" words after the event's name. Each value
 * is read by a parser that accepts only what the kernel prints for that
 * field, and a line must give every field we need exactly once.
 */
#include "sources/state/stateline.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "base/errmsg.h"

#define EVENT_TAG "inet_sock_set_state:"
/* Longer than any value the kernel prints ("::ffff:255.255.255.255"). */
#define VALUE_MAX 64

static enum stateline_kind bad(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum stateline_kind bad(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return STATELINE_BAD;
}

/* A decimal number of at most max, and nothing else. */
static bool parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	char *end;

	if (*s < '0' || *s > '9' || strlen(s) > 20)
		return false;
	*out = strtoul(s, &end, 10);
	return *end == '\0' && *out <= max;
}

/*
 * The time stamp just before the event's name: "  956.700032: ". Seconds,
 * a dot, exactly six digits of microseconds (the trace clock "mono").
 */
static bool parse_time(const char *line, const char *tag, int64_t *t_ns)
{
	const char *end = tag, *dot, *start;
	unsigned long secs, usecs;
	char num[32];

	while (end > line && end[-1] == ' ')
		end--;
	if (end == line || end[-1] != ':')
		return false;
	end--;
	start = end;
	while (start > line && ((start[-1] >= '0' && start[-1] <= '9') || start[-1] == '.'))
		start--;
	if (end - start >= (long)sizeof(num) || end == start)
		return false;
	memcpy(num, start, (size_t)(end - start));
	num[end - start] = '\0';
	dot = strchr(num, '.');
	if (!dot || strlen(dot + 1) != 6 || strchr(dot + 1, '.'))
		return false;
	num[dot - num] = '\0';
	if (!parse_uint(num, 1UL << 40, &secs) ||
	    !parse_uint(num + (dot - num) + 1, 999999, &usecs))
		return false;
	*t_ns = (int64_t)secs * 1000000000LL + (int64_t)usecs * 1000LL;
	return true;
}

/*
 * The task at the start of the line, "  echo_client-9599    [000] ": the
 * number after the last '-' before the CPU in brackets. The name itself may
 * hold anything (spaces, dashes, brackets), so we read backwards from the
 * CPU field. Returns 0 when the line does not have that shape.
 */
static int parse_tid(const char *line, const char *tag)
{
	const char *cpu = NULL, *p, *digits;
	unsigned long tid;
	char num[16];

	/* The last "[NNN]" before the event's name is the CPU. */
	for (p = line; p < tag; p++)
		if (*p == '[' && p + 1 < tag && p[1] >= '0' && p[1] <= '9')
			cpu = p;
	if (!cpu)
		return 0;
	p = cpu;
	while (p > line && p[-1] == ' ')
		p--;
	digits = p;
	while (digits > line && digits[-1] >= '0' && digits[-1] <= '9')
		digits--;
	if (digits == p || digits == line || digits[-1] != '-' || p - digits >= (long)sizeof(num))
		return 0;
	memcpy(num, digits, (size_t)(p - digits));
	num[p - digits] = '\0';
	return parse_uint(num, 1UL << 30, &tid) ? (int)tid : 0;
}

/* The fields of one line, as text, before they are checked. */
enum field {
	F_FAMILY,
	F_PROTOCOL,
	F_SPORT,
	F_DPORT,
	F_SADDR,
	F_DADDR,
	F_SADDR6,
	F_DADDR6,
	F_OLD,
	F_NEW,
	F_COUNT
};

static const char *const field_keys[F_COUNT] = {
	"family", "protocol", "sport",	 "dport",    "saddr",
	"daddr",  "saddrv6",  "daddrv6", "oldstate", "newstate",
};

struct fields {
	char v[F_COUNT][VALUE_MAX];
	bool seen[F_COUNT];
};

static int field_index(const char *key, size_t len)
{
	for (int i = 0; i < F_COUNT; i++)
		if (strlen(field_keys[i]) == len && memcmp(field_keys[i], key, len) == 0)
			return i;
	return -1;
}

/* Splits "k=v k=v ..." into f; unknown keys are skipped (a newer kernel
 * may add some), a known key twice or a value too long refuses the line. */
static bool split_fields(const char *p, struct fields *f, char *err, size_t errlen)
{
	while (*p) {
		const char *word = p, *eq, *end;
		int i;

		while (*p && *p != ' ' && *p != '\n')
			p++;
		end = p;
		while (*p == ' ' || *p == '\n')
			p++;
		if (end == word)
			continue;
		eq = memchr(word, '=', (size_t)(end - word));
		i = eq ? field_index(word, (size_t)(eq - word)) : -1;
		if (i < 0)
			continue;
		if (f->seen[i] || end - eq - 1 >= VALUE_MAX) {
			bad(err, errlen, "field %s repeated or too long", field_keys[i]);
			return false;
		}
		memcpy(f->v[i], eq + 1, (size_t)(end - eq - 1));
		f->v[i][end - eq - 1] = '\0';
		f->seen[i] = true;
	}
	for (int i = 0; i < F_COUNT; i++) {
		if (!f->seen[i]) {
			bad(err, errlen, "field %s missing", field_keys[i]);
			return false;
		}
	}
	return true;
}

static bool endpoint_parse(struct endpoint *ep, int family, const char *ip, const char *port)
{
	unsigned long p;

	memset(ep, 0, sizeof(*ep));
	if (!parse_uint(port, 65535, &p) || inet_pton(family, ip, ep->addr) != 1)
		return false;
	ep->family = (uint16_t)family;
	ep->port = (uint16_t)p;
	return true;
}

static enum stateline_kind fill_change(const struct fields *f, struct state_change *out, char *err,
				       size_t errlen)
{
	int family = strcmp(f->v[F_FAMILY], "AF_INET") == 0    ? AF_INET
		     : strcmp(f->v[F_FAMILY], "AF_INET6") == 0 ? AF_INET6
							       : 0;
	bool v6 = family == AF_INET6;

	if (!family)
		return bad(err, errlen, "family %s is not AF_INET or AF_INET6", f->v[F_FAMILY]);
	if (strcmp(f->v[F_PROTOCOL], "IPPROTO_TCP") != 0)
		return bad(err, errlen, "protocol %s is not TCP", f->v[F_PROTOCOL]);
	out->from = tcp_state_parse_kernel(f->v[F_OLD]);
	out->to = tcp_state_parse_kernel(f->v[F_NEW]);
	if (out->from == TCP_ST_NONE || out->to == TCP_ST_NONE)
		return bad(err, errlen, "unknown state %s or %s", f->v[F_OLD], f->v[F_NEW]);
	if (!endpoint_parse(&out->local, family, f->v[v6 ? F_SADDR6 : F_SADDR], f->v[F_SPORT]) ||
	    !endpoint_parse(&out->peer, family, f->v[v6 ? F_DADDR6 : F_DADDR], f->v[F_DPORT]))
		return bad(err, errlen, "bad address or port");
	/* A listener has no peer: the tracer writes it "*". */
	if (out->peer.port == 0)
		memset(&out->peer, 0, sizeof(out->peer));
	return STATELINE_CHANGE;
}

/* "CPU:1 [LOST 12 EVENTS]": the ring buffer overflowed. */
static bool parse_lost(const char *line, long *lost)
{
	const char *at = strstr(line, "[LOST ");
	char *end;

	if (!at || strncmp(line, "CPU:", 4) != 0)
		return false;
	*lost = strtol(at + 6, &end, 10);
	return end != at + 6 && strncmp(end, " EVENTS]", 8) == 0 && *lost >= 0;
}

enum stateline_kind stateline_parse(const char *line, struct state_change *out, long *lost,
				    char *err, size_t errlen)
{
	const char *tag = strstr(line, EVENT_TAG);
	struct fields f;

	if (!tag)
		return parse_lost(line, lost) ? STATELINE_LOST
					      : bad(err, errlen, "not an inet_sock_set_state line");
	memset(out, 0, sizeof(*out));
	if (!parse_time(line, tag, &out->t_ns))
		return bad(err, errlen, "no time stamp before the event's name");
	out->tid = parse_tid(line, tag);
	memset(&f, 0, sizeof(f));
	if (!split_fields(tag + strlen(EVENT_TAG), &f, err, errlen))
		return STATELINE_BAD;
	return fill_change(&f, out, err, errlen);
}
