/*
 * capture.h - the "pkt" source: the session's packets, captured with
 * libpcap, as events and as capture.pcap.
 *
 * Where: the interface and network namespace of the collector's options
 * (capture_iface, "lo" by default; capture_netns, by name as in
 * `ip netns` or by path, NULL for socklab's own).
 * What: TCP and UDP ("tcp or udp", narrowed to the session's ports when
 * the options name them), and of those only the packets with an end that
 * is a socket of the session talking to the other end
 * (collector_knows_socket()): other programs' traffic stays out.
 * Needs CAP_NET_RAW (root). Without it, capture.pcap is still written,
 * empty, so Wireshark and tshark open every session alike.
 */
#ifndef SOCKLAB_CAPTURE_H
#define SOCKLAB_CAPTURE_H

#include "collect/collector.h"

extern const struct source capture_source;

#endif
