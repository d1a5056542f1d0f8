#!/usr/bin/env bash
# The test command: installs what is missing, builds every product, and runs the whole suite.
# It ends with one plain line, "N passed, N failed", taken from Swift Testing's own summary.
set -euo pipefail
cd "$(dirname "$0")/.."
source examples/setup.sh
swift build --build-tests
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
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
