/*
 * tcpstate.c - the names of TCP states (see tcpstate.h).
 */
#include "tcpstate.h"

#include <string.h>

static const char *const state_names[TCP_ST_COUNT] = {
	[TCP_ST_NONE] = "NONE",
	[TCP_ST_ESTABLISHED] = "ESTABLISHED",
	[TCP_ST_SYN_SENT] = "SYN_SENT",
	[TCP_ST_SYN_RCVD] = "SYN_RCVD",
	[TCP_ST_FIN_WAIT_1] = "FIN_WAIT_1",
	[TCP_ST_FIN_WAIT_2] = "FIN_WAIT_2",
	[TCP_ST_TIME_WAIT] = "TIME_WAIT",
	[TCP_ST_CLOSED] = "CLOSED",
	[TCP_ST_CLOSE_WAIT] = "CLOSE_WAIT",
	[TCP_ST_LAST_ACK] = "LAST_ACK",
	[TCP_ST_LISTEN] = "LISTEN",
	[TCP_ST_CLOSING] = "CLOSING",
	[TCP_ST_NEW_SYN_RECV] = "NEW_SYN_RECV",
};

const char *tcp_state_name(enum tcp_state st)
{
	return st < TCP_ST_COUNT ? state_names[st] : "?";
}

enum tcp_state tcp_state_parse(const char *name)
{
	if (!name)
		return TCP_ST_NONE;
	for (int i = 1; i < TCP_ST_COUNT; i++)
		if (strcmp(name, state_names[i]) == 0)
			return (enum tcp_state)i;
	return TCP_ST_NONE;
}

/* The kernel's names (include/net/tcp_states.h), in its order: the value
 * of TCP_ESTABLISHED is 1, and so on. */
static const char *const kernel_states[TCP_ST_COUNT] = {
	[TCP_ST_ESTABLISHED] = "TCP_ESTABLISHED", [TCP_ST_SYN_SENT] = "TCP_SYN_SENT",
	[TCP_ST_SYN_RCVD] = "TCP_SYN_RECV",       [TCP_ST_FIN_WAIT_1] = "TCP_FIN_WAIT1",
	[TCP_ST_FIN_WAIT_2] = "TCP_FIN_WAIT2",    [TCP_ST_TIME_WAIT] = "TCP_TIME_WAIT",
	[TCP_ST_CLOSED] = "TCP_CLOSE",            [TCP_ST_CLOSE_WAIT] = "TCP_CLOSE_WAIT",
	[TCP_ST_LAST_ACK] = "TCP_LAST_ACK",       [TCP_ST_LISTEN] = "TCP_LISTEN",
	[TCP_ST_CLOSING] = "TCP_CLOSING",         [TCP_ST_NEW_SYN_RECV] = "TCP_NEW_SYN_RECV",
};

enum tcp_state tcp_state_parse_kernel(const char *name)
{
	for (int i = 1; i < TCP_ST_COUNT; i++)
		if (strcmp(name, kernel_states[i]) == 0)
			return (enum tcp_state)i;
	return TCP_ST_NONE;
}
