/*
 * names.c - turns the numbers of the socket API into the names a student
 * reads in the textbook: "127.0.0.1:9190", "SO_REUSEADDR", "EADDRINUSE".
 *
 * The tables are built from the C library's own macros (N(SO_REUSEADDR)
 * gives {2, "SO_REUSEADDR"} on Linux), so a value can never disagree with
 * the headers the student compiled against.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "wire/names.h"

struct name {
	int value;
	const char *name;
};

#define N(x)                                                                                       \
	{                                                                                          \
		x, #x                                                                              \
	}
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *name_of(const struct name *t, size_t n, int value)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].value == value)
			return t[i].name;
	return NULL;
}

/* Appends src to the string at out (cap bytes in all); truncates quietly. */
static void str_append(char *out, size_t cap, const char *src)
{
	size_t used = strlen(out);
	size_t n = strlen(src);

	if (used + 1 >= cap)
		return;
	if (n > cap - used - 1)
		n = cap - used - 1;
	memcpy(out + used, src, n);
	out[used + n] = '\0';
}

/* "A|B|C" for the bits of flags named in t; bits without a name in hex. */
static void flags_str(const struct name *t, size_t n, int flags, char *out, size_t cap)
{
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (t[i].value == 0 || (flags & t[i].value) != t[i].value)
			continue;
		if (out[0])
			str_append(out, cap, "|");
		str_append(out, cap, t[i].name);
		flags &= ~t[i].value;
	}
	if (flags != 0) {
		char num[16];
		int i = sizeof(num) - 1;
		unsigned u = (unsigned)flags;

		num[i] = '\0';
		do {
			num[--i] = "0123456789abcdef"[u & 15];
			u >>= 4;
		} while (u);
		num[--i] = 'x';
		num[--i] = '0';
		if (out[0])
			str_append(out, cap, "|");
		str_append(out, cap, num + i);
	}
}

/* ---- addresses ------------------------------------------------------- */

/* endpoint_from_sockaddr() and endpoint_str() are in lib/wire/endpoint.c, shared
 * with socklab, so calls and states name a socket the same way. */

void sockaddr_str(const struct sockaddr *sa, socklen_t len, char *out, size_t cap)
{
	struct endpoint ep;

	endpoint_from_sockaddr(&ep, sa, len);
	if (ep.family == AF_UNIX && len > offsetof(struct sockaddr_un, sun_path)) {
		const struct sockaddr_un *un = (const struct sockaddr_un *)sa;
		size_t n = len - offsetof(struct sockaddr_un, sun_path);
		char path[sizeof(un->sun_path) + 1];

		/* An abstract address starts with a zero byte; show it as '@'. */
		if (n > sizeof(un->sun_path))
			n = sizeof(un->sun_path);
		memcpy(path, un->sun_path, n);
		path[n] = '\0';
		if (n > 0 && path[0] == '\0')
			path[0] = '@';
		out[0] = '\0';
		str_append(out, cap, "unix:");
		str_append(out, cap, path);
		return;
	}
	endpoint_str(&ep, out, cap);
}

/* ---- names of numbers ------------------------------------------------ */

const char *errno_name(int err)
{
	return err ? strerrorname_np(err) : NULL;
}

static const struct name levels[] = {
	N(SOL_SOCKET), N(IPPROTO_TCP), N(IPPROTO_IP), N(IPPROTO_IPV6), N(IPPROTO_UDP),
};

static const struct name socket_options[] = {
	N(SO_REUSEADDR),   N(SO_REUSEPORT),   N(SO_KEEPALIVE), N(SO_LINGER),	   N(SO_RCVBUF),
	N(SO_SNDBUF),	   N(SO_RCVLOWAT),    N(SO_SNDLOWAT),  N(SO_RCVTIMEO),	   N(SO_SNDTIMEO),
	N(SO_ERROR),	   N(SO_TYPE),	      N(SO_BROADCAST), N(SO_OOBINLINE),	   N(SO_DONTROUTE),
	N(SO_ACCEPTCONN),  N(SO_DOMAIN),      N(SO_PROTOCOL),  N(SO_BINDTODEVICE), N(SO_PRIORITY),
	N(SO_RCVBUFFORCE), N(SO_SNDBUFFORCE), N(SO_TIMESTAMP), N(SO_PEERCRED),
};

