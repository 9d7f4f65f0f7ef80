#!/bin/bash
# socklab speaks Korean: every message of the sources is translated in
# po/ko.po (none untranslated, none fuzzy, the format directives checked),
# the build installs the translation, and ko_KR.UTF-8 or LANGUAGE=ko gives
# Korean while C stays English -- and what other programs read does not
# change with the language.
. "$(dirname "$0")/../lib.sh"

PO="$ROOT/po/ko.po"

test_every_message_of_the_sources_is_translated_in_korean() {
	make -s -C "$ROOT" BUILD="$T/build" pot >"$T/make.out" 2>&1 ||
		fail "make pot failed: $(tail -3 "$T/make.out")"
	# msgcmp: each message of the sources has a translation in ko.po.
	msgcmp "$PO" "$T/build/po/socklab.pot" >"$T/cmp" 2>&1 ||
		fail "po/ko.po lacks messages of the sources (make po-update, then translate): $(head -8 "$T/cmp")"
}

test_the_korean_catalogue_has_nothing_untranslated_or_fuzzy() {
	msgfmt --check --statistics -o /dev/null "$PO" 2>"$T/stats" ||
		fail "msgfmt --check refuses po/ko.po: $(head -5 "$T/stats")"
	grep -q ' translated message' "$T/stats" || fail "no statistics: $(cat "$T/stats")"
	if grep -Eq 'untranslated|fuzzy' "$T/stats"; then
		fail "po/ko.po: $(cat "$T/stats")"
	fi
}

test_the_build_installs_the_korean_catalogue() {
	[ -s "$ROOT/$BUILD/share/locale/ko/LC_MESSAGES/socklab.mo" ] ||
		fail "no $BUILD/share/locale/ko/LC_MESSAGES/socklab.mo"
	make -s -C "$ROOT" install PREFIX=/usr DESTDIR="$T/dest" >"$T/out" 2>&1 ||
		fail "make install failed: $(tail -3 "$T/out")"
	[ -s "$T/dest/usr/share/locale/ko/LC_MESSAGES/socklab.mo" ] ||
		fail "make install did not install the Korean catalogue"
}

test_help_is_korean_in_a_korean_locale() {
	locale -a | grep -qx 'ko_KR.utf8' ||
		fail "the ko_KR.UTF-8 locale is not generated (scripts/install-deps.sh makes it)"
	env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=ko_KR.UTF-8 "$SOCKLAB" --help >"$T/ko" 2>&1
	grep -q '^사용법: socklab COMMAND' "$T/ko" || fail "not Korean: $(head -3 "$T/ko")"
	grep -q '실습 목록을' "$T/ko" || fail "the commands' lines are not Korean: $(cat "$T/ko")"
	# Commands and options are words to type: they stay as they are.
	grep -q '^  grade ' "$T/ko" || fail "a command name was translated: $(cat "$T/ko")"
}

test_language_ko_gives_korean_whatever_the_locale() {
	env -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 LANGUAGE=ko "$SOCKLAB" show --help >"$T/ko" 2>&1
	grep -q '^사용법: socklab show DIR \[--flat | --json\]' "$T/ko" || fail "not Korean: $(head -3 "$T/ko")"
	env -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 LANGUAGE=ko "$SOCKLAB" nosuch >"$T/err" 2>&1 && fail "a wrong command succeeded"
	grep -q "'nosuch'은(는) socklab의 명령이 아닙니다" "$T/err" || fail "the error is not Korean: $(cat "$T/err")"
}

test_the_c_locale_stays_english() {
	env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=C "$SOCKLAB" --help >"$T/en" 2>&1
	grep -q '^usage: socklab COMMAND' "$T/en" || fail "not English: $(head -3 "$T/en")"
	# LANGUAGE is ignored under the plain C locale, as gettext documents.
	env -u LC_ALL -u LC_MESSAGES LANG=C LANGUAGE=ko "$SOCKLAB" --help >"$T/en" 2>&1
	grep -q '^usage: socklab COMMAND' "$T/en" || fail "LANG=C gave: $(head -3 "$T/en")"
}

test_what_scripts_read_is_the_same_in_korean() {
	"$SOCKLAB" trace --record "$T/s" --sources call -- "$PROGS/freeport" >/dev/null 2>&1 ||
		fail "cannot record a session of freeport"
	env LANGUAGE=ko LANG=ko_KR.UTF-8 "$SOCKLAB" show --json "$T/s" >"$T/ko.json"
	env -u LANGUAGE LANG=C "$SOCKLAB" show --json "$T/s" >"$T/en.json"
	[ -s "$T/en.json" ] || fail "the session has no events"
	cmp -s "$T/ko.json" "$T/en.json" ||
		fail "show --json differs with the language: $(diff "$T/en.json" "$T/ko.json" | head -4)"
}

