/*
 * netns.c - naming a network namespace (see netns.h).
 */
#include "base/netns.h"

#include <stdio.h>
#include <string.h>

void netns_path(const char *netns, char *out, size_t cap)
{
	if (strchr(netns, '/'))
		snprintf(out, cap, "%s", netns);
	else
		snprintf(out, cap, "/run/netns/%s", netns);
}
