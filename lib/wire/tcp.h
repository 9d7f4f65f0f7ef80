/*
 * tcp.h - the TCP vocabulary: states by the names of the textbook and of
 * the kernel, header flags as letters and words, transport protocols.
 *
 * Compiled into socklab and into the tracer (which reads TCP_INFO), so
 * every part of socklab names a state the same way. No allocation, no
 * stdio: safe in the tracer.
 */
#ifndef SOCKLAB_TCP_H
#define SOCKLAB_TCP_H

#include <stddef.h>
#include <stdint.h>

/*
 * TCP states by their classic names. The numbers are the kernel's
 * (include/net/tcp_states.h), so a tracepoint's value is an index here.
 * TCP_ST_NONE means "not known"; CLOSED is the kernel's TCP_CLOSE.
 */
enum tcp_state {
	TCP_ST_NONE,
	TCP_ST_ESTABLISHED,
	TCP_ST_SYN_SENT,
	TCP_ST_SYN_RCVD,
	TCP_ST_FIN_WAIT_1,
	TCP_ST_FIN_WAIT_2,
	TCP_ST_TIME_WAIT,
	TCP_ST_CLOSED,
	TCP_ST_CLOSE_WAIT,
	TCP_ST_LAST_ACK,
	TCP_ST_LISTEN,
	TCP_ST_CLOSING,
	TCP_ST_NEW_SYN_RECV,
	TCP_ST_COUNT
};

/* "ESTABLISHED", ..., and back (the kernel's "TCP_SYN_RECV" is "SYN_RCVD").
 * tcp_state_parse returns TCP_ST_NONE for an unknown name. */
const char *tcp_state_name(enum tcp_state st);
enum tcp_state tcp_state_parse(const char *name);

/* The kernel's names, as tracefs prints them: "TCP_SYN_RECV" ->
 * TCP_ST_SYN_RCVD; TCP_ST_NONE for anything else. */
enum tcp_state tcp_state_parse_kernel(const char *name);

/* TCP header flag bits, as on the wire. */
enum tcp_flag {
	TCPF_FIN = 0x01,
	TCPF_SYN = 0x02,
	TCPF_RST = 0x04,
	TCPF_PSH = 0x08,
	TCPF_ACK = 0x10,
	TCPF_URG = 0x20,
	TCPF_ECE = 0x40,
	TCPF_CWR = 0x80,
};

enum proto { PROTO_NONE, PROTO_TCP, PROTO_UDP, PROTO_ICMP };

/* Flags as letters in the order FSRPAUEC ("SA"), and back. */
void tcp_flags_letters(uint8_t flags, char out[9]);
uint8_t tcp_flags_parse(const char *letters);
/* Flags as words for a ladder label: "SYN,ACK". */
void tcp_flags_words(uint8_t flags, char *out, size_t cap);

/*
 * What the analysis of a segment says of it (lib/sources/pkt/tcpanalysis.h),
 * one bit each. The names are Wireshark's, the suffixes of its
 * tcp.analysis.* fields, so a student can look a mark up in either tool.
 */
enum tcp_analysis {
	TCPA_RETRANSMISSION = 1 << 0,
	TCPA_FAST_RETRANSMISSION = 1 << 1,
	TCPA_SPURIOUS_RETRANSMISSION = 1 << 2,
	TCPA_DUPLICATE_ACK = 1 << 3,
	TCPA_LOST_SEGMENT = 1 << 4,
	TCPA_ACK_LOST_SEGMENT = 1 << 5,
	TCPA_OUT_OF_ORDER = 1 << 6,
	TCPA_ZERO_WINDOW = 1 << 7,
	TCPA_ZERO_WINDOW_PROBE = 1 << 8,
	TCPA_ZERO_WINDOW_PROBE_ACK = 1 << 9,
	TCPA_WINDOW_FULL = 1 << 10,
	TCPA_WINDOW_UPDATE = 1 << 11,
	TCPA_KEEP_ALIVE = 1 << 12,
	TCPA_KEEP_ALIVE_ACK = 1 << 13,
	TCPA_REUSED_PORTS = 1 << 14,
};
#define TCPA_COUNT 15

/* The name of bit i (0 <= i < TCPA_COUNT): "retransmission", ... */
const char *tcp_analysis_name(int i);
/* The bit of a name; 0 for a name that is none of them. */
uint16_t tcp_analysis_parse(const char *name);

#endif
