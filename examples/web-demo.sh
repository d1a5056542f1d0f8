#!/usr/bin/env bash
# A demo partnership in a browser: a relay on SQLite, and the web app for a school and for a
# MASH, each with its own home, on 127.0.0.1. Prints the two addresses and how to sign in, then
# runs until Ctrl-C (everything is in a temporary folder, removed at the end).
#   SEALPOST_DEMO_DIR=DIR   keep the partnership in DIR instead (created if missing)
#   SEALPOST_DEMO_SEED=1    the school sends one record to the MASH first, so its inbox has one
#   SEALPOST_DEMO_IDLE=SECONDS  the app's idle timeout (default 900)
set -euo pipefail
cd "$(dirname "$0")/.."
source examples/setup.sh
swift build --product sealpost >/dev/null
swift build --product sealpost-relay >/dev/null
bin="$(swift build --show-bin-path)"
sealpost="$bin/sealpost"
relay_bin="$bin/sealpost-relay"

if [ -n "${SEALPOST_DEMO_DIR:-}" ]; then work="$SEALPOST_DEMO_DIR"; mkdir -p "$work"; keep=1; else work="$(mktemp -d)"; keep=0; fi
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ "$keep" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT INT TERM
export SEALPOST_PASSPHRASE="demo passphrase, not for real use"
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p=$1; while ! port_free "$p"; do p=$((p + 1)); done; echo "$p"; }
relay_port="$(free_port 18600)"

"$sealpost" init --home "$work/school" --agency school-st-annes --name "St Anne's Primary School" --kdf interactive >/dev/null
"$sealpost" init --home "$work/mash" --agency kingsbridge-mash --name "Kingsbridge MASH" --kdf interactive >/dev/null
"$sealpost" init --home "$work/relay" --agency relay-kingsbridge --name "Kingsbridge Partnership Relay" --kdf interactive >/dev/null
# Each agency adds its practitioners; each signs in to the app with their own passphrase.
export SEALPOST_USER_PASSPHRASE="demo practitioner passphrase"
"$sealpost" user add --home "$work/school" --name "Ann Smith" --role "Designated Safeguarding Lead" --kdf interactive >/dev/null
"$sealpost" user add --home "$work/mash" --name "Sam Patel" --role "MASH social worker" --kdf interactive >/dev/null
for h in school mash relay; do "$sealpost" export-card --home "$work/$h" --output "$work/$h.card.json" >/dev/null 2>&1; done
ag="$work/dsa.json"
"$sealpost" agreement create --id kingsbridge-dsa --title "Kingsbridge data-sharing agreement" \
  --valid-from "$(date -u -d '-1 day' +%F)" --valid-until "$(date -u -d '+1 year' +%F)" \
  --relay "http://127.0.0.1:$relay_port" --output "$ag" >/dev/null
"$sealpost" agreement add-party "$ag" --card "$work/school.card.json" --role school >/dev/null
"$sealpost" agreement add-party "$ag" --card "$work/mash.card.json" --role mash >/dev/null
"$sealpost" agreement add-party "$ag" --card "$work/relay.card.json" --role relay_operator >/dev/null
"$sealpost" agreement add-purpose "$ag" --id child_protection_enquiry_s47 --name "Child protection enquiry (s47)" \
  --lawful-basis public_task --recipient "mash=id,author,subject,household,parties,narrative,statements,concern" >/dev/null
for h in school mash relay; do "$sealpost" agreement sign --home "$work/$h" "$ag" >/dev/null; done
for h in school mash; do "$sealpost" agreement install --home "$work/$h" "$ag" >/dev/null; done

"$relay_bin" serve --home "$work/relay" --agreement "$ag" --port "$relay_port" --db "$work/relay.sqlite" --log-level warning &
pids+=($!)
for _ in $(seq 1 200); do port_free "$relay_port" || break; sleep 0.1; done

if [ "${SEALPOST_DEMO_SEED:-0}" = 1 ]; then
  "$sealpost" send --home "$work/school" --to kingsbridge-mash --purpose child_protection_enquiry_s47 --yes \
    examples/records/disclosure.json >/dev/null 2>"$work/seed.err" || { cat "$work/seed.err" >&2; exit 1; }
fi

idle="${SEALPOST_DEMO_IDLE:-900}"
start_web() {
  local home=$1 port
  port="$(free_port "$2")"
  "$sealpost" web --home "$work/$home" --port "$port" --idle-timeout "$idle" > "$work/$home.web.out" 2> "$work/$home.web.log" &
  pids+=($!)
  for _ in $(seq 1 300); do grep -q "serving" "$work/$home.web.out" 2>/dev/null && break; sleep 0.1; done
  grep -q "serving" "$work/$home.web.out" || { echo "web-demo: the $home app did not start:" >&2; cat "$work/$home.web.log" >&2; exit 1; }
  echo "$port"
}
school_port="$(start_web school 18700)"
mash_port="$(start_web mash 18800)"

cat <<TXT
Sealpost demo partnership (homes in $work)
  School (St Anne's Primary School): http://127.0.0.1:$school_port/   sign in as Ann Smith (Designated Safeguarding Lead)
  MASH (Kingsbridge MASH):           http://127.0.0.1:$mash_port/   sign in as Sam Patel (MASH social worker)
  Passphrase for both: $SEALPOST_USER_PASSPHRASE
Press Ctrl-C to stop.
TXT
echo "ready school=http://127.0.0.1:$school_port mash=http://127.0.0.1:$mash_port relay=http://127.0.0.1:$relay_port dir=$work"
wait "${pids[0]}"
