/*
 * test_capture.c - the pkt source captures in a lab's network namespace:
 * two namespaces joined by a veth pair (as a lab over MTU 1500 builds
 * them), an echo conversation across it, and a collector told to capture
 * on one end of the veth inside its namespace. Needs root.
 */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collect/collector.h"
#include "sources/pkt/capture.h"

static char ns_a[64], ns_b[64], dir[128];

static void need_root(void)
{
	if (geteuid() == 0)
		return;
	if (getenv("SOCKLAB_NO_SKIP") && strcmp(getenv("SOCKLAB_NO_SKIP"), "1") == 0)
		cr_assert_fail("needs root: network namespaces and capture (SOCKLAB_NO_SKIP=1)");
	cr_skip_test("needs root: network namespaces and capture");
}

static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int sh(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return system(cmd);
}

/* A: 10.213.0.1 on veth "lab0"; B: 10.213.0.2 on "lab1". */
static void lab_network_up(void)
{
	snprintf(ns_a, sizeof(ns_a), "socklab-test-a-%d", (int)getpid());
	snprintf(ns_b, sizeof(ns_b), "socklab-test-b-%d", (int)getpid());
	snprintf(dir, sizeof(dir), "/tmp/socklab-test-capture-%d", (int)getpid());
	cr_assert_eq(sh("ip netns add %s && ip netns add %s && "
			"ip -n %s link add lab0 type veth peer name lab1 netns %s && "
			"ip -n %s addr add 10.213.0.1/24 dev lab0 && ip -n %s link set lab0 up && "
			"ip -n %s addr add 10.213.0.2/24 dev lab1 && ip -n %s link set lab1 up",
			ns_a, ns_b, ns_a, ns_b, ns_a, ns_a, ns_b, ns_b),
		     0, "cannot build the lab network");
}

static void lab_network_down(void)
{
	sh("ip netns del %s 2>/dev/null; ip netns del %s 2>/dev/null; rm -rf %s", ns_a, ns_b, dir);
}

static json_t *load_events(const char *path, size_t *npkt)
{
	json_t *all = json_array();
	char line[4096];
	FILE *f = fopen(path, "re");

	cr_assert_not_null(f, "no %s", path);
	*npkt = 0;
	while (fgets(line, sizeof(line), f)) {
		json_t *ev = json_loads(line, 0, NULL);
		const char *src = json_string_value(json_object_get(ev, "src"));
		if (src && strcmp(src, "pkt") == 0) {
			json_array_append(all, ev);
			(*npkt)++;
		}
		json_decref(ev);
	}
	fclose(f);
	return all;
}

Test(capture, captures_on_a_veth_inside_a_lab_namespace, .init = need_root,
     .fini = lab_network_down)
{
	static const struct source *const only_pkt[] = {&capture_source, NULL};
	const char *progs = getenv("BUILD") ? getenv("BUILD") : "build";
	int port = 9000 + getpid() % 1000;
	struct collector_options o = {.sources = only_pkt,
				      .ports = &port,
				      .nports = 1,
				      .capture_iface = "lab0"};
	char err[512], path[256];
	struct collector *c;
	size_t npkt;
	json_t *pkts;

	lab_network_up();
	o.dir = dir;
	o.capture_netns = ns_a;
	c = collector_start(&o, err, sizeof(err));
	cr_assert_not_null(c, "%s", err);
	cr_assert_eq(sh("ip netns exec %s %s/tests/progs/echo_fork_server %d 1 & sleep 0.3; "
			"ip netns exec %s %s/tests/progs/echo_client 10.213.0.2 %d across "
			">/dev/null; "
			"wait",
			ns_b, progs, port, ns_a, progs, port),
		     0, "the echo conversation failed");
	collector_stop(c, NULL);
	snprintf(path, sizeof(path), "%s/events.jsonl", dir);
	pkts = load_events(path, &npkt);
	cr_assert_geq(npkt, 10, "only %zu packets captured on the veth", npkt);
	json_t *syn = json_array_get(pkts, 0);
	char want[64];
	snprintf(want, sizeof(want), "10.213.0.2:%d", port);
	cr_assert_str_eq(json_string_value(json_object_get(syn, "to")), want);
	cr_assert_str_eq(json_string_value(json_object_get(syn, "flags")), "S");
	cr_assert_eq(json_integer_value(json_object_get(json_array_get(pkts, npkt - 1), "frame")),
		     (json_int_t)npkt, "frames are numbered 1..N");
	json_decref(pkts);
}

Test(capture, a_missing_namespace_is_said_and_capture_pcap_still_written, .fini = lab_network_down)
{
	static const struct source *const only_pkt[] = {&capture_source, NULL};
	struct collector_options o = {.sources = only_pkt, .capture_netns = "socklab-no-such-ns"};
	char err[512], path[256];
	struct collector *c;
	FILE *f;
	json_t *meta;

	snprintf(dir, sizeof(dir), "/tmp/socklab-test-capture-%d", (int)getpid());
	o.dir = dir;
	c = collector_start(&o, err, sizeof(err));
	cr_assert_not_null(c, "%s", err);
	collector_stop(c, NULL);
	snprintf(path, sizeof(path), "%s/session.json", dir);
	meta = json_load_file(path, 0, NULL);
	const char *why = json_string_value(
		json_object_get(json_object_get(json_object_get(meta, "sources"), "pkt"), "why"));
	cr_assert_not_null(why);
	cr_assert(strstr(why, "no network namespace") && strstr(why, "socklab-no-such-ns"), "%s",
		  why);
	snprintf(path, sizeof(path), "%s/capture.pcap", dir);
	f = fopen(path, "re");
	cr_assert_not_null(f, "no capture.pcap");
	fseek(f, 0, SEEK_END);
	cr_assert_eq(ftell(f), 24, "a pcap header and nothing else");
	fclose(f);
	json_decref(meta);
}
