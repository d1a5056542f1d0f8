#!/usr/bin/env python3
"""An independent opener for Sealpost envelopes, written from spec/envelope.md alone.

It shares no code with the reference implementation and no libsodium: X25519, Ed25519, ChaCha20 and
Poly1305 come from the Python `cryptography` package, BLAKE2b from hashlib, and Salsa20 (for the
sealed boxes' XSalsa20-Poly1305) and secretstream are written out here from the spec's text. It runs
every envelope vector in spec/vectors/ and prints each that does not give its expected outcome.

Version 2 (§"Attachments (version 2)") is read here too: the manifest's attachment list, the content
split by its lengths into attachments and body, and step 11 after the signature. A success vector's
`attachment:` lines are compared with what was opened, field by field and in order.

    python3 Tests/independent/open_envelopes.py [spec/vectors]

Exit status 0 when every vector passes.
"""
import hashlib
import hmac
import os
import struct
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms
from cryptography.hazmat.primitives.poly1305 import Poly1305

MASK = 0xffffffff


def rotl(v, c):
    return ((v << c) & MASK) | (v >> (32 - c))


# Salsa20 and HSalsa20 (for crypto_box's XSalsa20-Poly1305).
def salsa_rounds(x):
    def qr(a, b, c, d):
        x[b] ^= rotl((x[a] + x[d]) & MASK, 7)
        x[c] ^= rotl((x[b] + x[a]) & MASK, 9)
        x[d] ^= rotl((x[c] + x[b]) & MASK, 13)
        x[a] ^= rotl((x[d] + x[c]) & MASK, 18)
    for _ in range(10):
        qr(0, 4, 8, 12); qr(5, 9, 13, 1); qr(10, 14, 2, 6); qr(15, 3, 7, 11)
        qr(0, 1, 2, 3); qr(5, 6, 7, 4); qr(10, 11, 8, 9); qr(15, 12, 13, 14)


SIGMA = struct.unpack('<4I', b'expand 32-byte k')


def salsa_state(key, sixteen):
    k = struct.unpack('<8I', key)
    n = struct.unpack('<4I', sixteen)
    return [SIGMA[0], *k[0:4], SIGMA[1], *n, SIGMA[2], *k[4:8], SIGMA[3]]


def hsalsa20(key, sixteen):
    x = salsa_state(key, sixteen)
    salsa_rounds(x)
    return struct.pack('<8I', x[0], x[5], x[10], x[15], x[6], x[7], x[8], x[9])


def xsalsa20_stream(key, nonce24, length):
    sub = hsalsa20(key, nonce24[:16])
    out = b''
    counter = 0
    while len(out) < length:
        start = salsa_state(sub, nonce24[16:24] + struct.pack('<Q', counter))
        x = list(start)
        salsa_rounds(x)
        out += struct.pack('<16I', *[(a + b) & MASK for a, b in zip(x, start)])
        counter += 1
    return out[:length]


def sealed_box_open(box, private, public):
    """crypto_box_seal_open, as §Primitives describes it; None if it does not open."""
    if len(box) < 48:
        return None
    epk = box[:32]
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(epk))  # refuses an all-zero result
    except ValueError:
        return None
    key = hsalsa20(shared, b'\0' * 16)
    nonce = hashlib.blake2b(epk + public, digest_size=24).digest()
    mac, c = box[32:48], box[48:]
    stream = xsalsa20_stream(key, nonce, 32 + len(c))
    if not hmac.compare_digest(Poly1305.generate_tag(stream[:32], c), mac):
        return None
    return bytes(a ^ b for a, b in zip(c, stream[32:]))


# secretstream, from the construction in §Primitives.
def chacha20(key, nonce12, counter, data):
    return Cipher(algorithms.ChaCha20(key, struct.pack('<I', counter) + nonce12), mode=None).encryptor().update(data)