# The labs' titles, in the locale's language: each Korean title is the
# first heading of the lab's LAB.ko.md ("# 실습 N — TITLE").
test_list_shows_the_labs_titles_in_the_locales_language() {
	env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=ko_KR.UTF-8 "$SOCKLAB" list >"$T/ko" 2>&1 ||
		fail "socklab list failed: $(cat "$T/ko")"
	grep -Eq '^ +1  handshake +3-way 핸드셰이크와 연결 종료$' "$T/ko" ||
		fail "lab 1's title is not Korean: $(head -3 "$T/ko")"
	env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=C "$SOCKLAB" list >"$T/en" 2>&1
	grep -Eq '^ +1  handshake +the 3-way handshake, data and ACKs, the 4-way close$' "$T/en" ||
		fail "lab 1's title is not English under C: $(head -3 "$T/en")"
	local n name title heading
	while read -r n name title; do
		[[ $n =~ ^[0-9]+$ ]] || continue
		heading=$(head -1 "$ROOT"/labs/$(printf %02d "$n")-*/LAB.ko.md)
		[ "$heading" = "# 실습 $n — $title" ] ||
			fail "lab $n: socklab list says '$title', its LAB.ko.md begins '$heading'"
	done <"$T/ko"
}

# The checkpoints' names of a run's report (what scripts read), in order.
checkpoint_names() {
	sed -En 's/^  (PASS|FAIL|SKIP)  ([^ ]+) .*/\2/p' "$1"
}

test_a_lab_run_speaks_korean_with_the_same_checkpoints_and_status() {
	local ko en
	(cd "$T" && env -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 LANGUAGE=ko \
		"$SOCKLAB" run 1 --no-view >"$T/ko.out" 2>"$T/ko.err")
	ko=$?
	(cd "$T" && env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=C \
		"$SOCKLAB" run 1 --no-view >"$T/en.out" 2>"$T/en.err")
	en=$?
	[ "$ko" = "$en" ] || fail "run 1 exits $ko in Korean, $en in English: $(tail -5 "$T/ko.out")"
	# The steps, a checkpoint's title and its sentence, the sheet.
	grep -q '^에코 서버를 [0-9]*번 포트에서 시작합니다$' "$T/ko.err" ||
		fail "the steps are not Korean: $(head -4 "$T/ko.err")"
	grep -Eq '^  [A-Z]+  three-way +SYN, SYN\+ACK, ACK로 연결이 열립니다$' "$T/ko.out" ||
		fail "the checkpoint's title is not Korean: $(head -4 "$T/ko.out")"
	grep -q '^        connect()가 0을 반환했습니다' "$T/ko.out" ||
		fail "the checkpoint's sentence is not Korean: $(head -12 "$T/ko.out")"
	grep -q '실습 안내서.*/labs/01-handshake/LAB.ko.md$' "$T/ko.err" ||
		fail "the sheet named is not LAB.ko.md: $(tail -2 "$T/ko.err")"
	grep -q "the lab's sheet.*/labs/01-handshake/LAB.md$" "$T/en.err" ||
		fail "the English sheet is not LAB.md: $(tail -2 "$T/en.err")"
	checkpoint_names "$T/ko.out" >"$T/ko.names"
	checkpoint_names "$T/en.out" >"$T/en.names"
	[ -s "$T/en.names" ] || fail "no checkpoint in English: $(head -5 "$T/en.out")"
	cmp -s "$T/ko.names" "$T/en.names" ||
		fail "the checkpoints' names differ: $(diff "$T/en.names" "$T/ko.names" | head -4)"
}

test_doctor_speaks_korean_and_keeps_the_checks_names() {
	env -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 LANGUAGE=ko "$SOCKLAB" doctor >"$T/ko" 2>&1 ||
		[ $? = 1 ] || fail "doctor failed: $(cat "$T/ko")" # 1: something is missing
	grep -q '^socklab doctor: 이 컴퓨터에서' "$T/ko" || fail "not Korean: $(head -2 "$T/ko")"
	# As root (CI), the root check's finding; its name stays "root".
	grep -Eq '^  ok +root +socklab이 root로 실행됩니다$' "$T/ko" ||
		fail "the root finding is not Korean: $(cat "$T/ko")"
	grep -Eq '^  (ok|MISSING) +netns +네트워크 네임스페이스' "$T/ko" ||
		fail "the netns finding is not Korean: $(cat "$T/ko")"
}

run_tests
