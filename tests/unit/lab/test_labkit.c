/*
 * test_labkit.c - what the labs' checkpoints stand on: a skipped check is
 * neither a pass nor a failure; a source that did not run skips the checks
 * that need it; states are exact only from tracefs; a run's checkpoints
 * are the fixed run's, an option's, or the lab's.
 */
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/i18n.h"

#include "check/check.h"
#include "lab/lab.h"
#include "lab/labkit.h"
#include "tests/unit/testutil.h"

static struct session s;
static struct check_ctx ctx;

/* A session of these lines, with session.json's "sources" as given. */
static void load(const char *sources_json, const char *const lines[])
{
	cr_assert_eq(session_init(&s), 0);
	for (int i = 0; lines[i]; i++)
		cr_assert_eq(session_append_line(&s, lines[i], strlen(lines[i])), 0);
	s.meta = sources_json ? json_pack("{so}", "sources", json_loads(sources_json, 0, NULL))
			      : NULL;
	check_ctx_init(&ctx, &s, NULL);
}

static void unload(void)
{
	check_ctx_free(&ctx);
	json_decref(s.meta);
	s.meta = NULL;
	session_close(&s);
}

static const char *const sampled[] = {
	"{\"t\":10,\"src\":\"state\",\"sock\":\"127.0.0.1:40000>127.0.0.1:9190\","
	"\"from\":\"ESTABLISHED\",\"to\":\"CLOSE_WAIT\",\"via\":\"diag\"}",
	NULL,
};

static const char *const followed[] = {
	"{\"t\":10,\"src\":\"state\",\"sock\":\"127.0.0.1:40000>127.0.0.1:9190\","
	"\"from\":\"ESTABLISHED\",\"to\":\"CLOSE_WAIT\",\"via\":\"tracefs\"}",
	NULL,
};

Test(labkit, a_skipped_check_is_neither_passed_nor_failed_until_decided_again)
{
	struct check_result r = {0};

	check_skip(&r, "no packets: %s", "needs root");
	cr_assert(r.decided && r.skipped && !r.pass);
	cr_assert_str_eq(r.summary, "no packets: needs root");
	check_pass(&r, "found it after all");
	cr_assert(r.pass && !r.skipped, "a later verdict replaces the skip");
}

Test(labkit, a_source_that_did_not_run_skips_the_check_and_says_why)
{
	struct check_result r = {0};

	load("{\"call\":{\"ok\":true},\"pkt\":{\"ok\":false,\"why\":\"socklab needs root\"}}",
	     sampled);
	cr_assert(check_source_ran(&ctx, "call", &r));
	cr_assert_not(r.decided);
	cr_assert_not(check_source_ran(&ctx, "pkt", &r));
	cr_assert(r.skipped);
	cr_assert_str_eq(r.summary, "socklab needs root");
	unload();
}

Test(labkit, a_source_this_socklab_lacks_skips_the_check_too)
{
	struct check_result r = {0};

	load(NULL, sampled);
	cr_assert_not(check_source_ran(&ctx, "state", &r));
	cr_assert(r.skipped);
	unload();
}

Test(labkit, states_are_exact_only_when_tracefs_followed_them)
{
	load(NULL, sampled);
	cr_assert_not(check_states_exact(&ctx));
	unload();
	load(NULL, followed);
	cr_assert(check_states_exact(&ctx));
	unload();
}

Test(labkit, a_run_gets_the_fixed_the_options_or_the_labs_checkpoints)
{
	const struct lab *zombies = lab_find("zombies"), *udp = lab_find("07");
	struct lab_run r = {.lab = zombies};

	cr_assert_not_null(zombies);
	cr_assert_not_null(udp);
	cr_assert_eq(lab_checks_for(zombies, &r), zombies->checks);
	r.options[0] = true; /* --one-wait, which has checkpoints of its own */
	cr_assert_eq(lab_checks_for(zombies, &r), zombies->options[0].checks);
	cr_assert_neq(zombies->options[0].checks, zombies->checks);
	r.fix = true;
	cr_assert_eq(lab_checks_for(zombies, &r), zombies->fix_checks, "--fix comes first");
	r = (struct lab_run){.lab = udp};
	r.options[0] = true; /* --unconnected: the lab's own checkpoints */
	cr_assert_eq(lab_checks_for(udp, &r), udp->checks);
}

/* Messages in Korean, from the build tree's catalogue: this binary is
 * BUILD/tests/unit/lab/test_labkit, the catalogue BUILD/share/locale. */
static void speak_korean(void)
{
	char exe[PATH_MAX], dir[PATH_MAX + 32];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	cr_assert_gt(n, 0);
	exe[n] = '\0';
	for (int i = 0; i < 4; i++)
		*strrchr(exe, '/') = '\0';
	snprintf(dir, sizeof(dir), "%s/share/locale", exe);
	setenv("LC_ALL", "C.UTF-8", 1);
	i18n_init(dir);
	cr_assert_eq(i18n_use("ko"), 0, "no Korean catalogue in %s", dir);
}

static const char *const stopped_ko[] = {
	"{\"t\":5,\"src\":\"note\",\"kind\":\"step\",\"text\":\"socklab이 서버를 멈춥니다 "
	"(SIGTERM)\"}",
	"{\"t\":9,\"src\":\"note\",\"kind\":\"step\",\"text\":\"end\"}",
	NULL,
};

static const char *const stopped_en[] = {
	"{\"t\":5,\"src\":\"note\",\"kind\":\"step\",\"text\":\"socklab stops the server "
	"(SIGTERM)\"}",
	"{\"t\":9,\"src\":\"note\",\"kind\":\"step\",\"text\":\"end\"}",
	NULL,
};

Test(labkit, a_step_is_found_by_its_text_in_english_or_in_the_readers_language)
{
	speak_korean();
	cr_assert_str_neq(_("socklab stops the server (SIGTERM)"),
			  "socklab stops the server (SIGTERM)", "the step is not translated");
	load(NULL, stopped_ko);
	cr_assert_eq(lab_step_time(&ctx, "socklab stops the server (SIGTERM)"), 5,
		     "a Korean run's step was not found");
	unload();
	load(NULL, stopped_en);
	cr_assert_eq(lab_step_time(&ctx, "socklab stops the server (SIGTERM)"), 5,
		     "an English run's step was not found");
	unload();
}