static const struct name tcp_options[] = {
	N(TCP_NODELAY),	     N(TCP_MAXSEG),	N(TCP_CORK),	     N(TCP_KEEPIDLE),
	N(TCP_KEEPINTVL),    N(TCP_KEEPCNT),	N(TCP_INFO),	     N(TCP_QUICKACK),
	N(TCP_USER_TIMEOUT), N(TCP_CONGESTION), N(TCP_DEFER_ACCEPT), N(TCP_FASTOPEN),
	N(TCP_LINGER2),	     N(TCP_SYNCNT),	N(TCP_WINDOW_CLAMP), N(TCP_NOTSENT_LOWAT),
};

static const struct name ip_options[] = {
	N(IP_TTL),
	N(IP_TOS),
	N(IP_MULTICAST_TTL),
	N(IP_MULTICAST_LOOP),
	N(IP_ADD_MEMBERSHIP),
	N(IP_DROP_MEMBERSHIP),
	N(IP_MULTICAST_IF),
	N(IP_HDRINCL),
	N(IP_RECVERR),
	N(IP_MTU_DISCOVER),
	N(IP_MTU),
	N(IP_PKTINFO),
	N(IP_FREEBIND),
};

static const struct name ipv6_options[] = {
	N(IPV6_V6ONLY),	    N(IPV6_UNICAST_HOPS), N(IPV6_MULTICAST_HOPS), N(IPV6_MULTICAST_LOOP),
	N(IPV6_JOIN_GROUP), N(IPV6_LEAVE_GROUP),  N(IPV6_RECVERR),	  N(IPV6_MTU_DISCOVER),
};

/* getaddrinfo()'s errors, and gethostbyname()'s in h_errno. */
static const struct name eai_errors[] = {
	N(EAI_BADFLAGS), N(EAI_NONAME),	  N(EAI_AGAIN),	  N(EAI_FAIL),
	N(EAI_FAMILY),	 N(EAI_SOCKTYPE), N(EAI_SERVICE), N(EAI_MEMORY),
	N(EAI_SYSTEM),	 N(EAI_OVERFLOW), N(EAI_NODATA),  N(EAI_ADDRFAMILY),
};

static const struct name h_errors[] = {
	N(HOST_NOT_FOUND),
	N(TRY_AGAIN),
	N(NO_RECOVERY),
	N(NO_DATA),
};

const char *eai_name(int err)
{
	return err ? name_of(eai_errors, COUNT(eai_errors), err) : NULL;
}

const char *h_errno_name(int err)
{
	return err ? name_of(h_errors, COUNT(h_errors), err) : NULL;
}

const char *level_name(int level)
{
	return name_of(levels, COUNT(levels), level);
}

const char *option_name(int level, int opt)
{
	switch (level) {
	case SOL_SOCKET:
		return name_of(socket_options, COUNT(socket_options), opt);
	case IPPROTO_TCP:
		return name_of(tcp_options, COUNT(tcp_options), opt);
	case IPPROTO_IP:
		return name_of(ip_options, COUNT(ip_options), opt);
	case IPPROTO_IPV6:
		return name_of(ipv6_options, COUNT(ipv6_options), opt);
	}
	return NULL;
}

static const struct name hows[] = {N(SHUT_RD), N(SHUT_WR), N(SHUT_RDWR)};

const char *how_name(int how)
{
	return name_of(hows, COUNT(hows), how);
}

static const struct name families[] = {
	N(AF_INET), N(AF_INET6), N(AF_UNIX), N(AF_UNSPEC), N(AF_NETLINK), N(AF_PACKET),
};

const char *family_name(int family)
{
	return name_of(families, COUNT(families), family);
}

static const struct name socktypes[] = {
	N(SOCK_STREAM),
	N(SOCK_DGRAM),
	N(SOCK_RAW),
	N(SOCK_SEQPACKET),
};

const char *socktype_name(int type)
{
	return name_of(socktypes, COUNT(socktypes), type & 0xf);
}

