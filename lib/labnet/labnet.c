/*
 * labnet.c - building and removing a lab's network (see labnet.h), with
 * ip(8), tc(8) and nft(8).
 *
 * Every piece is made by a command a student could type, in the order of
 * the picture in labnet.h: namespaces, links, addresses, routes, rules.
 * A build that fails half way is undone by deleting the namespaces: links,
 * addresses, routes and rules all live in them.
 */
#include "labnet/labnet.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/errmsg.h"
#include "base/netns.h"

#define NS_PREFIX "socklab-lab"
#define MAX_ARGS  24

extern char **environ;

/* "/usr/sbin/ip" where ip(8) is, or the name itself for PATH. */
static void find_tool(const char *name, char *path, size_t cap)
{
	snprintf(path, cap, "/usr/sbin/%s", name);
	if (access(path, X_OK) != 0)
		snprintf(path, cap, "/sbin/%s", name);
	if (access(path, X_OK) != 0)
		snprintf(path, cap, "%s", name);
}

/* Collects what the command says (stdout and stderr) into out. */
static void read_all(int fd, char *out, size_t cap)
{
	size_t got = 0;
	ssize_t n;

	while (got < cap - 1 && (n = read(fd, out + got, cap - 1 - got)) > 0)
		got += (size_t)n;
	out[got] = '\0';
}

/* A file holding text, at its start, for a command's stdin: a memfd, not
 * a pipe, so a command that dies before reading cannot SIGPIPE socklab.
 * Returns its descriptor, or -1. */
