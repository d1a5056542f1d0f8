#!/usr/bin/env bash
# A relay run as two instances over one PostgreSQL database, and a client that fails over between
# them (spec/exchange.md §"Several relays"). The agreement lists, in order of preference, a port where
# nothing listens, then instance A, then instance B. The school sends through whichever answers;
# instance A is killed; the next send goes through B, and the MASH receives each record once. With
# every instance down, the error names each one; a sync once A is back deposits what was kept.
#
# PostgreSQL: SEALPOST_RELAY_DATABASE=postgres://USER@HOST:PORT/DB (an empty database of your own),
# else a throwaway cluster on 127.0.0.1 made by Tests/postgres/cluster.sh (which installs PostgreSQL
# from Debian when it is missing) and removed at the end. Everything else lives in a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
source examples/setup.sh
swift build --product sealpost >/dev/null
swift build --product sealpost-relay >/dev/null
bin="$(swift build --show-bin-path)"
sealpost="$bin/sealpost"
relay_bin="$bin/sealpost-relay"

work="$(mktemp -d)"
pids=()
cluster=""
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  [ -n "$cluster" ] && Tests/postgres/cluster.sh stop "$cluster"
  rm -rf "$work"
}
trap cleanup EXIT
database="${SEALPOST_RELAY_DATABASE:-}"
if [ -z "$database" ]; then
  eval "$(Tests/postgres/cluster.sh start)"
  cluster="$SEALPOST_TEST_POSTGRES_DIR"
  database="$SEALPOST_TEST_POSTGRES_URL"
fi
export SEALPOST_PASSPHRASE="demo passphrase, not for real use"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
dead="$(free_port)"; port_a="$(free_port)"; port_b="$(free_port)"
step() { printf '\n== %s\n' "$*"; }
start_instance() {  # start_instance PORT: a sealpost-relay serve on PORT over the database; prints its pid
  "$relay_bin" serve --home "$work/relay" --agreement "$work/dsa.json" --port "$1" --database "$database" --log-level error >/dev/null &
  local pid=$!
  for _ in $(seq 1 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && { echo "$pid"; return; }
    kill -0 "$pid" 2>/dev/null || { echo "failover: the relay on port $1 did not start" >&2; exit 1; }
    sleep 0.1
  done
  echo "failover: the relay on port $1 did not start" >&2; exit 1
}
send() {
  "$sealpost" send --home "$work/school" --to kingsbridge-mash --purpose child_protection_enquiry_s47 --yes \
    examples/records/disclosure.json
}

step "A school, a MASH and the relay operator; the agreement lists three relay URLs in order of preference"
for spec in "school school-st-annes St Anne's Primary School" "mash kingsbridge-mash Kingsbridge MASH" \
            "relay relay-kingsbridge Kingsbridge Partnership Relay"; do
  read -r home agency name <<<"$spec"
  "$sealpost" init --home "$work/$home" --agency "$agency" --name "$name" --kdf interactive >/dev/null
  "$sealpost" export-card --home "$work/$home" --output "$work/$home.card.json"
done
ag="$work/dsa.json"
"$sealpost" agreement create --id kingsbridge-dsa --title "Kingsbridge data-sharing agreement" \
  --valid-from "$(date -u -d '-1 day' +%F)" --valid-until "$(date -u -d '+1 year' +%F)" \
  --relay "http://127.0.0.1:$dead" --relay "http://127.0.0.1:$port_a" --relay "http://127.0.0.1:$port_b" --output "$ag"
"$sealpost" agreement add-party "$ag" --card "$work/school.card.json" --role school
"$sealpost" agreement add-party "$ag" --card "$work/mash.card.json" --role mash
"$sealpost" agreement add-party "$ag" --card "$work/relay.card.json" --role relay_operator
"$sealpost" agreement add-purpose "$ag" --id child_protection_enquiry_s47 --name "Child protection enquiry (s47)" \
  --lawful-basis public_task --recipient "mash=id,author,subject,household,parties,narrative,statements,concern"
for h in school mash relay; do "$sealpost" agreement sign --home "$work/$h" "$ag" >/dev/null; done
for h in school mash; do "$sealpost" agreement install --home "$work/$h" "$ag"; done
"$sealpost" agreement show "$ag" | sed -n 2p
grep -A4 '"relays"' "$ag"

step "Instances A (port $port_a) and B (port $port_b) over one PostgreSQL database; nothing on port $dead"
pid_a="$(start_instance "$port_a")"; pids+=("$pid_a")
pid_b="$(start_instance "$port_b")"; pids+=("$pid_b")

step "The school sends: port $dead refuses, A takes it"
SEALPOST_LOG=info send 2>&1 | grep -E "^sent|relay instance unreachable" || true

step "Instance A is killed (SIGKILL); the next send goes through B"
kill -KILL "$pid_a"; wait "$pid_a" 2>/dev/null || true
time send

step "The MASH, through B, finds each record once, opens and acknowledges it"
"$sealpost" inbox --home "$work/mash"
for id in $("$sealpost" inbox --home "$work/mash" | grep -oE '^[0-9a-f]{12}'); do
  "$sealpost" open --home "$work/mash" "$id" >/dev/null
  "$sealpost" ack --home "$work/mash" "$id"
done
"$sealpost" sync --home "$work/school"

step "Every instance down: the send is kept, and the error names each instance"
kill "$pid_b"; wait "$pid_b" 2>/dev/null || true
if send; then echo "failover: unexpected: a send with every relay instance down succeeded" >&2; exit 1; fi

step "A comes back: sync deposits what was kept"
pid_a="$(start_instance "$port_a")"; pids+=("$pid_a")
"$sealpost" sync --home "$work/school"
"$sealpost" inbox --home "$work/mash"
echo
echo "Failover complete."
