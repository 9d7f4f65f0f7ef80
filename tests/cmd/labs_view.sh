#!/bin/bash
# socklab run on a terminal (tmux): the viewer follows the lab live, with
# the lab panel (its steps, its checkpoints as they are decided); when the
# student quits, the report is printed, and the lab's programs and network
# are gone however early the student quit.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"

command -v tmux >/dev/null || skip "tmux is not installed (scripts/install-deps.sh installs it)"

test_run_shows_the_lab_live_with_its_checkpoints_then_prints_the_report() {
	term_start 160 48 "socklab run 7 --record $T/run"
	term_wait "run 7: udp-boundaries, naive run"
	# The lab panel: the steps, then each checkpoint's result.
	term_wait "bound_host2 sends three short datagrams"
	for check in boundaries truncated icmp-error; do
		term_wait "PASS    $check"
	done
	term_wait "all checkpoints hold (q quits)"
	term_keys q
	term_wait_exit 0
	term_has "all checkpoints hold" || fail "no report after the viewer"
	term_has "session saved in $T/run" || fail "the session folder is not said"
	[ "$(ev "$T/run" 'select(.kind == "checkpoint") | .name' | wc -l)" = 4 ] ||
		fail "the session lacks its checkpoint notes"
}

# Lab 1 has eight checkpoints: on a wide screen the panel grows to show them
# all, and once they are decided no step is marked as still in progress; on
# 80x24 the panel scrolls to the last one with Down.
test_the_lab_panel_holds_every_checkpoint_and_scrolls_on_a_small_screen() {
	term_start 160 48 "socklab run 1 --record $T/wide"
	term_wait "all checkpoints hold (q quits)"
	for check in three-way connects accepts echoes closes-first fins close-wait time-wait; do
		term_has "PASS    $check" || { term_screen >&2; fail "checkpoint $check is not in sight"; }
	done
	term_has "▸" && { term_screen >&2; fail "a step is still marked in progress after the run"; }
	term_keys q
	term_wait_exit 0
	term_start 80 24 "socklab run 1 --record $T/small"
	term_wait "ended: all"
	term_keys Tab Tab Tab Tab
	term_wait "PASS    three-way"
	term_has "PASS    time-wait" && fail "80x24 should not hold all eight (the test would prove nothing)"
	term_keys Down Down Down Down Down Down Down
	term_wait "PASS    time-wait"
	term_keys q
	term_wait_exit 0
}

# Lab 6 builds two namespaces; quitting at once must not leave them, nor
# its programs, whether the run had ended or not.
test_quitting_at_once_leaves_no_program_and_no_network() {
	need_root "lab 6 builds network namespaces"
	term_start 120 40 "socklab run 6 --record $T/run"
	term_wait "run 6: fragmentation"
	term_keys q
	term_wait "EXIT="
	term_has "EXIT=0" || term_has "EXIT=2" || { term_screen >&2; fail "unexpected exit"; }
	! ip netns list 2>/dev/null | grep -q "socklab-lab6-$(term_pid)-" ||
		fail "the namespaces are left: $(ip netns list 2>/dev/null)"
	for pid in $(ev "$T/run" 'select(.event == "exec") | .pid'); do
		! kill -0 "$pid" 2>/dev/null || fail "process $pid of the lab still runs"
	done
}

run_tests
