/*
 * Fault: wants "-f FILE PORT" and exits at once when called as
 * `prog PORT FILE`: it never listens, so nothing can be checked, and the
 * report says how it ended.
 */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc != 4 || strcmp(argv[1], "-f") != 0) {
		fprintf(stderr, "usage: %s -f FILE PORT\n", argv[0]);
		return 1;
	}
	return 0;
}
