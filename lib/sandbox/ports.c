/*
 * ports.c - where a process really listens (see ports.h).
 */
#include "sandbox/ports.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_SOCKETS 64

/* The inodes of the sockets pid holds ("socket:[N]" links in its fd
 * folder). Returns how many. */
static int socket_inodes(pid_t pid, unsigned long *ino, int max)
{
	char path[64], link[64];
	struct dirent *de;
	DIR *d;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	if (!(d = opendir(path)))
		return 0;
	while (n < max && (de = readdir(d))) {
		char fd[330];
		ssize_t len;

		snprintf(fd, sizeof(fd), "%s/%s", path, de->d_name);
		len = readlink(fd, link, sizeof(link) - 1);
		if (len <= 0)
			continue;
		link[len] = '\0';
		if (sscanf(link, "socket:[%lu]", &ino[n]) == 1)
			n++;
	}
	closedir(d);
	return n;
}

/* A line of /proc/PID/net/FILE whose inode is one of ino and whose state
 * is state (hex): its local port; 0 when none. */
static int port_in(pid_t pid, const char *file, const char *state, const unsigned long *ino, int n)
{
	char path[64], line[512];
	int port = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/net/%s", (int)pid, file);
	if (!(f = fopen(path, "re")))
		return 0;
	while (!port && fgets(line, sizeof(line), f)) {
		unsigned local_port;
		unsigned long inode;
		char st[8];
		/* sl local rem st tx:rx tr:when retrnsmt uid timeout inode */
		if (sscanf(line,
			   " %*d: %*[0-9A-Fa-f]:%x %*[0-9A-Fa-f]:%*x %7s %*s %*s %*s %*u %*u %lu",
			   &local_port, st, &inode) != 3 ||
		    strcmp(st, state) != 0)
			continue;
		for (int i = 0; i < n; i++)
			if (ino[i] == inode && local_port)
				port = (int)local_port;
	}
	fclose(f);
	return port;
}

int proc_listen_port(pid_t pid, bool udp)
{
	unsigned long ino[MAX_SOCKETS];
	int n = socket_inodes(pid, ino, MAX_SOCKETS), port;

	if (n == 0)
		return 0;
	/* 0A is TCP_LISTEN; 07 (TCP_CLOSE) is how a bound UDP socket shows. */
	port = port_in(pid, udp ? "udp" : "tcp", udp ? "07" : "0A", ino, n);
	return port ? port : port_in(pid, udp ? "udp6" : "tcp6", udp ? "07" : "0A", ino, n);
}
