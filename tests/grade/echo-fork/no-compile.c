/*
 * Fault: does not compile (a missing semicolon, an undeclared variable).
 */
#include <stdio.h>
#include <sys/socket.h>

int main(int argc, char **argv)
{
	int listener = socket(AF_INET, SOCK_STREAM, 0) printf("listening on %s\n", argv[1]);
	return conn;
}
