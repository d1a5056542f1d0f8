// Two faults in one envelope: the first check in spec/envelope.md §"Opening" order decides the
// category, so each vector names the one that is reported.

import SealpostCore
import SealpostSodium

@MainActor func addTwoFaultVectors() {
    let env = seal(content(500), to: [mash, police])
    let frames = frameOffsets(env)
    let tagAt = EnvelopeFormat.headerLength(recipients: 2) - 1
    func two(_ name: String, _ expect: EnvelopeError.Category, _ description: String, _ envelope: [UInt8],
             openedBy: Identity = mash, trusted: [Identity] = [sender], reason: SenderRule.Reason? = nil) {
        failure("two_faults_\(name)", expect, description, envelope, openedBy: openedBy, trusted: trusted, reason: reason)
    }
    var changed = env
    changed[0] = UInt8(ascii: "X"); changed[8] = 2
    two("magic_and_version", .malformedHeader, "a wrong magic and version 2: the magic is checked first (1a before 1b)", changed)
    changed = env; changed[11] = 1
    two("reserved_and_truncated", .malformedHeader,
        "a non-zero reserved byte and the input cut inside the slots: the layout is checked before the slots are read (2b before 2d)",
        Array(changed[0..<100]))
    two("truncated_and_no_identity", .truncated, "cut inside the slots, opened by an identity it was not sealed to (2d before 3)",
        Array(env[0..<100]), openedBy: outsider)
    changed = env; changed[tagAt] ^= 1
    two("no_identity_and_header_tag", .noMatchingIdentity,
        "the header tag altered, opened by an identity it was not sealed to (3 before 4)", changed, openedBy: outsider)
    changed[frames[0] + 10] ^= 1
    two("header_tag_and_manifest", .headerAuthenticationFailed, "the header tag and a manifest byte altered (4 before 5)", changed)

    var notForMash = RawManifest()
    notForMash.recipients = RawManifest.ids([police])
    var malformed = notForMash
    malformed.trailing = [0]
    two("manifest_and_not_addressed", .malformedHeader,
        "a manifest with a trailing byte that does not name the opener (5 before 6)", raw(malformed))
    two("not_addressed_and_sender", .notAddressedToThisIdentity,
        "a manifest that does not name the opener, from a sender the opener does not trust (6 before 7)",
        raw(notForMash), trusted: [])

    let big = content(2 * chunk + 500)
    let bigEnv = seal(big, to: [mash])
    let bigFrames = frameOffsets(bigEnv)  // [manifest, chunk 1, chunk 2, final]
    changed = bigEnv; changed[bigFrames[1] + 100] ^= 1
    two("sender_and_chunk", .senderUnknown, "an untrusted sender and an altered first chunk (7 before 8)", changed,
        trusted: [], reason: .unknownSigningKey)
    let wrongHash = assemble(encoder(to: [mash]), manifest: RawManifest().bytes) { sign in
        [(content(40) + sign(BLAKE2b.hash(content(41)), 40), 3)]
    }
    two("sender_and_signature", .senderUnknown, "an untrusted sender and a signature over other content (7 before 10)", wrongHash,
        trusted: [], reason: .unknownSigningKey)
    two("chunk_and_truncated", .payloadAuthenticationFailed,
        "the first chunk altered and the input cut inside the final frame: the first bad frame in stream order is reported",
        Array(changed[0..<(bigEnv.count - 10)]))
    two("trailing_and_signature", .trailingData, "a signature over other content and a byte after the final frame (9 before 10)",
        wrongHash + [0])
    changed = bigEnv; changed[bigFrames[2] + 100] ^= 1
    two("short_chunk_order", .payloadAuthenticationFailed,
        "the second chunk altered and one byte appended: the bad frame comes before the end (8 before 9)", changed + [0])
}
