/*
 * test_progcheck.c - programs the tracer can and cannot enter, found
 * before they run.
 */
#include <sys/stat.h>

#include "tests/unit/testutil.h"
#include "wire/progcheck.h"

Test(progcheck, finds_programs_in_path_and_by_path)
{
	char path[4096];

	cr_assert(prog_find("sh", path, sizeof(path)));
	cr_assert(strchr(path, '/'), "a full path: %s", path);
	cr_assert(prog_find("/bin/sh", path, sizeof(path)));
	cr_assert_not(prog_find("no-such-program-socklab", path, sizeof(path)));
	cr_assert_not(prog_find("/etc/passwd", path, sizeof(path)), "not executable");
	cr_assert_not(prog_find("", path, sizeof(path)));
}

Test(progcheck, a_dynamic_program_can_be_traced)
{
	char err[512];

	cr_assert_null(prog_untraceable("/bin/sh"));
	cr_assert_eq(prog_check("sh", err, sizeof(err)), 0, "%s", err);
}

Test(progcheck, says_what_to_write_for_a_program_in_this_folder)
{
	char err[512];

	cr_assert_eq(prog_check("my_server", err, sizeof(err)), -1);
	cr_assert(strstr(err, "no such program"), "%s", err);
	cr_assert(strstr(err, "./my_server"), "suggests ./: %s", err);
}

Test(progcheck, a_static_program_is_refused_with_the_reason)
{
	char *dir = temp_dir(), cmd[8500], prog[4200], err[512];

	write_file(dir, "s.c", "int main(void) { return 0; }\n");
	snprintf(cmd, sizeof(cmd), "cc -static -o '%s/s' '%s/s.c' 2>/dev/null", dir, dir);
	if (system(cmd) != 0) {
		rm_rf(dir);
		skip_because("cannot link a static program here (no libc.a)");
	}
	snprintf(prog, sizeof(prog), "%s/s", dir);
	cr_assert_not_null(prog_untraceable(prog));
	cr_assert_eq(prog_check(prog, err, sizeof(err)), -1);
	cr_assert(strstr(err, "statically linked"), "%s", err);
	rm_rf(dir);
}

Test(progcheck, a_setuid_program_of_another_user_is_refused)
{
	char *dir = temp_dir(), prog[4200], cmd[13000];
	const char *why;

	need_root("to make a setuid program owned by another user");
	snprintf(prog, sizeof(prog), "%s/suid", dir);
	snprintf(cmd, sizeof(cmd), "cp /bin/true '%s' && chown nobody '%s' && chmod u+s '%s'", prog,
		 prog, prog);
	cr_assert_eq(system(cmd), 0);
	why = prog_untraceable(prog);
	cr_assert_not_null(why);
	cr_assert(strstr(why, "setuid"), "%s", why);
	rm_rf(dir);
}
