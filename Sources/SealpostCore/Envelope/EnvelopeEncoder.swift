import SealpostSodium

/// The building blocks of an envelope on the sending side: the file key and its subkeys, the
/// header, and the framed, encrypted stream messages.
///
/// `EnvelopeSealer` composes these in the one valid order. They are `package` so that the test
/// vector generator can compose them in invalid orders (reordered chunks, two final chunks,
/// re-addressed headers) without a second implementation of the format.
package final class EnvelopeEncoder {
    package let header: EnvelopeHeader
    package let headerBytes: [UInt8]
    package let headerHash: [UInt8]
    private let pusher: SecretStream.Pusher

    /// Starts an envelope whose file key is wrapped for each of `recipients`, slots shuffled.
    /// Throws `.weakPublicKey` if a recipient is a low-order point (no one could open its slot).
    package convenience init(fileKey: SecureBytes, recipients: [X25519.PublicKey],
                             version: UInt8 = EnvelopeFormat.version) throws(SodiumError) {
        var slots: [[UInt8]] = []
        slots.reserveCapacity(recipients.count)
        for recipient in recipients { slots.append(try SealedBox.seal(fileKey, to: recipient)) }
        // Fisher-Yates with libsodium's generator, so slot order reveals nothing of the input order.
        if slots.count > 1 {
            for i in stride(from: slots.count - 1, to: 0, by: -1) {
                slots.swapAt(i, Int(RandomBytes.uniform(UInt32(i + 1))))
            }
        }
        self.init(fileKey: fileKey, slots: slots, version: version)
    }

    /// Starts an envelope with the given slots as they are. `fileKey` is `EnvelopeFormat.fileKeyLength`
    /// bytes (the sealer makes it so; anything else is a programming error and traps).
    package init(fileKey: SecureBytes, slots: [[UInt8]], version: UInt8 = EnvelopeFormat.version) {
        let keys = EnvelopeKeys(fileKey: try! KDFMasterKey(fileKey))
        pusher = SecretStream.Pusher(key: keys.payloadKey)
        var header = EnvelopeHeader(streamHeader: pusher.header, slots: slots, tag: [], version: version)
        header.tag = EnvelopeHeader.tag(for: header.authenticatedBytes, headerKey: keys.headerKey)
        self.header = header
        headerBytes = header.serialized
        headerHash = EnvelopeFormat.labelledHash(EnvelopeFormat.headerHashLabel, headerBytes)
    }

    /// Encrypts `plaintext` as the next stream message into `output` as
    /// `u32 length || ciphertext`; returns the bytes written.
    package func frame(_ plaintext: UnsafeRawBufferPointer, tag: SecretStream.Tag,
                       into output: UnsafeMutableRawBufferPointer) -> Int {
        frame(plaintext, rawTag: tag.rawValue, into: output)
    }

    /// As `frame(_:tag:into:)` with any tag byte (test vectors for tags a reader must refuse).
    package func frame(_ plaintext: UnsafeRawBufferPointer, rawTag: UInt8, into output: UnsafeMutableRawBufferPointer) -> Int {
        let length = plaintext.count + SecretStream.overhead
        output.storeBytes(of: UInt32(length).bigEndian, toByteOffset: 0, as: UInt32.self)
        headerHash.withUnsafeBytes { ad in
            _ = pusher.push(plaintext, rawTag: rawTag, additionalData: ad,
                            into: UnsafeMutableRawBufferPointer(rebasing: output[EnvelopeFormat.frameLengthBytes...]))
        }
        return EnvelopeFormat.frameLengthBytes + length
    }

    /// The framed message as an array.
    package func frame(_ plaintext: [UInt8], tag: SecretStream.Tag) -> [UInt8] { frame(plaintext, rawTag: tag.rawValue) }

    package func frame(_ plaintext: [UInt8], rawTag: UInt8) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: plaintext.count + SecretStream.overhead + EnvelopeFormat.frameLengthBytes)
        plaintext.withUnsafeBytes { p in out.withUnsafeMutableBytes { o in _ = frame(p, rawTag: rawTag, into: o) } }
        return out
    }

    /// The bytes the sender signs (spec §"Signature").
    package static func signedMessage(headerHash: [UInt8], manifestHash: [UInt8], contentHash: [UInt8], contentLength: UInt64) -> [UInt8] {
        var message = Array(EnvelopeFormat.signatureLabel.utf8)
        message.append(0)
        message += headerHash
        message += manifestHash
        message += contentHash
        message.appendBigEndian(contentLength)
        return message
    }
}

/// The two subkeys of a file key (spec §"Keys"): the header's MAC key and the payload's stream
/// key, of different types so that neither can be used where the other belongs.
struct EnvelopeKeys {
    let headerKey: BLAKE2b.Key
    let payloadKey: SecretStreamKey

    init(fileKey: KDFMasterKey) {
        headerKey = KDF.deriveHashKey(length: 32, id: EnvelopeFormat.headerKeyID, context: EnvelopeFormat.kdfContext, from: fileKey)
        payloadKey = KDF.deriveSecretStreamKey(id: EnvelopeFormat.payloadKeyID, context: EnvelopeFormat.kdfContext, from: fileKey)
    }
}
