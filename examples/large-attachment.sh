#!/usr/bin/env bash
# A record with a large attachment (200 MiB by default; the first argument sets MiB) goes from a
# school to a MASH through a local relay on SQLite, in constant memory, and each process's peak
# memory is printed: `sealpost send` seals into its outbox and uploads from the file, the relay
# streams the envelope into its database in 1 MiB chunks and out again, and the MASH's `sync` and
# `open` fetch it into a private file and open it from there (spec/exchange.md §Large envelopes,
# spec/relay.md §Storage). The stored attachment's hash is checked against the file sent.
# Needs /usr/bin/time (Debian package `time`). Everything happens in a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
source examples/setup.sh
mib="${1:-200}"
[ -x /usr/bin/time ] || { echo "large-attachment: /usr/bin/time is missing; install the Debian package time" >&2; exit 1; }
swift build --product sealpost >/dev/null
swift build --product sealpost-relay >/dev/null
bin="$(swift build --show-bin-path)"
sealpost="$bin/sealpost"
relay_bin="$bin/sealpost-relay"

work="$(mktemp -d)"
relay_pid=""
cleanup() { if [ -n "$relay_pid" ]; then kill "$relay_pid" 2>/dev/null || true; wait "$relay_pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
export SEALPOST_PASSPHRASE="demo passphrase, not for real use"
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=18643
while ! port_free "$port"; do port=$((port + 1)); done
step() { printf '\n== %s\n' "$*"; }
# Runs a command under /usr/bin/time; prints its peak resident memory and wall time.
measure() {
  local label="$1"; shift
  /usr/bin/time -f "%M %e" -o "$work/time.txt" "$@"
  read -r kib seconds < "$work/time.txt"
  printf '%s: peak RSS %d MiB, %s s\n' "$label" "$((kib / 1024))" "$seconds" | tee -a "$work/figures.txt" >&2
}

step "A school, a MASH and a relay operator; an agreement; the relay on 127.0.0.1:$port"
for spec in "school school-st-annes St Anne's Primary School" "mash kingsbridge-mash Kingsbridge MASH" \
            "relay relay-kingsbridge Kingsbridge Partnership Relay"; do
  read -r home agency name <<<"$spec"
  "$sealpost" init --home "$work/$home" --agency "$agency" --name "$name" --kdf interactive >/dev/null
  "$sealpost" export-card --home "$work/$home" --output "$work/$home.card.json"
done
ag="$work/dsa.json"
"$sealpost" agreement create --id kingsbridge-dsa --title "Kingsbridge data-sharing agreement" \
  --valid-from "$(date -u -d '-1 day' +%F)" --valid-until "$(date -u -d '+1 year' +%F)" \
  --relay "http://127.0.0.1:$port" --output "$ag"
"$sealpost" agreement add-party "$ag" --card "$work/school.card.json" --role school
"$sealpost" agreement add-party "$ag" --card "$work/mash.card.json" --role mash
"$sealpost" agreement add-party "$ag" --card "$work/relay.card.json" --role relay_operator
"$sealpost" agreement add-purpose "$ag" --id child_protection_enquiry_s47 --name "Child protection enquiry (s47)" \
  --lawful-basis public_task --recipient "mash=id,author,subject,household,parties,narrative,statements,concern"
for h in school mash relay; do "$sealpost" agreement sign --home "$work/$h" "$ag" >/dev/null; done
for h in school mash; do "$sealpost" agreement install --home "$work/$h" "$ag" >/dev/null; done
"$relay_bin" serve --home "$work/relay" --agreement "$ag" --port "$port" --db "$work/relay.sqlite" --log-level warning &
relay_pid=$!
for _ in $(seq 1 200); do
  if ! port_free "$port"; then break; fi
  kill -0 "$relay_pid" 2>/dev/null || { echo "large-attachment: the relay did not start" >&2; exit 1; }
  sleep 0.1
done

step "A $mib MiB scan, as a PDF"
{ printf '%%PDF-1.7\n'; head -c $((mib * 1048576 - 9)) /dev/urandom; } > "$work/scan.pdf"
sent_hash="$(b2sum -l 256 "$work/scan.pdf" | cut -d' ' -f1)"
echo "scan.pdf: $((mib * 1048576)) bytes, BLAKE2b-256 $sent_hash"

step "The school sends it with a record"
measure "sealpost send" "$sealpost" send --home "$work/school" --to kingsbridge-mash --purpose child_protection_enquiry_s47 --yes \
  --attach "$work/scan.pdf" --attachments-checked examples/records/disclosure.json > "$work/sent.txt"
cat "$work/sent.txt"
id="$(awk '/^sent /{print substr($2,1,12); exit}' "$work/sent.txt")"
relay_kib="$(awk '/^VmHWM:/{print $2}' "/proc/$relay_pid/status")"
printf 'sealpost-relay (after the deposit): peak RSS %d MiB\n' "$((relay_kib / 1024))" | tee -a "$work/figures.txt" >&2

step "The MASH syncs (checks what waits) and opens it"
measure "sealpost sync (mash)" "$sealpost" sync --home "$work/mash" >/dev/null
measure "sealpost open" "$sealpost" open --home "$work/mash" "$id" >/dev/null
relay_kib="$(awk '/^VmHWM:/{print $2}' "/proc/$relay_pid/status")"
printf 'sealpost-relay (after the fetches): peak RSS %d MiB\n' "$((relay_kib / 1024))" | tee -a "$work/figures.txt" >&2
# The inbox keeps it sealed to the MASH's key (the home at rest); written out, it is the file sent.
sealed="$(ls "$work"/mash/inbox/*/attachments/1.sealed)"
echo "stored sealed at rest: $sealed ($(stat -c %s "$sealed") bytes)"
"$sealpost" open --home "$work/mash" "$id" --output "$work/record.json" >/dev/null 2>&1
stored="$work/record.json.attachments/scan.pdf"
stored_hash="$(b2sum -l 256 "$stored" | cut -d' ' -f1)"
[ "$stored_hash" = "$sent_hash" ] || { echo "large-attachment: the stored attachment differs from the one sent" >&2; exit 1; }
echo "written out to $stored: BLAKE2b-256 $stored_hash, the hash sent"

step "Peak memory for a $mib MiB attachment"
cat "$work/figures.txt"
