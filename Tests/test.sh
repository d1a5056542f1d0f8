#!/usr/bin/env bash
# The test command: installs what is missing, builds every product, runs the whole Swift suite,
# then the browser suite (Tests/browser: the web app in headless Chromium, with axe-core).
# It ends with one plain line, "N passed, N failed", adding Swift Testing's and pytest's counts.
# Arguments are passed to `swift test` (a --filter runs only those Swift tests and no browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."
source examples/setup.sh
# The tests also drive command-line peers: sqlite3 (to tamper with the relay's database), openssl
# (a TLS 1.2-only server and self-signed certificates), and Chromium with its driver (the web app);
# PostgreSQL is below.
missing=()
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
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
# The browser suite's Python packages, in a venv inside the build folder.
venv=".build/test-venv"
if ! "$venv/bin/python" -c 'import selenium, pytest, requests, axe_playwright_python
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id' >/dev/null 2>&1; then
  echo "sealpost tests: installing the browser suite's Python packages into $venv ..." >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r Tests/browser/requirements.txt
fi

swift build --build-tests
log="$(mktemp)"
browser_log="$(mktemp)"
trap 'rm -f "$log" "$browser_log"' EXIT
# The relay suite runs against PostgreSQL as well as SQLite: a throwaway cluster on 127.0.0.1
# (PostgreSQL installed from Debian when missing), its URL passed in SEALPOST_TEST_POSTGRES_URL,
# stopped and removed at the end. A URL already set (a server of your own) is used as it is.
if [ -z "${SEALPOST_TEST_POSTGRES_URL:-}" ]; then
  eval "$(Tests/postgres/cluster.sh start)"
  trap 'rm -f "$log" "$browser_log"; Tests/postgres/cluster.sh stop "$SEALPOST_TEST_POSTGRES_DIR"' EXIT
fi
status=0
swift test --skip-build "$@" 2>&1 | tee "$log" || status=$?
summary="$(grep -E 'Test run with [0-9]+ tests? ' "$log" | tail -n 1 || true)"
passed=0
failed=0
if [ -n "$summary" ]; then
  total="$(sed -E 's/.*Test run with ([0-9]+) tests?.*/\1/' <<<"$summary")"
  failed="$(grep -cE '^✘ Test .* failed after ' "$log" || true)"
  if [ "$status" = 0 ] && grep -q ' passed after ' <<<"$summary"; then failed=0; fi
  passed=$((total - failed))
fi
if [ "$#" = 0 ]; then
  browser_status=0
  "$venv/bin/pytest" -q -p no:cacheprovider Tests/browser 2>&1 | tee "$browser_log" || browser_status=$?
  if [ "$browser_status" = 5 ]; then
    echo "sealpost tests: the browser suite collected no tests" >&2
    browser_status=1
  fi
  bp="$(grep -oE '[0-9]+ passed' "$browser_log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)"
  bf=0
  for n in $(grep -oE '[0-9]+ (failed|errors?)' "$browser_log" | tail -n 2 | grep -oE '^[0-9]+' || true); do bf=$((bf + n)); done
  passed=$((passed + bp))
  failed=$((failed + bf))
  [ "$browser_status" = 0 ] || status=1
  # A second implementation of spec/, in Python from the spec alone, runs every published vector.
  for check in Tests/independent/open_envelopes.py Tests/independent/check_*.py; do
    if "$venv/bin/python" "$check"; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
  done
fi
echo "${passed} passed, ${failed} failed"
exit "$status"
