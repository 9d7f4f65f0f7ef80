/*
 * labkit.c - what the labs share.
 */
#include "lab/labkit.h"

#include <stdio.h>
#include <string.h>

#include "host/paths.h"
#include "run/scenario.h"

/* The path of another lab's program ("01-handshake", "echo_client"). */
static char *lab_program(char *buf, size_t cap, const char *dir, const char *name)
{
	snprintf(buf, cap, "%s/labs/%s/%s", socklab_libdir(), dir, name);
	return buf;
}

pid_t lab_echo_client_start(struct scenario *s, const char *role, int port)
{
	char path[4096], port_str[16];

	lab_program(path, sizeof(path), "01-handshake", "echo_client");
	snprintf(port_str, sizeof(port_str), "%d", port);
	return scenario_start_typing(s, NULL, role, ARGV(path, "127.0.0.1", port_str));
}

pid_t lab_echo_client(struct scenario *s, const char *role, int port, const char *line)
{
	pid_t client = lab_echo_client_start(s, role, port);

	if (client < 0)
		return -1;
	/* The user takes a moment before typing. It also lets socklab see the
	 * new connection when, without root, it samples states every 20 ms. */
	scenario_sleep(s, 100);
	if (scenario_type(s, client, line) < 0 ||
	    scenario_wait_output(s, client, "Message from server", 5000) < 0)
		return -1;
	return client;
}
