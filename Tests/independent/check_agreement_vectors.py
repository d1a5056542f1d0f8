#!/usr/bin/env python3
"""Runs the agreement vectors (spec/vectors/agreements) from spec/agreement.md alone: rebuilds the
canonical bytes of §"Canonical bytes" from the file's document and checks every signature over
`"sealpost/v1/agreement" || 0x00 || canonical bytes`. (The vectors' recipients' fields are already in
catalogue order, so step 1's reordering, which needs spec/record.md's catalogue, is not exercised.)

    python3 Tests/independent/check_agreement_vectors.py [spec/vectors]
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_identity_vectors import get, load  # noqa: E402
from check_relay_and_log_vectors import verify  # noqa: E402
from open_envelopes import labelled  # noqa: E402


def canonical(document):
    """Compact, members sorted by key, integers as digits, JSONWriter's escapes (none but \\" \\\\ and controls)."""
    document = {k: v for k, v in document.items() if not (k in ('relay', 'relays', 'response_deadlines') and v is None)}
    return json.dumps(document, sort_keys=True, separators=(',', ':'), ensure_ascii=False).encode()


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else 'spec/vectors'
    failures, total = [], 0
    for name, fields, body in load(os.path.join(root, 'agreements')):
        total += 1
        file = json.loads(body.decode('utf-8'))
        data = canonical(file['agreement'])
        if data.decode() != get(fields, 'canonical bytes')[0]:
            failures.append(f'agreements/{name}: canonical bytes differ')
            continue
        parties = {p['agency_id']: p['card'] for p in file['agreement']['parties']}
        signed = all(
            s['agency_id'] in parties
            and s['signing_key_id'] == labelled('sealpost/v1/key-id/ed25519', bytes.fromhex(parties[s['agency_id']]['signing_key']), 16).hex()
            and verify(bytes.fromhex(parties[s['agency_id']]['signing_key']), bytes.fromhex(s['signature']),
                       b'sealpost/v1/agreement\0' + data)
            for s in file['signatures']) and {s['agency_id'] for s in file['signatures']} == set(parties)
        if signed != (get(fields, 'expect')[0] == 'signed'):
            failures.append(f'agreements/{name}: expected {get(fields, "expect")[0]}')
    for failure in failures:
        print(failure)
    print(f'{total - len(failures)} of {total} agreement vectors give their expected outcome')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
