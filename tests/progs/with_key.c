/*
 * with_key DESCRIPTION CMD [ARG...]: runs CMD in a new session keyring
 * that holds one key, a "user" key named DESCRIPTION -- as an instructor's
 * login session may hold a key (a Kerberos ticket, a disk's passphrase)
 * that every process started from it possesses.
 */
#include <linux/keyctl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: with_key DESCRIPTION CMD [ARG...]\n");
		return 2;
	}
	if (syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, NULL) < 0 ||
	    syscall(SYS_add_key, "user", argv[1], "instructor-secret", 17,
		    KEY_SPEC_SESSION_KEYRING) < 0) {
		perror("with_key");
		return 126;
	}
	execvp(argv[2], argv + 2);
	perror("with_key: exec");
	return 127;
}
