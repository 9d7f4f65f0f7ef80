/*
 * low_port PORT
 *
 * A server's first steps, on a port below 1024 (80, say): the well-known
 * ports (윤 ch. 3, "0부터 1023번까지는") are reserved on Linux for root, or
 * a process with CAP_NET_BIND_SERVICE. As a plain user, bind() fails with
 * EACCES ("Permission denied").
 *
 * Started as root (a lab run as root), it first becomes "nobody", as a
 * server that should not run as root does, so that the bind() is a plain
 * user's. Linux lets a machine move the line:
 * /proc/sys/net/ipv4/ip_unprivileged_port_start (1024 unless someone
 * changed it) is the first port anyone may bind; it prints it.
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

/* As root, become nobody for good. */
static void become_nobody(void)
{
	struct passwd *pw;

	if (getuid() != 0)
		return;
	pw = getpwnam("nobody");
	if (!pw) {
		printf("there is no user nobody\n");
		exit(1);
	}
	if (setgroups(0, NULL) == -1 || setgid(pw->pw_gid) == -1 || setuid(pw->pw_uid) == -1)
		error_handling("cannot become nobody");
}

static void show_unprivileged_start(void)
{
	FILE *f = fopen("/proc/sys/net/ipv4/ip_unprivileged_port_start", "r");
	int start;

	if (f && fscanf(f, "%d", &start) == 1)
		printf("ip_unprivileged_port_start = %d\n", start);
	if (f)
		fclose(f);
}

int main(int argc, char *argv[])
{
	struct sockaddr_in serv_addr;
	int serv_sock;

	if (argc != 2) {
		printf("Usage: %s <port>\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	become_nobody();
	printf("running as uid %d\n", (int)getuid());
	show_unprivileged_start();

	serv_sock = socket(PF_INET, SOCK_STREAM, 0);
	if (serv_sock == -1)
		error_handling("socket() error");
	memset(&serv_addr, 0, sizeof(serv_addr));
	serv_addr.sin_family = AF_INET;
	serv_addr.sin_addr.s_addr = htonl(INADDR_ANY);
	serv_addr.sin_port = htons(atoi(argv[1]));
	/* The lesson: EACCES for a plain user below the line. */
	if (bind(serv_sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1)
		error_handling("bind() error");
	printf("bound port %s\n", argv[1]);
	close(serv_sock);
	return 0;
}
