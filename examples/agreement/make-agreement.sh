#!/usr/bin/env bash
# Builds the Kingsbridge partnership's data-sharing agreement with the real `sealpost` binary:
# seven agencies make identities, the agreement is drafted from their public cards, every party
# signs it, it is verified and installed, and a rollback and a tampered copy are refused.
#
#   bash examples/agreement/make-agreement.sh OUTDIR
#
# writes OUTDIR/kingsbridge-agreement.json (version 1, signed by all seven) and OUTDIR/cards/*.card.json.
# Private keys stay in a temporary folder that is removed at the end; nothing secret reaches OUTDIR.
# The keys are new on every run, so the files differ each time; what the script checks does not.
# Set SEALPOST_SCRATCH_PATH to build in another SwiftPM scratch folder.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: bash examples/agreement/make-agreement.sh OUTDIR" >&2
  exit 2
fi
mkdir -p "$1"
out="$(cd "$1" && pwd)"
cd "$(dirname "$0")/../.."
source examples/setup.sh
build=()
if [ -n "${SEALPOST_SCRATCH_PATH:-}" ]; then build=(--scratch-path "$SEALPOST_SCRATCH_PATH"); fi
swift build "${build[@]}" --product sealpost >/dev/null
sealpost="$(swift build "${build[@]}" --show-bin-path)/sealpost"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Demo passphrase only. Real use: the prompt, or --passphrase-file with a protected file.
export SEALPOST_PASSPHRASE="demo passphrase, not for real use"

step() { printf '\n== %s\n' "$*"; }
fail() { echo "make-agreement: $*" >&2; exit 1; }
# expect_output WHAT TEXT COMMAND...: runs the command, which must succeed and print TEXT (a whole line).
expect_output() {
  local what="$1" text="$2"; shift 2
  local output
  output="$("$@")" || fail "$what: the command failed"
  printf '%s\n' "$output"
  grep -qxF -- "$text" <<<"$output" || fail "$what: expected the line: $text"
}
# expect_refusal WHAT TEXT COMMAND...: the command must fail and say TEXT on standard error.
expect_refusal() {
  local what="$1" text="$2"; shift 2
  local errors
  if errors="$("$@" 2>&1 >/dev/null)"; then fail "$what: unexpectedly succeeded"; fi
  printf '%s\n' "$errors"
  grep -qF -- "$text" <<<"$errors" || fail "$what: expected the message: $text"
}

ag="$work/kingsbridge-agreement.json"
# agency id | name | role
parties=(
  "school-st-annes|St Anne's Primary School|school"
  "kingsbridge-academy|Kingsbridge Academy (secondary school)|school"
  "kingsbridge-csc|Kingsbridge Council Children's Social Care|childrens_social_care"
  "kingsbridge-mash|Kingsbridge Multi-Agency Safeguarding Hub (MASH)|mash"
  "police-cait|Kingsbridge Police Child Abuse Investigation Team|police"
  "health-0-19|Kingsbridge Community Health 0-19 Service (health visiting and school nursing)|health"
  "relay-kingsbridge|Kingsbridge Partnership Relay (Kingsbridge Council ICT)|relay_operator"
)
ids=()
for entry in "${parties[@]}"; do ids+=("${entry%%|*}"); done
all_ids="$(IFS=,; echo "${ids[*]}" | sed 's/,/, /g')"

step "Each agency creates its identity and exports its public card"
mkdir -p "$work/cards"
for entry in "${parties[@]}"; do
  IFS='|' read -r id name role <<<"$entry"
  "$sealpost" init --home "$work/homes/$id" --agency "$id" --name "$name" --kdf interactive >/dev/null
  "$sealpost" export-card --home "$work/homes/$id" --output "$work/cards/$id.card.json"
done
ls "$work/cards"

step "The MASH drafts version 1 and adds each agency's card with its role"
expect_output "create" "wrote draft agreement kingsbridge-dsa version 1 to $ag" \
  "$sealpost" agreement create --id kingsbridge-dsa \
  --title "Kingsbridge Safeguarding Children Partnership: data-sharing agreement" \
  --valid-from 2026-04-01 --valid-until 2029-03-31 --relay https://relay.kingsbridge.example:8443 --output "$ag"
