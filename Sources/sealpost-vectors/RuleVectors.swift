// Envelope vectors for every MUST rule of spec/envelope.md §"Opening" that the first set left
// without one (issue 14): each manifest rule, the tags a reader refuses, the frame bounds, the
// recipient count, a non-canonical signature, low-order slot keys, the first slot that opens,
// the box-key half of the sender rule, and two faults at once (which one is reported).
// Made after every earlier vector, so that those keep their bytes.

import SealpostCore
import SealpostSodium

/// A manifest as raw fields, so that any rule can be broken on purpose. Defaults make the
/// canonical manifest of an envelope from `sender` to `mash`.
struct RawManifest {
    var signingKey = sender.signingKey.publicKey.rawRepresentation
    var boxKey = sender.boxKey.publicKey.rawRepresentation
    var agency: [UInt8] = Array(sender.agencyID.utf8)
    var messageID = [UInt8](repeating: 0x6d, count: 16)
    var created = createdAt
    var contentType: [UInt8] = Array("application/octet-stream".utf8)
    var recipients: [[UInt8]] = [KeyID(mash.boxKey.publicKey).bytes]
    var attributes: [([UInt8], [UInt8])] = []
    var attributeCount: Int? = nil
    var trailing: [UInt8] = []

    /// Recipient key ids of these identities, strictly ascending.
    static func ids(_ who: [Identity]) -> [[UInt8]] {
        who.map { KeyID($0.boxKey.publicKey).bytes }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    var bytes: [UInt8] {
        var out = signingKey + boxKey
        out.append(UInt8(agency.count)); out += agency
        out += messageID
        out.appendBigEndian(created)
        out.append(UInt8(contentType.count)); out += contentType
        out.appendBigEndian(UInt16(recipients.count))
        for r in recipients { out += r }
        out.appendBigEndian(UInt16(attributeCount ?? attributes.count))
        for (key, value) in attributes {
            out.append(UInt8(key.count)); out += key
            out.appendBigEndian(UInt16(value.count)); out += value
        }
        return out + trailing
    }
}

typealias Signer = (_ contentHash: [UInt8], _ length: UInt64) -> [UInt8]

/// Canonical content frames for `data`: full chunks tagged MESSAGE, then tail || signature tagged FINAL.
func canonicalFrames(_ data: [UInt8]) -> (Signer) -> [([UInt8], UInt8)] {
    { sign in
        let full = data.count / chunk
        var frames = (0..<full).map { (Array(data[$0 * chunk..<($0 + 1) * chunk]), UInt8(0)) }
        frames.append((Array(data[(full * chunk)...]) + sign(BLAKE2b.hash(data), UInt64(data.count)), 3))
        return frames
    }
}

/// An envelope from an encoder the caller made (its slots chosen), a raw manifest with a raw
/// tag, and raw content frames, signed over this header and manifest by `signer`.
func assemble(_ encoder: EnvelopeEncoder, manifest: [UInt8], manifestTag: UInt8 = 0,
              signer: Ed25519.SigningKey = sender.signingKey, frames: (Signer) -> [([UInt8], UInt8)]) -> [UInt8] {
    let manifestHash = EnvelopeFormat.labelledHash(EnvelopeFormat.manifestHashLabel, manifest)
    let sign: Signer = { hash, length in
        signer.signature(for: EnvelopeEncoder.signedMessage(headerHash: encoder.headerHash, manifestHash: manifestHash,
                                                            contentHash: hash, contentLength: length)).rawRepresentation
    }
    var out = encoder.headerBytes + encoder.frame(manifest, rawTag: manifestTag)
    for (plaintext, tag) in frames(sign) { out += encoder.frame(plaintext, rawTag: tag) }
    return out
}

func encoder(to recipients: [Identity]) -> EnvelopeEncoder {
    try! EnvelopeEncoder(fileKey: .random(count: EnvelopeFormat.fileKeyLength), recipients: recipients.map(\.boxKey.publicKey))
}

/// A short valid envelope to `recipients` with `manifest`, content `data`.
func raw(_ manifest: RawManifest, to recipients: [Identity] = [mash], data: [UInt8] = content(40),
         manifestTag: UInt8 = 0, signer: Ed25519.SigningKey = sender.signingKey) -> [UInt8] {
    assemble(encoder(to: recipients), manifest: manifest.bytes, manifestTag: manifestTag, signer: signer,
             frames: canonicalFrames(data))
}

/// Sets the 4-byte length of the frame starting at `offset`.
func withFrameLength(_ envelope: [UInt8], at offset: Int, _ length: UInt32) -> [UInt8] {
    var out = envelope
    for i in 0..<4 { out[offset + i] = UInt8(truncatingIfNeeded: length >> (24 - 8 * UInt32(i))) }
    return out
}

/// A point of order 8 on Curve25519 (u-coordinate): X25519 of any scalar with it is all zeros.
let lowOrderPoint: [UInt8] = Hex.decode("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")!

@MainActor func addRuleVectors() {
    addManifestRuleVectors()
    addFrameAndTagVectors()
    addSlotAndSignatureVectors()
    addTwoFaultVectors()
}

extension Array where Element == UInt8 {
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }
}