def hchacha20(key, sixteen):
    def qr(s, a, b, c, d):
        s[a] = (s[a] + s[b]) & MASK; s[d] = rotl(s[d] ^ s[a], 16)
        s[c] = (s[c] + s[d]) & MASK; s[b] = rotl(s[b] ^ s[c], 12)
        s[a] = (s[a] + s[b]) & MASK; s[d] = rotl(s[d] ^ s[a], 8)
        s[c] = (s[c] + s[d]) & MASK; s[b] = rotl(s[b] ^ s[c], 7)
    s = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574, *struct.unpack('<8I', key), *struct.unpack('<4I', sixteen)]
    for _ in range(10):
        qr(s, 0, 4, 8, 12); qr(s, 1, 5, 9, 13); qr(s, 2, 6, 10, 14); qr(s, 3, 7, 11, 15)
        qr(s, 0, 5, 10, 15); qr(s, 1, 6, 11, 12); qr(s, 2, 7, 8, 13); qr(s, 3, 4, 9, 14)
    return struct.pack('<8I', *(s[0:4] + s[12:16]))


class Puller:
    def __init__(self, key, header):
        self.k = hchacha20(key, header[:16])
        self.i = 1
        self.inonce = header[16:24]

    def pull(self, c, ad):
        """(plaintext, tag), or None if the message does not authenticate (the state is unchanged)."""
        if len(c) < 17:
            return None
        n = struct.pack('<I', self.i) + self.inonce
        r = chacha20(self.k, n, 0, b'\0' * 64)[:32]
        block = bytearray(chacha20(self.k, n, 1, bytes([c[0]]) + b'\0' * 63))
        tag = block[0]
        block[0] = c[0]
        body, mac = c[1:-16], c[-16:]
        mac_input = (ad + b'\0' * ((16 - len(ad) % 16) % 16) + bytes(block) + body + b'\0' * (len(body) % 16)
                     + struct.pack('<Q', len(ad)) + struct.pack('<Q', 64 + len(body)))
        if not hmac.compare_digest(Poly1305.generate_tag(r, mac_input), mac):
            return None
        plaintext = chacha20(self.k, n, 2, body)
        self.inonce = bytes(a ^ b for a, b in zip(self.inonce, mac[:8]))
        self.i = (self.i + 1) & MASK
        if tag & 2 or self.i == 0:
            n = struct.pack('<I', self.i) + self.inonce
            new = bytes(a ^ b for a, b in zip(self.k + self.inonce, chacha20(self.k, n, 0, b'\0' * 40)))
            self.k, self.inonce, self.i = new[:32], new[32:40], 1
        return plaintext, tag


def labelled(label, data, size=32):
    return hashlib.blake2b(label.encode() + b'\0' + data, digest_size=size).digest()


def kdf(key, ident):
    return hashlib.blake2b(b'', digest_size=32, key=key, salt=struct.pack('<Q', ident) + b'\0' * 8,
                           person=b'SPENV-v1' + b'\0' * 8).digest()


