/*
 * tcp.c - the names of TCP states and header flags (see tcp.h).
 */
#include "wire/tcp.h"

#include <stdint.h>
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
	[TCP_ST_ESTABLISHED] = "TCP_ESTABLISHED",
	[TCP_ST_SYN_SENT] = "TCP_SYN_SENT",
	[TCP_ST_SYN_RCVD] = "TCP_SYN_RECV",
	[TCP_ST_FIN_WAIT_1] = "TCP_FIN_WAIT1",
	[TCP_ST_FIN_WAIT_2] = "TCP_FIN_WAIT2",
	[TCP_ST_TIME_WAIT] = "TCP_TIME_WAIT",
	[TCP_ST_CLOSED] = "TCP_CLOSE",
	[TCP_ST_CLOSE_WAIT] = "TCP_CLOSE_WAIT",
	[TCP_ST_LAST_ACK] = "TCP_LAST_ACK",
	[TCP_ST_LISTEN] = "TCP_LISTEN",
	[TCP_ST_CLOSING] = "TCP_CLOSING",
	[TCP_ST_NEW_SYN_RECV] = "TCP_NEW_SYN_RECV",
};

enum tcp_state tcp_state_parse_kernel(const char *name)
{
	for (int i = 1; i < TCP_ST_COUNT; i++)
		if (strcmp(name, kernel_states[i]) == 0)
			return (enum tcp_state)i;
	return TCP_ST_NONE;
}

/* Bit i of the flags byte is letters[i]: FIN is bit 0, and so on. */
static const char flag_letters[] = "FSRPAUEC";
static const char *const flag_words[] = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};

void tcp_flags_letters(uint8_t flags, char out[9])
{
	int n = 0;

	for (int i = 0; i < 8; i++)
		if (flags & (1u << i))
			out[n++] = flag_letters[i];
	out[n] = '\0';
}

uint8_t tcp_flags_parse(const char *letters)
{
	uint8_t flags = 0;

	for (const char *c = letters; c && *c; c++) {
		const char *at = strchr(flag_letters, *c);
		if (at && *c)
			flags |= (uint8_t)(1u << (at - flag_letters));
	}
	return flags;
}

/* Words in the order a textbook writes them: "SYN,ACK", "FIN,ACK". */
void tcp_flags_words(uint8_t flags, char *out, size_t cap)
{
	static const uint8_t order[] = {TCPF_SYN, TCPF_FIN, TCPF_RST, TCPF_PSH,
					TCPF_ACK, TCPF_URG, TCPF_ECE, TCPF_CWR};
	size_t n = 0;

	out[0] = '\0';
	for (size_t i = 0; i < sizeof(order); i++) {
		if (!(flags & order[i]))
			continue;
		const char *word = flag_words[__builtin_ctz(order[i])];
		size_t need = strlen(word) + (n ? 1 : 0);
		if (n + need >= cap)
			break;
		if (n)
			out[n++] = ',';
		memcpy(out + n, word, strlen(word) + 1);
		n += strlen(word);
	}
}

/* In the order of enum tcp_analysis. */
static const char *const analysis_names[TCPA_COUNT] = {
	"retransmission",
	"fast_retransmission",
	"spurious_retransmission",
	"duplicate_ack",
	"lost_segment",
	"ack_lost_segment",
	"out_of_order",
	"zero_window",
	"zero_window_probe",
	"zero_window_probe_ack",
	"window_full",
	"window_update",
	"keep_alive",
	"keep_alive_ack",
	"reused_ports",
};

const char *tcp_analysis_name(int i)
{
	return i >= 0 && i < TCPA_COUNT ? analysis_names[i] : "?";
}

uint16_t tcp_analysis_parse(const char *name)
{
	for (int i = 0; name && i < TCPA_COUNT; i++)
		if (strcmp(name, analysis_names[i]) == 0)
			return (uint16_t)(1u << i);
	return 0;
}
