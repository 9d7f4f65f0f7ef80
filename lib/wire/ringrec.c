/*
 * ringrec.c - a data call's binary record, checked and written as JSON.
 *
 * The fields come out in the order the tracer writes every call record:
 * t, src, pid, tid, fn, fd, ret, errno, dur, sock, proto, then the call's
 * own (len, flags, peer, msg_flags, iovcnt, data).
 */
#include "wire/ringrec.h"

#include <stdbool.h>
#include <string.h>

#include "wire/names.h"

static const char *const io_names[IO_FN_COUNT] = {
	"send",	   "sendto", "sendmsg", "recv",	 "recvfrom",
	"recvmsg", "read",   "write",	"readv", "writev",
};

static const char *const proto_names[IO_PROTO_COUNT] = {NULL, "tcp", "udp", "unix"};

/* A line being written; appends past the end are dropped and noted. The
 * helpers are inline: with their keys known, each append is a few moves,
 * and the collector writes a million of these lines a second. */
struct out {
	char *p;
	size_t n, cap;
	bool over;
};

static inline void add(struct out *o, const char *s, size_t n)
{
	if (o->n + n >= o->cap) {
		o->over = true;
		return;
	}
	memcpy(o->p + o->n, s, n);
	o->n += n;
}

static inline void add_str(struct out *o, const char *s)
{
	add(o, s, strlen(s));
}

static inline void add_int(struct out *o, long long v)
{
	char buf[INT_STR_MAX];
	size_t len;
	const char *digits = int_str(v, buf, &len);

	add(o, digits, len);
}

/* ,"key":"text" -- text is known to need no escaping. */
static inline void add_field_str(struct out *o, const char *key, const char *text, size_t n)
{
	add(o, ",\"", 2);
	add_str(o, key);
	add(o, "\":\"", 3);
	add(o, text, n);
	add(o, "\"", 1);
}

static inline void add_field_int(struct out *o, const char *key, long long v)
{
	add(o, ",\"", 2);
	add_str(o, key);
	add(o, "\":", 2);
	add_int(o, v);
}

/* Socket names and addresses are plain ASCII: digits, dots, colons,
 * brackets, hex letters, '>', '*', "unix...". Anything that would need
 * escaping means the record is not one the tracer made. */
static bool plain_text(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f || s[i] == '"' ||
		    s[i] == '\\')
			return false;
	return true;
}

/* ,"data":"41000000..." -- the payload's first bytes, in hex. */
static void add_data(struct out *o, const uint8_t *p, size_t n)
{
	char hex[2 * RINGREC_DATA_MAX + 1];

	hex_encode(p, n, hex);
	add_field_str(o, "data", hex, 2 * n);
}

static bool well_formed(const struct ringrec_io *r, size_t len)
{
	return len >= sizeof(*r) && r->kind == RINGREC_IO && r->fn < IO_FN_COUNT &&
	       r->proto < IO_PROTO_COUNT && (size_t)r->sock_len + r->peer_len <= RINGREC_TEXT_MAX &&
	       r->data_len <= RINGREC_DATA_MAX &&
	       sizeof(*r) + r->sock_len + r->peer_len + r->data_len == len && r->t >= 0 &&
	       plain_text(r->text, (size_t)r->sock_len + r->peer_len);
}

static void add_flags(struct out *o, const char *key, int flags)
{
	char names[160];

	msgflags_str(flags, names, sizeof(names));
	add_field_str(o, key, names, strlen(names));
}

int ringrec_io_json(const void *rec, size_t len, char *out, size_t cap, char *sock_out,
		    size_t sock_cap)
{
	const struct ringrec_io *r = rec;
	struct out o = {out, 0, cap, false};
	const char *err;

	if (!well_formed(r, len) || sock_cap <= r->sock_len)
		return -1;
	add(&o, "{\"t\":", 5);
	add_int(&o, r->t);
	add_field_str(&o, "src", "call", 4);
	add_field_int(&o, "pid", r->pid);
	add_field_int(&o, "tid", r->tid);
	add_field_str(&o, "fn", io_names[r->fn], strlen(io_names[r->fn]));
	add_field_int(&o, "fd", r->fd);
	add_field_int(&o, "ret", r->ret);
	err = r->ret < 0 ? errno_name(r->err) : NULL;
	if (err)
		add_field_str(&o, "errno", err, strlen(err));
	else
		add(&o, ",\"errno\":null", 13);
	add_field_int(&o, "dur", r->dur);
	memcpy(sock_out, r->text, r->sock_len);
	sock_out[r->sock_len] = '\0';
	if (r->sock_len) {
		add_field_str(&o, "sock", r->text, r->sock_len);
		if (proto_names[r->proto])
			add_field_str(&o, "proto", proto_names[r->proto],
				      strlen(proto_names[r->proto]));
	}
	add_field_int(&o, "len", r->len);
	if (r->flags)
		add_flags(&o, "flags", r->flags);
	if (r->peer_len)
		add_field_str(&o, "peer", r->text + r->sock_len, r->peer_len);
	if (r->msg_flags)
		add_flags(&o, "msg_flags", r->msg_flags);
	if (r->has & IO_HAS_ITER)
		add_field_int(&o, "iovcnt", r->iovcnt);
	if (r->has & IO_HAS_SIGPIPE)
		add_field_str(&o, "sig", "SIGPIPE", 7);
	if (r->data_len)
		add_data(&o, (const uint8_t *)r->text + r->sock_len + r->peer_len, r->data_len);
	add(&o, "}", 1);
	return o.over ? -1 : (int)o.n;
}
