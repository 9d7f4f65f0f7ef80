/*
 * record.c - builds one event record (a JSON object) and puts it in the ring.
 *
 * Everything here is async-signal-safe: no malloc(), no stdio, no locks. A
 * record is built in a buffer on the caller's stack; a field that would not
 * fit is left out whole, so a record is always valid JSON.
 */
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "tracer/tracer.h"

bool tracer_on;
struct ring tracer_ring;

/* The process and thread ids, cached: a system call per event would cost
 * more than the rest of the record. A forked child resets them (init.c). */
static int cached_pid;
static __thread int cached_tid __attribute__((tls_model("initial-exec")));

int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int tracer_pid(void)
{
	if (cached_pid == 0)
		cached_pid = (int)syscall(SYS_getpid);
	return cached_pid;
}

int tracer_tid(void)
{
	if (cached_tid == 0)
		cached_tid = (int)syscall(SYS_gettid);
	return cached_tid;
}

/* Called in the child right after fork(): it has a new pid, and its only
 * thread has a new tid. */
void tracer_forget_ids(void)
{
	cached_pid = 0;
	cached_tid = 0;
}

/* Appends len bytes, or marks the record full and appends nothing. */
static bool rec_put(struct rec *r, const char *s, size_t len)
{
	/* Keep room for the closing brace. */
	if (r->full || r->n + len + 1 > sizeof(r->buf)) {
		r->full = true;
		return false;
	}
	memcpy(r->buf + r->n, s, len);
	r->n += len;
	return true;
}

static bool rec_putc(struct rec *r, char c)
{
	return rec_put(r, &c, 1);
}

static bool rec_put_int(struct rec *r, long long v)
{
	char buf[INT_STR_MAX];
	size_t len;
	const char *digits = int_str(v, buf, &len);

	return rec_put(r, digits, len);
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_seq_len(const unsigned char *s, size_t n)
{
	size_t len;

	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	len = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

/* A JSON string: quotes, escapes, and '?' for bytes that are not UTF-8
 * (a path or an argument may hold any bytes; JSON may not). */
/* How many bytes at the start of s need no escaping (plain ASCII, no
 * quote, no backslash, no control character): most strings, whole. */
static size_t plain_prefix(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] >= 0x20 && s[i] < 0x80 && s[i] != '"' && s[i] != '\\')
		i++;
	return i;
}

static bool rec_put_string(struct rec *r, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	size_t plain = plain_prefix(p, n);

	/* The usual case -- a function name, an address -- in one copy. */
	if (plain == n)
		return rec_putc(r, '"') && rec_put(r, s, n) && rec_putc(r, '"');

	if (!rec_putc(r, '"'))
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];
		bool ok;

		if (c == '"' || c == '\\') {
			char esc[2] = {'\\', (char)c};
			ok = rec_put(r, esc, 2);
		} else if (c < 0x20) {
			char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
			ok = rec_put(r, esc, 6);
		} else if (c < 0x80) {
			ok = rec_putc(r, (char)c);
		} else {
			size_t len = utf8_seq_len(p + i, n - i);
			if (len == 0) {
				ok = rec_putc(r, '?');
			} else {
				ok = rec_put(r, s + i, len);
				i += len - 1;
			}
		}
		if (!ok)
			return false;
	}
	return rec_putc(r, '"');
}

/* Writes ,"key": and returns the offset to roll back to if the value does
 * not fit. */
/* Keys are the tracer's own plain words: copied, never escaped. */
static size_t rec_key(struct rec *r, const char *key)
{
	size_t mark = r->n;

	rec_put(r, ",\"", 2);
	rec_put(r, key, strlen(key));
	rec_put(r, "\":", 2);
	return mark;
}

static void rec_done(struct rec *r, size_t mark, bool ok)
{
	if (!ok || r->full) {
		r->n = mark;
		r->full = true;
	}
}

