/*
 * other_user PORT
 *
 * Another user tries to join two servers that share PORT with
 * SO_REUSEPORT (001's worry: a second server on a live port could take
 * its clients -- "정보 가로채는 공격"). It sets SO_REUSEPORT too and binds
 * 0.0.0.0:PORT. Linux lets only sockets of the same user share a port:
 * bind() fails with EADDRINUSE.
 *
 * It must run as a user other than the servers'. Started as root (a lab
 * run as root, whose servers are root's), it becomes "nobody" first.
 * Started as anyone else, it cannot become another user: it says so and
 * binds nothing.
 */
#include <arpa/inet.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void error_handling(const char *message)
{
	perror(message);
	exit(1);
}

int main(int argc, char *argv[])
{
	struct sockaddr_in serv_addr;
	struct passwd *pw;
	int serv_sock, option = 1;

	if (argc != 2) {
		printf("Usage: %s <port>\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (getuid() != 0) {
		printf("not root (uid %d): cannot become another user\n", (int)getuid());
		return 0;
	}
	pw = getpwnam("nobody");
	if (!pw) {
		printf("there is no user nobody\n");
		exit(1);
	}
	if (setgroups(0, NULL) == -1 || setgid(pw->pw_gid) == -1 || setuid(pw->pw_uid) == -1)
		error_handling("cannot become nobody");
	printf("running as uid %d\n", (int)getuid());

	serv_sock = socket(PF_INET, SOCK_STREAM, 0);
	if (serv_sock == -1)
		error_handling("socket() error");
	if (setsockopt(serv_sock, SOL_SOCKET, SO_REUSEPORT, &option, sizeof(option)) == -1)
		error_handling("setsockopt() error");
	memset(&serv_addr, 0, sizeof(serv_addr));
	serv_addr.sin_family = AF_INET;
	serv_addr.sin_addr.s_addr = htonl(INADDR_ANY);
	serv_addr.sin_port = htons(atoi(argv[1]));
	/* The lesson: SO_REUSEPORT on both sides, but not the same user. */
	if (bind(serv_sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1)
		error_handling("bind() error");
	printf("bound port %s beside the other user's servers\n", argv[1]);
	close(serv_sock);
	return 0;
}
