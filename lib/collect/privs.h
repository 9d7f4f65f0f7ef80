/*
 * privs.h - giving up root once the privileged parts are open.
 *
 * Capturing packets (CAP_NET_RAW) and reading tracefs need root, but only
 * to open them: an open capture handle keeps working afterwards. When a
 * student runs "sudo socklab ...", socklab opens those as root, then
 * becomes the student again before it runs any program, so the programs
 * and the session folder belong to the student, not to root.
 */
#ifndef SOCKLAB_PRIVS_H
#define SOCKLAB_PRIVS_H

#include <stddef.h>
#include <sys/types.h>

#define PRIVS_GROUPS_MAX 64

/* The user who ran sudo, with their groups, looked up before a fork. */
struct privs_user {
	uid_t uid;
	gid_t gid;
	int ngroups;
	gid_t groups[PRIVS_GROUPS_MAX];
};

/* When socklab runs as root through sudo (SUDO_UID and SUDO_GID set, not
 * 0): 1, with u filled. 0 when not; -1 with why in err when the variables
 * are not numbers. */
int privs_sudo_user(struct privs_user *u, char *err, size_t errlen);

/*
 * In a child between fork() and exec() (async-signal-safe: no lookup, no
 * malloc): takes on u's groups, gid and uid for good. For a program that
 * root must start (in a lab's network namespace, which only root may
 * enter) and the user must own. Returns 0, or an errno.
 */
int privs_become_in_child(const struct privs_user *u);

/*
 * If socklab runs as root through sudo (SUDO_UID and SUDO_GID set, not 0),
 * hands each of paths (NULL-terminated; a folder with all it holds) to
 * that user, and stays root. For a command that must stay root but makes
 * files the user will edit or delete: socklab grade's results. Otherwise
 * does nothing. Returns 0, or -1 with why in err.
 */
int privs_give_to_sudo_user(const char *const *paths, char *err, size_t errlen);

/*
 * If socklab runs as root through sudo, hands each of paths to that user
 * (as privs_give_to_sudo_user), then takes on the user's uid, gid and
 * groups for good.
 * Otherwise does nothing. Returns 0, or -1 with why in err: then socklab
 * must not go on as root.
 */
int privs_drop_if_sudo(const char *const *paths, char *err, size_t errlen);

#endif
