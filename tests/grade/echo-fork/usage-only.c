/*
 * Fault: expects its port as "-p PORT" and exits at once when called as
 * `prog PORT`: it never listens, so nothing can be checked, and the
 * report says how it ended.
 */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc != 3 || strcmp(argv[1], "-p") != 0) {
		fprintf(stderr, "usage: %s -p PORT\n", argv[0]);
		return 1;
	}
	return 0;
}
