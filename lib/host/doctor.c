/*
 * doctor.c - the checks of `socklab doctor` (see doctor.h).
 *
 * The checks that need a network namespace run in one child process that
 * unshares a new, empty namespace: whatever it adds (an nftables table, a
 * qdisc) disappears with it, and nothing machine-wide needs a name.
 */
#include "host/doctor.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/i18n.h"
#include "host/paths.h"
#include "sources/state/sockdiag.h"
#include "sources/state/tracefs.h"

static struct doctor_check *check(struct doctor_check *out, size_t *n, const char *name,
				  const char *without)
{
	struct doctor_check *c = &out[(*n)++];

	c->name = name;
	c->ok = false;
	c->found[0] = '\0';
	c->without = without;
	return c;
}

static void check_root(struct doctor_check *c)
{
	c->ok = geteuid() == 0;
	if (c->ok)
		snprintf(c->found, sizeof(c->found), _("socklab runs as root"));
	else
		snprintf(c->found, sizeof(c->found), _("socklab runs as user %d, not root"),
			 (int)geteuid());
}

static void check_tracer(struct doctor_check *c)
{
	const char *path = socklab_preload(c->found, sizeof(c->found));

	c->ok = path != NULL;
	if (path)
		snprintf(c->found, sizeof(c->found), "%s", path);
}

static void check_capture(struct doctor_check *c)
{
	char err[PCAP_ERRBUF_SIZE] = "";
	pcap_t *p = pcap_create("lo", err);
	int ret = p ? pcap_activate(p) : PCAP_ERROR;

	c->ok = ret >= 0;
	if (c->ok)
		snprintf(c->found, sizeof(c->found), _("packets can be captured on lo"));
	else
		snprintf(c->found, sizeof(c->found), _("cannot capture on lo: %s"),
			 p ? pcap_geterr(p) : err);
	if (p)
		pcap_close(p);
}

static void check_tracefs(struct doctor_check *c)
{
	struct tracefs tf;

	c->ok = tracefs_open(&tf, "sock/inet_sock_set_state", NULL, c->found, sizeof(c->found)) ==
		0;
	if (!c->ok)
		return;
	if (tf.mounted_here)
		snprintf(c->found, sizeof(c->found),
			 _("tracefs is not mounted, but socklab can mount it for a session; "
			   "sock:inet_sock_set_state works in an instance"));
	else
		snprintf(c->found, sizeof(c->found),
			 _("sock:inet_sock_set_state works in an instance of the tracefs at "
			   "%.300s"),
			 tf.root);
	tracefs_close(&tf);
}

static void count_socket(void *arg, const struct sockdiag_entry *e)
{
	(void)e;
	(*(int *)arg)++;
}

static void check_sockdiag(struct doctor_check *c)
{
	int fd = sockdiag_open(NULL, c->found, sizeof(c->found)), count = 0;

	if (fd < 0)
		return;
	c->ok = sockdiag_dump(fd, SOCKDIAG_ALL, count_socket, &count, c->found, sizeof(c->found)) ==
		0;
	if (c->ok)
		snprintf(c->found, sizeof(c->found),
			 _("sock_diag answers (%d TCP sockets on this machine)"), count);
	close(fd);
}

/* ---- in a throwaway network namespace ------------------------------------ */

/* What the probe child found; sent whole through a pipe. */
struct ns_probe {
	int netns_err;	    /* 0: a new network namespace was made */
	int nft_status;	    /* exit status of the nft commands; 127: no nft */
	int tc_status;	    /* the same for tc */
	char nft_said[200]; /* their first line of output */
	char tc_said[200];
};

