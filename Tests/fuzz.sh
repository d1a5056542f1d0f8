#!/usr/bin/env bash
# Tests/fuzz.sh [TARGET[,TARGET...]|all] [SECONDS]: builds the libFuzzer harness (Sources/sealpost-fuzz) with
# AddressSanitizer in its own scratch path, .build-fuzz/, and fuzzes each target (or the one named)
# for SECONDS (default 30). Fails on any crash, sanitizer report, leak or timeout; the input that
# caused it is kept in .build-fuzz/artifacts/ (replay it with `sealpost-fuzz --replay TARGET FILE`).
#
# Each target's corpus starts from its generated seeds (valid documents signed by fixed keys), the
# files under Tests/fuzz/seeds/TARGET and the repository's vectors and examples, and grows in
# .build-fuzz/corpus/TARGET across runs (not committed). Environment: FUZZ_OPTIONS adds libFuzzer
# options (e.g. FUZZ_OPTIONS=-runs=10000000), FUZZ_NICE=1 runs the fuzzer under `nice -n 19`,
# FUZZ_TIMEOUT (default 30) is the seconds one input may take before it counts as a hang: generous,
# because a shared, loaded machine can be ten times slower than an idle one.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-all}"
seconds="${2:-30}"
scratch=".build-fuzz"
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/Tests/fuzz/lsan.supp:print_suppressions=0}"

echo "fuzz: building sealpost-fuzz with -sanitize=fuzzer,address in $scratch ..." >&2
start=$(date +%s)
swift build --scratch-path "$scratch" --product sealpost-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DSEALPOST_FUZZ 2>&1 \
  | grep -v -e "Cannot export local symbol" -e "unhandled; explicitly declare them" >&2
echo "fuzz: built in $(( $(date +%s) - start )) s" >&2
bin="$scratch/debug/sealpost-fuzz"

if [ "$target" = all ]; then targets=$("$bin" --list); else targets="${target//,/ }"; fi

dictionary() {
  case "$1" in
    envelope*|manifest) echo Tests/fuzz/envelope.dict ;;
    key-file|practitioner-slot) echo Tests/fuzz/keyfile.dict ;;
    signed-request) echo Tests/fuzz/request.dict ;;
    log-line|log-details|checkpoints) echo Tests/fuzz/log.dict ;;
    form) echo Tests/fuzz/form.dict ;;
    *) echo Tests/fuzz/json.dict ;;
  esac
}

nice=()
[ "${FUZZ_NICE:-0}" = 1 ] && nice=(nice -n 19)
summary="$scratch/summary.txt"
: >"$summary"
failed=()
for t in $targets; do
  corpus="$scratch/corpus/$t"
  seeds="$scratch/seeds/$t"
  mkdir -p "$corpus" "$scratch/artifacts" "$scratch/logs"
  rm -rf "$seeds"
  "$bin" --seeds "$t" "$seeds" >/dev/null
  committed=()
  [ -d "Tests/fuzz/seeds/$t" ] && committed=("Tests/fuzz/seeds/$t")
  log="$scratch/logs/$t.log"
  echo "fuzz: $t for $seconds s ..." >&2
  status=0
  # shellcheck disable=SC2086
  "${nice[@]}" "$bin" "$t" "$corpus" "$seeds" "${committed[@]}" -dict="$(dictionary "$t")" \
    -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-30}" -rss_limit_mb=2048 -max_len=70000 -print_final_stats=1 \
    -artifact_prefix="$scratch/artifacts/$t-" ${FUZZ_OPTIONS:-} >"$log" 2>&1 || status=$?
  execs=$(grep -oE 'stat::number_of_executed_units: +[0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+$' || echo 0)
  rate=$(grep -oE 'stat::average_exec_per_sec: +[0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+$' || echo 0)
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
  cov=$(grep -oE 'cov: [0-9]+' <<<"$last" | grep -oE '[0-9]+' || echo '?')
  ft=$(grep -oE 'ft: [0-9]+' <<<"$last" | grep -oE '[0-9]+' || echo '?')
  corp=$(grep -oE 'corp: [0-9]+' <<<"$last" | grep -oE '[0-9]+' || echo '?')
  if [ "$status" = 0 ]; then result=ok; else result="FAILED (exit $status, see $log)"; failed+=("$t"); fi
  line="$(printf '%-18s execs %10s  exec/s %6s  cov %5s  ft %6s  corpus %5s  %s' "$t" "$execs" "$rate" "$cov" "$ft" "$corp" "$result")"
  echo "$line" | tee -a "$summary"
  if [ "$status" != 0 ]; then
    grep -E 'ERROR: |SUMMARY: |Fatal error|Test unit written|^artifact_prefix' "$log" | head -n 12 >&2 || true
  fi
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz: ${#failed[@]} target(s) failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: every target ran clean" >&2
