/*
 * close_all: closes every descriptor above 2, the way daemons do, then
 * makes sockets. Without a hidden descriptor of the tracer's, the numbers
 * are the same traced and untraced, and tracing goes on.
 */
#define _GNU_SOURCE /* strerrorname_np, sighandler_t, closefrom */
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
	int sv[2], fd;
	char buf[8];

	for (int i = 3; i < 1024; i++)
		close(i);
	closefrom(3);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	printf("socket after closing all: %d\n", fd);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		return 1;
	printf("socketpair: %d %d\n", sv[0], sv[1]);
	printf("send: %zd\n", send(sv[0], "hello", 5, 0));
	printf("recv: %zd\n", recv(sv[1], buf, sizeof(buf), 0));
	close(fd);
	close(sv[0]);
	close(sv[1]);
	return 0;
}
