import SealpostCore
import SealpostSodium

/// The envelope reader: the header alone, whole envelopes as bytes, and a structure-aware target
/// that encrypts the fuzzer's frames under a real file key so that mutation reaches the manifest,
/// the chunk rules, the final tag and the signature, which raw mutation never gets past.
enum EnvelopeTargets {
    static let all: [FuzzTarget] = [header, envelope, stream, manifest]

    static var opener: EnvelopeOpener { EnvelopeOpener(identity: FixedIdentities.recipient, senders: FixedSenders()) }

    static let header = FuzzTarget("envelope-header", "EnvelopeHeader.read: magic, version, layout, slots",
                                   seeds: { envelopeSeeds() }) { bytes in
        var reader = MemoryReader(bytes)
        _ = try? EnvelopeHeader.read(from: &reader)
    }

    static let envelope = FuzzTarget("envelope", "EnvelopeOpener.open of raw bytes, as the fixed recipient",
                                     seeds: { envelopeSeeds() }) { bytes in
        _ = try? opener.open(bytes)
    }

    static let stream = FuzzTarget("envelope-stream", "EnvelopeOpener.open of frames the harness encrypts (see StreamInput)",
                                   seeds: { StreamInput.seeds() }) { bytes in
        _ = try? opener.open(StreamInput(bytes).envelope())
    }

    static let manifest = FuzzTarget("manifest", "Manifest(decoding:), and a decoded manifest encodes to the same bytes",
                                     seeds: { manifestSeeds() }) { bytes in
        guard let manifest = try? Manifest(decoding: bytes) else { return }
        // The reader accepts canonical bytes only, so whatever it accepts must encode back exactly.
        guard let again = try? manifest.encoded(), again == bytes else {
            fatalError("manifest: accepted bytes that do not encode back to themselves")
        }
    }

    static func envelopeSeeds() -> [[UInt8]] {
        let sealer = EnvelopeSealer(sender: FixedIdentities.sender)
        let to = [FixedIdentities.recipient.boxKey.publicKey]
        var seeds = SeedFiles.vectorPayloads(in: "spec/vectors")
        for size in [0, 1, 100, EnvelopeFormat.chunkSize, EnvelopeFormat.chunkSize + 7] {
            let content = (0..<size).map { UInt8(truncatingIfNeeded: $0 * 7) }
            if let sealed = try? sealer.seal(content, recipients: to, createdAt: 1_790_000_000) { seeds.append(sealed.envelope) }
        }
        let two = to + [FixedIdentities.relay.boxKey.publicKey]
        if let sealed = try? sealer.seal(Array("two recipients".utf8), recipients: two, contentType: "application/json",
                                         attributes: ["kind": "record"], createdAt: 1) { seeds.append(sealed.envelope) }
        return seeds
    }

    static func manifestSeeds() -> [[UInt8]] {
        let sender = FixedIdentities.sender
        let recipients = [FixedIdentities.recipient.boxKey.publicKey, FixedIdentities.relay.boxKey.publicKey].map(KeyID.init).sorted()
        let shapes: [(String, [String: String])] = [("application/octet-stream", [:]),
                                                    ("application/json", ["kind": "record", "purpose": "s47-enquiry"])]
        return shapes.compactMap { contentType, attributes in
            try? Manifest(senderSigningKey: sender.signingKey.publicKey, senderBoxKey: sender.boxKey.publicKey,
                          senderAgency: sender.agencyID, messageID: [UInt8](repeating: 9, count: Manifest.messageIDLength),
                          createdAt: 1_790_000_000, contentType: contentType, recipients: recipients,
                          attributes: attributes).encoded()
        }
    }
}
