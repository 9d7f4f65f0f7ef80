#!/bin/bash
# socklab grade keeps the machine's files, disk and cores from the
# submissions it grades as root: links a Makefile or a class folder makes
# to root's files lead nowhere (the root file keeps its bytes and mode, a
# root folder gets nothing, a secret reaches no result); a program that
# writes without end stops at its 64 MiB work folder, and the report says
# so; a busy loop gets one core beside its classmates; and where no
# sandbox can be made, nothing is graded (exit 2) unless --unisolated --
# also when several graders run at once, when nothing of the hostile
# submission may reach the machine's /tmp, /dev/shm or System V IPC.
# Each is asserted from outside: the files themselves, the exit status,
# result.json.
. "$(dirname "$0")/../lib.sh"

GRADE="$ROOT/tests/grade"
HOSTILE="$GRADE/hostile"

# The result of submission $2 in the results folder $1.
result() {
	jq -c . "$1/$2/result.json"
}

# A Makefile's links to a root file and a root folder (socklab-files/*,
# where file-transfer's server is given its files), and a class folder
# entry that is a link to a root secret: the file keeps its bytes and
# mode, the folder stays empty, the secret is in no result, and the link
# is a row that says why.
test_links_to_root_files_lead_nowhere() {
	need_root "to make root's files, and grade as root"
	local secret=ROOT-SECRET-7d2e91 rc=0 sum
	printf 'root bytes, not to be touched\n' >rootfile
	chmod 600 rootfile
	sum=$(sha256sum <rootfile)
	mkdir -m 700 rootdir
	printf '%s;\nint main(void) { return 0; }\n' "$secret" >secret.c
	chmod 600 secret.c
	mkdir -p class/files-link class/folder-link
	for s in files-link folder-link; do
		cp "$HOSTILE/symlinks/Makefile" class/$s/
		cp "$GRADE/file-transfer/good.c" class/$s/server.c
	done
	printf 'ATTACK = file\nTARGET = %s\n' "$T/rootfile" >class/files-link/target.mk
	printf 'ATTACK = folder\nTARGET = %s\n' "$T/rootdir" >class/folder-link/target.mk
	ln -s "$T/secret.c" class/mallory.c
	socklab grade file-transfer class --jobs 2 --json --out out >results.jsonl 2>stderr || rc=$?
	[ "$rc" = 1 ] || fail "exit $rc: $(cat stderr)"
	[ "$(sha256sum <rootfile)" = "$sum" ] || fail "the root file was changed: $(od -c rootfile | head -3)"
	[ "$(stat -c '%a %u' rootfile)" = "600 0" ] || fail "the root file's mode is now $(stat -c '%a %u' rootfile)"
	[ -z "$(ls -A rootdir)" ] || fail "files were written into the root folder: $(ls -A rootdir)"
	if grep -rl "$secret" out stderr results.jsonl; then
		fail "the secret reached the results: $(grep -rh "$secret" out stderr | head -3)"
	fi
	jq -e --arg t "$T/secret.c" 'select(.submission == "mallory") | .build.ok == false and
		(.build.error | contains("mallory.c is a link to " + $t + ", outside the class folder: not read"))' \
		results.jsonl >/dev/null || fail "mallory's row: $(jq -c 'select(.submission == "mallory") | .build' results.jsonl)"
	# The links were there, and socklab's writer would not follow them.
	grep -q 'cannot write .*small.txt: Too many levels of symbolic links' out/files-link/session/events.jsonl ||
		fail "the writer did not meet the links: $(grep -o 'files printed[^"]*' out/files-link/session/events.jsonl)"
	jq -e 'select(.isolation != "sandbox")' results.jsonl >/dev/null && fail "not graded in a sandbox: $(jq -c .isolation results.jsonl)"
	true
}

