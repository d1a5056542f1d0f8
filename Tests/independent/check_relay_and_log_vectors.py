#!/usr/bin/env python3
"""Runs the relay and receipt log vectors (spec/vectors/relay, receipts) from spec/relay.md and
spec/receipts.md alone, with no code from the reference implementation and no libsodium.

    python3 Tests/independent/check_relay_and_log_vectors.py [spec/vectors]
"""
import base64
import hashlib
import json
import os
import re
import struct
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_identity_vectors import get, load  # noqa: E402
from open_envelopes import AGENCY, ORDER, hchacha20  # noqa: E402
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305  # noqa: E402


def verify(key, signature, message):
    if len(signature) != 64 or int.from_bytes(signature[32:], 'little') >= ORDER:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(key).verify(signature, message)
        return True
    except (InvalidSignature, ValueError):
        return False


def is_agency(text):
    raw = text.encode()
    return 1 <= len(raw) <= 64 and set(raw) <= AGENCY


def lower_hex(text, digits):
    return text is not None and len(text) == digits and re.fullmatch('[0-9a-f]*', text) is not None


def request_outcome(fields, body):
    """spec/relay.md §Verifying a request, steps 2, 6 and 10 (the clock equal to the timestamp)."""
    header = lambda name: (get(fields, name) or [None])[0]
    agency, timestamp = header('Sealpost-Agency'), header('Sealpost-Timestamp')
    nonce, content_hash, signature = header('Sealpost-Nonce'), header('Sealpost-Content-Hash'), header('Sealpost-Signature')
    host = header('host')
    if not agency or not is_agency(agency) or not timestamp or not re.fullmatch('(0|[1-9][0-9]{0,18})', timestamp) \
            or not lower_hex(nonce, 32) or not lower_hex(content_hash, 64) or not lower_hex(signature, 128) \
            or not host or len(host) > 255 or not all(0x21 <= ord(c) <= 0x7e for c in host):
        return 'malformed_header', None
    lowered = ''.join(c.lower() if 'A' <= c <= 'Z' else c for c in host)
    signed = b'sealpost/v1/relay-request\0' + '\n'.join(
        [agency, header('method'), header('target'), lowered, timestamp, nonce, content_hash]).encode()
    if not verify(bytes.fromhex(get(fields, 'signing key')[0]), bytes.fromhex(signature), signed):
        return 'bad_signature', signed
    if hashlib.blake2b(body, digest_size=32).hexdigest() != content_hash:
        return 'content_hash_mismatch', signed
    return 'valid', signed


def receipt_bytes(body):
    """The receipt bytes of a deposit answer, or None when §Deposit receipts makes it invalid."""
    try:
        answer = json.loads(body.decode('utf-8'))
        r, signature = answer['receipt'], answer['signature']
        boxes = r['mailboxes']
        if not lower_hex(r['envelope_id'], 64) or not lower_hex(signature, 128) or not is_agency(r['relay']) \
                or not is_agency(r['sender']) or not boxes or not all(is_agency(b) for b in boxes) \
                or any(a.encode() >= b.encode() for a, b in zip(boxes, boxes[1:])) \
                or not all(type(r[k]) is int and r[k] >= 0 for k in ('deposited_at', 'expires_at')):
            return None, None
    except (ValueError, KeyError, TypeError, AttributeError):
        return None, None
    out = b'sealpost/v1/deposit-receipt\0' + bytes.fromhex(r['envelope_id']) + struct.pack('>QQ', r['deposited_at'], r['expires_at'])
    for text in [r['relay'], r['sender']]:
        out += bytes([len(text)]) + text.encode()
    out += bytes([len(boxes)]) + b''.join(bytes([len(b)]) + b.encode() for b in boxes)
    return out, bytes.fromhex(signature)


ENTRY = re.compile(rb'([0-9a-f]{128}) ((0|[1-9][0-9]*) (0|[1-9][0-9]*) ([a-z_]{1,32}) ([0-9a-f]{64}) ([0-9a-f]{64}) (\{.*\}))')


def open_sealed_details(box_secret, seq, text):
    """(salt, details bytes) of a sealed details line's base64, or None (spec/receipts.md §Details)."""
    try:
        sealed = base64.b64decode(text, validate=True)
    except ValueError:
        return None
    if base64.b64encode(sealed).decode() != text or len(sealed) < 24 + 16:
        return None
    key = hashlib.blake2b(b'sealpost/v1/at-rest-lines', key=box_secret, digest_size=32).digest()
    nonce, ciphertext = sealed[:24], sealed[24:]
    ad = b'sealpost/v1/log-details\0' + struct.pack('>Q', seq)
    try:
        plain = ChaCha20Poly1305(hchacha20(key, nonce[:16])).decrypt(b'\0' * 4 + nonce[16:], ciphertext, ad)
    except Exception:
        return None
    return (plain[:32], plain[32:]) if len(plain) > 32 else None


