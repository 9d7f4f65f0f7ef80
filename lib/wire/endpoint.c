/*
 * endpoint.c - "IP:PORT" and "LOCAL>PEER", made one way for the whole of
 * socklab (see endpoint.h).
 */
#include "wire/endpoint.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

void endpoint_from_sockaddr(struct endpoint *ep, const struct sockaddr *sa, socklen_t len)
{
	memset(ep, 0, sizeof(*ep));
	if (!sa || len < sizeof(sa_family_t))
		return;
	if (sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
		ep->family = AF_INET;
		ep->port = ntohs(in->sin_port);
		memcpy(ep->addr, &in->sin_addr, 4);
	} else if (sa->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
		ep->family = AF_INET6;
		ep->port = ntohs(in6->sin6_port);
		memcpy(ep->addr, &in6->sin6_addr, 16);
	} else if (sa->sa_family == AF_UNIX) {
		ep->family = AF_UNIX;
	}
}

/* Text written into a buffer of fixed size; what does not fit is cut. */
struct text {
	char *out;
	size_t cap, n;
};

static void text_put(struct text *t, const char *s)
{
	size_t len = strlen(s);

	if (t->cap == 0)
		return;
	if (len > t->cap - 1 - t->n)
		len = t->cap - 1 - t->n;
	memcpy(t->out + t->n, s, len);
	t->n += len;
	t->out[t->n] = '\0';
}

static void text_put_port(struct text *t, unsigned port)
{
	char digits[8];
	int i = sizeof(digits) - 1;

	digits[i] = '\0';
	do {
		digits[--i] = (char)('0' + port % 10);
		port /= 10;
	} while (port);
	text_put(t, ":");
	text_put(t, digits + i);
}

static void text_put_endpoint(struct text *t, const struct endpoint *ep)
{
	char ip[INET6_ADDRSTRLEN];

	switch (ep->family) {
	case AF_INET:
		inet_ntop(AF_INET, ep->addr, ip, sizeof(ip));
		text_put(t, ip);
		text_put_port(t, ep->port);
		break;
	case AF_INET6:
		inet_ntop(AF_INET6, ep->addr, ip, sizeof(ip));
		text_put(t, "[");
		text_put(t, ip);
		text_put(t, "]");
		text_put_port(t, ep->port);
		break;
	case AF_UNIX:
		text_put(t, "unix");
		break;
	default:
		text_put(t, "*");
	}
}

void endpoint_str(const struct endpoint *ep, char *out, size_t cap)
{
	struct text t = {out, cap, 0};

	if (cap)
		out[0] = '\0';
	text_put_endpoint(&t, ep);
}

void endpoint_pair_str(const struct endpoint *local, const struct endpoint *peer, char *out,
		       size_t cap)
{
	struct text t = {out, cap, 0};

	if (cap)
		out[0] = '\0';
	text_put_endpoint(&t, local);
	text_put(&t, ">");
	text_put_endpoint(&t, peer);
}

void endpoint_text_unmapped(const char *ip_port, char *out, size_t cap)
{
	static const char mapped[] = "[::ffff:";
	const char *v4 = ip_port + sizeof(mapped) - 1;
	const char *close = strchr(ip_port, ']');
	struct text t = {out, cap, 0};

	if (cap)
		out[0] = '\0';
	/* "[::ffff:1.2.3.4]:80", not "[::ffff:102:304]:80" (not mapped). */
	if (strncmp(ip_port, mapped, sizeof(mapped) - 1) != 0 || !close ||
	    !memchr(v4, '.', (size_t)(close - v4)) || (close - v4) >= INET_ADDRSTRLEN) {
		text_put(&t, ip_port);
		return;
	}
	char ip[INET_ADDRSTRLEN];

	memcpy(ip, v4, (size_t)(close - v4));
	ip[close - v4] = '\0';
	text_put(&t, ip);
	text_put(&t, close + 1);
}

int endpoint_port(const char *ip_port)
{
	const char *colon = ip_port ? strrchr(ip_port, ':') : NULL;

	return colon ? atoi(colon + 1) : 0;
}

const char *endpoint_pair_peer(const char *sock)
{
	const char *gt = sock ? strchr(sock, '>') : NULL;

	return gt ? gt + 1 : NULL;
}

/* Copies n bytes of from into out (cap bytes), cut to fit, with a NUL. */
static void copy_cut(char *out, size_t cap, const char *from, size_t n)
{
	if (!out || !cap)
		return;
	if (n >= cap)
		n = cap - 1;
	memcpy(out, from, n);
	out[n] = '\0';
}

int endpoint_pair_split(const char *sock, char *local, char *peer, size_t cap)
{
	const char *p = endpoint_pair_peer(sock);

	if (!p)
		return -1;
	copy_cut(local, cap, sock, (size_t)(p - 1 - sock));
	copy_cut(peer, cap, p, strlen(p));
	return 0;
}

bool endpoint_pair_has_peer(const char *sock)
{
	const char *p = endpoint_pair_peer(sock);

	return p && strcmp(p, "*") != 0;
}

int endpoint_pair_local_port(const char *sock)
{
	char local[ENDPOINT_STR_MAX];

	return endpoint_pair_split(sock, local, NULL, sizeof(local)) < 0 ? 0 : endpoint_port(local);
}

int endpoint_pair_peer_port(const char *sock)
{
	return endpoint_port(endpoint_pair_peer(sock));
}

const char *endpoint_pair_reversed(const char *sock, char *out, size_t cap)
{
	char local[ENDPOINT_STR_MAX], peer[ENDPOINT_STR_MAX];
	struct text t = {out, cap, 0};

	if (!endpoint_pair_has_peer(sock) || !cap)
		return NULL;
	endpoint_pair_split(sock, local, peer, sizeof(local));
	out[0] = '\0';
	text_put(&t, peer);
	text_put(&t, ">");
	text_put(&t, local);
	return out;
}
