// Regenerates the envelope test vectors in spec/vectors/, the practitioner slot vectors in
// spec/vectors/practitioners/, and the card, key file, primitive, relay, receipt log and agreement
// vectors in spec/vectors/cards/, key-files/, primitives/, relay/, receipts/ and agreements/ (or
// checks them all with --check).
//
// All randomness is injected here: libsodium's generator is replaced, for this process only,
// by a deterministic stream from a fixed seed, so the same program makes the same bytes.
// Invalid envelopes are composed from the same EnvelopeEncoder the sealer uses.

import Foundation
import SealpostCore
import SealpostSodium

installDeterministicRandomnessForTestVectors(seed: Array("sealpost envelope v1 test vectors".utf8.prefix(32)))

let arguments = Array(CommandLine.arguments.dropFirst())
let check = arguments.contains("--check")
let directory = arguments.first(where: { !$0.hasPrefix("--") }) ?? "spec/vectors"
let createdAt: UInt64 = 1_790_000_000  // 2026-09-21T14:13:20Z
let chunk = EnvelopeFormat.chunkSize

func identity(_ agency: String, _ name: String) -> Identity {
    Identity(agencyID: agency, name: name, signingKey: .generate(), boxKey: .generate())
}

let sender = identity("school-st-annes", "St Anne's Primary School")
let mash = identity("mash-kingsbridge", "Kingsbridge MASH")
let police = identity("police-cait", "Police Child Abuse Investigation Team")
let health = identity("health-visiting", "Health Visiting Service")
let outsider = identity("not-a-party", "Not a Party Ltd")

/// Deterministic content: a repeating, position-dependent pattern.
func content(_ length: Int) -> [UInt8] { (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) } }

struct Vector: VectorFile {
    let name: String
    let expect: String
    let description: String
    let opener: Identity
    let trusted: [Identity]
    let envelope: [UInt8]
    var contentHash: [UInt8]? = nil
    var contentLength: Int? = nil
    var reason: String? = nil
    var attachments: [ManifestAttachment] = []

    var fileBytes: [UInt8] {
        var text = "expect: \(expect)\n"
        text += "description: \(description)\n"
        text += "identity: \(Hex.encode(opener.boxKey.rawRepresentation.unprotectedCopy()))\n"
        for t in trusted {
            text += "trusted sender: \(t.agencyID) \(Hex.encode(t.signingKey.publicKey.rawRepresentation))"
            text += " \(Hex.encode(t.boxKey.publicKey.rawRepresentation))\n"
        }
        if let reason { text += "reason: \(reason)\n" }
        if let contentHash { text += "content hash: \(Hex.encode(contentHash))\n" }
        if let contentLength { text += "content length: \(contentLength)\n" }
        for a in attachments { text += "attachment: \(a.length) \(Hex.encode(a.hash)) \(a.type) \(a.name)\n" }
        return Array((text + "\n").utf8) + envelope
    }
}

var vectors: [Vector] = []

func seal(_ data: [UInt8], to recipients: [Identity], attributes: [String: String] = [:]) -> [UInt8] {
    try! EnvelopeSealer(sender: sender).seal(data, recipients: recipients.map(\.boxKey.publicKey),
                                              attributes: attributes, createdAt: createdAt).envelope
}

@MainActor func success(_ name: String, _ description: String, length: Int, to recipients: [Identity], openedBy: Identity? = nil,
             attributes: [String: String] = [:]) {
    let data = content(length)
    vectors.append(Vector(name: name, expect: "success", description: description, opener: openedBy ?? recipients[0],
                          trusted: [sender], envelope: seal(data, to: recipients, attributes: attributes),
                          contentHash: BLAKE2b.hash(data), contentLength: length))
}

@MainActor func failure(_ name: String, _ expect: EnvelopeError.Category, _ description: String, _ envelope: [UInt8],
             openedBy: Identity = mash, trusted: [Identity] = [sender], reason: SenderRule.Reason? = nil) {
    precondition((expect == .senderUnknown) == (reason != nil), "\(name): a reason goes with sender_unknown only")
    vectors.append(Vector(name: name, expect: expect.rawValue, description: description, opener: openedBy,
                          trusted: trusted, envelope: envelope, reason: reason?.rawValue))
}