# A link inside a submission's folder that leads out of it is left out of
# the copy, and said; one that stays inside is copied as what it leads to.
test_a_link_out_of_a_submission_folder_is_not_copied() {
	need_root "to grade as root"
	local secret=ROOT-SECRET-a41c07
	printf '/* %s */\n' "$secret" >secret.h
	chmod 600 secret.h
	mkdir sub
	cp "$GRADE/udp-echo/good.c" sub/real.c
	ln -s real.c sub/server.c
	ln -s "$T/secret.h" sub/secret.h
	mkdir sub/other && ln -s ../real.c sub/other/again.c
	socklab grade udp-echo sub --prog server --json --out out >res.json 2>stderr || true
	jq -e '.build.ok and .score == 2' res.json >/dev/null || fail "the link inside was not graded: $(jq -c '.build, .problems' res.json)"
	grep -q "socklab left out secret.h: a link to $T/secret.h, outside the submission's folder: not read" out/sub/build.log ||
		fail "build.log: $(cat out/sub/build.log)"
	if grep -rl "$secret" out res.json; then fail "the secret reached the results"; fi
}

# 1 GiB into its folder, 1 GiB into /tmp: each stops at 64 MiB on ENOSPC
# (not on this machine's disk), and the report names the full folder.
test_a_disk_filler_stops_at_its_work_folder() {
	need_root "the work folder is a tmpfs the sandbox mounts"
	local ev folder tmp
	cp "$HOSTILE/disk-filler.c" .
	socklab grade echo-fork disk-filler.c --json --out out >res.json 2>stderr || true
	ev=out/disk-filler/session/events.jsonl
	folder=$(grep -o 'filler: wrote [0-9]* MiB into its folder, then: [^"]*' "$ev" | head -1)
	tmp=$(grep -o 'filler: wrote [0-9]* MiB into /tmp, then: [^"]*' "$ev" | head -1)
	[ -n "$folder" ] && [ -n "$tmp" ] || fail "the filler did not run: $(jq -c .problems res.json)"
	for line in "$folder" "$tmp"; do
		case $line in
		*"No space left on device") ;;
		*) fail "not stopped by a full tmpfs: $line" ;;
		esac
		[ "$(echo "$line" | awk '{print $3}')" -le 64 ] || fail "more than 64 MiB: $line"
	done
	grep -q "problem: the program filled its 64 MiB work folder" out/disk-filler/report.txt ||
		fail "the report does not say it: $(grep problem out/disk-filler/report.txt)"
	[ -z "$(find /tmp -maxdepth 3 -name 'filler-*' -newer disk-filler.c 2>/dev/null)" ] ||
		fail "filler files are on the machine: $(find /tmp -maxdepth 3 -name 'filler-*' | head -3)"
	jq -e '.isolation == "sandbox"' res.json >/dev/null || fail "isolation: $(jq -c .isolation res.json)"
}

# A Makefile that writes without end fills the work folder, not the
# machine's disk: the build fails, and its output says why.
test_a_build_that_fills_its_folder_is_told_so() {
	need_root "the work folder is a tmpfs the sandbox mounts"
	mkdir sub
	cp "$GRADE/udp-echo/good.c" sub/server.c
	printf 'server: server.c\n\tfor i in 1 2 3 4 5 6 7 8 9 10; do head -c 15M /dev/zero >f$$i || exit 1; done\n\tcc -o server server.c\n' >sub/Makefile
	socklab grade udp-echo sub --json --out out >res.json 2>stderr || true
	jq -e '.build.ok == false and (.build.output | contains("No space left on device")) and
		(.build.output | contains("the build filled its 64 MiB work folder"))' res.json >/dev/null ||
		fail "the build: $(jq -c .build res.json)"
	jq -e '.problems | any(contains("filled")) | not' res.json >/dev/null || fail "said twice: $(jq -c .problems res.json)"
}

