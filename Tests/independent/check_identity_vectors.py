#!/usr/bin/env python3
"""Runs the card, key file and primitive vectors (spec/vectors/cards, key-files, primitives) from
spec/envelope.md alone, with no code from the reference implementation and no libsodium (the Python
`cryptography` package and hashlib; secretstream from open_envelopes.py, itself from the spec).

    python3 Tests/independent/check_identity_vectors.py [spec/vectors]
"""
import json
import os
import struct
import sys
import unicodedata

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from open_envelopes import AGENCY, ORDER, Puller, hchacha20, kdf, labelled  # noqa: E402


def load(folder):
    for name in sorted(os.listdir(folder)):
        if name.endswith('.md'):
            continue
        data = open(os.path.join(folder, name), 'rb').read()
        split = data.index(b'\n\n')
        fields = [line.split(': ', 1) for line in data[:split].decode().split('\n')]
        yield name, fields, data[split + 2:]


def get(fields, key):
    return [v for k, v in fields if k == key]


def is_displayable(name):
    return 1 <= len(name.encode()) <= 200 and not any(
        unicodedata.category(ch) in ('Cc', 'Cf', 'Zl', 'Zp') for ch in name)


def read_card(data):
    """The card's (agency, name, signing key, box key), or None if a reader must refuse it."""
    if len(data) > 16384 or data.startswith(b'\xef\xbb\xbf'):
        return None
    try:
        text = data.decode('utf-8', 'strict')
    except UnicodeDecodeError:
        return None

    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise ValueError('duplicate')
        return dict(pairs)
    try:
        card = json.loads(text, object_pairs_hook=no_duplicates, parse_int=lambda s: ('number', s),
                          parse_float=lambda s: ('number', s), parse_constant=lambda s: ('constant', s))
    except ValueError:
        return None
    members = {'version', 'agency_id', 'name', 'signing_key', 'box_key', 'signing_key_id', 'box_key_id', 'self_signature'}
    if not isinstance(card, dict) or set(card) != members or card['version'] != ('number', '1'):
        return None
    if not all(isinstance(card[k], str) for k in members - {'version'}):
        return None
    lengths = {'signing_key': 64, 'box_key': 64, 'signing_key_id': 32, 'box_key_id': 32, 'self_signature': 128}
    if not all(len(card[k]) == n and set(card[k]) <= set('0123456789abcdef') for k, n in lengths.items()):
        return None
    agency, name = card['agency_id'].encode(), card['name']
    if not 1 <= len(agency) <= 64 or not set(agency) <= AGENCY or not is_displayable(name):
        return None
    signing, box = bytes.fromhex(card['signing_key']), bytes.fromhex(card['box_key'])
    try:  # low order: X25519 with a clamped scalar gives all zeros (cryptography raises)
        X25519PrivateKey.from_private_bytes(b'\x01' * 32).exchange(X25519PublicKey.from_public_bytes(box))
    except ValueError:
        return None
    if card['signing_key_id'] != labelled('sealpost/v1/key-id/ed25519', signing, 16).hex() \
            or card['box_key_id'] != labelled('sealpost/v1/key-id/x25519', box, 16).hex():
        return None
    name_bytes = name.encode()
    message = (b'sealpost/v1/card\0' + bytes([len(agency)]) + agency + struct.pack('>H', len(name_bytes)) + name_bytes
               + signing + box)
    signature = bytes.fromhex(card['self_signature'])
    if int.from_bytes(signature[32:], 'little') >= ORDER:
        return None
    try:
        Ed25519PublicKey.from_public_bytes(signing).verify(signature, message)
    except (InvalidSignature, ValueError):
        return None
    return card['agency_id'], name, signing, box


def fingerprint(signing, box):
    f = labelled('sealpost/v1/fingerprint', signing + box)
    return ' '.join('%05d' % (int.from_bytes(f[4 * g:4 * g + 4], 'big') % 100000) for g in range(8))


