import SealpostCore
import SealpostSodium

/// The `envelope-stream` target's input: a description of an envelope's stream messages that the
/// harness turns into a well-encrypted envelope addressed to the fixed recipient, so the fuzzer
/// explores what the opener does after decryption rather than failing every authentication tag.
///
///     flags (1): bit 0: the first message is the fixed sender's real manifest (else the first
///                       operation's plaintext is the manifest)
///                bit 1: append the sender's valid signature to the last message's plaintext
///                bit 2: address the header to a second recipient as well (n = 2)
///     operations, until the input ends, each:
///       op (1):  bits 0-1: secretstream tag (message, push, rekey, final)
///                bit 2: plaintext is literal input bytes (else a filler byte repeated)
///                bit 3: a filler plaintext is a full 64 KiB chunk plus the length as a signed skew
///                bit 7: the bytes go into the envelope as they are, unencrypted (lying lengths,
///                       trailing data)
///       length (2, big-endian), then the literal bytes or the one filler byte
struct StreamInput {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    enum Part {
        case message([UInt8], SecretStream.Tag)
        case raw([UInt8])
    }

    /// Plaintext beyond this is not read: enough for 18 full chunks, so two batches of the opener
    /// (`EnvelopeOpener.batchChunks`), while each input stays quick to build and open.
    static let maximumPlaintext = 18 * EnvelopeFormat.chunkSize

    func envelope() -> [UInt8] {
        var cursor = bytes[...]
        let flags = cursor.popFirst() ?? 0
        var parts: [Part] = []
        let recipient = FixedIdentities.recipient.boxKey.publicKey
        var recipients = [recipient]
        if flags & 4 != 0 { recipients.append(FixedIdentities.relay.boxKey.publicKey) }
        if flags & 1 != 0 { parts.append(.message(Self.manifest(recipients: recipients), .message)) }
        var total = 0
        while total < Self.maximumPlaintext, let op = cursor.popFirst() {
            let high = cursor.popFirst() ?? 0, low = cursor.popFirst() ?? 0
            let length = Int(high) << 8 | Int(low)
            if op & 0x80 != 0 || op & 4 != 0 {
                let literal = Array(cursor.prefix(length))
                cursor = cursor.dropFirst(literal.count)
                parts.append(op & 0x80 != 0 ? .raw(literal) : .message(literal, SecretStream.Tag(rawValue: op & 3)!))
            } else {
                let fill = cursor.popFirst() ?? 0
                let count = op & 8 != 0 ? EnvelopeFormat.chunkSize + Int(Int16(bitPattern: UInt16(length))) % 64 : length
                parts.append(.message([UInt8](repeating: fill, count: max(0, count)), SecretStream.Tag(rawValue: op & 3)!))
            }
            if case let .message(plaintext, _) = parts[parts.count - 1] { total += plaintext.count }
        }
        let encoder = try! EnvelopeEncoder(fileKey: .random(count: EnvelopeFormat.fileKeyLength), recipients: recipients)
        if flags & 2 != 0, let last = parts.lastIndex(where: { if case .message = $0 { true } else { false } }) {
            parts[last] = signed(parts, last: last, headerHash: encoder.headerHash)
        }
        var out = encoder.headerBytes
        out.reserveCapacity(out.count + total + parts.count * (EnvelopeFormat.frameLengthBytes + SecretStream.overhead) + 128)
        for part in parts {
            switch part {
            case let .message(plaintext, tag): out += encoder.frame(plaintext, tag: tag)
            case let .raw(bytes): out += bytes
            }
        }
        return out
    }

    /// The last message with the signature the opener will check appended, computed over the
    /// first message as the manifest and every later message as content.
    private func signed(_ parts: [Part], last: Int, headerHash: [UInt8]) -> Part {
        let messages = parts.compactMap { part -> [UInt8]? in if case let .message(p, _) = part { p } else { nil } }
        guard let manifest = messages.first, messages.count > 1, case let .message(lastPlain, lastTag) = parts[last] else {
            return parts[last]
        }
        let hasher = BLAKE2b.Hasher()
        var length = 0
        for content in messages.dropFirst() {
            content.withUnsafeBytes { hasher.update($0) }
            length += content.count
        }
        let message = EnvelopeEncoder.signedMessage(
            headerHash: headerHash, manifestHash: EnvelopeFormat.labelledHash(EnvelopeFormat.manifestHashLabel, manifest),
            contentHash: hasher.finalize(), contentLength: UInt64(length))
        return .message(lastPlain + FixedIdentities.sender.signingKey.signature(for: message).rawRepresentation, lastTag)
    }

    static func manifest(recipients: [X25519.PublicKey]) -> [UInt8] {
        let sender = FixedIdentities.sender
        return (try? Manifest(senderSigningKey: sender.signingKey.publicKey, senderBoxKey: sender.boxKey.publicKey,
                              senderAgency: sender.agencyID, messageID: [UInt8](repeating: 1, count: Manifest.messageIDLength),
                              createdAt: 1_790_000_000, contentType: "application/json",
                              recipients: recipients.map(KeyID.init)).encoded()) ?? []
    }

    /// Valid envelopes (empty, short, one full chunk and a tail) and a few near misses.
    static func seeds() -> [[UInt8]] {
        func op(_ tag: UInt8, literal: [UInt8]) -> [UInt8] {
            [tag | 4, UInt8(literal.count >> 8), UInt8(literal.count & 0xff)] + literal
        }
        let record = Array(#"{"id":"r-1","narrative":"text"}"#.utf8)
        return [
            [3] + op(3, literal: []),
            [3] + op(3, literal: record),
            [3, 8, 0, 0, 0x41] + op(3, literal: record),
            [7] + op(3, literal: record),
            [1] + op(3, literal: record),
            [2] + op(0, literal: manifest(recipients: [FixedIdentities.recipient.boxKey.publicKey])) + op(3, literal: record),
            [3] + op(3, literal: record) + [0x80, 0, 1, 0],
        ]
    }
}
