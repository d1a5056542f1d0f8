#!/usr/bin/env bash
# The main job: two agencies exchange a sealed safeguarding record.
# A school creates its identity, a MASH creates its own, they swap public cards, the school
# seals a record to the MASH, and the MASH opens it and checks who sealed it.
# Everything happens in a temporary folder that is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
source examples/setup.sh
swift build --product sealpost >/dev/null
sealpost="$(swift build --show-bin-path)/sealpost"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Demo passphrases only. Real use: the prompt, or --passphrase-file with a protected file.
export SEALPOST_PASSPHRASE="demo passphrase, not for real use"

step() { printf '\n== %s\n' "$*"; }

step "The school and the MASH each create an identity"
"$sealpost" init --home "$work/school" --agency school-st-annes --name "St Anne's Primary School" --kdf interactive
"$sealpost" init --home "$work/mash" --agency mash-kingsbridge --name "Kingsbridge MASH" --kdf interactive

step "They exchange public cards (and compare fingerprints by phone)"
"$sealpost" export-card --home "$work/school" --output "$work/school.card.json"
"$sealpost" export-card --home "$work/mash" --output "$work/mash.card.json"
"$sealpost" import-card --home "$work/mash" "$work/school.card.json"

step "The school seals a record to the MASH"
"$sealpost" seal --home "$work/school" --to "$work/mash.card.json" \
  --content-type application/json --output "$work/record.sealed" examples/records/disclosure.json
ls -l "$work/record.sealed"
echo "What anyone without the MASH's key sees (first bytes):"
head -c 64 "$work/record.sealed" | od -A d -t x1 | head -4

step "The MASH opens it and checks who sealed it"
"$sealpost" open --home "$work/mash" --output "$work/record.json" "$work/record.sealed"
cmp examples/records/disclosure.json "$work/record.json" && echo "The MASH has the record exactly as the school sealed it."

step "An altered envelope is refused, and nothing is written"
cp "$work/record.sealed" "$work/altered.sealed"
printf '\x01' | dd of="$work/altered.sealed" bs=1 seek=400 conv=notrunc 2>/dev/null
if "$sealpost" open --home "$work/mash" --output "$work/altered.json" "$work/altered.sealed"; then
  echo "unexpected: the altered envelope opened" >&2; exit 1
fi
[ ! -e "$work/altered.json" ] && echo "No output file was left behind."

step "The police, who were not sent it, cannot open it"
"$sealpost" init --home "$work/police" --agency police-cait --name "Police CAIT" --kdf interactive >/dev/null
if "$sealpost" open --home "$work/police" --from "$work/school.card.json" --output "$work/police.json" "$work/record.sealed"; then
  echo "unexpected: the police opened it" >&2; exit 1
fi
echo
echo "Exchange complete."