static const struct name signals[] = {
	N(SIGHUP),  N(SIGINT),	  N(SIGQUIT), N(SIGILL),  N(SIGTRAP),	N(SIGABRT), N(SIGBUS),
	N(SIGFPE),  N(SIGKILL),	  N(SIGUSR1), N(SIGSEGV), N(SIGUSR2),	N(SIGPIPE), N(SIGALRM),
	N(SIGTERM), N(SIGSTKFLT), N(SIGCHLD), N(SIGCONT), N(SIGSTOP),	N(SIGTSTP), N(SIGTTIN),
	N(SIGTTOU), N(SIGURG),	  N(SIGXCPU), N(SIGXFSZ), N(SIGVTALRM), N(SIGPROF), N(SIGWINCH),
	N(SIGIO),   N(SIGPWR),	  N(SIGSYS),
};

const char *signal_name(int sig)
{
	const char *name = name_of(signals, COUNT(signals), sig);

	return name ? name : "SIGRT";
}

static const struct name msgflags[] = {
	N(MSG_OOB),	 N(MSG_PEEK), N(MSG_DONTROUTE),	   N(MSG_CTRUNC),  N(MSG_TRUNC),
	N(MSG_DONTWAIT), N(MSG_EOR),  N(MSG_WAITALL),	   N(MSG_CONFIRM), N(MSG_ERRQUEUE),
	N(MSG_NOSIGNAL), N(MSG_MORE), N(MSG_CMSG_CLOEXEC),
};

void msgflags_str(int flags, char *out, size_t cap)
{
	flags_str(msgflags, COUNT(msgflags), flags, out, cap);
}

static const struct name fcntl_cmds[] = {
	N(F_DUPFD),  N(F_GETFD),  N(F_SETFD),	      N(F_GETFL),  N(F_SETFL),
	N(F_GETLK),  N(F_SETLK),  N(F_SETLKW),	      N(F_SETOWN), N(F_GETOWN),
	N(F_SETSIG), N(F_GETSIG), N(F_DUPFD_CLOEXEC),
};

const char *fcntl_cmd_name(int cmd)
{
	return name_of(fcntl_cmds, COUNT(fcntl_cmds), cmd);
}

static const struct name openflags[] = {
	N(O_NONBLOCK), N(O_ASYNC), N(O_APPEND), N(O_RDWR), N(O_WRONLY),
};

void openflags_str(int flags, char *out, size_t cap)
{
	flags_str(openflags, COUNT(openflags), flags, out, cap);
}

static const struct name epoll_ops[] = {
	N(EPOLL_CTL_ADD),
	N(EPOLL_CTL_MOD),
	N(EPOLL_CTL_DEL),
};

const char *epoll_op_name(int op)
{
	return name_of(epoll_ops, COUNT(epoll_ops), op);
}

/* EPOLLIN and friends are unsigned; EPOLLET is the sign bit. */
static const struct name epoll_events[] = {
	N(EPOLLIN),	   N(EPOLLPRI),
	N(EPOLLOUT),	   N(EPOLLERR),
	N(EPOLLHUP),	   N(EPOLLRDHUP),
	N(EPOLLEXCLUSIVE), N(EPOLLWAKEUP),
	N(EPOLLONESHOT),   {(int)EPOLLET, "EPOLLET"},
};

void epoll_events_str(unsigned events, char *out, size_t cap)
{
	flags_str(epoll_events, COUNT(epoll_events), (int)events, out, cap);
}

static const struct name sigflags[] = {
	N(SA_RESTART), N(SA_NOCLDSTOP), N(SA_NOCLDWAIT), N(SA_SIGINFO),
	N(SA_ONSTACK), N(SA_NODEFER),	N(SA_RESETHAND),
};

void sigflags_str(int flags, char *out, size_t cap)
{
	flags_str(sigflags, COUNT(sigflags), flags, out, cap);
}

static const struct name waitopts[] = {N(WNOHANG), N(WUNTRACED), N(WCONTINUED)};

void waitopts_str(int flags, char *out, size_t cap)
{
	flags_str(waitopts, COUNT(waitopts), flags, out, cap);
}
