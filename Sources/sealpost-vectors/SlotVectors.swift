// Slots (the first that opens gives the file key; a low-order ephemeral key never opens), the
// recipient count against the slots, a non-canonical signature, and the box-key half of the
// sender rule.

import SealpostCore
import SealpostSodium

/// The order of Ed25519's base point, little-endian: L = 2^252 + 27742317777372353535851937790883648493.
let groupOrder: [UInt8] = Hex.decode("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010")!

/// `signature` with S replaced by S + L: the same point equation holds, but S is not canonical (S >= L).
func nonCanonical(_ signature: [UInt8]) -> [UInt8] {
    var out = signature
    var carry = 0
    for i in 0..<32 {
        let sum = Int(signature[32 + i]) + Int(groupOrder[i]) + carry
        out[32 + i] = UInt8(sum & 0xff)
        carry = sum >> 8
    }
    precondition(carry == 0)
    return out
}

@MainActor func addSlotAndSignatureVectors() {
    let data = content(40)
    let twoIDs = RawManifest.ids([mash, police])
    var toBoth = RawManifest()
    toBoth.recipients = twoIDs

    // Two slots that both open for the opener, under file keys A (first) and B (second).
    let a = SecureBytes.random(count: 32), b = SecureBytes.random(count: 32)
    let slotA = try! SealedBox.seal(a, to: mash.boxKey.publicKey)
    let slotB = try! SealedBox.seal(b, to: mash.boxKey.publicKey)
    vectors.append(Vector(name: "success_first_slot_opens", expect: "success",
                          description: "two slots open for the opener; the header and stream are under the first one's file key",
                          opener: mash, trusted: [sender],
                          envelope: assemble(EnvelopeEncoder(fileKey: a, slots: [slotA, slotB]), manifest: toBoth.bytes,
                                             frames: canonicalFrames(data)),
                          contentHash: BLAKE2b.hash(data), contentLength: data.count))
    failure("header_authentication_second_slot_key", .headerAuthenticationFailed,
            "two slots open for the opener; the header is under the second one's file key, and no later slot is tried",
            assemble(EnvelopeEncoder(fileKey: b, slots: [slotA, slotB]), manifest: toBoth.bytes, frames: canonicalFrames(data)))

    // Low-order ephemeral keys: boxed as if X25519 gave all zeros, which any key would "open"
    // if a reader skipped the all-zero check.
    let c = SecureBytes.random(count: 32), d = SecureBytes.random(count: 32)
    let weakC = SealedBox.sealAssumingZeroSharedSecret(c.unprotectedCopy(), ephemeral: lowOrderPoint,
                                                       to: mash.boxKey.publicKey.rawRepresentation)
    let slotD = try! SealedBox.seal(d, to: mash.boxKey.publicKey)
    vectors.append(Vector(name: "success_low_order_slot_first", expect: "success",
                          description: "the first slot's ephemeral key has order 8 (it does not open); the second slot opens",
                          opener: mash, trusted: [sender],
                          envelope: assemble(EnvelopeEncoder(fileKey: d, slots: [weakC, slotD]), manifest: toBoth.bytes,
                                             frames: canonicalFrames(data)),
                          contentHash: BLAKE2b.hash(data), contentLength: data.count))
    failure("no_matching_identity_low_order_slot", .noMatchingIdentity,
            "the only slot's ephemeral key has order 8: a reader without the all-zero check would open it with any key",
            assemble(EnvelopeEncoder(fileKey: c, slots: [weakC]), manifest: RawManifest().bytes, frames: canonicalFrames(data)))
    let e = SecureBytes.random(count: 32)
    let zeroSlot = SealedBox.sealAssumingZeroSharedSecret(e.unprotectedCopy(), ephemeral: [UInt8](repeating: 0, count: 32),
                                                          to: mash.boxKey.publicKey.rawRepresentation)
    failure("no_matching_identity_zero_slot_key", .noMatchingIdentity, "the only slot's ephemeral key is all zeros (u = 0)",
            assemble(EnvelopeEncoder(fileKey: e, slots: [zeroSlot]), manifest: RawManifest().bytes, frames: canonicalFrames(data)))

    // The signed recipient list must hold exactly n key ids.
    failure("not_addressed_fewer_recipients_than_slots", .notAddressedToThisIdentity,
            "two slots (MASH, police); the manifest names only the MASH, the opener", raw(RawManifest(), to: [mash, police]))
    failure("not_addressed_more_recipients_than_slots", .notAddressedToThisIdentity,
            "one slot (MASH); the manifest names the MASH and the police", raw(toBoth, to: [mash]))

    // A signature whose S is not canonical.
    failure("signature_invalid_non_canonical_s", .signatureInvalid,
            "a valid signature with S replaced by S + L (the group order): the equation holds but S >= L",
            assemble(encoder(to: [mash]), manifest: RawManifest().bytes) { sign in
                canonicalFrames(data)({ hash, length in nonCanonical(sign(hash, length)) })
            })

    // The sender rule's third fact: the manifest's box key must be the known sender's.
    var otherBox = RawManifest()
    otherBox.boxKey = police.boxKey.publicKey.rawRepresentation
    failure("sender_unknown_box_key_mismatch", .senderUnknown,
            "the sender's signing key and agency, but another agency's box key in the manifest", raw(otherBox),
            reason: .boxKeyMismatch)
}