# The CPU limit of process $1's cgroup, as "QUOTA PERIOD" in microseconds
# (v2 cpu.max, v1 cpu.cfs_quota_us and cpu.cfs_period_us); "" for none.
cpu_limit_of() {
	local ctl path mnt
	while IFS=: read -r _ ctl path; do
		if [ -z "$ctl" ]; then
			mnt=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/self/mounts)
			[ -r "$mnt$path/cpu.max" ] && ! grep -q '^max' "$mnt$path/cpu.max" && cat "$mnt$path/cpu.max" && return
		elif [[ ",$ctl," == *,cpu,* ]]; then
			mnt=$(awk '$3 == "cgroup" && $4 ~ /(^|,)cpu(,|$)/ { print $2; exit }' /proc/self/mounts)
			[ "$(cat "$mnt$path/cpu.cfs_quota_us" 2>/dev/null)" -gt 0 ] 2>/dev/null &&
				echo "$(cat "$mnt$path/cpu.cfs_quota_us") $(cat "$mnt$path/cpu.cfs_period_us")" && return
		fi
	done <"/proc/$1/cgroup"
}

# Four busy children: their cgroup, seen from outside while they run,
# holds them to one core, and they get no more than about one; the
# classmate graded beside them passes every check.
test_a_cpu_hog_gets_one_core_beside_its_classmate() {
	need_root "the cpu controller is the sandbox cgroup's"
	local line cores limit="" gp p
	mkdir -p class/hog class/mate
	cp "$HOSTILE/cpu-hog.c" class/hog/
	cp "$GRADE/echo-fork/good.c" class/mate/
	socklab grade echo-fork class --jobs 2 --json --out out >results.jsonl 2>stderr &
	gp=$!
	# Until the hog runs (or the grader ends): its cgroup's limit.
	while [ -z "$limit" ] && kill -0 $gp 2>/dev/null; do
		for p in $(pgrep -x cpu-hog); do
			[ "$(stat -c %u "/proc/$p" 2>/dev/null || echo 0)" -ge 2100000000 ] || continue
			limit=$(cpu_limit_of "$p" 2>/dev/null) && [ -n "$limit" ] && break
		done
		sleep 0.02
	done
	wait $gp || true
	[ -n "$limit" ] || fail "the hog ran in no cgroup with a cpu limit"
	awk -v q="${limit% *}" -v p="${limit#* }" 'BEGIN { exit !(q > 0 && q <= p) }' ||
		fail "its limit is more than one core: $limit"
	jq -e 'select(.submission == "mate") | .score == .max' results.jsonl >/dev/null ||
		fail "the classmate: $(jq -c 'select(.submission == "mate") | {problems, checks: [.checks[] | select(.pass | not)]}' results.jsonl)"
	line=$(grep -o 'hog: 4 busy children used [^"]*' out/hog/session/events.jsonl | head -1)
	[ -n "$line" ] || fail "the hog did not run: $(jq -c 'select(.submission == "hog") | .problems' results.jsonl)"
	cores=$(echo "$line" | sed 's/.*(\([0-9.]*\) cores).*/\1/')
	awk -v c="$cores" 'BEGIN { exit !(c <= 1.3) }' || fail "more than one core: $line"
}

# No cgroup hierarchy mounted (a real machine's condition, made in a mount
# namespace of the test's): socklab grade runs nothing and exits 2 naming
# it; with --unisolated it grades, as "container", saying what is missing
# once (stderr, report.txt's head, Gradescope's output).
test_without_cgroups_it_grades_nothing_unless_unisolated() {
	need_root "to unmount the cgroup hierarchies in a mount namespace of its own"
	command -v unshare >/dev/null || skip "unshare (util-linux) is missing"
	local rc=0 nocg
	cp "$GRADE/udp-echo/good.c" .
	nocg='awk '\''$3 ~ /^cgroup2?$/ {print $2}'\'' /proc/self/mounts | sort -r | while read -r m; do umount -l "$m"; done; exec "$@"'
	unshare -m --propagation private sh -c "$nocg" sh "$SOCKLAB" grade udp-echo good.c --json --out out1 \
		>res1.json 2>stderr1 || rc=$?
	[ "$rc" = 2 ] || fail "exit $rc without cgroups: $(cat stderr1)"
	grep -q "cannot grade in a sandbox: no cgroup" stderr1 && grep -q -- "--unisolated" stderr1 ||
		fail "stderr does not name what is missing: $(cat stderr1)"
	[ ! -e out1 ] && [ ! -s res1.json ] || fail "it graded all the same"
	rc=0
	unshare -m --propagation private sh -c "$nocg" sh "$SOCKLAB" grade udp-echo good.c --unisolated --json \
		--gradescope gs.json --out out2 >res2.json 2>stderr2 || rc=$?
	[ "$rc" = 0 ] || fail "exit $rc with --unisolated: $(cat stderr2)"
	jq -e '.isolation == "container" and (.sandbox.missing | contains("no cgroup"))' res2.json >/dev/null ||
		fail "result: $(jq -c '{isolation, sandbox}' res2.json)"
	grep -q "isolation: container (--unisolated); not isolated: no cgroup" stderr2 || fail "stderr: $(cat stderr2)"
	[ "$(grep -c 'isolation: container' out2/good/report.txt)" = 1 ] || fail "report: $(head -3 out2/good/report.txt)"
	# Gradescope: once, in the submission's output, not in each test's.
	jq -e '(.output | contains("Isolation: container (--unisolated); not isolated: no cgroup")) and
		all(.tests[]; .output | test("isolat"; "i") | not)' gs.json >/dev/null || fail "Gradescope: $(jq -c . gs.json)"
}

