/*
 * news_sender IP PORT [broadcast] [ttl N]
 *
 * Sends one UDP datagram of news to IP:PORT: a broadcast address
 * (255.255.255.255, or the network's, 10.77.0.255), a multicast group
 * (239.77.0.1), or one host. Everyone who listens on PORT where the
 * datagram arrives gets it: the port is the channel, as on a radio.
 *
 * "broadcast" sets SO_BROADCAST first: without it, the kernel refuses to
 * send to a broadcast address (EACCES), so that no program floods the
 * network by mistake. "ttl N" sets the datagram's time to live: IP_TTL
 * for one host, IP_MULTICAST_TTL for a group (whose default is 1: this
 * network only).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	struct sockaddr_in to;
	char news[64];
	int sock, len, on = 1, ttl = 0, broadcast = 0, multicast;

	if (argc < 3) {
		printf("Usage: %s <IP> <port> [broadcast] [ttl N]\n", argv[0]);
		exit(1);
	}
	for (int i = 3; i < argc; i++) {
		broadcast |= strcmp(argv[i], "broadcast") == 0;
		if (strcmp(argv[i], "ttl") == 0 && i + 1 < argc)
			ttl = atoi(argv[++i]);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);

	sock = socket(PF_INET, SOCK_DGRAM, 0);
	if (sock == -1) {
		perror("socket() error");
		exit(1);
	}
	memset(&to, 0, sizeof(to));
	to.sin_family = AF_INET;
	to.sin_addr.s_addr = inet_addr(argv[1]);
	to.sin_port = htons(atoi(argv[2]));
	multicast = IN_MULTICAST(ntohl(to.sin_addr.s_addr));

	/* The option is the permission to broadcast: off by default. */
	if (broadcast && setsockopt(sock, SOL_SOCKET, SO_BROADCAST, &on, sizeof(on)) == -1) {
		perror("setsockopt(SO_BROADCAST) error");
		exit(1);
	}
	if (ttl > 0 && multicast &&
	    setsockopt(sock, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof(ttl)) == -1) {
		perror("setsockopt(IP_MULTICAST_TTL) error");
		exit(1);
	}
	if (ttl > 0 && !multicast &&
	    setsockopt(sock, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl)) == -1) {
		perror("setsockopt(IP_TTL) error");
		exit(1);
	}

	if (ttl > 0)
		len = snprintf(news, sizeof(news), "news for port %s, ttl %d", argv[2], ttl);
	else
		len = snprintf(news, sizeof(news), "news for port %s", argv[2]);
	if (sendto(sock, news, len, 0, (struct sockaddr *)&to, sizeof(to)) == -1) {
		perror("sendto() error");
		exit(1);
	}
	printf("sent \"%s\" to %s\n", news, argv[1]);
	close(sock);
	return 0;
}
