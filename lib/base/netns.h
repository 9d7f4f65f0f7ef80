/*
 * netns.h - naming a network namespace, as `ip netns` does, and entering
 * one for a moment.
 */
#ifndef SOCKLAB_NETNS_H
#define SOCKLAB_NETNS_H

#include <stddef.h>

/* The file of network namespace netns: "/run/netns/NAME" for a name that
 * `ip netns add` made, or netns itself when it is a path
 * ("/proc/PID/ns/net"). */
void netns_path(const char *netns, char *out, size_t cap);

/*
 * Moves the calling thread into network namespace netns; *back is where
 * netns_leave() returns it to. A socket opened meanwhile (a capture, a
 * netlink socket) stays in netns. Returns 0, or -1 with the reason in err
 * ("no network namespace ...", "cannot enter network namespace ...").
 */
int netns_enter(const char *netns, int *back, char *err, size_t errlen);
void netns_leave(int back);

#endif