for entry in "${parties[@]}"; do
  IFS='|' read -r id name role <<<"$entry"
  added="$("$sealpost" agreement add-party "$ag" --card "$work/cards/$id.card.json" --role "$role")"
  printf '%s\n' "$added"
  grep -qF "$id ($name) is a party as $role, active; fingerprint " <<<"$added" || fail "add-party $id"
done

step "Purposes: lawful bases, and the record fields each role may receive"
# Fields are record field paths (spec/record.md §"Field paths"). A purpose lists only the roles that
# may receive it; the relay operator never receives records. Minimisation always adds purpose,
# lawful_basis and consent, so that a recipient knows on what basis it holds the rest.
add_purpose() { expect_output "add-purpose $2" "added purpose $2 for $3" "$sealpost" agreement add-purpose "$ag" --id "$2" --name "$1" "${@:4}"; }
everything=id,author,subject,household,parties,narrative,statements,concern
add_purpose "Child protection enquiry (Children Act 1989 s47)" child_protection_enquiry_s47 \
  "childrens_social_care, mash, police, health, school" \
  --lawful-basis public_task --lawful-basis legal_obligation \
  --recipient "childrens_social_care=$everything" \
  --recipient "mash=$everything" \
  --recipient "police=$everything" \
  --recipient "health=id,subject,household[].id,household[].relationship,household[].name,household[].dob,narrative,concern" \
  --recipient "school=id,subject.name,subject.dob,subject.school,concern.categories,concern.urgency"
add_purpose "Child in need assessment (Children Act 1989 s17)" child_in_need_assessment_s17 \
  "childrens_social_care, mash, health, school" \
  --lawful-basis public_task \
  --recipient "childrens_social_care=$everything" \
  --recipient "mash=$everything" \
  --recipient "health=id,subject,household[].relationship,household[].name,narrative,concern" \
  --recipient "school=id,subject.name,subject.dob,subject.school,household[].relationship,household[].name,concern"
add_purpose "Early help assessment and support" early_help \
  "school, childrens_social_care, health" \
  --lawful-basis public_task \
  --recipient "school=id,subject.name,subject.dob,subject.school,household[].relationship,household[].name,narrative,concern.categories,concern.urgency" \
  --recipient "childrens_social_care=id,subject,household,narrative,concern" \
  --recipient "health=id,subject.name,subject.dob,subject.nhs_number,household[].relationship,household[].name,narrative,concern"
add_purpose "Police investigation of an offence against a child" police_investigation \
  "police, childrens_social_care" \
  --lawful-basis public_task --lawful-basis legal_obligation \
  --recipient "police=$everything" \
  --recipient "childrens_social_care=id,subject,household,narrative,statements,concern"
add_purpose "Health assessment (child protection medical or health needs assessment)" health_assessment \
  "health, childrens_social_care" \
  --lawful-basis public_task --lawful-basis vital_interests \
  --recipient "health=id,subject,household[].relationship,household[].name,household[].dob,narrative,statements,concern" \
  --recipient "childrens_social_care=id,subject.name,subject.dob,subject.nhs_number,concern"
add_purpose "MASH screening of a contact or referral" mash_screening \
  "mash, childrens_social_care" \
  --lawful-basis public_task \
  --recipient "mash=$everything" \
  --recipient "childrens_social_care=$everything"
add_purpose "Police notification of domestic abuse where a child lives (Operation Encompass)" police_notification_domestic_abuse \
  "mash, school, health" \
  --lawful-basis public_task \
  --recipient "mash=$everything" \
  --recipient "school=id,subject.name,subject.dob,subject.school,concern.categories,concern.urgency" \
  --recipient "health=id,subject.name,subject.dob,subject.nhs_number,concern"