void rec_begin(struct rec *r, const char *src, int64_t t)
{
	r->n = 0;
	/* A full ring will refuse the record: count the drop now and skip the
	 * work of building it, so a flood costs the program as little as can
	 * be. The rec_* calls that follow do nothing on a full record. */
	r->dropped = ring_full(&tracer_ring);
	r->full = r->dropped;
	if (r->dropped) {
		ring_count_drop(&tracer_ring);
		return;
	}
	rec_put(r, "{\"t\":", 5);
	rec_put_int(r, t - tracer_ring.t0_ns);
	rec_str(r, "src", src);
	rec_int(r, "pid", tracer_pid());
	rec_int(r, "tid", tracer_tid());
}

void rec_str(struct rec *r, const char *key, const char *val)
{
	size_t mark = rec_key(r, key);
	bool ok = val ? rec_put_string(r, val) : rec_put(r, "null", 4);

	rec_done(r, mark, ok);
}

void rec_int(struct rec *r, const char *key, long long val)
{
	size_t mark = rec_key(r, key);

	rec_done(r, mark, rec_put_int(r, val));
}

void rec_bool(struct rec *r, const char *key, bool val)
{
	size_t mark = rec_key(r, key);

	rec_done(r, mark, val ? rec_put(r, "true", 4) : rec_put(r, "false", 5));
}

void rec_ints(struct rec *r, const char *key, const int *vals, int n)
{
	size_t mark = rec_key(r, key);
	bool ok = rec_putc(r, '[');

	for (int i = 0; ok && i < n; i++) {
		if (i > 0)
			ok = rec_putc(r, ',');
		ok = ok && rec_put_int(r, vals[i]);
	}
	ok = ok && rec_putc(r, ']');
	rec_done(r, mark, ok);
}

void rec_emit(struct rec *r)
{
	if (r->dropped)
		return;
	/* rec_put always left room for this brace. */
	r->buf[r->n++] = '}';
	ring_put(&tracer_ring, r->buf, r->n);
}

/* The socket's identity, "LOCAL>PEER", and its protocol. */
void rec_sock(struct rec *r, const struct fdinfo *fi)
{
	if (!fi->is_socket || fi->local.family == 0 || r->full)
		return;
	rec_str(r, "sock", fi->sock);
	if (fi->local.family == AF_UNIX)
		rec_str(r, "proto", "unix");
	else if (fi->type == SOCK_STREAM || fi->type == SOCK_DGRAM)
		rec_str(r, "proto", fi->type == SOCK_STREAM ? "tcp" : "udp");
}

void rec_addr(struct rec *r, const char *key, const struct sockaddr *sa, socklen_t len)
{
	char s[ADDR_STR_MAX + 64];

	if (!sa)
		return;
	sockaddr_str(sa, len, s, sizeof(s));
	rec_str(r, key, s);
}

void rec_strs(struct rec *r, const char *key, char *const *vals, int n)
{
	size_t mark = rec_key(r, key);
	bool ok = rec_putc(r, '[');

	for (int i = 0; ok && i < n; i++) {
		if (i > 0)
			ok = rec_putc(r, ',');
		ok = ok && rec_put_string(r, vals[i]);
	}
	ok = ok && rec_putc(r, ']');
	rec_done(r, mark, ok);
}

void rec_call_head(struct rec *r, const char *fn, int fd, long long ret, int err, int64_t t_in,
		   enum call_timing when)
{
	int64_t t_out = now_ns();

	rec_begin(r, "call", when == ACTS_AT_ENTRY ? t_in : t_out);
	rec_str(r, "fn", fn);
	if (fd >= 0)
		rec_int(r, "fd", fd);
	rec_int(r, "ret", ret);
	rec_str(r, "errno", ret < 0 ? errno_name(err) : NULL);
	rec_int(r, "dur", t_out - t_in);
}

void rec_call(struct rec *r, const char *fn, int fd, long long ret, int err, int64_t t_in,
	      enum call_timing when)
{
	struct fdinfo fi;

	rec_call_head(r, fn, fd, ret, err, t_in, when);
	if (fd >= 0 && fdtab_get(fd, &fi))
		rec_sock(r, &fi);
}
