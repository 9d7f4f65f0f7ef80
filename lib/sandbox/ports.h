/*
 * ports.h - where a process really listens, from the kernel's tables.
 *
 * A server handed a port may ignore it (UNP's examples listen on
 * SERV_PORT 9877 whatever they are given). The grader then grades it where
 * it listens: the sockets the process holds (its /proc/PID/fd) that its
 * network namespace lists as listening (/proc/PID/net/tcp, tcp6) or bound
 * (udp, udp6).
 */
#ifndef SOCKLAB_PORTS_H
#define SOCKLAB_PORTS_H

#include <stdbool.h>
#include <sys/types.h>

/* The port of a TCP socket pid listens on (udp: a UDP socket it has
 * bound), or 0 when it has none. */
int proc_listen_port(pid_t pid, bool udp);

#endif
