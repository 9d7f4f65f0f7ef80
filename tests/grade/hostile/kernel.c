/*
 * A hostile submission: it reaches for the kernel's larger surface, where
 * most of its security holes have been -- a user namespace of its own (in
 * it the program is root, and may mount a tmpfs), unshare() and a raw
 * clone(); setns(); io_uring; userfaultfd; perf_event_open; bpf; mount();
 * ptrace() and process_vm_readv() on its parent; and unshare() again
 * through the 32-bit system calls (int 0x80), which a filter written for
 * the 64-bit ones would miss. It prints what each returned, then serves as
 * a correct concurrent echo server.
 *
 * tests/cmd/grade_hostile.sh grades it and checks that each was denied
 * with EPERM, that each denial is in result.json and report.txt, and that
 * it still passes every check: the denial is reported, nothing crashes.
 */
#define _GNU_SOURCE /* CLONE_NEWUSER */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/io_uring.h>
#include <linux/perf_event.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static void say(const char *what, long ret)
{
	if (ret < 0)
		printf("kernel: %s: %s\n", what, strerror(errno));
	else
		printf("kernel: %s: it worked (%ld)\n", what, ret);
}

/* A raw clone() into a new user namespace; the child, if any, ends. */
static long clone_userns(void)
{
	long pid = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0);

	if (pid == 0)
		_exit(0);
	if (pid > 0)
		waitpid((pid_t)pid, NULL, 0);
	return pid;
}

static long setns_own(void)
{
	int fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	long ret = fd < 0 ? -1 : syscall(SYS_setns, fd, 0);

	if (fd >= 0)
		close(fd);
	return ret;
}

static long perf(void)
{
	struct perf_event_attr a = {.type = PERF_TYPE_SOFTWARE,
				    .size = sizeof(a),
				    .config = PERF_COUNT_SW_CPU_CLOCK};

	return syscall(SYS_perf_event_open, &a, 0, -1, -1, 0);
}

static long bpf_map(void)
{
	union bpf_attr a = {.map_type = BPF_MAP_TYPE_ARRAY,
			    .key_size = 4,
			    .value_size = 4,
			    .max_entries = 1};

	return syscall(SYS_bpf, BPF_MAP_CREATE, &a, sizeof(a));
}

static long read_parent(void)
{
	char buf[16];
	struct iovec local = {buf, sizeof(buf)}, remote = {(void *)0x400000, sizeof(buf)};

	return syscall(SYS_process_vm_readv, getppid(), &local, 1, &remote, 1, 0);
}

/* unshare(CLONE_NEWUSER) through int 0x80, in a child: a kernel without
 * the 32-bit calls kills it, and only it. Prints the result itself. */
static void unshare_32bit(void)
{
#ifdef __x86_64__
	int status, fd[2];
	long ret = 0;
	pid_t pid;

	if (pipe(fd) < 0)
		return;
	pid = fork();
	if (pid == 0) {
		/* 310: unshare in the i386 table */
		__asm__ volatile("int $0x80"
				 : "=a"(ret)
				 : "a"(310L), "b"((long)CLONE_NEWUSER)
				 : "memory");
		_exit(write(fd[1], &ret, sizeof(ret)) == sizeof(ret) ? 0 : 1);
	}
	close(fd[1]);
	if (pid > 0 && read(fd[0], &ret, sizeof(ret)) == sizeof(ret)) {
		errno = ret < 0 ? (int)-ret : 0;
		say("unshare(CLONE_NEWUSER) (32-bit)", ret < 0 ? -1 : ret);
	} else {
		printf("kernel: unshare(CLONE_NEWUSER) (32-bit): no 32-bit system calls here\n");
	}
	close(fd[0]);
	if (pid > 0)
		waitpid(pid, &status, 0);
#endif
}

static void attack(void)
{
	struct io_uring_params p = {0};

	say("unshare(CLONE_NEWUSER)", syscall(SYS_unshare, CLONE_NEWUSER));
	say("clone(CLONE_NEWUSER)", clone_userns());
	say("setns", setns_own());
	say("io_uring_setup", syscall(SYS_io_uring_setup, 8, &p));
	say("userfaultfd", syscall(SYS_userfaultfd, O_CLOEXEC));
	say("perf_event_open", perf());
	say("bpf(BPF_MAP_CREATE)", bpf_map());
	say("mount(tmpfs on /tmp)", syscall(SYS_mount, "none", "/tmp", "tmpfs", 0, NULL));
	say("ptrace(PTRACE_ATTACH, parent)", syscall(SYS_ptrace, PTRACE_ATTACH, getppid(), 0, 0));
	say("process_vm_readv(parent)", read_parent());
	fflush(stdout);
	unshare_32bit();
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