def open_key_file(data, passphrase):
    """(agency, name, seed, box private key), or None."""
    if data[:8] != b'SPKEYv1\n' or len(data) < 67 or data[8] != 1 or data[9:12] != b'\0\0\0':
        return None
    ops, mem = struct.unpack('>I', data[12:16])[0], struct.unpack('>Q', data[16:24])[0]
    if not 1 <= ops <= 16 or not 8 << 20 <= mem <= 1 << 30 or mem % 1024:
        return None  # before any hashing
    salt, nonce = data[24:40], data[40:64]
    a = data[64]
    if len(data) < 67 + a:
        return None
    m = struct.unpack('>H', data[65 + a:67 + a])[0]
    header_end = 67 + a + m
    if len(data) != header_end + 80:
        return None
    try:
        agency, name = data[65:65 + a].decode(), data[67 + a:header_end].decode()
    except UnicodeDecodeError:
        return None
    if not 1 <= a <= 64 or not set(data[65:65 + a]) <= AGENCY or not is_displayable(name):
        return None
    key = Argon2id(salt=salt, length=32, iterations=ops, lanes=1, memory_cost=mem // 1024).derive(passphrase)
    try:  # XChaCha20-Poly1305: HChaCha20 subkey, then the IETF AEAD with 4 zero bytes || nonce[16:24]
        keys = ChaCha20Poly1305(hchacha20(key, nonce[:16])).decrypt(b'\0' * 4 + nonce[16:], data[header_end:], data[:header_end])
    except InvalidTag:
        return None
    return agency, name, keys[:32], keys[32:]


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else 'spec/vectors'
    failures, total = [], 0
    for name, fields, body in load(os.path.join(root, 'cards')):
        total += 1
        card = read_card(body)
        expect = get(fields, 'expect')[0]
        if (card is not None) != (expect == 'valid'):
            failures.append(f'cards/{name}: expected {expect}')
        elif card:
            seed, secret = bytes.fromhex(get(fields, 'signing seed')[0]), bytes.fromhex(get(fields, 'box private key')[0])
            ok = (Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes_raw() == card[2]
                  and X25519PrivateKey.from_private_bytes(secret).public_key().public_bytes_raw() == card[3]
                  and fingerprint(card[2], card[3]) == get(fields, 'fingerprint')[0])
            if not ok:
                failures.append(f'cards/{name}: keys or fingerprint differ')
    for name, fields, body in load(os.path.join(root, 'key-files')):
        total += 1
        opened = open_key_file(body, bytes.fromhex(get(fields, 'passphrase')[0]))
        expect = get(fields, 'expect')[0]
        want = None if expect == 'refused' else (get(fields, 'agency')[0], get(fields, 'name')[0],
                                                bytes.fromhex(get(fields, 'signing seed')[0]),
                                                bytes.fromhex(get(fields, 'box private key')[0]))
        if opened != want:
            failures.append(f'key-files/{name}: expected {expect}')
    for name, fields, body in load(os.path.join(root, 'primitives')):
        total += 1
        h = lambda key: bytes.fromhex(get(fields, key)[0])
        if name.startswith('argon2id'):
            ok = Argon2id(salt=h('salt'), length=32, iterations=int(get(fields, 'opslimit')[0]), lanes=1,
                          memory_cost=int(get(fields, 'memlimit')[0]) // 1024).derive(h('passphrase')) == h('key')
        elif name.startswith('kdf'):
            ok = kdf(h('file key'), 1) == h('header key') and kdf(h('file key'), 2) == h('payload key')
        else:
            stream, ok = Puller(h('key'), h('header')), True
            for line in get(fields, 'message'):
                tag, plain, cipher = line.split(' ')
                pulled = stream.pull(bytes.fromhex(cipher), h('additional data'))
                ok = ok and pulled == (b'' if plain == '-' else bytes.fromhex(plain), int(tag))
        if not ok:
            failures.append(f'primitives/{name}')
    for failure in failures:
        print(failure)
    print(f'{total - len(failures)} of {total} card, key file and primitive vectors give their expected outcome')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
