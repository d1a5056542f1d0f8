#!/usr/bin/env python3
"""Runs the practitioner slot vectors (spec/vectors/practitioners) from spec/practitioners.md alone,
with no code from the reference implementation and no libsodium.

    python3 Tests/independent/check_practitioner_vectors.py [spec/vectors]
"""
import os
import re
import struct
import sys

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_identity_vectors import get, is_displayable, load  # noqa: E402
from open_envelopes import AGENCY, hchacha20  # noqa: E402


def text_ok(value, is_name):
    if not is_displayable(value) or value != value.strip():
        return False
    if is_name and (re.fullmatch('[0-9a-fA-F]{16}', value) or value.lower() == 'command line'):
        return False
    return True


def open_slot(data, passphrase):
    """('success', fields) or the category of §Reading."""
    if len(data) > 829 or data[:8] != b'SPUSRv1\n':
        return 'malformed', None
    if len(data) < 24 or data[8] != 1 or data[9:12] != b'\0\0\0':
        return 'malformed', None
    ops, mem = struct.unpack('>I', data[12:16])[0], struct.unpack('>Q', data[16:24])[0]
    if not 1 <= ops <= 16 or not 8 << 20 <= mem <= 1 << 30:
        return 'limits', None
    pos = 24

    def take(n):
        nonlocal pos
        if pos + n > len(data):
            raise ValueError('short')
        pos += n
        return data[pos - n:pos]
    try:
        salt, nonce, ident, created = take(16), take(24), take(8), struct.unpack('>Q', take(8))[0]
        if created > 2 ** 63 - 1:
            return 'malformed', None
        name, role = take(take(1)[0]).decode(), take(take(1)[0]).decode()
        if not text_ok(name, True) or not text_ok(role, False):
            return 'malformed', None
        agency = take(take(1)[0])
        agency_name = take(struct.unpack('>H', take(2))[0]).decode()
        if not 1 <= len(agency) <= 64 or not set(agency) <= AGENCY or not is_displayable(agency_name):
            return 'malformed', None
    except (ValueError, UnicodeDecodeError):
        return 'malformed', None
    if len(data) - pos != 80:
        return 'malformed', None
    key = Argon2id(salt=salt, length=32, iterations=ops, lanes=1, memory_cost=mem // 1024).derive(passphrase)
    try:
        keys = ChaCha20Poly1305(hchacha20(key, nonce[:16])).decrypt(b'\0' * 4 + nonce[16:], data[pos:], data[:pos])
    except InvalidTag:
        return 'unlock failure', None
    return 'success', {
        'id': ident.hex(), 'name': name, 'role': role, 'created': str(created), 'agency': agency.decode(),
        'agency name': agency_name,
        'signing key': Ed25519PrivateKey.from_private_bytes(keys[:32]).public_key().public_bytes_raw().hex(),
        'box key': X25519PrivateKey.from_private_bytes(keys[32:]).public_key().public_bytes_raw().hex(),
    }


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else 'spec/vectors'
    failures, total = [], 0
    for name, fields, body in load(os.path.join(root, 'practitioners')):
        total += 1
        outcome, got = open_slot(body, get(fields, 'passphrase')[0].encode())
        expect = get(fields, 'expect')[0]
        if outcome != expect or (got and any(get(fields, k)[0] != v for k, v in got.items())):
            failures.append(f'practitioners/{name}: expected {expect}, got {outcome}')
    for failure in failures:
        print(failure)
    print(f'{total - len(failures)} of {total} practitioner slot vectors give their expected outcome')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
