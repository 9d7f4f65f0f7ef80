/*
 * epoll_data: epoll_wait() hands back each descriptor's epoll_data, which
 * the program chose: the descriptor itself (data.fd) or a pointer to its
 * own record (data.ptr). The tracer must name the ready descriptors
 * either way, forget one taken out with EPOLL_CTL_DEL, and change nothing
 * the program sees. It prints what it saw, the same traced or not.
 */
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

struct peer {
	int fd;
	const char *name;
};

int main(void)
{
	struct peer peers[3] = {{-1, "first"}, {-1, "second"}, {-1, "third"}};
	struct epoll_event ev, out[8];
	int sv[3][2], epfd, n;
	char c;

	setvbuf(stdout, NULL, _IONBF, 0);
	epfd = epoll_create1(0);
	if (epfd < 0)
		return 1;
	for (int i = 0; i < 3; i++) {
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv[i]) < 0)
			return 1;
		peers[i].fd = sv[i][0];
		ev.events = EPOLLIN;
		if (i == 0)
			ev.data.fd = sv[i][0]; /* the textbook's way */
		else
			ev.data.ptr = &peers[i]; /* a pointer to the program's own record */
		if (epoll_ctl(epfd, EPOLL_CTL_ADD, sv[i][0], &ev) < 0)
			return 1;
	}
	/* The first and the third have something to read. */
	if (write(sv[0][1], "x", 1) != 1 || write(sv[2][1], "y", 1) != 1)
		return 1;
	n = epoll_wait(epfd, out, 8, 1000);
	printf("ready: %d\n", n);
	/* The first is read, the third goes out, the second gets data: only
	 * it is ready now. */
	if (read(sv[0][0], &c, 1) != 1 || epoll_ctl(epfd, EPOLL_CTL_DEL, sv[2][0], NULL) < 0 ||
	    write(sv[1][1], "z", 1) != 1)
		return 1;
	n = epoll_wait(epfd, out, 8, 1000);
	for (int i = 0; i < n; i++)
		if (out[i].data.ptr == &peers[1])
			printf("second ready\n");
	for (int i = 0; i < 3; i++) {
		close(sv[i][0]);
		close(sv[i][1]);
	}
	close(epfd);
	return 0;
}
