/*
 * dup2_high: dup2()s a socket onto every descriptor from 3 to 99 and onto
 * 1000, then uses it through the high numbers. A tracer with a descriptor
 * of its own there would be clobbered (and stop tracing) or break the
 * program.
 */
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
	int sv[2], moved = 0;
	char buf[8];

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		return 1;
	for (int fd = 3; fd < 100; fd++)
		if (fd != sv[0] && fd != sv[1] && dup2(sv[0], fd) == fd)
			moved++;
	printf("dup2 onto 3..99: %d\n", moved);
	printf("dup2 onto 1000: %d\n", dup2(sv[0], 1000));
	printf("send via 1000: %zd\n", send(1000, "hello", 5, 0));
	printf("recv: %zd\n", recv(sv[1], buf, sizeof(buf), 0));
	printf("send via 99: %zd\n", send(99, "bye", 3, 0));
	printf("recv: %zd\n", recv(sv[1], buf, sizeof(buf), 0));
	for (int fd = 3; fd < 100; fd++)
		if (fd != sv[1])
			close(fd);
	printf("close 1000: %d\n", close(1000));
	printf("close again: %d\n", close(1000));
	return 0;
}
