#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for the relay's tests.
#
#   eval "$(Tests/postgres/cluster.sh start)"   # prints: export SEALPOST_TEST_POSTGRES_URL=... SEALPOST_TEST_POSTGRES_DIR=...
#   Tests/postgres/cluster.sh stop "$SEALPOST_TEST_POSTGRES_DIR"
#
# `start` installs PostgreSQL from Debian when initdb is missing (as root, or through sudo), runs
# initdb into a new temporary folder as the `postgres` user (it refuses to run as root), trusts
# local connections (the cluster listens on 127.0.0.1 only and lives for one test run), and
# starts it on a free port. The tests read the URL from SEALPOST_TEST_POSTGRES_URL.
# SEALPOST_PG_SETTINGS adds server settings (e.g. "-c fsync=off", for the test that the relay refuses it).
set -euo pipefail

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  done
  return 1
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

case "${1:-}" in
start)
  if ! bin="$(find_bin)"; then
    echo "sealpost tests: installing postgresql ..." >&2
    as_root apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin="$(find_bin)"
  fi
  dir="$(mktemp -d /tmp/sealpost-pg.XXXXXX)"
  chmod 755 "$dir"
  run_as=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$dir"
    run_as=(runuser -u postgres --)
  fi
  # Every test makes its own database, and each CREATE DATABASE writes the template's ~8 MB to the
  # WAL: a suite run writes gigabytes, and the default max_wal_size would checkpoint every few seconds,
  # each checkpoint fsyncing thousands of files (44 s once on a shared disk, stalling new connections
  # past the tests' 30 s). A throwaway cluster needs no checkpoint before it stops (`stop` is
  # immediate), so almost none runs (max_wal_size still bounds the WAL kept in /tmp, at 8 GB); commits
  # are still flushed (fsync=on, synchronous_commit=on). Not a cluster for bench figures: measure
  # `sealpost-relay bench` against a server configured as it would be deployed.
  no_checkpoints="-c max_wal_size=8GB -c checkpoint_timeout=1d -c log_checkpoints=on"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  "${run_as[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300 -c synchronous_commit=on -c fsync=on $no_checkpoints ${SEALPOST_PG_SETTINGS:-}" start >&2 \
    || { cat "$dir/server.log" >&2; exit 1; }
  echo "export SEALPOST_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$port/postgres SEALPOST_TEST_POSTGRES_DIR=$dir"
  ;;
stop)
  dir="${2:?the cluster folder}"
  bin="$(find_bin)"
  run_as=()
  [ "$(id -u)" = 0 ] && run_as=(runuser -u postgres --)
  "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
*)
  echo "usage: $0 start | stop DIR" >&2
  exit 2
  ;;
esac
