/*
 * test_labnet.c - a lab's own network, in each of its shapes: a datagram
 * crosses the pair's link; on the bridge a broadcast reaches the hosts that
 * listen on its port and no other; through the router TTL 1 stops and TTL
 * 2 passes; an nftables rule drops what it says; and nothing is left once
 * the network is down.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "base/netns.h"
#include "labnet/labnet.h"
#include "tests/unit/testutil.h"

#define PORT	   9300
#define OTHER_PORT 9301

static struct labnet net;

static void up_spec(const struct labnet_spec *spec)
{
	char err[512];

	need_root("a lab network is made of network namespaces");
	cr_assert_eq(labnet_up(&net, 99, spec, err, sizeof(err)), 0, "%s", err);
}

static void up(enum labnet_shape shape, int hosts)
{
	up_spec(&(struct labnet_spec){.shape = shape, .hosts = hosts, .mtu = 1500});
}

static void down(void)
{
	labnet_down(&net);
}

static void enter(const char *ns)
{
	char path[4096];
	int fd;

	netns_path(ns, path, sizeof(path));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || setns(fd, CLONE_NEWNET) < 0)
		_exit(100);
	close(fd);
}

/* A child in namespace ns that waits up to 3 s for one datagram on port:
 * exits 0 when it came, 1 when not. Returns its pid once it is bound. */
static pid_t receiver(const char *ns, int port)
{
	int ready[2];
	pid_t pid;
	char c;

	cr_assert_eq(pipe(ready), 0);
	pid = fork();
	if (pid == 0) {
		struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
		struct timeval tv = {.tv_sec = 3};
		char buf[64];
		int s;

		enter(ns);
		s = socket(AF_INET, SOCK_DGRAM, 0);
		setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		if (bind(s, (struct sockaddr *)&a, sizeof(a)) < 0)
			_exit(101);
		(void)!write(ready[1], "r", 1);
		_exit(recv(s, buf, sizeof(buf), 0) > 0 ? 0 : 1);
	}
	close(ready[1]);
	cr_assert_eq(read(ready[0], &c, 1), 1, "the receiver in %s could not bind", ns);
	close(ready[0]);
	return pid;
}

/* From namespace ns, one datagram to addr:port with this TTL (0: the
 * default), broadcast allowed. */
static void send_from(const char *ns, const char *addr, int port, int ttl)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
		int s, on = 1;

		enter(ns);
		inet_pton(AF_INET, addr, &a.sin_addr);
		s = socket(AF_INET, SOCK_DGRAM, 0);
		setsockopt(s, SOL_SOCKET, SO_BROADCAST, &on, sizeof(on));
		if (ttl)
			setsockopt(s, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl));
		_exit(sendto(s, "hello", 5, 0, (struct sockaddr *)&a, sizeof(a)) == 5 ? 0 : 1);
	}
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "sendto from %s to %s failed", ns,
		  addr);
}

/* True when the receiver got its datagram. */
static bool got(pid_t pid)
{
	int status;

	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) <= 1, "the receiver failed (%d)",
		  status);
	return WEXITSTATUS(status) == 0;
}

static bool ns_exists(const char *ns)
{
	char path[4096];
	struct stat st;

	netns_path(ns, path, sizeof(path));
	return stat(path, &st) == 0;
}

Test(labnet, a_datagram_crosses_the_pairs_link, .fini = down)
{
	pid_t b;

	up(LABNET_PAIR, 0);
	b = receiver(net.ns[LABNET_B], PORT);
	send_from(net.ns[LABNET_A], net.addr[LABNET_B], PORT, 0);
	cr_assert(got(b), "b never got the datagram from a");
}

Test(labnet, a_broadcast_reaches_the_hosts_on_its_port_and_no_other, .fini = down)
{
	pid_t b, c, d;

	up(LABNET_BRIDGE, 4);
	cr_assert_eq(net.nhosts, 4);
	cr_assert_str_eq(net.broadcast, "10.77.0.255");
	b = receiver(net.ns[LABNET_B], PORT);
	c = receiver(net.ns[LABNET_C], PORT);
	d = receiver(net.ns[LABNET_D], OTHER_PORT);
	send_from(net.ns[LABNET_A], net.broadcast, PORT, 0);
	cr_assert(got(b), "b listens on the port and missed the broadcast");
	cr_assert(got(c), "c listens on the port and missed the broadcast");
	cr_assert_not(got(d), "d listens on another port and still got it");
}