/* Runs cmd through the shell; its exit status and first line of output. */
static int run_quietly(const char *cmd, char *said, size_t cap)
{
	FILE *f = popen(cmd, "r");
	int status;

	said[0] = '\0';
	if (!f)
		return -1;
	if (fgets(said, (int)cap, f))
		said[strcspn(said, "\n")] = '\0';
	while (fgetc(f) != EOF)
		;
	status = pclose(f);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The loss rule a lab uses (an nftables numgen drop), and a netem qdisc. */
#define NFT_PROBE                                                                                  \
	"nft add table inet socklab_probe && "                                                     \
	"nft add chain inet socklab_probe out '{ type filter hook output priority 0; }' && "       \
	"nft add rule inet socklab_probe out meta l4proto tcp numgen random mod 10 0 drop 2>&1"
#define TC_PROBE "tc qdisc add dev lo root netem delay 1ms loss 1% 2>&1"

static void probe_child(int report)
{
	struct ns_probe r = {0};

	if (unshare(CLONE_NEWNET) < 0) {
		r.netns_err = errno;
	} else {
		r.nft_status = run_quietly(NFT_PROBE, r.nft_said, sizeof(r.nft_said));
		r.tc_status = run_quietly(TC_PROBE, r.tc_said, sizeof(r.tc_said));
	}
	_exit(write(report, &r, sizeof(r)) == sizeof(r) ? 0 : 1);
}

static int probe_namespace(struct ns_probe *r)
{
	int p[2], status;
	ssize_t n;
	pid_t pid;

	if (pipe(p) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		probe_child(p[1]);
	}
	close(p[1]);
	n = pid > 0 ? read(p[0], r, sizeof(*r)) : -1;
	close(p[0]);
	if (pid > 0)
		waitpid(pid, &status, 0);
	return n == (ssize_t)sizeof(*r) ? 0 : -1;
}

static void report_tool(struct doctor_check *c, int status, const char *said, const char *tool,
			const char *package, const char *works)
{
	c->ok = status == 0;
	if (c->ok)
		snprintf(c->found, sizeof(c->found), "%s", works);
	else if (status == 127)
		snprintf(c->found, sizeof(c->found), _("%s is not installed (Debian package %s)"),
			 tool, package);
	else
		snprintf(c->found, sizeof(c->found), _("%s failed: %s"), tool,
			 said[0] ? said : _("no reason given"));
}

static void check_namespaces(struct doctor_check *ns, struct doctor_check *nft,
			     struct doctor_check *netem)
{
	struct ns_probe r;

	if (probe_namespace(&r) < 0) {
		snprintf(ns->found, sizeof(ns->found), _("the namespace probe did not report"));
		return;
	}
	ns->ok = r.netns_err == 0;
	if (!ns->ok) {
		snprintf(ns->found, sizeof(ns->found),
			 r.netns_err == EPERM
				 ? _("cannot make a network namespace: %s (needs root)")
				 : _("cannot make a network namespace: %s"),
			 strerror(r.netns_err));
		snprintf(nft->found, sizeof(nft->found), _("not tried: no network namespace"));
		snprintf(netem->found, sizeof(netem->found), _("not tried: no network namespace"));
		return;
	}
	snprintf(ns->found, sizeof(ns->found), _("a network namespace can be made"));
	report_tool(nft, r.nft_status, r.nft_said, "nft", "nftables",
		    _("a packet-loss rule (numgen random ... drop) works in a namespace"));
	report_tool(netem, r.tc_status, r.tc_said, "tc qdisc netem", "iproute2",
		    _("the netem qdisc (delay, loss) works in a namespace"));
}

/* ---- all of them -------------------------------------------------------- */

size_t doctor_run(struct doctor_check *out)
{
	struct doctor_check *ns, *nft, *netem;
	size_t n = 0;

	check_root(check(out, &n, "root",
			 _("without root, socklab cannot capture packets or read exact kernel "
			   "states; calls, processes and most states still show")));
	check_tracer(check(out, &n, "tracer",
			   _("without the tracer library no call is recorded: run make (or make "
			     "install)")));
	check_capture(check(out, &n, "capture",
			    _("without packet capture there are no packets: no SYN, FIN or ACK on "
			      "the timeline, and capture.pcap stays empty")));
	check_tracefs(check(out, &n, "tracefs",
			    _("without tracefs, short-lived states like SYN_RCVD may be missed; "
			      "TIME_WAIT still shows")));
	check_sockdiag(check(out, &n, "sock_diag",
			     _("without sock_diag, TIME_WAIT and its countdown do not show, and "
			       "without tracefs states show only at your program's calls")));
	ns = check(out, &n, "netns",
		   _("without network namespaces, labs that build their own network (a lossy "
		     "link, MTU 1500 over veth) cannot run"));
	nft = check(out, &n, "nftables",
		    _("without nftables, labs cannot drop packets on purpose to show "
		      "retransmission"));
	netem = check(out, &n, "netem",
		      _("without netem, labs cannot delay packets; loss still works through "
			"nftables where that works"));
	check_namespaces(ns, nft, netem);
	return n;
}
