/*
 * errnos: calls that fail, each with its own errno. Traced, each must
 * fail the same way, and the session must name each errno.
 */
#define _GNU_SOURCE /* strerrorname_np, sighandler_t, closefrom */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void report(const char *what, long ret)
{
	printf("%-34s = %ld %s\n", what, ret, ret < 0 ? strerrorname_np(errno) : "");
}

int main(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(a);
	int one = 1, err = 0;
	int first = socket(AF_INET, SOCK_STREAM, 0);
	int second = socket(AF_INET, SOCK_STREAM, 0);
	int udp = socket(AF_INET, SOCK_DGRAM, 0);
	int nb = socket(AF_INET, SOCK_STREAM, 0);
	char buf[4];

	bind(first, (struct sockaddr *)&a, sizeof(a));
	getsockname(first, (struct sockaddr *)&a, &len);
	report("bind to a port in use", bind(second, (struct sockaddr *)&a, sizeof(a)));
	report("connect where nobody listens", connect(second, (struct sockaddr *)&a, sizeof(a)));
	report("recv on a descriptor never opened", recv(999, buf, sizeof(buf), 0));
	report("socket of an unknown family", socket(12345, SOCK_STREAM, 0));
	report("listen on a UDP socket", listen(udp, 5));
	report("accept on a socket not listening", accept(first, NULL, NULL));
	report("setsockopt at an unknown level", setsockopt(first, 9999, 1, &one, sizeof(one)));
	fcntl(nb, F_SETFL, O_NONBLOCK);
	report("non-blocking connect", connect(nb, (struct sockaddr *)&a, sizeof(a)));
	usleep(50 * 1000);
	len = sizeof(err);
	getsockopt(nb, SOL_SOCKET, SO_ERROR, &err, &len);
	printf("%-34s = %s\n", "SO_ERROR after it", strerrorname_np(err));
	report("send on a closed descriptor", (close(udp), send(udp, "x", 1, 0)));
	return 0;
}
