/*
 * netns.h - naming a network namespace, as `ip netns` does.
 */
#ifndef SOCKLAB_NETNS_H
#define SOCKLAB_NETNS_H

#include <stddef.h>

/* The file of network namespace netns: "/run/netns/NAME" for a name that
 * `ip netns add` made, or netns itself when it is a path
 * ("/proc/PID/ns/net"). */
void netns_path(const char *netns, char *out, size_t cap);

#endif
