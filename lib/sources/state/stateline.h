/*
 * stateline.h - one line of the kernel's sock:inet_sock_set_state trace
 * event, read as a TCP state change.
 *
 * tracefs hands us lines like (one line, wrapped here):
 *
 *   <idle>-0 [001] ..s2.  956.700032: inet_sock_set_state: family=AF_INET
 *     protocol=IPPROTO_TCP sport=38300 dport=42277 saddr=127.0.0.1
 *     daddr=127.0.0.1 saddrv6=::ffff:127.0.0.1 daddrv6=::ffff:127.0.0.1
 *     oldstate=TCP_FIN_WAIT1 newstate=TCP_FIN_WAIT2
 *
 * That text comes from outside socklab, so every field is checked: a line
 * that is not exactly what we expect is refused, never half-read. The
 * process name and pid at the start ("echo_server-9597") are whoever was
 * running on that CPU: the event often fires in softirq context, for any
 * process. Only a change made by a system call is sure to come from its
 * caller -- CLOSE -> SYN_SENT is connect()'s own (see state_change.tid).
 */
#ifndef SOCKLAB_STATELINE_H
#define SOCKLAB_STATELINE_H

#include <stddef.h>
#include <stdint.h>

#include "wire/endpoint.h"
#include "wire/tcp.h"

struct state_change {
	int64_t t_ns;	       /* the trace clock's time ("mono": CLOCK_MONOTONIC) */
	struct endpoint local; /* port 0 when the kernel had not picked it yet */
	struct endpoint peer;  /* family 0 for a listener: no peer */
	enum tcp_state from, to;
	int tid; /* the task the line names (a thread id); 0 when none */
};

enum stateline_kind {
	STATELINE_CHANGE, /* *out is filled */
	STATELINE_LOST,	  /* "CPU:1 [LOST 12 EVENTS]": *lost is the count */
	STATELINE_BAD,	  /* anything else; err says what */
};

enum stateline_kind stateline_parse(const char *line, struct state_change *out, long *lost,
				    char *err, size_t errlen);

#endif
