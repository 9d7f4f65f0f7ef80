#!/bin/sh
# Installs the Debian packages socklab needs to build, run and test, and only
# those that are missing. `make run` and `make test` call it first, so a fresh
# Debian machine needs nothing else. Run as root, or as a user who may sudo.
#
#   scripts/install-deps.sh           build + run + test packages
#   scripts/install-deps.sh --check   list what is missing, install nothing
set -eu

# Why each package is here:
#   build-essential pkg-config  the compiler and how we find libraries
#   libncurses-dev              the viewer draws with ncursesw
#   libpcap-dev                 packet capture and capture.pcap
#   libjansson-dev              reading sessions (events.jsonl)
#   libseccomp-dev              the grader's system-call filter (lib/sandbox/seccomp.c);
#                               its runtime, libseccomp2, comes with it
#   libcriterion-dev            unit tests (each test in its own process)
#   tmux                        the viewer is tested in a real terminal
#   tshark tcpdump strace       references the tests and `make bench` compare against
#   iproute2 nftables           lab networks: namespaces, veth pairs, loss rules
#   jq                          command-level tests read JSON output
#   libxml2-utils               xmllint reads the JUnit XML of `socklab grade --junit`
#   clang libclang-rt-14-dev    libFuzzer targets (`make fuzz`)
#   clang-format                the code's layout (`make format`, `make format-check`)
#   librsvg2-bin                the tests open `socklab plot`'s SVG with a real SVG
#                               reader (rsvg-convert) and check the picture it makes
#   gettext                     msgfmt compiles the translations (po/ko.po)
#   locales                     the ko_KR.UTF-8 locale, generated below: socklab in
#                               Korean, and the tests that show it
#   libssl-dev                  libcrypto's SHA-256, which lab 20's file server sends
#                               and its client checks (only those two link it)
PACKAGES="build-essential pkg-config libncurses-dev libpcap-dev libjansson-dev libseccomp-dev
libcriterion-dev tmux tshark tcpdump strace iproute2 nftables jq libxml2-utils clang
libclang-rt-14-dev clang-format librsvg2-bin gettext locales libssl-dev"
# Locales socklab speaks, generated when missing (as `locale -a` names them).
LOCALES="ko_KR.UTF-8"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

missing_locales=""
for l in $LOCALES; do
	# locale -a writes ko_KR.utf8 for ko_KR.UTF-8.
	short=$(echo "$l" | sed 's/\.UTF-8$/.utf8/')
	if ! locale -a 2>/dev/null | grep -qx "$short"; then
		missing_locales="$missing_locales $l"
	fi
done

if [ -z "$missing" ] && [ -z "$missing_locales" ]; then
	exit 0
fi
if [ "${1:-}" = "--check" ]; then
	[ -z "$missing" ] || echo "missing Debian packages:$missing"
	[ -z "$missing_locales" ] || echo "missing locales:$missing_locales"
	exit 1
fi

[ -z "$missing" ] || echo "socklab: installing Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "socklab: these are missing and I am not root (no sudo either):$missing$missing_locales" >&2
	[ -z "$missing" ] || echo "socklab: ask an administrator to run: apt-get install$missing" >&2
	[ -z "$missing_locales" ] || echo "socklab: and to generate the locales$missing_locales (dpkg-reconfigure locales)" >&2
	exit 2
fi

if [ -n "$missing" ]; then
	# tshark asks whether non-root users may capture; answer "no" without a prompt.
	echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections
	export DEBIAN_FRONTEND=noninteractive
	# Refresh the package lists only when an install fails for lack of them.
	# shellcheck disable=SC2086
	if ! $SUDO apt-get install -y -q --no-install-recommends $missing; then
		$SUDO apt-get update -q
		# shellcheck disable=SC2086
		$SUDO apt-get install -y -q --no-install-recommends $missing
	fi
fi

# A locale is generated the Debian way: named in /etc/locale.gen, then
# locale-gen, so it stays generated when the locales package is upgraded.
for l in $missing_locales; do
	echo "socklab: generating the locale $l"
	if grep -q "^# *$l UTF-8" /etc/locale.gen 2>/dev/null; then
		$SUDO sed -i "s/^# *$l UTF-8/$l UTF-8/" /etc/locale.gen
	elif ! grep -q "^$l UTF-8" /etc/locale.gen 2>/dev/null; then
		echo "$l UTF-8" | $SUDO tee -a /etc/locale.gen >/dev/null
	fi
	$SUDO locale-gen >/dev/null
done