# Keeping children safe in education: when a child on a plan or with a safeguarding file changes
# school, the designated safeguarding lead sends the file to the new school within five school days,
# securely and separately from the main pupil file, with confirmation of receipt. The file's
# documents travel as attachments (sealpost send --attach); the acknowledgement is the confirmation.
# The transfer is a legal duty, not a matter of consent: the record says consent.status not_sought
# with reason statutory_duty, and the family is told (examples/school-transfer/record.json).
add_purpose "Transfer of a child protection file between schools" child_protection_file_transfer \
  "school" \
  --lawful-basis public_task --lawful-basis legal_obligation \
  --recipient "school=$everything"

step "Nobody has signed yet, so verify fails and lists all seven"
expect_refusal "verify before signing" "the agreement is not in force: missing signatures from $all_ids" \
  "$sealpost" agreement verify "$ag"

step "Every party signs the exact document bytes"
remaining=("${ids[@]}")
for id in "${ids[@]}"; do
  remaining=("${remaining[@]:1}")
  if [ ${#remaining[@]} -eq 0 ]; then
    expected="every active party has signed"
  else
    expected="still to sign: $(IFS=,; echo "${remaining[*]}" | sed 's/,/, /g')"
  fi
  expect_output "sign as $id" "$expected" "$sealpost" agreement sign --home "$work/homes/$id" "$ag"
done
expect_output "verify" "in force once installed: every active party has signed" "$sealpost" agreement verify "$ag"

step "Each agency installs it"
for id in "${ids[@]}"; do
  expect_output "install in $id" "agreement kingsbridge-dsa version 1 is now in force in $work/homes/$id" \
    "$sealpost" agreement install --home "$work/homes/$id" "$ag"
done
expect_output "show" "signatures: 7 valid" "$sealpost" agreement show --home "$work/homes/kingsbridge-mash"

step "A copy whose end date was pushed back is refused: its signatures no longer verify"
sed 's/"valid_until": "2029-03-31"/"valid_until": "2039-03-31"/' "$ag" >"$work/tampered.json"
cmp -s "$ag" "$work/tampered.json" && fail "the tampered copy is unchanged"
expect_refusal "verify tampered" "invalid signatures from health-0-19, kingsbridge-academy, kingsbridge-csc, kingsbridge-mash, police-cait, relay-kingsbridge, school-st-annes" \
  "$sealpost" agreement verify "$work/tampered.json"
expect_refusal "install tampered" "has signatures that do not verify" \
  "$sealpost" agreement install --home "$work/homes/school-st-annes" "$work/tampered.json"

step "Version 2 extends the dates; once installed, version 1 is refused as a rollback"
expect_output "create v2" "wrote draft agreement kingsbridge-dsa version 2 to $work/v2.json" \
  "$sealpost" agreement create --from "$ag" --valid-from 2026-04-01 --valid-until 2030-03-31 --output "$work/v2.json"
for id in "${ids[@]}"; do "$sealpost" agreement sign --home "$work/homes/$id" "$work/v2.json" >/dev/null; done
expect_output "install v2" "agreement kingsbridge-dsa version 2 is now in force in $work/homes/kingsbridge-csc" \
  "$sealpost" agreement install --home "$work/homes/kingsbridge-csc" "$work/v2.json"
expect_refusal "rollback" "refusing to roll agreement kingsbridge-dsa back from version 2 to 1" \
  "$sealpost" agreement install --home "$work/homes/kingsbridge-csc" "$ag"
cmp -s "$work/v2.json" "$work/homes/kingsbridge-csc/agreement.json" || fail "version 2 is no longer the one in force"
echo "version 2 stays in force"

step "Writing the signed version 1 and the public cards to $out"
mkdir -p "$out/cards"
cp "$ag" "$out/kingsbridge-agreement.json"
for id in "${ids[@]}"; do cp "$work/cards/$id.card.json" "$out/cards/"; done
if grep -l "SPKEYv1" "$out/kingsbridge-agreement.json" "$out"/cards/*.card.json >/dev/null 2>&1; then fail "a key file reached $out"; fi
ls -l "$out/kingsbridge-agreement.json" "$out/cards"
echo
echo "Agreement complete."
