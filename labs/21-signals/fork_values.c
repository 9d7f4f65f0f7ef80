/*
 * fork_values IP PORT
 *
 * 윤성우's fork.c (ch. 10), with a socket. fork() copies the process that
 * calls it: its memory, and its descriptors.
 *
 *   - fork() returns twice: the child's pid in the parent, 0 in the child.
 *     The program tells the two apart only by that value.
 *   - gval (a global) and lval (a local) are 11 and 25 when fork() copies
 *     them. Then each process changes its own copy: the child's changes
 *     are not the parent's. Child: [13, 27]. Parent: [9, 23].
 *   - sock, connected before fork(), is copied too -- but a descriptor
 *     copy names the same socket: both processes write on one
 *     connection, and it closes only when both have closed it.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define BUF_SIZE 128

int gval = 10;

static int connect_to(const char *ip, const char *port)
{
	struct sockaddr_in serv_adr;
	int sock = socket(PF_INET, SOCK_STREAM, 0);

	if (sock == -1) {
		perror("socket() error");
		exit(1);
	}
	memset(&serv_adr, 0, sizeof(serv_adr));
	serv_adr.sin_family = AF_INET;
	serv_adr.sin_addr.s_addr = inet_addr(ip);
	serv_adr.sin_port = htons(atoi(port));
	if (connect(sock, (struct sockaddr *)&serv_adr, sizeof(serv_adr)) == -1) {
		perror("connect() error");
		exit(1);
	}
	return sock;
}

/* Says who writes, with which values, on the copied descriptor. */
static int tell(int sock, const char *who, int lval)
{
	char msg[BUF_SIZE];
	int len = snprintf(msg, sizeof(msg), "%s (pid %d) on descriptor %d: [%d, %d]\n", who,
			   (int)getpid(), sock, gval, lval);

	return write(sock, msg, len) == len ? 0 : -1;
}

int main(int argc, char *argv[])
{
	int lval = 20, sock, status;
	pid_t pid;

	if (argc < 3) {
		printf("Usage: %s <IP> <port>\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */
	sock = connect_to(argv[1], argv[2]);

	gval++, lval += 5; /* 11 and 25: what fork() copies */
	pid = fork();
	if (pid == -1) {
		perror("fork() error");
		exit(1);
	}
	if (pid == 0) /* if Child Process */
		gval += 2, lval += 2;
	else /* if Parent Process */
		gval -= 2, lval -= 2;

	if (pid == 0) {
		printf("Child Proc: [%d, %d]; fork() returned 0 in pid %d\n", gval, lval,
		       (int)getpid());
		if (tell(sock, "child", lval) == -1)
			perror("write() error");
		close(sock); /* the parent still holds the connection: no FIN yet */
		return 0;
	}
	/* The parent waits for the child first: its line goes after. */
	if (waitpid(pid, &status, 0) == -1) {
		perror("waitpid() error");
		exit(1);
	}
	printf("Parent Proc: [%d, %d]; fork() returned %d in pid %d\n", gval, lval, (int)pid,
	       (int)getpid());
	if (tell(sock, "parent", lval) == -1)
		perror("write() error");
	close(sock); /* the last descriptor of the connection: now the FIN */
	return 0;
}
