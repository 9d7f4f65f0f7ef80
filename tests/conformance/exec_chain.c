/*
 * exec_chain: execs itself twice, the second time with an empty
 * environment (execle), as a program that cleans its environment would.
 * Each new image must still be traced: the last one makes a socket.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *stage = argc > 1 ? argv[1] : "0";
	char *const empty_env[] = {NULL};
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n < 0)
		return 1;
	self[n] = '\0';
	printf("stage %s\n", stage);
	fflush(stdout);
	if (strcmp(stage, "0") == 0) {
		execl(self, "exec_chain", "1", (char *)NULL);
	} else if (strcmp(stage, "1") == 0) {
		execle(self, "exec_chain", "2", (char *)NULL, empty_env);
	} else {
		int fd = socket(AF_INET, SOCK_DGRAM, 0);
		printf("stage 2 socket: %d\n", fd);
		printf("stage 2 close: %d\n", close(fd));
		return 0;
	}
	perror("exec");
	return 1;
}
