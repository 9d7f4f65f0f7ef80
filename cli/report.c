/*
 * report.c - check results, as a student reads them.
 */
#include "report.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "cli.h"
#include "session/session.h"
#include "session/sessionfile.h"

/* The sentence and the evidence may quote what a program printed: each is
 * one line, its control characters as letters (base/text.h). */
void report_result(FILE *out, const struct check *k, const struct check_result *r,
		   const char *unchecked)
{
	const char *hint = r->hint[0] ? r->hint : k->hint; /* a result read back has none */

	fprintf(out, "  %s  %-18s %s\n        ", check_verdict(r, unchecked), k->name, _(k->title));
	text_fput(out, r->summary, 0);
	fputc('\n', out);
	for (int i = 0; i < r->nevidence; i++) {
		fputs("          ", out);
		text_fput(out, r->evidence[i], 0);
		fputc('\n', out);
	}
	if (!r->pass && !r->skipped && hint)
		fprintf(out, _("        (see %s)\n"), _(hint)); /* a lab's is translated */
}

/* Every string of j, and of what it holds, as text_show makes it; key is
 * the member j is (or is an element of). */
static void shown_strings(json_t *j, const char *key)
{
	unsigned keep = key && strcmp(key, "output") == 0 ? TEXT_KEEP_NL | TEXT_KEEP_TAB : 0;
	const char *k;
	json_t *v;
	size_t i;
	char *shown;

	if (json_is_object(j)) {
		json_object_foreach(j, k, v) shown_strings(v, k);
	} else if (json_is_array(j)) {
		json_array_foreach(j, i, v) shown_strings(v, key);
	} else if (json_is_string(j) &&
		   !text_is_shown(json_string_value(j), json_string_length(j), keep) &&
		   (shown = text_shown(json_string_value(j), json_string_length(j), keep))) {
		json_string_set(j, shown);
		free(shown);
	}
}

json_t *report_json_shown(json_t *result)
{
	json_t *copy = json_deep_copy(result);

	shown_strings(copy, NULL);
	return copy;
}

/* The result as a note at the end of the session, so the viewer's lab panel
 * and later readers see it too: its JSON line, or NULL. */
static char *note_line(int64_t t, const struct check *k, const struct check_result *r)
{
	char *text = text_utf8(r->summary, strlen(r->summary)), *line;
	json_t *ev =
		json_pack("{sI ss ss ss sb ss}", "t", (json_int_t)t, "src", "note", "kind",
			  "checkpoint", "name", k->name, "pass", r->pass, "text", text ? text : "");

	free(text);
	if (ev && r->skipped)
		json_object_set_new(ev, "checked", json_false());
	line = ev ? json_dumps(ev, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(ev);
	return line;
}

/* The results' notes, appended to the session in one go. */
struct notes {
	char *line[64];
	size_t n;
};

static void notes_add(struct notes *ns, int64_t t, const struct check *k,
		      const struct check_result *r)
{
	char *line = note_line(t, k, r);

	if (line && ns->n < sizeof(ns->line) / sizeof(ns->line[0]))
		ns->line[ns->n++] = line;
	else
		free(line);
}

/* Appends them (session.json's count follows); says so if it cannot. */
static void notes_write(struct notes *ns, const char *dir)
{
	char err[512];

	if (session_append_notes(dir, ns->line, ns->n, err, sizeof(err)) < 0)
		cli_error(_("the results are not in the session: %s"), err);
	for (size_t i = 0; i < ns->n; i++)
		free(ns->line[i]);
	ns->n = 0;
}

void report_append_results(const char *dir, int64_t t, const struct check *checks,
			   const struct check_result *results, int n)
{
	struct notes ns = {.n = 0};

	for (int i = 0; i < n; i++)
		notes_add(&ns, t, &checks[i], &results[i]);
	notes_write(&ns, dir);
}

int report_checkpoints(FILE *out, const char *dir, const struct lab *lab, bool fix,
		       const struct run_facts *facts, report_note_fn on_note, void *on_note_arg)
{
	const struct lab_run *run = facts ? facts->extra : NULL;
	const struct check *checks = run   ? lab_checks_for(lab, run)
				     : fix ? lab->fix_checks
					   : lab->checks;
	char err[512], name[64], hint[CHECK_HINT_MAX];
	struct check_ctx ctx;
	struct session s;
	struct notes ns = {.n = 0};
	int failed = 0, skipped = 0;

	if (session_open(&s, dir, err, sizeof(err)) < 0) {
		cli_error("%s", err);
		return -1;
	}
	check_ctx_init(&ctx, &s, facts);
	ctx.hint = lab_hint(lab, hint, sizeof(hint));
	fprintf(out, _("\ncheckpoints (%s run):\n"),
		run   ? lab_run_name(run, name, sizeof(name))
		: fix ? "fixed"
		      : "naive");
	for (int i = 0; checks && checks[i].name; i++) {
		struct check_result r;

		check_run(&checks[i], &ctx, &r);
		report_result(out, &checks[i], &r, "SKIP");
		failed += !r.pass && !r.skipped;
		skipped += r.skipped;
		notes_add(&ns, ctx.t_end, &checks[i], &r);
		if (on_note) {
			char *line = note_line(ctx.t_end, &checks[i], &r);
			if (line)
				on_note(on_note_arg, line, strlen(line));
			free(line);
		}
	}
	if (skipped)
		fprintf(out,
			failed ? _("some checkpoints did not hold (%d could not be checked here: "
				   "see SKIP above)\n")
			       : _("all checkpoints hold (%d could not be checked here: see SKIP "
				   "above)\n"),
			skipped);
	else
		fputs(failed ? _("some checkpoints did not hold\n") : _("all checkpoints hold\n"),
		      out);
	check_ctx_free(&ctx);
	session_close(&s);
	notes_write(&ns, dir);
	return failed;
}
