#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests, in a temporary directory:
# initdb, then a server that listens on a unix socket in that directory
# only (no TCP), trusting local connections (nobody else can reach the
# socket: the directory is private to the server's user and to root).
#
# usage: eval "$(scripts/pg-cluster.sh start)"   prints the variables:
#          PARAPET_TEST_PG      a conninfo for the superuser's database
#          PARAPET_TEST_PG_DIR  the cluster's directory (its socket too)
#        scripts/pg-cluster.sh stop [DIR]         (DIR: $PARAPET_TEST_PG_DIR)
#
# PostgreSQL refuses to run as root: as root (CI), the server runs as the
# user postgres (Debian's package makes it). PG_BINDIR names the server's
# programs (default: the newest /usr/lib/postgresql/*/bin).
set -euo pipefail

bindir=${PG_BINDIR:-}
if [ -z "$bindir" ]; then
	for d in /usr/lib/postgresql/*/bin; do
		[ -x "$d/initdb" ] && bindir=$d
	done
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
	echo "pg-cluster: no PostgreSQL server (initdb) found" >&2
	exit 1
fi

# as_server CMD...: run a command as the user the server runs as.
as_server() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

case "${1:-}" in
start)
	dir=$(mktemp -d "${TMPDIR:-/tmp}/parapet-pg-XXXXXX")
	if [ "$(id -u)" -eq 0 ]; then
		chown postgres: "$dir"
	fi
	chmod 700 "$dir"
	if ! as_server "$bindir/initdb" -D "$dir/data" -U postgres \
	    --auth=trust --encoding=UTF8 --locale=C.UTF-8 -N \
	    >"$dir/initdb.log" 2>&1; then
		cat "$dir/initdb.log" >&2
		rm -rf "$dir"
		exit 1
	fi
	# Small and fast: the tests make and drop many databases.
	if ! as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" \
	    -w -o "-c listen_addresses= -c unix_socket_directories=$dir \
	    -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
	    -c max_connections=100" start >/dev/null; then
		cat "$dir/server.log" >&2
		rm -rf "$dir"
		exit 1
	fi
	printf "PARAPET_TEST_PG='host=%s user=postgres dbname=postgres'\n" "$dir"
	printf "PARAPET_TEST_PG_DIR='%s'\n" "$dir"
	printf 'export PARAPET_TEST_PG PARAPET_TEST_PG_DIR\n'
	;;
stop)
	dir=${2:-${PARAPET_TEST_PG_DIR:-}}
	if [ -z "$dir" ] || [ ! -d "$dir/data" ]; then
		echo "pg-cluster: no cluster to stop" >&2
		exit 1
	fi
	as_server "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop \
	    >/dev/null || true
	rm -rf "$dir"
	;;
*)
	echo "usage: pg-cluster.sh start | stop [DIR]" >&2
	exit 2
	;;
esac
