/*
 * netns_etc.h - what a program started in a named network namespace sees
 * in /etc, as with `ip netns exec NAME`: each file of /etc/netns/NAME (a
 * lab network's resolv.conf, naming its name server) bound over the file
 * of the same name in /etc, in a mount namespace of the program's own.
 */
#ifndef SOCKLAB_NETNS_ETC_H
#define SOCKLAB_NETNS_ETC_H

#define ETC_FILES_MAX 4

struct etc_overlay {
	int n;
	char from[ETC_FILES_MAX][544]; /* /etc/netns/NAME/resolv.conf */
	char to[ETC_FILES_MAX][280];   /* /etc/resolv.conf */
};

/* In the parent: the files of /etc/netns/NAME for the namespace at path
 * netns (/run/netns/NAME); none for a namespace named otherwise. */
void etc_overlay_find(const char *netns, struct etc_overlay *o);

/* In the child, before exec: binds the files over /etc's. Returns 0 or an
 * errno. Async-signal-safe. */
int etc_overlay_apply(const struct etc_overlay *o);

#endif