AGENCY = set(b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-')
ATTRIBUTE_KEY = set(b'abcdefghijklmnopqrstuvwxyz0123456789_.-')
ORDER = 2 ** 252 + 27742317777372353535851937790883648493


class Bad(Exception):
    pass


def parse_manifest(m, version):
    """The manifest's fields, by §Manifest and, for version 2, §"Attachments (version 2)"; Bad if any rule fails."""
    pos = 0

    def take(n):
        nonlocal pos
        if pos + n > len(m):
            raise Bad('runs past the end')
        pos += n
        return m[pos - n:pos]

    def u(n):
        return int.from_bytes(take(n), 'big')
    out = {'signing': take(32), 'box': take(32)}
    a = u(1)
    agency = take(a)
    if not 1 <= a <= 64 or not set(agency) <= AGENCY:
        raise Bad('agency')
    out['agency'] = agency
    take(16 + 8)
    c = u(1)
    ctype = take(c)
    if not 1 <= c <= 100 or any(b < 0x20 or b > 0x7e for b in ctype):
        raise Bad('content type')
    r = u(2)
    if not 1 <= r <= 64:
        raise Bad('recipient count')
    ids = [take(16) for _ in range(r)]
    if any(x >= y for x, y in zip(ids, ids[1:])):
        raise Bad('recipients not strictly ascending')
    out['recipients'] = ids
    count = u(2)
    if count > 32:
        raise Bad('attributes')
    keys = []
    for _ in range(count):
        kl = u(1)
        key = take(kl)
        if not 1 <= kl <= 64 or not set(key) <= ATTRIBUTE_KEY:
            raise Bad('attribute key')
        keys.append(key)
        vl = u(2)
        if vl > 1024:
            raise Bad('attribute value length')
        try:
            take(vl).decode('utf-8', 'strict')
        except UnicodeDecodeError:
            raise Bad('attribute value not UTF-8')
    if any(x >= y for x, y in zip(keys, keys[1:])):
        raise Bad('attribute keys not strictly ascending')
    out['attachments'] = []
    if version == 2:
        p = u(1)  # runs past the end (Bad) if a version 2 manifest stops after its attributes
        if not 1 <= p <= 32:
            raise Bad('attachment count')
        for _ in range(p):
            nl = u(2)
            if not 1 <= nl <= 255:
                raise Bad('attachment name length')
            try:
                name = take(nl).decode('utf-8', 'strict')
            except UnicodeDecodeError:
                raise Bad('attachment name not UTF-8')
            tl = u(1)
            atype = take(tl)
            if not 1 <= tl <= 100 or any(b < 0x20 or b > 0x7e for b in atype):
                raise Bad('attachment type')
            length = u(8)
            digest = take(32)
            out['attachments'].append((length, digest, atype.decode('ascii'), name))
        if sum(a[0] for a in out['attachments']) >= 2 ** 64:
            raise Bad('attachment lengths overflow a u64')
    if pos != len(m):
        raise Bad('bytes after the attachment list' if version == 2 else 'bytes after the last attribute')
    return out


def open_envelope(data, secret, trusted):
    """The category (or 'success', content) by §Opening, steps 1 to 11, with the step 7 reason."""
    head = data[:38]
    if head[:8] != b'SEALPOST'[:len(head[:8])]:
        return 'malformed_header', None
    if len(head) >= 10 and (head[8] not in (1, 2) or head[9] != 1):
        return 'unsupported_version', None
    if len(head) < 38:
        return 'truncated', None
    if head[10] or head[11]:
        return 'malformed_header', None
    n = int.from_bytes(head[12:14], 'big')
    if not 1 <= n <= 64:
        return 'malformed_header', None
    end = 38 + 80 * n
    if len(data) < end + 32:
        return 'truncated', None
    private = X25519PrivateKey.from_private_bytes(secret)
    public = private.public_key().public_bytes_raw()
    file_key = None
    for s in range(n):
        file_key = sealed_box_open(data[38 + 80 * s:118 + 80 * s], private, public)
        if file_key is not None:
            break
    if file_key is None:
        return 'no_matching_identity', None
    header_key, payload_key = kdf(file_key, 1), kdf(file_key, 2)
    if not hmac.compare_digest(hashlib.blake2b(data[:end], digest_size=32, key=header_key).digest(), data[end:end + 32]):
        return 'header_authentication_failed', None
    header_hash = labelled('sealpost/v1/header', data[:end + 32])
    stream = Puller(payload_key, data[14:38])
    pos = end + 32

    def frame(maximum):
        nonlocal pos
        if len(data) - pos < 4:
            raise Bad('truncated')
        length = int.from_bytes(data[pos:pos + 4], 'big')
        if length < 17 or length > maximum + 17:
            raise Bad('payload_authentication_failed')
        if len(data) - pos - 4 < length:
            raise Bad('truncated')
        pulled = stream.pull(data[pos + 4:pos + 4 + length], header_hash)
        pos += 4 + length
        if pulled is None or pulled[1] > 3:
            raise Bad('payload_authentication_failed')
        return pulled
    try:
        manifest, tag = frame(32768)
        if tag != 0:
            return 'payload_authentication_failed', None
        try:
            m = parse_manifest(manifest, head[8])
        except Bad:
            return 'malformed_header', None
        if labelled('sealpost/v1/key-id/x25519', public, 16) not in m['recipients'] or len(m['recipients']) != n:
            return 'not_addressed_to_this_identity', None
        same_key = [t for t in trusted if t[1] == m['signing']]
        same_agency = [t for t in same_key if t[0] == m['agency']]
        if not same_key:
            return 'sender_unknown', 'unknown_signing_key'
        if not same_agency:
            return 'sender_unknown', 'agency_mismatch'
        if not any(t[2] == m['box'] for t in same_agency):
            return 'sender_unknown', 'box_key_mismatch'
        content = hashlib.blake2b(digest_size=32)
        length = 0
        split = Splitter([a[0] for a in m['attachments']])
        while True:
            plain, tag = frame(65599)
            if tag == 0 and len(plain) == 65536:
                content.update(plain)
                split.feed(plain)
                length += len(plain)
            elif tag == 3 and len(plain) >= 64:
                content.update(plain[:-64])
                split.feed(plain[:-64])
                length += len(plain) - 64
                signature = plain[-64:]
                break
            else:
                return 'payload_authentication_failed', None
    except Bad as failure:
        return str(failure), None
    if pos != len(data):
        return 'trailing_data', None
    message = (b'sealpost/v1/signature\0' + header_hash + labelled('sealpost/v1/manifest', manifest)
               + content.digest() + struct.pack('>Q', length))
    if int.from_bytes(signature[32:], 'little') >= ORDER:
        return 'signature_invalid', None
    try:
        Ed25519PublicKey.from_public_bytes(m['signing']).verify(signature, message)
    except (InvalidSignature, ValueError):
        return 'signature_invalid', None
    # Step 11 (version 2): every attachment complete and equal to its signed hash.
    if length < sum(a[0] for a in m['attachments']):
        return 'signature_invalid', None
    digests = split.digests()
    if any(not hmac.compare_digest(d, a[1]) for d, a in zip(digests, m['attachments'])):
        return 'signature_invalid', None
    attachments = [(a[0], a[1].hex(), a[2], a[3]) for a in m['attachments']]
    return 'success', (content.hexdigest(), length, attachments)


class Splitter:
    """Splits the content stream, as it is decrypted, into the attachments (by their manifest lengths, in
    order) and the body, hashing each attachment with BLAKE2b-256. The body's bytes are not kept."""

    def __init__(self, lengths):
        self.remaining = list(lengths)
        self.hashes = [hashlib.blake2b(digest_size=32) for _ in lengths]
        self.index = 0

    def feed(self, data):
        view = memoryview(data)
        while self.index < len(self.remaining):
            take = min(self.remaining[self.index], len(view))
            self.hashes[self.index].update(view[:take])
            self.remaining[self.index] -= take
            view = view[take:]
            if self.remaining[self.index]:
                return  # data used up inside this attachment
            self.index += 1
        # what is left of view belongs to the body

    def digests(self):
        return [h.digest() for h in self.hashes]


def compare_success(opened, get):
    """None if what was opened matches the vector's `content hash:`, `content length:` and `attachment:`
    lines, else what differs."""
    content_hash, length, attachments = opened
    if content_hash != get('content hash')[0] or length != int(get('content length')[0]):
        return f'content hash and length {content_hash} {length} differ from the listed ones'
    listed = []
    for line in get('attachment'):
        # `LENGTH HASH TYPE NAME`, the name the rest of the line: split at the first three spaces,
        # since no vector's type holds a space (§"Attachments (version 2)", Test vectors).
        parts = line.split(' ', 3)
        if len(parts) != 4 or not parts[0].isdigit():
            return f'attachment line {line!r} is not LENGTH HASH TYPE NAME'
        listed.append((int(parts[0]), *parts[1:]))
    if len(listed) != len(attachments):
        return f'{len(attachments)} attachments opened, {len(listed)} listed'
    for number, (got, want) in enumerate(zip(attachments, listed), 1):
        for field, g, w in zip(('length', 'hash', 'type', 'name'), got, want):
            if g != w:
                return f'attachment {number}: {field} {g!r} opened, {w!r} listed'
    return None


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else 'spec/vectors'
    failures = 0
    names = sorted(n for n in os.listdir(directory)
                   if not n.endswith('.md') and os.path.isfile(os.path.join(directory, n)))
    for name in names:
        data = open(os.path.join(directory, name), 'rb').read()
        split = data.index(b'\n\n')
        fields = [line.split(': ', 1) for line in data[:split].decode().split('\n')]
        get = lambda key: [v for k, v in fields if k == key]
        trusted = [(a.encode(), bytes.fromhex(s), bytes.fromhex(b))
                   for a, s, b in (t.split(' ') for t in get('trusted sender'))]
        outcome, extra = open_envelope(data[split + 2:], bytes.fromhex(get('identity')[0]), trusted)
        expect = get('expect')[0]
        wrong = f'expected {expect}, got {outcome}' if outcome != expect else None
        if not wrong and outcome == 'success':
            wrong = compare_success(extra, get)
        if not wrong and outcome == 'sender_unknown' and extra != get('reason')[0]:
            wrong = f'expected reason {get("reason")[0]}, got {extra}'
        if wrong:
            failures += 1
            print(f'{name}: {wrong}')
    print(f'{len(names) - failures} of {len(names)} envelope vectors give their expected outcome')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
