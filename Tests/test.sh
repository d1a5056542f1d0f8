#!/usr/bin/env bash
# The test command: installs what is missing, builds every product, and runs the whole suite.
# It ends with one plain line, "N passed, N failed", taken from Swift Testing's own summary.
set -euo pipefail
cd "$(dirname "$0")/.."
source examples/setup.sh
# The tests also drive two command-line peers: sqlite3 (to tamper with the relay's database)
# and openssl (a TLS 1.2-only server and self-signed certificates); PostgreSQL is below.
missing=()
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "sealpost tests: installing ${missing[*]} ..." >&2
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "sealpost tests: ${missing[*]} missing. Run: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
swift build --build-tests
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# The relay suite runs against PostgreSQL as well as SQLite: a throwaway cluster on 127.0.0.1
# (PostgreSQL installed from Debian when missing), its URL passed in SEALPOST_TEST_POSTGRES_URL,
# stopped and removed at the end. A URL already set (a server of your own) is used as it is.
if [ -z "${SEALPOST_TEST_POSTGRES_URL:-}" ]; then
  eval "$(Tests/postgres/cluster.sh start)"
  trap 'rm -f "$log"; Tests/postgres/cluster.sh stop "$SEALPOST_TEST_POSTGRES_DIR"' EXIT
fi
status=0
swift test --skip-build "$@" 2>&1 | tee "$log" || status=$?
summary="$(grep -E 'Test run with [0-9]+ tests? ' "$log" | tail -n 1 || true)"
total="$(sed -E 's/.*Test run with ([0-9]+) tests?.*/\1/' <<<"$summary")"
if [ -n "$summary" ] && [ "$status" = 0 ] && grep -q ' passed after ' <<<"$summary"; then
  echo "${total} passed, 0 failed"
elif [ -n "$summary" ]; then
  failed="$(grep -cE '^✘ Test .* failed after ' "$log" || true)"
  echo "$((total - failed)) passed, ${failed} failed"
fi
exit "$status"
