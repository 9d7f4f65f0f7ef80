/*
 * namecalls.c - names to addresses: getaddrinfo() and gethostbyname().
 *
 * They are C library functions, not system calls: the resolver inside
 * them reads /etc/hosts and /etc/resolv.conf, and asks a name server over
 * UDP port 53 with the C library's own socket calls, which no preload
 * can see. So the tracer records each as one call: the name asked for,
 * the addresses that came back (as text, without ports), and the error
 * by its name (getaddrinfo's EAI_NONAME, gethostbyname's h_errno
 * HOST_NOT_FOUND) in "errno". t is their return: they wait for the
 * answer.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <string.h>

#include "tracer/tracer.h"

/* The most addresses a record lists. */
#define NAME_ADDRS_MAX 8

/* Addresses collected for a record, without repeats (getaddrinfo gives
 * one entry per socket type: the same address three times). */
struct addr_list {
	char text[NAME_ADDRS_MAX][INET6_ADDRSTRLEN];
	char *ptr[NAME_ADDRS_MAX];
	int n;
};

static void addr_add(struct addr_list *l, int family, const void *addr)
{
	char buf[INET6_ADDRSTRLEN];

	if (l->n == NAME_ADDRS_MAX || !inet_ntop(family, addr, buf, sizeof(buf)))
		return;
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->text[i], buf) == 0)
			return;
	memcpy(l->text[l->n], buf, sizeof(buf));
	l->ptr[l->n] = l->text[l->n];
	l->n++;
}

static void addrinfo_addrs(const struct addrinfo *ai, struct addr_list *l)
{
	for (; ai; ai = ai->ai_next) {
		if (ai->ai_family == AF_INET && ai->ai_addr)
			addr_add(l, AF_INET, &((const struct sockaddr_in *)ai->ai_addr)->sin_addr);
		else if (ai->ai_family == AF_INET6 && ai->ai_addr)
			addr_add(l, AF_INET6,
				 &((const struct sockaddr_in6 *)ai->ai_addr)->sin6_addr);
	}
}

/* One name call's record: fn, ret, the error's name, dur, name, addrs. */
static void rec_name_call(const char *fn, long long ret, const char *err, int64_t t_in,
			  const char *name, const char *service, const struct addr_list *l)
{
	int64_t t_out = now_ns();
	struct rec r;

	rec_begin(&r, "call", t_out);
	rec_str(&r, "fn", fn);
	rec_int(&r, "ret", ret);
	rec_str(&r, "errno", err);
	rec_int(&r, "dur", t_out - t_in);
	rec_str(&r, "name", name);
	if (service)
		rec_str(&r, "service", service);
	rec_strs(&r, "addrs", l->ptr, l->n);
	rec_emit(&r);
}

static int trace_getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
			     struct addrinfo **res)
{
	struct addr_list l = {.n = 0};
	int64_t t_in = now_ns();
	int ret, err;

	ret = real_getaddrinfo(node, service, hints, res);
	err = errno;
	if (ret == 0 && res)
		addrinfo_addrs(*res, &l);
	rec_name_call("getaddrinfo", ret, eai_name(ret), t_in, node, service, &l);
	errno = err;
	return ret;
}

static struct hostent *trace_gethostbyname(const char *name)
{
	struct addr_list l = {.n = 0};
	int64_t t_in = now_ns();
	struct hostent *h;
	int err, herr;

	h = real_gethostbyname(name);
	err = errno;
	herr = h_errno;
	for (int i = 0; h && h->h_addr_list && h->h_addr_list[i]; i++)
		addr_add(&l, h->h_addrtype, h->h_addr_list[i]);
	rec_name_call("gethostbyname", h ? 0 : -1, h ? NULL : h_errno_name(herr), t_in, name, NULL,
		      &l);
	h_errno = herr;
	errno = err;
	return h;
}

/* ---- the exported names --------------------------------------------- */

EXPORT int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
		       struct addrinfo **res)
{
	NEED_REAL(getaddrinfo);
	if (!tracer_on)
		return real_getaddrinfo(node, service, hints, res);
	return trace_getaddrinfo(node, service, hints, res);
}

EXPORT struct hostent *gethostbyname(const char *name)
{
	NEED_REAL(gethostbyname);
	if (!tracer_on)
		return real_gethostbyname(name);
	return trace_gethostbyname(name);
}
