/*
 * output.c - what a scenario's programs print: read from their pipes by
 * the reader thread, kept per program (scenario_output_has), turned into
 * "output" notes line by line, and said through on_say.
 */
#include "run/scenario_int.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/text.h"

/* One line of a program's output, as a note in the session: as text
 * (text_utf8: CP949 transcoded, other bytes that are not UTF-8 \xNN), for
 * JSON takes nothing else and the line must not vanish. */
static void note_output(struct scenario *s, struct run_proc *p, int i, const char *line, size_t len)
{
	char *text;
	json_t *ev;

	if (s->notes[i] > OUTPUT_NOTES_MAX)
		return;
	if (s->notes[i]++ == OUTPUT_NOTES_MAX) {
		line = "(more output, not shown here)";
		len = strlen(line);
	}
	if (!(text = text_utf8(line, len)))
		return;
	ev = json_pack("{sI ss si ss ss ss}", "t", (json_int_t)collector_now(s->col), "src", "note",
		       "pid", (int)p->pid, "kind", "output", "role", p->role, "text", text);
	free(text);
	if (ev)
		collector_push(s->col, ev, NULL, NULL, NULL);
}

/* Notes and echoes the complete lines that arrived. Under s->lock. */
static void emit_lines(struct scenario *s, int i)
{
	struct run_proc *p = &s->facts.procs[i];
	char *nl;

	while ((nl = memchr(p->out + s->line_start[i], '\n', p->out_len - s->line_start[i]))) {
		const char *line = p->out + s->line_start[i];
		size_t len = (size_t)(nl - line);

		note_output(s, p, i, line, len);
		if (s->on_say)
			s->on_say(s->on_say_arg, p->role, line, len);
		s->line_start[i] += len + 1;
	}
}

/* At end of file: a last line without its newline still counts. Under
 * s->lock. */
static void emit_tail(struct scenario *s, int i)
{
	struct run_proc *p = &s->facts.procs[i];
	size_t len = p->out_len - s->line_start[i];

	if (len == 0)
		return;
	note_output(s, p, i, p->out + s->line_start[i], len);
	if (s->on_say)
		s->on_say(s->on_say_arg, p->role, p->out + s->line_start[i], len);
	s->line_start[i] = p->out_len;
}

static void append_output(struct scenario *s, int i, const char *buf, size_t n)
{
	struct run_proc *p = &s->facts.procs[i];

	pthread_mutex_lock(&s->lock);
	if (p->out_len + n > SCENARIO_OUTPUT_MAX) {
		p->out_overflow = true;
		n = SCENARIO_OUTPUT_MAX - p->out_len;
	}
	char *bigger = realloc(p->out, p->out_len + n + 1);
	if (bigger) {
		p->out = bigger;
		memcpy(p->out + p->out_len, buf, n);
		p->out_len += n;
		p->out[p->out_len] = '\0';
		emit_lines(s, i);
	}
	pthread_mutex_unlock(&s->lock);
}

/* Reads what is ready on procs[i]'s pipe; closes it at end of file. */
static void read_output(struct scenario *s, int i)
{
	char buf[8192];
	ssize_t n = read(s->facts.procs[i].out_fd, buf, sizeof(buf));

	if (n > 0) {
		append_output(s, i, buf, (size_t)n);
		return;
	}
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	pthread_mutex_lock(&s->lock);
	close(s->facts.procs[i].out_fd);
	s->facts.procs[i].out_fd = -1;
	emit_tail(s, i);
	pthread_mutex_unlock(&s->lock);
}

void *sc_reader_main(void *arg)
{
	struct scenario *s = arg;

	while (!atomic_load(&s->stop)) {
		struct pollfd fds[SCENARIO_MAX_PROCS + 1];
		int map[SCENARIO_MAX_PROCS + 1], n = 0;

		fds[n++] = (struct pollfd){.fd = s->wake[0], .events = POLLIN};
		pthread_mutex_lock(&s->lock);
		for (int i = 0; i < s->facts.nprocs; i++) {
			if (s->facts.procs[i].out_fd < 0)
				continue;
			map[n] = i;
			fds[n++] =
				(struct pollfd){.fd = s->facts.procs[i].out_fd, .events = POLLIN};
		}
		pthread_mutex_unlock(&s->lock);
		if (poll(fds, (nfds_t)n, 100) <= 0)
			continue;
		if (fds[0].revents) {
			char drain[64];
			if (read(s->wake[0], drain, sizeof(drain)) < 0)
				continue;
		}
		for (int k = 1; k < n; k++)
			if (fds[k].revents)
				read_output(s, map[k]);
	}
	return NULL;
}

int scenario_wait_output(struct scenario *s, pid_t pid, const char *text, int timeout_ms)
{
	struct run_proc *p = sc_proc_or_error(s, pid);
	int64_t until = mono_ms() + timeout_ms;

	if (!p)
		return -1;
	for (;;) {
		pthread_mutex_lock(&s->lock);
		bool found = p->out && strstr(p->out, text);
		bool closed = p->out_fd < 0;
		pthread_mutex_unlock(&s->lock);
		if (found)
			return 0;
		sc_reap(s);
		if (sc_stopped(s))
			return -1;
		if (closed || mono_ms() >= until) {
			sc_set_error(s, "%s (pid %d) did not print \"%s\"%s", p->role, (int)pid,
				     text, closed ? " before it ended" : "");
			return -1;
		}
		sleep_ms(POLL_MS);
	}
}

bool scenario_output_has(struct scenario *s, pid_t pid, const char *text, bool *overflow)
{
	struct run_proc *p = scenario_proc(s, pid);
	bool has;

	if (!p)
		return false;
	pthread_mutex_lock(&s->lock);
	has = p->out && strstr(p->out, text);
	if (overflow)
		*overflow = p->out_overflow;
	pthread_mutex_unlock(&s->lock);
	return has;
}