# The hostile submission (hostile.c: files in /tmp and /dev/shm, a System
# V segment), graded twice at once, two at a time each, beside classmates:
# nothing of it is on the machine after, and every result says "sandbox".
test_hostile_graders_in_parallel_leave_nothing_on_the_machine() {
	need_root "grading runs each submission in a sandbox"
	local rc1=0 rc2=0 shm_before shm_after f uids
	chmod 755 "$T"
	for c in c1 c2; do
		mkdir -p $c/hostile $c/hostile2 $c/mate
		cp "$HOSTILE/hostile.c" $c/hostile/
		cp "$HOSTILE/hostile.c" $c/hostile2/
		cp "$GRADE/echo-fork/good.c" $c/mate/
	done
	chmod -R a+rX c1 c2
	shm_before=$(ipcs -m | awk 'tolower($1) == "0x0050c1ab" {print $2}' | sort)
	touch start
	socklab grade echo-fork c1 --jobs 2 --json --out "$T/o1" >r1.jsonl 2>e1 &
	local p1=$!
	socklab grade echo-fork c2 --jobs 2 --json --out "$T/o2" >r2.jsonl 2>e2 || rc2=$?
	wait $p1 || rc1=$?
	[ "$rc1" = 0 ] && [ "$rc2" = 0 ] ||
		fail "exit $rc1 and $rc2: $(cat e1 e2 | grep -v '^ '); failed: $(cat r1.jsonl r2.jsonl |
			jq -c '{submission, failed: [.checks[] | select(.pass | not) | {name, summary}], problems}')"
	[ "$(cat r1.jsonl r2.jsonl | jq -r .isolation | sort -u)" = sandbox ] ||
		fail "not all in a sandbox: $(cat r1.jsonl r2.jsonl | jq -c '{submission, isolation}')"
	for r in o1 o2; do
		for s in hostile hostile2; do
			grep -q "attack 4: things left behind" $r/$s/session/events.jsonl || fail "$r/$s: its attacks did not run"
		done
	done
	uids=$(cat r1.jsonl r2.jsonl | jq -r '.sandbox.uid' | sort -u | xargs)
	for f in /tmp/socklab-hostile-was-here /dev/shm/socklab-hostile-was-here; do
		# Another checkout's old grader may leave one: not ours unless it
		# is new and one of our sandbox users made it.
		if [ -e "$f" ] && [ "$f" -nt start ] && [[ " $uids " == *" $(stat -c %u "$f") "* ]]; then
			fail "it left $f (owner $(stat -c %u "$f"))"
		fi
	done
	shm_after=$(ipcs -m | awk 'tolower($1) == "0x0050c1ab" {print $2}' | sort)
	[ "$shm_after" = "$shm_before" ] || fail "it left a System V segment: $(ipcs -m | grep -i 0x0050c1ab)"
}

run_tests
