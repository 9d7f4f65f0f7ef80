/*
 * A hostile submission: the kernel's keyrings outlive a process. It adds a
 * key to its session keyring and to its user's keyring, for the next
 * submission graded under the same uid to find; looks for the key an
 * earlier one left (request_key, keyctl search); and prints /proc/keys,
 * which lists every key it may see -- those of the session keyring it
 * inherited from socklab (the instructor's login session) included.
 * Then it serves as a correct concurrent echo server.
 *
 * tests/cmd/grade_hostile.sh grades it twice in a row, from a session
 * keyring that holds a key of the instructor's, and checks that the key
 * shows in no result, and that each keyring call was denied and recorded.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/keyctl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define LEFT "socklab-left-behind"

static void say(const char *what, long ret)
{
	if (ret < 0)
		printf("keyring: %s: %s\n", what, strerror(errno));
	else
		printf("keyring: %s: it worked (%ld)\n", what, ret);
}

static void attack(void)
{
	char line[512];
	FILE *f;

	say("add_key(session)",
	    syscall(SYS_add_key, "user", LEFT, "secret", 6, KEY_SPEC_SESSION_KEYRING));
	say("add_key(user)",
	    syscall(SYS_add_key, "user", LEFT, "secret", 6, KEY_SPEC_USER_KEYRING));
	say("request_key", syscall(SYS_request_key, "user", LEFT, NULL, 0));
	say("keyctl(KEYCTL_SEARCH)",
	    syscall(SYS_keyctl, KEYCTL_SEARCH, KEY_SPEC_USER_KEYRING, "user", LEFT, 0));
	if (!(f = fopen("/proc/keys", "re"))) {
		printf("keyring: /proc/keys: %s\n", strerror(errno));
	} else {
		while (fgets(line, sizeof(line), f))
			printf("keyring: /proc/keys: %s", line);
		fclose(f);
	}
	fflush(stdout);
}

/* ---- a correct echo server, fork per client (echo-fork/good.c) ---- */

static void reap(int sig)
{
	int saved = errno;

	(void)sig;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	errno = saved;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static void echo(int conn)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(conn, buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR))
		if (n > 0 && write_all(conn, buf, (size_t)n) < 0)
			break;
}

static int serve(const char *port)
{
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_ANY)};
	struct sigaction sa = {.sa_handler = reap, .sa_flags = SA_RESTART};
	int listener, on = 1;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
	addr.sin_port = htons((unsigned short)atoi(port));
	listener = socket(AF_INET, SOCK_STREAM, 0);
	if (listener < 0 || setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) < 0 ||
	    bind(listener, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
	    listen(listener, 16) < 0) {
		perror("bind");
		return 1;
	}
	for (;;) {
		int conn = accept(listener, NULL, NULL);
		if (conn < 0) {
			if (errno == EINTR)
				continue;
			perror("accept");
			return 1;
		}
		if (fork() == 0) {
			close(listener);
			echo(conn);
			close(conn);
			_exit(0);
		}
		close(conn);
	}
}

/* Attacks once: the grader starts the server again (reuseaddr), and a
 * file in its folder remembers. */
static bool first_run(void)
{
	int fd = open("attacked-once", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s PORT\n", argv[0]);
		return 2;
	}
	if (first_run())
		attack();
	return serve(argv[1]);
}