def verify_log(owner, chain, details, box_secret=None):
    """(problem entry or None, good entries, head, hashes) by spec/receipts.md §Verifying, every signature checked."""
    genesis = hashlib.blake2b(b'sealpost/v1/log-genesis\0' + owner, digest_size=32).digest()
    lines = chain.split(b'\n')[:-1]  # the last piece has no LF: torn, skipped
    parsed = []
    for line in lines:
        m = ENTRY.fullmatch(line)
        parsed.append(m)
    hashes, prev = [], genesis

    def signed_ok(m):
        return verify(owner, bytes.fromhex(m.group(1).decode()), b'sealpost/v1/log-entry\0' + m.group(2))
    for k, m in enumerate(parsed, start=1):
        if m is None or int(m.group(3)) != k:
            return k, None, None, None
        if bytes.fromhex(m.group(6).decode()) != prev:
            if k > 1 and not signed_ok(parsed[k - 2]):
                return k - 1, None, None, None
            return k, None, None, None
        h = hashlib.blake2b(b'sealpost/v1/log-entry-hash\0' + m.group(2) + bytes.fromhex(m.group(1).decode()), digest_size=32).digest()
        hashes.append(h)
        prev = h
    for k, m in enumerate(parsed, start=1):
        if not signed_ok(m):
            return k, None, None, None
    matched, altered = set(), None
    for line in details:
        seq, salt, text = line.split(' ', 2)
        seq = int(seq)
        if salt == 'sealed':
            opened = open_sealed_details(box_secret, seq, text) if box_secret else None
            if opened is None and box_secret is None:
                continue  # not checked without the owner's key
            salt, data = (opened[0].hex(), opened[1]) if opened else ('00' * 32, b'')
        else:
            data = text.encode()
        if 1 <= seq <= len(parsed):
            c = hashlib.blake2b(b'sealpost/v1/log-details\0' + bytes.fromhex(salt) + data, digest_size=32).digest()
            if c == bytes.fromhex(parsed[seq - 1].group(7).decode()):
                matched.add(seq)
            elif altered is None or seq < altered:
                altered = seq
    if altered is not None and altered not in matched:
        return altered, None, None, None
    return None, len(parsed), prev, hashes


def checkpoint_ok(fields, body):
    text = body.decode('utf-8', 'replace')
    lines = text.split('\n')
    if len(lines) != 4 or lines[3] != '' or not lines[0].endswith(' sealpost receipt log'):
        return None
    if not is_agency(lines[0][:-len(' sealpost receipt log')]) or not re.fullmatch('0|[1-9][0-9]*', lines[1]):
        return None
    try:
        head = base64.b64decode(lines[2], validate=True)
    except ValueError:
        return None
    if len(head) != 32 or base64.b64encode(head).decode() != lines[2]:  # one spelling per head
        return None
    owner = bytes.fromhex(get(fields, 'owner')[0])
    if not verify(owner, bytes.fromhex(get(fields, 'signature')[0]), b'sealpost/v1/log-checkpoint\0' + body):
        return None
    return lines[1], head.hex()


KINDS = {'share_decided', 'sent', 'refused', 'redaction_cleared', 'received', 'acknowledged', 'expired', 'request_sent',
         'request_received', 'request_refused', 'declined', 'outcome', 'family_told'}


def statement_ok(fields, body):
    """spec/receipts.md §Receipt bytes: form, then the signature over the canonical re-serialisation."""
    try:
        carried = json.loads(body.decode('utf-8'))
        statement, signature = carried['receipt'], carried['signature']
    except (ValueError, KeyError, TypeError):
        return False, None
    if statement.get('format') != 'sealpost-receipt/v1' or statement.get('kind') not in KINDS \
            or not isinstance(statement.get('by'), str) or not is_agency(statement['by']) \
            or type(statement.get('at')) is not int or not lower_hex(signature, 128):
        return False, None
    data = json.dumps(statement, sort_keys=True, separators=(',', ':'), ensure_ascii=False).encode()
    return verify(bytes.fromhex(get(fields, 'by key')[0]), bytes.fromhex(signature), b'sealpost/v1/receipt\0' + data), data


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else 'spec/vectors'
    failures, total = [], 0
    for name, fields, body in load(os.path.join(root, 'relay')):
        total += 1
        expect = get(fields, 'expect')[0]
        if name.startswith('request_'):
            outcome, signed = request_outcome(fields, body)
            if outcome != expect or (outcome == 'valid' and signed.hex() != get(fields, 'signed bytes')[0]):
                failures.append(f'relay/{name}: expected {expect}, got {outcome}')
        else:
            data, signature = receipt_bytes(body)
            valid = data is not None and verify(bytes.fromhex(get(fields, 'relay key')[0]), signature, data)
            if valid != (expect == 'valid') or (valid and data.hex() != get(fields, 'receipt bytes')[0]):
                failures.append(f'relay/{name}: expected {expect}')
    for name, fields, body in load(os.path.join(root, 'receipts')):
        total += 1
        expect = get(fields, 'expect')[0]
        if name.startswith('log_'):
            owner = bytes.fromhex(get(fields, 'owner')[0])
            secret = [bytes.fromhex(k) for k in get(fields, 'box secret key')]
            problem, size, head, hashes = verify_log(owner, body, get(fields, 'details line'), secret[0] if secret else None)
            if expect == 'valid':
                listed = [f'{i + 1} {h.hex()}' for i, h in enumerate(hashes or [])]
                ok = problem is None and str(size) == get(fields, 'size')[0] and head.hex() == get(fields, 'head')[0] \
                    and listed == get(fields, 'entry hash')
            else:
                ok = str(problem) == get(fields, 'problem entry')[0]
            if not ok:
                failures.append(f'receipts/{name}: expected {expect}, got problem {problem}')
        elif name.startswith('statement_'):
            valid, data = statement_ok(fields, body)
            if valid != (expect == 'valid') or (valid and data.decode() != get(fields, 'statement bytes')[0]):
                failures.append(f'receipts/{name}: expected {expect}')
        else:
            got = checkpoint_ok(fields, body)
            want = (get(fields, 'size')[0], get(fields, 'head')[0]) if expect == 'valid' else None
            if got != want:
                failures.append(f'receipts/{name}: expected {expect}')
    for failure in failures:
        print(failure)
    print(f'{total - len(failures)} of {total} relay and receipt log vectors give their expected outcome')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
