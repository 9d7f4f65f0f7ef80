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
