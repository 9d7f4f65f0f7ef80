/*
 * filter.c - reading and applying the viewer's '/' filter (see filter.h).
 */
#include "filter.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/errmsg.h"
#include "base/i18n.h"
#include "check/check.h"

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

static bool is_word(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

/* "pid 1201", "pid=1201", "pid1201" -> "1201"; NULL if text is not
 * prefixed by key. */
static const char *after_key(const char *text, const char *key)
{
	size_t n = strlen(key);

	if (strncasecmp(text, key, n) != 0)
		return NULL;
	text += n;
	while (*text == ' ' || *text == '=')
		text++;
	return text;
}

static int number(struct filter *f, enum filter_kind kind, const char *digits, char *err,
		  size_t errlen)
{
	if (!all_digits(digits) || strlen(digits) > 9)
		return errmsg(err, errlen, _("'%s' is not a number"), digits);
	f->kind = kind;
	f->num = strtol(digits, NULL, 10);
	return 0;
}

int filter_parse(struct filter *f, const char *text, char *err, size_t errlen)
{
	const char *arg;
	struct filter g = {.kind = FILTER_NONE};

	while (*text == ' ')
		text++;
	snprintf(g.text, sizeof(g.text), "%s", text);
	if (!*text)
		goto done;
	if ((arg = after_key(text, "pid")) && *arg && all_digits(arg)) {
		if (number(&g, FILTER_PID, arg, err, errlen) < 0)
			return -1;
	} else if ((arg = after_key(text, "tid")) && *arg && all_digits(arg)) {
		if (number(&g, FILTER_TID, arg, err, errlen) < 0)
			return -1;
	} else if ((arg = after_key(text, "port")) && *arg && all_digits(arg)) {
		if (number(&g, FILTER_PORT, arg, err, errlen) < 0)
			return -1;
	} else if (text[0] == ':') {
		if (number(&g, FILTER_PORT, text + 1, err, errlen) < 0)
			return -1;
	} else if (all_digits(text)) {
		if (number(&g, FILTER_NUMBER, text, err, errlen) < 0)
			return -1;
	} else if (is_word(text) && strlen(text) < sizeof(g.word)) {
		g.kind = FILTER_WORD;
		snprintf(g.word, sizeof(g.word), "%s", text);
	} else {
		errmsg(err, errlen,
		       _("'%s' is not a filter: give a pid (1201), a port (:9190) "
			 "or a call name (accept)"),
		       text);
		return -1;
	}
done:
	*f = g;
	return 0;
}

static bool has_port(const struct event *e, long port)
{
	const char *sock = e->src == SRC_CALL	 ? e->call.sock
			   : e->src == SRC_STATE ? e->state.sock
						 : NULL;

	if (e->src == SRC_PKT)
		return endpoint_port(e->pkt.from) == port || endpoint_port(e->pkt.to) == port;
	return sock &&
	       (endpoint_pair_local_port(sock) == port || endpoint_pair_peer_port(sock) == port);
}

/* "syn" matches SYN and SYN,ACK segments. */
static bool has_flag_word(const struct event *e, const char *word)
{
	char words[48], *tok, *save;

	if (e->pkt.proto == PROTO_UDP)
		return strcasecmp(word, "udp") == 0;
	tcp_flags_words(e->pkt.flags, words, sizeof(words));
	for (tok = strtok_r(words, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		if (strcasecmp(tok, word) == 0)
			return true;
	return strcasecmp(word, "tcp") == 0;
}

static bool is_named(const char *name, const char *word)
{
	return name && strcasecmp(name, word) == 0;
}

static bool match_word(const char *word, const struct event *e)
{
	switch (e->src) {
	case SRC_CALL:
		return e->call.fn && strncasecmp(e->call.fn, word, strlen(word)) == 0;
	case SRC_STATE:
		return is_named(tcp_state_name(e->state.to), word) ||
		       is_named(tcp_state_name(e->state.from), word);
	case SRC_PKT:
		return has_flag_word(e, word);
	case SRC_PROC:
		return is_named(e->proc.event, word);
	case SRC_NOTE:
		return is_named(e->note.kind, word);
	}
	return false;
}

bool filter_match(const struct filter *f, const struct event *e)
{
	switch (f->kind) {
	case FILTER_NONE:
		return true;
	case FILTER_PID:
		return e->pid == f->num;
	case FILTER_TID:
		return (e->src == SRC_CALL || e->src == SRC_PROC) && e->tid == f->num;
	case FILTER_PORT:
		return has_port(e, f->num);
	case FILTER_NUMBER:
		return e->pid == f->num || has_port(e, f->num);
	case FILTER_WORD:
		return match_word(f->word, e);
	}
	return false;
}

bool filter_follows_conns(const struct filter *f)
{
	return f->kind == FILTER_PID || f->kind == FILTER_TID || f->kind == FILTER_NUMBER;
}