/// Frame boundaries of an envelope: offsets where each stream message's length prefix starts.
func frameOffsets(_ envelope: [UInt8]) -> [Int] {
    let count = Int(envelope[12]) << 8 | Int(envelope[13])
    var offset = EnvelopeFormat.headerLength(recipients: count)
    var offsets: [Int] = []
    while offset < envelope.count {
        offsets.append(offset)
        let length = envelope[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        offset += 4 + length
    }
    return offsets
}

/// Builds an envelope from explicit parts, for the invalid cases the sealer cannot make.
/// `frames` lists the plaintext and tag of every stream message after the manifest, in order;
/// `frames` is handed a `sign` function that takes (content hash, content length) and returns the
/// signature bytes over this envelope's header and manifest.
func compose(recipients: [X25519.PublicKey], manifest: Manifest,
             frames: (_ signature: (_ contentHash: [UInt8], _ length: UInt64) -> [UInt8]) -> [([UInt8], SecretStream.Tag)],
             signer: Ed25519.SigningKey = sender.signingKey) -> [UInt8] {
    let encoder = try! EnvelopeEncoder(fileKey: .random(count: EnvelopeFormat.fileKeyLength), recipients: recipients)
    let manifestBytes = try! manifest.encoded()
    let manifestHash = EnvelopeFormat.labelledHash(EnvelopeFormat.manifestHashLabel, manifestBytes)
    var out = encoder.headerBytes + encoder.frame(manifestBytes, tag: .message)
    let sign = { (hash: [UInt8], length: UInt64) -> [UInt8] in
        signer.signature(for: EnvelopeEncoder.signedMessage(headerHash: encoder.headerHash, manifestHash: manifestHash,
                                                            contentHash: hash, contentLength: length)).rawRepresentation
    }
    for (plaintext, tag) in frames(sign) { out += encoder.frame(plaintext, tag: tag) }
    return out
}

func manifest(to recipients: [Identity], from who: Identity = sender) -> Manifest {
    Manifest(senderSigningKey: who.signingKey.publicKey, senderBoxKey: who.boxKey.publicKey, senderAgency: who.agencyID,
             messageID: RandomBytes.make(count: Manifest.messageIDLength), createdAt: createdAt,
             contentType: "application/octet-stream", recipients: recipients.map { KeyID($0.boxKey.publicKey) })
}

// MARK: success

success("success_one_recipient", "a short record sealed to one recipient", length: 1000, to: [mash])
success("success_three_recipients", "sealed to three recipients, opened by the second", length: 5000,
        to: [mash, police, health], openedBy: police)
success("success_three_recipients_last", "sealed to three recipients, opened by the third", length: 5000,
        to: [mash, police, health], openedBy: health)
success("success_empty", "empty content: the final chunk holds only the signature", length: 0, to: [mash])
success("success_single_final_chunk", "content shorter than a chunk: one final chunk", length: chunk - 1, to: [mash])
success("success_exactly_one_chunk", "content of exactly one chunk: one full chunk and an empty final tail", length: chunk, to: [mash])
success("success_chunk_plus_one", "one full chunk and a one-byte final tail", length: chunk + 1, to: [mash])
success("success_many_chunks", "four full chunks and a final tail", length: 4 * chunk + 1234, to: [mash, police])
success("success_attributes", "signed manifest attributes (purpose, urgency)", length: 300, to: [mash],
        attributes: ["purpose": "s47-enquiry", "urgency": "urgent"])
success("success_sixty_four_recipients", "the maximum of 64 recipients", length: 100,
        to: [mash] + (1..<64).map { identity("agency-\($0)", "Agency \($0)") })

// MARK: header

// Header cases use a small envelope; chunk cases a larger one with two full chunks.
let small = seal(content(500), to: [mash, police])
let smallFrames = frameOffsets(small)  // [manifest, final]
let base = seal(content(2 * chunk + 500), to: [mash, police])
let baseFrames = frameOffsets(base)  // [manifest, chunk 1, chunk 2, final]
// Version 2 is an envelope with attachments (spec §"Attachments"), so 3 is the first unknown one.
var changed = small
changed[8] = 3
failure("unsupported_version", .unsupportedVersion, "version byte 3", changed)
changed = small; changed[9] = 7
failure("unsupported_suite", .unsupportedVersion, "suite byte 7", changed)
changed = small; changed[8] = 3
for i in 38..<(changed.count) { changed[i] = 0xff }
failure("unsupported_version_before_crypto", .unsupportedVersion, "version 3 with garbage after the fixed header: rejected before any cryptography", changed)
changed = small; changed[0] = UInt8(ascii: "X")
failure("malformed_header_magic", .malformedHeader, "the first byte of the magic changed", changed)
changed = small; changed[11] = 1
failure("malformed_header_reserved", .malformedHeader, "a reserved byte is not zero", changed)
changed = small; changed[12] = 0; changed[13] = 0
failure("malformed_header_no_recipients", .malformedHeader, "recipient count 0", changed)
changed = small; changed[12] = 0; changed[13] = 65
failure("malformed_header_too_many_recipients", .malformedHeader, "recipient count 65", changed)
failure("no_matching_identity", .noMatchingIdentity, "opened by an identity it was not sealed to", small, openedBy: outsider)
changed = small; changed[EnvelopeFormat.headerLength(recipients: 2) - 1] ^= 1
failure("header_authentication_tag", .headerAuthenticationFailed, "the last byte of the header tag flipped", changed)
changed = small; changed[20] ^= 0x80
failure("header_authentication_stream_header", .headerAuthenticationFailed, "a byte of the stream header flipped", changed)
failure("truncated_header", .truncated, "cut in the middle of the recipient slots", Array(small[0..<100]))
failure("truncated_fixed_header", .truncated, "cut inside the fixed header, after the magic", Array(small[0..<20]))

// MARK: payload

changed = small; changed[smallFrames[0] + 10] ^= 1
failure("payload_authentication_manifest", .payloadAuthenticationFailed, "a byte of the manifest ciphertext flipped", changed)
changed = base; changed[baseFrames[2] + 100] ^= 1
failure("payload_authentication_chunk", .payloadAuthenticationFailed, "a byte of the second content chunk flipped", changed)
changed = small; changed[smallFrames[1] + 4 + 3] ^= 1
failure("payload_authentication_final", .payloadAuthenticationFailed, "a byte of the final chunk flipped", changed)
changed = small; changed[smallFrames[1]] = 0x7f
failure("payload_frame_length_too_large", .payloadAuthenticationFailed, "a frame length far beyond the largest chunk", changed)

// Truncation at every frame boundary and one byte either side of it.
for (index, offset) in baseFrames.enumerated() {
    failure("truncated_at_frame_\(index)", .truncated, "cut exactly where stream message \(index) starts", Array(base[0..<offset]))
    failure("truncated_at_frame_\(index)_plus_1", .truncated, "cut one byte into the length of stream message \(index)", Array(base[0..<offset + 1]))
    failure("truncated_at_frame_\(index)_minus_1", .truncated, "cut one byte before stream message \(index) starts", Array(base[0..<offset - 1]))
}
failure("truncated_final_minus_1", .truncated, "the last byte of the envelope removed", Array(base.dropLast()))

failure("trailing_data", .trailingData, "one byte appended after the final chunk", base + [0])
failure("trailing_data_envelope", .trailingData, "a whole second envelope appended", small + seal([1, 2, 3], to: [mash]))

// Reordered, duplicated and doubled-final streams, from the real encoder.
let data3 = content(3 * chunk + 10)  // three full chunks and a 10-byte tail
let pieces = (0..<3).map { Array(data3[$0 * chunk..<($0 + 1) * chunk]) }
let tail = Array(data3[(3 * chunk)...])
let m2 = manifest(to: [mash, police])
failure("reordered_chunks", .payloadAuthenticationFailed, "content chunks 2 and 3 swapped",
        compose(recipients: [mash.boxKey.publicKey, police.boxKey.publicKey], manifest: m2) { sign in
            [(pieces[0], .message), (pieces[2], .message), (pieces[1], .message),
             (tail + sign(BLAKE2b.hash(data3), UInt64(data3.count)), .final)]
        }.reorderedFrames(swapping: 2, 3))
failure("duplicated_chunk", .payloadAuthenticationFailed, "the first content chunk sent twice",
        compose(recipients: [mash.boxKey.publicKey], manifest: manifest(to: [mash])) { sign in
            [(pieces[0], .message), (pieces[1], .message), (tail + sign(BLAKE2b.hash(pieces[0] + pieces[1] + tail), UInt64(2 * chunk + tail.count)), .final)]
        }.duplicatingFrame(1))
failure("two_final_chunks", .trailingData, "a second final chunk after the first",
        compose(recipients: [mash.boxKey.publicKey], manifest: manifest(to: [mash])) { sign in
            [(tail + sign(BLAKE2b.hash(tail), UInt64(tail.count)), .final), (tail + sign(BLAKE2b.hash(tail), UInt64(tail.count)), .final)]
        })
failure("final_chunk_missing_final_tag", .truncated, "the last message is tagged MESSAGE, so the stream never ends",
        compose(recipients: [mash.boxKey.publicKey], manifest: manifest(to: [mash])) { _ in [(pieces[0], .message)] })
failure("short_middle_chunk", .payloadAuthenticationFailed, "a non-final chunk shorter than 65536 bytes",
        compose(recipients: [mash.boxKey.publicKey], manifest: manifest(to: [mash])) { sign in
            [(tail, .message), (tail + sign(BLAKE2b.hash(tail + tail), UInt64(2 * tail.count)), .final)]
        })

// MARK: signature and sender

failure("signature_invalid_wrong_key", .signatureInvalid, "the final signature made by a different key than the manifest names",
        compose(recipients: [mash.boxKey.publicKey], manifest: manifest(to: [mash]), frames: { sign in
            [(tail + sign(BLAKE2b.hash(tail), UInt64(tail.count)), .final)]
        }, signer: outsider.signingKey))
failure("signature_invalid_wrong_content_hash", .signatureInvalid, "the signature covers different content",
        compose(recipients: [mash.boxKey.publicKey], manifest: manifest(to: [mash])) { sign in
            [(tail + sign(BLAKE2b.hash(tail + [0]), UInt64(tail.count)), .final)]
        })
failure("signature_invalid_wrong_length", .signatureInvalid, "the signature covers a different content length",
        compose(recipients: [mash.boxKey.publicKey], manifest: manifest(to: [mash])) { sign in
            [(tail + sign(BLAKE2b.hash(tail), UInt64(tail.count + 1)), .final)]
        })
failure("sender_unknown", .senderUnknown, "a valid envelope from a sender the opener does not trust", seal(content(10), to: [mash]), trusted: [],
        reason: .unknownSigningKey)
failure("sender_unknown_agency_mismatch", .senderUnknown, "the manifest names another agency than the trusted key's",
        compose(recipients: [mash.boxKey.publicKey],
                manifest: Manifest(senderSigningKey: sender.signingKey.publicKey, senderBoxKey: sender.boxKey.publicKey,
                                   senderAgency: "police-cait", messageID: RandomBytes.make(count: 16), createdAt: createdAt,
                                   contentType: "text/plain", recipients: [KeyID(mash.boxKey.publicKey)])) { sign in
            [(tail + sign(BLAKE2b.hash(tail), UInt64(tail.count)), .final)]
        }, trusted: [sender], reason: .agencyMismatch)

// Surreptitious forwarding: a recipient re-wraps the file key for an outsider and re-encrypts
// the original manifest, content and signature. The signed recipient list does not name the outsider.
do {
    let original = manifest(to: [mash])
    let manifestBytes = try! original.encoded()
    let signedFor = try! EnvelopeEncoder(fileKey: .random(count: 32), recipients: [mash.boxKey.publicKey])
    let signature = sender.signingKey.signature(for: EnvelopeEncoder.signedMessage(
        headerHash: signedFor.headerHash, manifestHash: EnvelopeFormat.labelledHash(EnvelopeFormat.manifestHashLabel, manifestBytes),
        contentHash: BLAKE2b.hash(tail), contentLength: UInt64(tail.count))).rawRepresentation
    let forwarded = try! EnvelopeEncoder(fileKey: .random(count: 32), recipients: [outsider.boxKey.publicKey])
    let envelope = forwarded.headerBytes + forwarded.frame(manifestBytes, tag: .message) + forwarded.frame(tail + signature, tag: .final)
    failure("not_addressed_forwarded", .notAddressedToThisIdentity,
            "a recipient forwarded the signed content to an outsider under a new header", envelope, openedBy: outsider)

    var widened = original
    widened.recipients = [KeyID(mash.boxKey.publicKey), KeyID(outsider.boxKey.publicKey)].sorted()
    let widenedBytes = try! widened.encoded()
    let both = try! EnvelopeEncoder(fileKey: .random(count: 32), recipients: [mash.boxKey.publicKey, outsider.boxKey.publicKey])
    failure("signature_invalid_forwarded_with_edited_recipients", .signatureInvalid,
            "a recipient added an outsider to the recipient list and kept the sender's signature",
            both.headerBytes + both.frame(widenedBytes, tag: .message) + both.frame(tail + signature, tag: .final), openedBy: outsider)
}

// MARK: write or check

extension Array where Element == UInt8 {
    /// Swaps two whole framed stream messages (by index, manifest = 0).
    func reorderedFrames(swapping a: Int, _ b: Int) -> [UInt8] {
        var frames = splitFrames()
        frames.rest.swapAt(a, b)
        return frames.header + frames.rest.flatMap { $0 }
    }
    func duplicatingFrame(_ i: Int) -> [UInt8] {
        var frames = splitFrames()
        frames.rest.insert(frames.rest[i], at: i + 1)
        return frames.header + frames.rest.flatMap { $0 }
    }
    private func splitFrames() -> (header: [UInt8], rest: [[UInt8]]) {
        let offsets = frameOffsets(self) + [count]
        return (Array(self[0..<offsets[0]]), (0..<offsets.count - 1).map { Array(self[offsets[$0]..<offsets[$0 + 1]]) })
    }
}

// Practitioner slots (spec/practitioners.md), made after every envelope vector.
let slotVectors = makePractitionerVectors()
// Then the vectors added for issue 14 (every MUST rule of the opener), so that none of the
// above changed a byte.
addRuleVectors()

var mismatches = writeOrCheck(slotVectors, set: "practitioners", directory: directory, check: check)
// The sets in the shared field format (FieldVectors.swift), in this order.
var fieldSets: [(String, [FieldVector])] = []
fieldSets.append(("cards", makeCardVectors()))
fieldSets.append(("key-files", makeKeyFileVectors()))
fieldSets.append(("primitives", makePrimitiveVectors()))
fieldSets.append(("relay", makeRelayVectors()))
let receiptLogs = makeReceiptVectors()
let agreements = makeAgreementVectors()
fieldSets.append(("receipts", receiptLogs + makeStatementVectors()))
fieldSets.append(("agreements", agreements))
// Envelopes with attachments (version 2), made last so that adding them changed no earlier vector.
makeAttachmentVectors()
// Agreements listing several relay instances (issue 12), made after everything else for the same reason.
if let i = fieldSets.firstIndex(where: { $0.0 == "agreements" }) { fieldSets[i].1 += makeRelayListAgreementVectors() }
// Then logs with details sealed at rest (issue 14 §2), after everything else.
if let receipts = fieldSets.firstIndex(where: { $0.0 == "receipts" }) { fieldSets[receipts].1 += makeSealedDetailsVectors() }
for (set, list) in fieldSets { mismatches += writeOrCheck(list, set: set, directory: directory, check: check) }
let fieldCounts = fieldSets.map { "\($0.1.count) in \($0.0)/" }.joined(separator: ", ")
mismatches += writeOrCheck(vectors, set: nil, directory: directory, check: check)
if check {
    if mismatches.isEmpty {
        print("all \(vectors.count) vectors in \(directory), \(slotVectors.count) in practitioners/ and \(fieldCounts) match the generator")
    } else {
        print("vectors that differ from the generator: \(mismatches.sorted().joined(separator: ", "))")
        exit(1)
    }
} else {
    print("wrote \(vectors.count) vectors to \(directory), \(slotVectors.count) to practitioners/ and \(fieldCounts)")
}