Test(labnet, through_the_router_ttl_1_stops_and_ttl_2_passes, .fini = down)
{
	pid_t b;

	up(LABNET_ROUTED, 0);
	cr_assert_neq(strcmp(net.addr[LABNET_A], net.addr[LABNET_B]), 0);
	b = receiver(net.ns[LABNET_B], PORT);
	send_from(net.ns[LABNET_A], net.addr[LABNET_B], PORT, 1);
	cr_assert_not(got(b), "a datagram with TTL 1 crossed the router");
	b = receiver(net.ns[LABNET_B], PORT);
	send_from(net.ns[LABNET_A], net.addr[LABNET_B], PORT, 2);
	cr_assert(got(b), "a datagram with TTL 2 did not cross the router");
}

/* A small internet: a, b, c on the switch, d behind the router. */
Test(labnet, a_bridge_with_a_router_keeps_broadcasts_and_counts_hops, .fini = down)
{
	pid_t b, d;

	up_spec(&(struct labnet_spec){.shape = LABNET_BRIDGE,
				      .hosts = 4,
				      .mtu = 1500,
				      .router = true});
	cr_assert_str_eq(net.addr[LABNET_D], "10.77.1.1");
	cr_assert_str_eq(net.gw[0], "10.77.0.254");
	cr_assert(ns_exists(net.router), "no router namespace");
	b = receiver(net.ns[LABNET_B], PORT);
	d = receiver(net.ns[LABNET_D], PORT);
	send_from(net.ns[LABNET_A], net.broadcast, PORT, 0);
	cr_assert(got(b), "b missed the broadcast");
	cr_assert_not(got(d), "the broadcast crossed the router");
	d = receiver(net.ns[LABNET_D], PORT);
	send_from(net.ns[LABNET_A], net.addr[LABNET_D], PORT, 1);
	cr_assert_not(got(d), "a datagram with TTL 1 crossed the router");
	d = receiver(net.ns[LABNET_D], PORT);
	send_from(net.ns[LABNET_A], net.addr[LABNET_D], PORT, 2);
	cr_assert(got(d), "a datagram with TTL 2 did not reach d");
}

/* The last host serves names: the others' resolv.conf says so, and it
 * goes with the network. */
Test(labnet, a_name_server_is_named_in_the_others_resolv_conf, .fini = down)
{
	char path[512], line[256];
	FILE *f;

	up_spec(&(struct labnet_spec){.shape = LABNET_BRIDGE,
				      .hosts = 3,
				      .mtu = 1500,
				      .name_server = true});
	cr_assert_eq(net.name_server, LABNET_C);
	snprintf(path, sizeof(path), "/etc/netns/%s/resolv.conf", net.ns[LABNET_A]);
	f = fopen(path, "r");
	cr_assert_not_null(f, "no %s", path);
	while (fgets(line, sizeof(line), f) && strncmp(line, "nameserver", 10) != 0)
		;
	fclose(f);
	cr_assert_str_eq(line, "nameserver 10.77.0.3\n");
	labnet_down(&net);
	cr_assert_neq(access(path, F_OK), 0, "%s is still there", path);
}

Test(labnet, an_nftables_rule_drops_what_it_says, .fini = down)
{
	char err[512];
	pid_t b;

	up(LABNET_PAIR, 0);
	cr_assert_eq(labnet_nft(net.ns[LABNET_B],
				"table inet socklab {\n"
				"  chain in { type filter hook input priority 0; udp dport "
				"9300 drop; }\n"
				"}\n",
				err, sizeof(err)),
		     0, "%s", err);
	b = receiver(net.ns[LABNET_B], PORT);
	send_from(net.ns[LABNET_A], net.addr[LABNET_B], PORT, 0);
	cr_assert_not(got(b), "the rule should have dropped the datagram");
	cr_assert_eq(labnet_nft(net.ns[LABNET_B], "this is not nft", err, sizeof(err)), -1);
	cr_assert(strstr(err, "nft refused"), "the error names the command: %s", err);
}

Test(labnet, nothing_is_left_once_the_network_is_down)
{
	char ns[3][64];

	up(LABNET_ROUTED, 0);
	snprintf(ns[0], sizeof(ns[0]), "%s", net.ns[LABNET_A]);
	snprintf(ns[1], sizeof(ns[1]), "%s", net.ns[LABNET_B]);
	snprintf(ns[2], sizeof(ns[2]), "%s", net.hub);
	for (int i = 0; i < 3; i++)
		cr_assert(ns_exists(ns[i]), "%s was not made", ns[i]);
	labnet_down(&net);
	labnet_down(&net);
	for (int i = 0; i < 3; i++)
		cr_assert_not(ns_exists(ns[i]), "%s is still there", ns[i]);
}

Test(labnet, a_bridge_of_too_many_hosts_is_refused_with_a_reason)
{
	struct labnet_spec spec = {.shape = LABNET_BRIDGE, .hosts = 9, .mtu = 1500};
	char err[256];

	cr_assert_eq(labnet_up(&net, 99, &spec, err, sizeof(err)), -1);
	cr_assert(strstr(err, "2 to 6 hosts"), "%s", err);
}