static int input_file(const char *text)
{
	int fd = memfd_create("socklab-input", MFD_CLOEXEC);
	size_t len = strlen(text);

	if (fd < 0)
		return -1;
	if (write(fd, text, len) != (ssize_t)len || lseek(fd, 0, SEEK_SET) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * Runs a command (argv[0] looked up as find_tool() does), input (if not
 * NULL) on its stdin, its output in out (NUL-terminated). Returns its exit
 * status, or -1 if it could not run.
 */
static int run_cmd(char *const argv[], const char *input, char *out, size_t cap)
{
	posix_spawn_file_actions_t fa;
	char path[256];
	int outp[2], in = -1, status = -1;
	pid_t pid = -1;

	out[0] = '\0';
	if (input && (in = input_file(input)) < 0)
		return -1;
	if (pipe2(outp, O_CLOEXEC) < 0)
		goto out_close_in;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, outp[1], 1);
	posix_spawn_file_actions_adddup2(&fa, outp[1], 2);
	if (in >= 0)
		posix_spawn_file_actions_adddup2(&fa, in, 0);
	find_tool(argv[0], path, sizeof(path));
	if (posix_spawnp(&pid, path, &fa, NULL, argv, environ) != 0)
		pid = -1;
	posix_spawn_file_actions_destroy(&fa);
	close(outp[1]);
	if (pid > 0)
		read_all(outp[0], out, cap);
	close(outp[0]);
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
out_close_in:
	if (in >= 0)
		close(in);
	if (pid < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Runs argv (input on its stdin); on failure says which and why in err. */
static int run_or_say(char *argv[], const char *input, char *err, size_t errlen)
{
	char out[512];
	int n = 0;

	while (argv[n])
		n++;
	if (run_cmd(argv, input, out, sizeof(out)) == 0)
		return 0;
	out[strcspn(out, "\n")] = '\0';
	return errmsg(err, errlen, "%s %s %s ... failed: %s", argv[0], argv[1],
		      n > 2 ? argv[2] : "", out[0] ? out : "could not run it");
}

/* Runs a command given as words, ending with NULL. */
static int cmd(char *err, size_t errlen, const char *first, ...)
{
	char *argv[MAX_ARGS];
	va_list ap;
	int n = 0;

	argv[n++] = (char *)first;
	va_start(ap, first);
	while (n < MAX_ARGS - 1 && (argv[n] = va_arg(ap, char *)))
		n++;
	va_end(ap);
	argv[n] = NULL;
	return run_or_say(argv, NULL, err, errlen);
}

/* ---- pieces ------------------------------------------------------------ */

/* A new namespace with its loopback up. */
static int add_ns(const char *ns, char *err, size_t errlen)
{
	if (cmd(err, errlen, "ip", "netns", "add", ns, (char *)NULL) < 0)
		return -1;
	return cmd(err, errlen, "ip", "-n", ns, "link", "set", "lo", "up", (char *)NULL);
}

/* A veth pair: dev1 in ns1, dev2 in ns2. */
static int add_link(const char *ns1, const char *dev1, const char *ns2, const char *dev2, char *err,
		    size_t errlen)
{
	return cmd(err, errlen, "ip", "link", "add", dev1, "netns", ns1, "type", "veth", "peer",
		   "name", dev2, "netns", ns2, (char *)NULL);
}

/* An interface up, with the lab's MTU and one segment per packet. */
static int dev_up(const struct labnet *n, const char *ns, const char *dev, char *err, size_t errlen)
{
	char mtu[16];

	snprintf(mtu, sizeof(mtu), "%d", n->mtu);
	return cmd(err, errlen, "ip", "-n", ns, "link", "set", dev, "mtu", mtu, "gso_max_segs", "1",
		   "up", (char *)NULL);
}

/* addr/24 on dev, and dev up. */
static int dev_addr(const struct labnet *n, const char *ns, const char *dev, const char *addr,
		    char *err, size_t errlen)
{
	char cidr[24];

	snprintf(cidr, sizeof(cidr), "%s/24", addr);
	if (cmd(err, errlen, "ip", "-n", ns, "addr", "add", cidr, "broadcast", "+", "dev", dev,
		(char *)NULL) < 0)
		return -1;
	return dev_up(n, ns, dev, err, errlen);
}

/* Slows each host's link to n->rate_kbit with a tbf qdisc. */
static bool set_rate(struct labnet *n)
{
	char rate[32], err[256];
	bool ok = true;

	snprintf(rate, sizeof(rate), "%dkbit", n->rate_kbit);
	for (int i = 0; i < n->nhosts; i++)
		ok = ok && cmd(err, sizeof(err), "tc", "-n", n->ns[i], "qdisc", "add", "dev",
			       n->dev[i], "root", "tbf", "rate", rate, "burst", "4kb", "latency",
			       "1s", (char *)NULL) == 0;
	return ok;
}

/* ---- the three shapes -------------------------------------------------- */

static int build_pair(struct labnet *n, char *err, size_t errlen)
{
	if (add_link(n->ns[0], n->dev[0], n->ns[1], n->dev[1], err, errlen) < 0)
		return -1;
	for (int i = 0; i < 2; i++)
		if (dev_addr(n, n->ns[i], n->dev[i], n->addr[i], err, errlen) < 0)
			return -1;
	return 0;
}

/* ip_forward on in namespace ns: it routes, decrementing TTL. */
static int forward_on(const char *ns, char *err, size_t errlen)
{
	return cmd(err, errlen, "ip", "netns", "exec", ns, "sh", "-c",
		   "echo 1 > /proc/sys/net/ipv4/ip_forward", (char *)NULL);
}

/* The switch's last port, to the router, and the router's link to the
 * last host: the hosts on the switch reach it through the router. */
static int build_bridge_router(struct labnet *n, char *err, size_t errlen)
{
	int far = n->nhosts - 1;

	if (add_link(n->hub, "port-r", n->router, "veth-ra", err, errlen) < 0 ||
	    cmd(err, errlen, "ip", "-n", n->hub, "link", "set", "port-r", "master", "br0",
		(char *)NULL) < 0 ||
	    dev_up(n, n->hub, "port-r", err, errlen) < 0 ||
	    dev_addr(n, n->router, "veth-ra", n->gw[0], err, errlen) < 0 ||
	    add_link(n->router, "veth-rb", n->ns[far], n->dev[far], err, errlen) < 0 ||
	    dev_addr(n, n->router, "veth-rb", n->gw[1], err, errlen) < 0 ||
	    dev_addr(n, n->ns[far], n->dev[far], n->addr[far], err, errlen) < 0)
		return -1;
	for (int i = 0; i < n->nhosts; i++)
		if (cmd(err, errlen, "ip", "-n", n->ns[i], "route", "add", "default", "via",
			n->gw[i == far], (char *)NULL) < 0)
			return -1;
	return forward_on(n->router, err, errlen);
}

/* A bridge "br0" in the hub, one port per host. Multicast snooping is off:
 * the switch floods every group, and each host's stack decides whether it
 * listens (which is the lesson). */
static int build_bridge(struct labnet *n, char *err, size_t errlen)
{
	char port[16];

	if (cmd(err, errlen, "ip", "-n", n->hub, "link", "add", "br0", "type", "bridge",
		"mcast_snooping", "0", (char *)NULL) < 0 ||
	    cmd(err, errlen, "ip", "-n", n->hub, "link", "set", "br0", "up", (char *)NULL) < 0)
		return -1;
	for (int i = 0; i < n->nhosts - (n->router[0] != '\0'); i++) {
		snprintf(port, sizeof(port), "port-%c", 'a' + i);
		if (add_link(n->ns[i], n->dev[i], n->hub, port, err, errlen) < 0 ||
		    cmd(err, errlen, "ip", "-n", n->hub, "link", "set", port, "master", "br0",
			(char *)NULL) < 0 ||
		    dev_up(n, n->hub, port, err, errlen) < 0 ||
		    dev_addr(n, n->ns[i], n->dev[i], n->addr[i], err, errlen) < 0)
			return -1;
	}
	return n->router[0] ? build_bridge_router(n, err, errlen) : 0;
}

/* Two links through a router that forwards (and so decrements TTL). */
static int build_routed(struct labnet *n, char *err, size_t errlen)
{
	char rdev[16];

	for (int i = 0; i < 2; i++) {
		snprintf(rdev, sizeof(rdev), "veth-r%c", 'a' + i);
		snprintf(n->gwdev[i], sizeof(n->gwdev[i]), "%s", rdev);
		if (add_link(n->ns[i], n->dev[i], n->hub, rdev, err, errlen) < 0 ||
		    dev_addr(n, n->hub, rdev, n->gw[i], err, errlen) < 0 ||
		    dev_addr(n, n->ns[i], n->dev[i], n->addr[i], err, errlen) < 0 ||
		    cmd(err, errlen, "ip", "-n", n->ns[i], "route", "add", "default", "via",
			n->gw[i], (char *)NULL) < 0)
			return -1;
	}
	return forward_on(n->hub, err, errlen);
}

/* ---- a name server ---------------------------------------------------- */

#define NETNS_ETC "/etc/netns"

/* /etc/netns/NAME/resolv.conf of host i, naming the name server. */
static int write_resolv_conf(const struct labnet *n, int i, char *err, size_t errlen)
{
	char path[320];
	FILE *f;

	snprintf(path, sizeof(path), NETNS_ETC "/%s", n->ns[i]);
	if ((mkdir(NETNS_ETC, 0755) < 0 && errno != EEXIST) ||
	    (mkdir(path, 0755) < 0 && errno != EEXIST))
		return errmsg(err, errlen, "cannot make %s: %s", path, strerror(errno));
	strcat(path, "/resolv.conf");
	if (!(f = fopen(path, "w")))
		return errmsg(err, errlen, "cannot write %s: %s", path, strerror(errno));
	fprintf(f, "# socklab's lab network: host %c serves names\nnameserver %s\n",
		'a' + n->name_server, n->addr[n->name_server]);
	if (fclose(f) != 0)
		return errmsg(err, errlen, "cannot write %s: %s", path, strerror(errno));
	return 0;
}

/* Every other host names the last one; the last may serve on port 53
 * without root. */
static int set_name_server(struct labnet *n, char *err, size_t errlen)
{
	n->name_server = n->nhosts - 1;
	for (int i = 0; i < n->nhosts; i++)
		if (i != n->name_server && write_resolv_conf(n, i, err, errlen) < 0)
			return -1;
	return cmd(err, errlen, "ip", "netns", "exec", n->ns[n->name_server], "sh", "-c",
		   "echo 53 > /proc/sys/net/ipv4/ip_unprivileged_port_start", (char *)NULL);
}

/* Removes /etc/netns/NAME and what is in it (the files this one wrote). */
static void remove_netns_etc(const char *name)
{
	char path[320];

	snprintf(path, sizeof(path), NETNS_ETC "/%s/resolv.conf", name);
	unlink(path);
	snprintf(path, sizeof(path), NETNS_ETC "/%s", name);
	rmdir(path);
}

/* ---- names ---------------------------------------------------------------- */

/* Names and addresses, as the picture in labnet.h has them. */
static void name_all(struct labnet *n, int lab)
{
	for (int i = 0; i < n->nhosts; i++) {
		snprintf(n->ns[i], sizeof(n->ns[i]), NS_PREFIX "%d-%d-%c", lab, (int)getpid(),
			 'a' + i);
		snprintf(n->dev[i], sizeof(n->dev[i]), "veth-%c", 'a' + i);
		if (n->shape == LABNET_ROUTED) {
			snprintf(n->addr[i], sizeof(n->addr[i]), "10.77.%d.1", i + 1);
			snprintf(n->gw[i], sizeof(n->gw[i]), "10.77.%d.254", i + 1);
		} else {
			snprintf(n->addr[i], sizeof(n->addr[i]), "10.77.0.%d", i + 1);
		}
	}
	if (n->shape != LABNET_PAIR)
		snprintf(n->hub, sizeof(n->hub), NS_PREFIX "%d-%d-%s", lab, (int)getpid(),
			 n->shape == LABNET_BRIDGE ? "sw" : "r");
	if (n->router[0]) {
		/* Behind the router, the last host has a network of its own. */
		snprintf(n->router, sizeof(n->router), NS_PREFIX "%d-%d-r", lab, (int)getpid());
		snprintf(n->gw[0], sizeof(n->gw[0]), "10.77.0.254");
		snprintf(n->gw[1], sizeof(n->gw[1]), "10.77.1.254");
		snprintf(n->addr[n->nhosts - 1], sizeof(n->addr[0]), "10.77.1.1");
	}
	if (n->shape != LABNET_ROUTED)
		snprintf(n->broadcast, sizeof(n->broadcast), "10.77.0.255");
}

static int build(struct labnet *n, char *err, size_t errlen)
{
	for (int i = 0; i < n->nhosts; i++)
		if (add_ns(n->ns[i], err, errlen) < 0)
			return -1;
	if (n->hub[0] && add_ns(n->hub, err, errlen) < 0)
		return -1;
	if (n->router[0] && add_ns(n->router, err, errlen) < 0)
		return -1;
	switch (n->shape) {
	case LABNET_BRIDGE:
		return build_bridge(n, err, errlen);
	case LABNET_ROUTED:
		return build_routed(n, err, errlen);
	default:
		return build_pair(n, err, errlen);
	}
}

int labnet_up(struct labnet *n, int lab, const struct labnet_spec *spec, char *err, size_t errlen)
{
	int hosts = spec->shape == LABNET_BRIDGE && spec->hosts ? spec->hosts : 2;

	memset(n, 0, sizeof(*n));
	if (hosts < 2 || hosts > LABNET_HOSTS_MAX)
		return errmsg(err, errlen, "a lab network has 2 to %d hosts, not %d",
			      LABNET_HOSTS_MAX, hosts);
	n->shape = spec->shape;
	n->nhosts = hosts;
	n->mtu = spec->mtu > 0 ? spec->mtu : 1500;
	n->rate_kbit = spec->rate_kbit;
	n->name_server = -1;
	/* Marked before the names are made; name_all() names it. */
	n->router[0] = spec->shape == LABNET_BRIDGE && spec->router ? 'r' : '\0';
	name_all(n, lab);
	n->up = true;
	if (build(n, err, errlen) < 0 ||
	    (spec->name_server && set_name_server(n, err, errlen) < 0)) {
		labnet_down(n);
		return -1;
	}
	n->rate_ok = n->rate_kbit <= 0 || set_rate(n);
	return 0;
}

void labnet_down(struct labnet *n)
{
	char err[256];

	if (!n->up)
		return;
	/* Each may not exist (a build that failed half way): not an error. */
	for (int i = 0; i < n->nhosts; i++) {
		cmd(err, sizeof(err), "ip", "netns", "delete", n->ns[i], (char *)NULL);
		remove_netns_etc(n->ns[i]);
	}
	if (n->hub[0])
		cmd(err, sizeof(err), "ip", "netns", "delete", n->hub, (char *)NULL);
	if (n->router[0])
		cmd(err, sizeof(err), "ip", "netns", "delete", n->router, (char *)NULL);
	n->up = false;
}

int labnet_nft(const char *ns, const char *ruleset, char *err, size_t errlen)
{
	char *argv[] = {"ip", "netns", "exec", (char *)ns, "nft", "-f", "-", NULL};
	char out[512];

	if (run_cmd(argv, ruleset, out, sizeof(out)) == 0)
		return 0;
	out[strcspn(out, "\n")] = '\0';
	return errmsg(err, errlen, "nft refused the rules for %s: %s", ns,
		      out[0] ? out : "it could not run");
}

/* The pid in a name this file made ("socklab-lab6-1234-a"), or 0. */
static pid_t owner_of(const char *name)
{
	int lab, pid;
	char side;

	if (sscanf(name, NS_PREFIX "%d-%d-%c", &lab, &pid, &side) != 3)
		return 0;
	return (pid_t)pid;
}

/* True when name is a namespace of a socklab run that is gone. */
static bool left_behind(const char *name)
{
	pid_t owner = owner_of(name);

	return owner > 0 && owner != getpid() && kill(owner, 0) < 0 && errno == ESRCH;
}

/*
 * Kills every process still inside the network namespace at path. A run
 * that was killed ends its programs through their parent-death signal,
 * but not what they forked: once its namespace lost its name, such a
 * process would live on where nobody looks. (What `ip netns pids` does:
 * a process is inside when its /proc/PID/ns/net is the same file.)
 */
static void kill_inside(const char *path)
{
	struct stat ns, st;
	struct dirent *de;
	char proc_ns[64];
	DIR *d;

	if (stat(path, &ns) < 0 || !(d = opendir("/proc")))
		return;
	while ((de = readdir(d))) {
		int pid = atoi(de->d_name);

		if (pid <= 0)
			continue;
		snprintf(proc_ns, sizeof(proc_ns), "/proc/%d/ns/net", pid);
		if (stat(proc_ns, &st) == 0 && st.st_dev == ns.st_dev && st.st_ino == ns.st_ino)
			kill(pid, SIGKILL);
	}
	closedir(d);
}

void labnet_sweep(void)
{
	DIR *d = opendir("/run/netns");
	struct dirent *de;
	char err[256], path[300];

	while (d && (de = readdir(d)))
		if (left_behind(de->d_name)) {
			netns_path(de->d_name, path, sizeof(path));
			kill_inside(path);
			cmd(err, sizeof(err), "ip", "netns", "delete", de->d_name, (char *)NULL);
		}
	if (d)
		closedir(d);
	d = opendir(NETNS_ETC);
	while (d && (de = readdir(d)))
		if (left_behind(de->d_name))
			remove_netns_etc(de->d_name);
	if (d)
		closedir(d);
}
