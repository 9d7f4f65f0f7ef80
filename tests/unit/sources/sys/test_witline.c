/*
 * test_witline.c - reading the syscall witness's tracefs lines: real lines
 * become the right task, call and values; a program's name cannot move
 * the task id or a field; anything damaged is refused whole.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "sources/sys/witline.h"

/* Real lines, as the witness's instance gave them on kernel 6.18. */
#define SETSOCKOPT                                                                                 \
	"         python3-25412   [001] .....   578.522754: sys_setsockopt(fd: 3, level: 1, "      \
	"optname: 2, optval: 0x7ffe67002510, optlen: 4)"
#define BIND_FAILED                                                                                \
	"         python3-25412   [001] .....   578.522879: sys_bind -> 0xffffffffffffff9e"
#define NEWTASK                                                                                    \
	"         python3-25412   [001] .....   578.523672: task_newtask: pid=25468 comm=python3 " \
	"clone_flags=1200000 oom_score_adj=0"
#define THREAD                                                                                     \
	"         python3-25412   [001] .....   578.532496: task_newtask: pid=25469 comm=python3 " \
	"clone_flags=3d0f00 oom_score_adj=0"
#define FORK "          server-4242    [000] .....    12.000001: sys_fork()"

Test(witline, a_call_with_its_arguments)
{
	struct witline w;

	cr_assert_eq(witline_parse(SETSOCKOPT, &w), WIT_ENTER);
	cr_assert_eq(w.tid, 25412);
	cr_assert_eq(w.t_ns, 578522754000LL);
	cr_assert_str_eq(w.call, "setsockopt");
	cr_assert_eq(w.nargs, 3, "the first three arguments are kept");
	cr_assert_eq(w.arg[0], 3);
	cr_assert_eq(w.arg[1], 1);
	cr_assert_eq(w.arg[2], 2);
}

Test(witline, a_return_is_signed)
{
	struct witline w;

	cr_assert_eq(witline_parse(BIND_FAILED, &w), WIT_EXIT);
	cr_assert_str_eq(w.call, "bind");
	cr_assert_eq(w.ret, -98, "EADDRINUSE, got %lld", (long long)w.ret);
	cr_assert_eq(witline_parse("         python3-25412   [001] .....   578.522814: sys_bind -> "
				   "0x0\n",
				   &w),
		     WIT_EXIT, "a trailing newline is allowed");
	cr_assert_eq(w.ret, 0);
}

Test(witline, new_tasks_say_process_or_thread)
{
	struct witline w;

	cr_assert_eq(witline_parse(NEWTASK, &w), WIT_NEWTASK);
	cr_assert_eq(w.child, 25468);
	cr_assert_eq(w.tid, 25412);
	cr_assert_eq(w.clone_flags & 0x10000, 0, "a process");
	cr_assert_eq(witline_parse(THREAD, &w), WIT_NEWTASK);
	cr_assert_neq(w.clone_flags & 0x10000, 0, "a thread (CLONE_THREAD)");
}

Test(witline, a_call_without_arguments)
{
	struct witline w;

	cr_assert_eq(witline_parse(FORK, &w), WIT_ENTER);
	cr_assert_str_eq(w.call, "fork");
	cr_assert_eq(w.nargs, 0);
	cr_assert_eq(w.tid, 4242);
}

/* A program names itself (prctl PR_SET_NAME, up to 15 bytes): its name
 * cannot move the task id, nor a field of task_newtask. */
Test(witline, the_program_s_name_cannot_move_a_field)
{
	struct witline w;

	cr_assert_eq(witline_parse("    x-1  [0] a-7-[001] .....   578.522814: sys_bind -> 0x0",
				   &w),
		     WIT_BAD, "the task id is at its column, not after the first '-'");
	cr_assert_eq(witline_parse(" x clone_flags=0-4242    [000] .....    12.000001: "
				   "task_newtask: pid=5 comm=x clone_flags=0 oom_score_adj=0",
				   &w),
		     WIT_NEWTASK);
	cr_assert_eq(w.tid, 4242);
	cr_assert_eq(witline_parse("          server-4242    [000] .....    12.000001: "
				   "task_newtask: "
				   "pid=5 comm=a clone_flags=10000 clone_flags=0 oom_score_adj=0",
				   &w),
		     WIT_NEWTASK);
	cr_assert_eq(w.clone_flags, 0, "the last clone_flags= is the kernel's");
}

Test(witline, lost_events_are_counted)
{
	struct witline w;

	cr_assert_eq(witline_parse("CPU:1 [LOST 12 EVENTS]", &w), WIT_LOST);
	cr_assert_eq(w.lost, 12);
}

Test(witline, damaged_lines_are_refused_whole)
{
	static const char *const bad[] = {
		"",
		"# tracer: nop",
		"          server-4242    [000] .....    12.000001: sys_fork(",
		"          server-4242    [000] .....    12.000001: sys_close(fd: )",
		"          server-4242    [000] .....    12.000001: sys_close(fd: 3",
		"          server-4242    [000] .....    12.000001: sys_close(fd: 3) x",
		"          server-4242    [000] .....    12.000001: sys_bind -> 0x",
		"          server-4242    [000] .....    12.000001: sys_bind -> 0x0 more",
		"          server-4242    [000] .....    12.000001: sys_bind -> "
		"0x1ffffffffffffffff",
		"          server-4242    [000] .....    12.000001: sys_ -> 0x0",
		"          server-4242    [000] .....    12.000001 sys_bind -> 0x0",
		"          server-4242    [000] .....    .000001: sys_bind -> 0x0",
		"          server-0       [000] .....    12.000001: sys_bind -> 0x0",
		"          server-x       [000] .....    12.000001: sys_bind -> 0x0",
		"          server-4242     000] .....    12.000001: sys_bind -> 0x0",
		"          server-4242    [000] .....    12.000001: task_newtask: pid=0 comm=a "
		"clone_flags=0 oom_score_adj=0",
		"          server-4242    [000] .....    12.000001: task_newtask: pid=5 comm=a",
		"          server-4242    [000] .....    12.000001: sched_switch: prev_comm=a",
		"CPU:1 [LOST many EVENTS]",
	};
	struct witline w;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_assert_eq(witline_parse(bad[i], &w), WIT_BAD, "accepted: \"%s\"", bad[i]);
}

Test(witline, a_line_longer_than_the_kernel_prints_is_refused)
{
	char line[2048];
	struct witline w;

	memset(line, ' ', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	memcpy(line, FORK, strlen(FORK));
	cr_assert_eq(witline_parse(line, &w), WIT_BAD);
}
