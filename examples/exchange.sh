#!/usr/bin/env bash
# The main job: a school sends a safeguarding record to a MASH through a local relay on the
# embedded SQLite default; the MASH opens it and acknowledges it; the school sees the
# acknowledgement. Everything happens in a temporary folder that is removed at the end.
# SEALPOST_DEMO_PORT chooses the relay's loopback port (default: a free one from 18443 up).
set -euo pipefail
cd "$(dirname "$0")/.."
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
port="${SEALPOST_DEMO_PORT:-18443}"
if [ -z "${SEALPOST_DEMO_PORT:-}" ]; then
  while ! port_free "$port"; do port=$((port + 1)); done
fi
step() { printf '\n== %s\n' "$*"; }

step "A school, a MASH and the relay operator each create an identity"
"$sealpost" init --home "$work/school" --agency school-st-annes --name "St Anne's Primary School" --kdf interactive >/dev/null
"$sealpost" init --home "$work/mash" --agency kingsbridge-mash --name "Kingsbridge MASH" --kdf interactive >/dev/null
"$sealpost" init --home "$work/relay" --agency relay-kingsbridge --name "Kingsbridge Partnership Relay" --kdf interactive >/dev/null
for h in school mash relay; do "$sealpost" export-card --home "$work/$h" --output "$work/$h.card.json"; done

step "They agree, sign and install a data-sharing agreement naming the relay"
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
for h in school mash; do "$sealpost" agreement install --home "$work/$h" "$ag"; done

step "The relay starts on 127.0.0.1:$port with a SQLite file"
"$relay_bin" serve --home "$work/relay" --agreement "$ag" --port "$port" --db "$work/relay.sqlite" --log-level warning &
relay_pid=$!
for _ in $(seq 1 200); do
  if ! port_free "$port"; then break; fi
  kill -0 "$relay_pid" 2>/dev/null || { echo "exchange: the relay did not start" >&2; exit 1; }
  sleep 0.1
done

step "The school sends a record: preview on stderr, what was sent on stdout"
"$sealpost" send --home "$work/school" --to kingsbridge-mash --purpose child_protection_enquiry_s47 --yes \
  examples/records/disclosure.json | tee "$work/sent.txt"
id="$(awk '/^sent /{print substr($2,1,12); exit}' "$work/sent.txt")"
"$sealpost" outbox --home "$work/school"

step "The MASH sees what is waiting (checked, not stored), opens it, and acknowledges it"
"$sealpost" inbox --home "$work/mash"
record="$("$sealpost" open --home "$work/mash" "$id")"
echo "stored at $record"
"$sealpost" open --home "$work/mash" "$id" >/dev/null   # a second delivery is stored once
"$sealpost" ack --home "$work/mash" "$id"
"$sealpost" inbox --home "$work/mash"

step "The school collects the acknowledgement"
"$sealpost" inbox --home "$work/school"
"$sealpost" sync --home "$work/school"
"$sealpost" outbox --home "$work/school"

step "What the relay holds: ciphertext only"
ls -l "$work"/relay.sqlite*
if grep -qa "Jayden\|Hollins\|SA-2026-0142" "$work"/relay.sqlite*; then
  echo "unexpected: the relay's database holds record text" >&2; exit 1
fi
echo "no name, narrative or record id appears anywhere in the relay's database files"

step "What the MASH received is redacted: the neighbour is a pseudonym"
grep -c "Third party 1" "$record" >/dev/null && echo "the neighbour appears only as [Third party 1 (neighbour)]"
if grep -q "Hollins" "$record"; then echo "unexpected: a protected name reached the MASH" >&2; exit 1; fi
step "Both sides inspect their receipt logs: every decision signed, the other side's signature kept"
"$sealpost" log --home "$work/school"
"$sealpost" log --home "$work/mash"
"$sealpost" log verify --home "$work/school"
"$sealpost" log verify --home "$work/mash"

step "The school's record of what it shared about the child, as a subject access report would give it"
"$sealpost" report --home "$work/school" --subject "Jayden Okafor"
"$sealpost" status --home "$work/school"
echo
echo "Exchange complete."
