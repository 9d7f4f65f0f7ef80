/*
 * A short send: one read() of the file and one write(), as if a file fit
 * in one buffer. The small and the empty file arrive; of 1 MiB, only the
 * first buffer-full does.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE 4096

static int write_all(int sock, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(sock, buf, len);
		if (n == -1)
			return -1;
		buf += n;
		len -= n;
	}
	return 0;
}

static void serve(int clnt, const char *path)
{
	char buf[BUF_SIZE];
	size_t n;
	ssize_t r;
	static char file[65536];
	FILE *fp = fopen(path, "rb");

	if (fp == NULL) {
		perror(path);
		return;
	}
	n = fread(file, 1, sizeof(file), fp);
	if (write_all(clnt, file, n) == -1)
		perror("write");
	fclose(fp);
	shutdown(clnt, SHUT_WR); /* the FIN: the end of the file */
	while ((r = read(clnt, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, r, stdout);
	fflush(stdout);
}

int main(int argc, char *argv[])
{
	struct sockaddr_in addr;
	int serv, clnt, on = 1;

	if (argc != 3) {
		fprintf(stderr, "usage: %s PORT FILE\n", argv[0]);
		return 1;
	}
	serv = socket(AF_INET, SOCK_STREAM, 0);
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_ANY);
	addr.sin_port = htons(atoi(argv[1]));
	setsockopt(serv, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	if (bind(serv, (struct sockaddr *)&addr, sizeof(addr)) == -1 || listen(serv, 5) == -1) {
		perror("bind or listen");
		return 1;
	}
	for (;;) {
		clnt = accept(serv, NULL, NULL);
		if (clnt == -1)
			continue;
		serve(clnt, argv[2]);
		close(clnt);
	}
}
