#!/bin/sh
# The demo `make run` shows: an echo server and a client, traced together,
# then the session printed by `socklab show`. (When lab 1 and the viewer
# exist, `make run` opens lab 1 in the viewer instead.)
set -eu
SOCKLAB=${1:-build/bin/socklab}
PROGS=$(dirname "$SOCKLAB")/../tests/progs
dir=$(mktemp -d /tmp/socklab-demo.XXXXXX)
port=$("$PROGS/freeport")

echo "socklab demo: an echo server on port $port, one client, traced together."
"$SOCKLAB" trace --record "$dir/session" -- /bin/sh -c "
	'$PROGS/echo_fork_server' $port 1 &
	sleep 0.2
	'$PROGS/echo_client' 127.0.0.1 $port hello socklab
	wait"
echo
"$SOCKLAB" show "$dir/session"
echo
echo "The session is in $dir/session; 'socklab show --json $dir/session' gives JSON."
