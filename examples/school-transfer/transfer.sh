#!/usr/bin/env bash
# A child protection file moves from one school to the next: St Anne's sends the designated
# safeguarding lead's record with its documents attached (a 15 MiB scan and the chronology), the
# new school opens it (the attachments checked against the hashes the sender signed and stored
# sealed to its key beside the record) and acknowledges it, which is the confirmation of receipt.
# Unchecked attachments are refused before sealing. (examples/large-attachment.sh sends 200 MiB.)
# With /usr/bin/time, each command's peak resident size is printed. Everything happens in a
# temporary folder, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
source examples/setup.sh
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
port="${SEALPOST_DEMO_PORT:-18643}"; while ! port_free "$port"; do port=$((port + 1)); done
step() { printf '\n== %s\n' "$*"; }
rss() {
  local what="$1"; shift
  if [ ! -x /usr/bin/time ]; then "$@"; return; fi
  local s=0
  /usr/bin/time -f "%M %e" -o "$work/rss" "$@" || s=$?
  read -r kb secs < <(tail -1 "$work/rss")
  echo "   [peak resident size of $what: $(( kb / 1024 )) MiB, ${secs} s]"
  return $s
}

for h in school:school-st-annes academy:kingsbridge-academy relay:relay-kingsbridge; do
  "$sealpost" init --home "$work/${h%%:*}" --agency "${h##*:}" --name "${h##*:}" --kdf interactive >/dev/null
  "$sealpost" export-card --home "$work/${h%%:*}" --output "$work/${h%%:*}.card.json"
done
ag="$work/dsa.json"
"$sealpost" agreement create --id kingsbridge-dsa --title "Kingsbridge DSA" --valid-from "$(date -u -d '-1 day' +%F)" \
  --valid-until "$(date -u -d '+1 year' +%F)" --relay "http://127.0.0.1:$port" --output "$ag" >/dev/null
"$sealpost" agreement add-party "$ag" --card "$work/school.card.json" --role school >/dev/null
"$sealpost" agreement add-party "$ag" --card "$work/academy.card.json" --role school >/dev/null
"$sealpost" agreement add-party "$ag" --card "$work/relay.card.json" --role relay_operator >/dev/null
"$sealpost" agreement add-purpose "$ag" --id child_protection_file_transfer --name "Transfer of a child protection file between schools" \
  --lawful-basis public_task --lawful-basis legal_obligation --recipient "school=id,author,subject,household,parties,narrative,statements,concern" >/dev/null
for h in school academy relay; do "$sealpost" agreement sign --home "$work/$h" "$ag" >/dev/null; done
for h in school academy; do "$sealpost" agreement install --home "$work/$h" "$ag" >/dev/null; done
"$relay_bin" serve --home "$work/relay" --agreement "$ag" --port "$port" --db "$work/relay.sqlite" --log-level warning &
relay_pid=$!
for _ in $(seq 1 200); do if ! port_free "$port"; then break; fi; sleep 0.1; done

record=examples/school-transfer/record.json
send=("$sealpost" send --yes --home "$work/school" --to kingsbridge-academy --purpose child_protection_file_transfer)

step "Unchecked attachments are refused"
"${send[@]}" --attach examples/school-transfer/chronology.txt "$record" || true

step "A send without attachments (baseline)"
rss "send, no attachment" "${send[@]}" "$record" 2>/dev/null

step "A send with a 15 MiB scan and the chronology"
head -c 9 /dev/zero | tr '\0' ' ' | sed 's/^/%PDF-1.7\n/' > "$work/scan.pdf"
head -c $((15 * 1024 * 1024 - 200 * 1024)) /dev/urandom >> "$work/scan.pdf"
ls -l "$work/scan.pdf"
rss "send, 15 MiB attachment" "${send[@]}" --attach "$work/scan.pdf" --attach examples/school-transfer/chronology.txt \
  --attachments-checked "$record" 2>"$work/send.err" | tee "$work/sent.txt"
grep "attachment" "$work/send.err"
id="$(awk '/^sent /{print substr($2,1,12); exit}' "$work/sent.txt")"

step "The new school opens it: each attachment checked against its hash and kept sealed beside the record"
rss "open, 15 MiB attachment" "$sealpost" open --home "$work/academy" "$id"
ls -l "$work"/academy/inbox/*/attachments/
# Written out with the record, the scan is the file sent (one hash, counted twice).
"$sealpost" open --home "$work/academy" "$id" --output "$work/transferred.json" 2>/dev/null
b2sum -l 256 "$work/scan.pdf" "$work/transferred.json.attachments/scan.pdf" | awk '{print $1}' | uniq -c
"$sealpost" ack --home "$work/academy" "$id"
"$sealpost" sync --home "$work/school" | head -3
"$sealpost" log --home "$work/school" | tail -4

echo
echo "Transfer complete."
