import SealpostSodium

/// Constants of envelope versions 1 and 2. `spec/envelope.md` is the normative description; the names here
/// follow its sections.
public enum EnvelopeFormat {
    /// "SEALPOST": the first 8 bytes of every envelope.
    public static let magic: [UInt8] = Array("SEALPOST".utf8)
    /// The version of an envelope without attachments.
    public static let version: UInt8 = 1
    /// The version of an envelope with attachments: the same header and stream, and a manifest
    /// that lists the attachments (spec/envelope.md §"Attachments").
    public static let attachmentsVersion: UInt8 = 2
    /// The versions this program reads.
    public static let supportedVersions: ClosedRange<UInt8> = 1...2
    /// Suite 1: X25519 sealed boxes, BLAKE2b, XChaCha20-Poly1305 secretstream, Ed25519.
    public static let suite: UInt8 = 1

    /// The most recipients one envelope may name.
    public static let maximumRecipients = 64
    /// Plaintext bytes in every content chunk but the final one.
    public static let chunkSize = 64 * 1024
    /// The longest manifest a reader accepts.
    public static let maximumManifestLength = 32 * 1024
    /// The most attachments one envelope may carry.
    public static let maximumAttachments = 32

    public static let fileKeyLength = 32
    public static let slotLength = fileKeyLength + SealedBox.overhead           // 80
    public static let fixedHeaderLength = 8 + 1 + 1 + 2 + 2 + SecretStream.headerLength  // 38
    public static let headerTagLength = 32
    public static let keyIDLength = 16
    public static let signatureLength = Ed25519.signatureLength
    /// Bytes of the big-endian length that precedes each stream message.
    public static let frameLengthBytes = 4

    /// Header length for `recipients` slots.
    public static func headerLength(recipients: Int) -> Int {
        fixedHeaderLength + recipients * slotLength + headerTagLength
    }

    /// The longest stream message a reader accepts (a final chunk: tail + signature + overhead).
    static let maximumFrameLength = max(maximumManifestLength, chunkSize - 1 + signatureLength) + SecretStream.overhead

    // Domain separation. Each labelled hash is BLAKE2b-256(label || 0x00 || data).
    package static let headerHashLabel = "sealpost/v1/header"
    package static let manifestHashLabel = "sealpost/v1/manifest"
    package static let signatureLabel = "sealpost/v1/signature"
    static let boxKeyIDLabel = "sealpost/v1/key-id/x25519"
    static let signingKeyIDLabel = "sealpost/v1/key-id/ed25519"
    static let fingerprintLabel = "sealpost/v1/fingerprint"
    /// crypto_kdf context for the subkeys of the file key.
    static let kdfContext: StaticString = "SPENV-v1"
    static let headerKeyID: UInt64 = 1
    static let payloadKeyID: UInt64 = 2

    /// BLAKE2b with a `length`-byte output (32 unless given) over label || 0x00 || data.
    /// BLAKE2b-128 is BLAKE2b run with a 16-byte output, not a truncated BLAKE2b-256.
    package static func labelledHash(_ label: String, _ data: [UInt8], length: Int = 32) -> [UInt8] {
        var input = Array(label.utf8)
        input.append(0)
        input.append(contentsOf: data)
        return BLAKE2b.hash(input, outputLength: length)
    }
}

/// A 16-byte key identifier: BLAKE2b-128 of a label and the public key.
public struct KeyID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    public init(_ key: X25519.PublicKey) {
        bytes = EnvelopeFormat.labelledHash(EnvelopeFormat.boxKeyIDLabel, key.rawRepresentation, length: EnvelopeFormat.keyIDLength)
    }

    public init(_ key: Ed25519.PublicKey) {
        bytes = EnvelopeFormat.labelledHash(EnvelopeFormat.signingKeyIDLabel, key.rawRepresentation, length: EnvelopeFormat.keyIDLength)
    }

    public static func < (lhs: KeyID, rhs: KeyID) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }

    public var description: String { Hex.encode(bytes) }
}

/// Lower-case hexadecimal, the one spelling Sealpost writes and the only one it reads.
///
/// Every byte string has exactly one text form, so a key, hash or signature that is signed,
/// hashed or compared as text cannot be re-spelt (`AB` for `ab`) into a second, different text
/// for the same bytes.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0x0f)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes lower-case hexadecimal: nil for an odd number of digits, an upper-case digit or
    /// any other character. `decode(encode(b)) == b` and `encode(decode(t)!) == t` for every
    /// byte string `b` and every accepted text `t`.
    public static func decode(_ text: String) -> [UInt8]? {
        decode(text, count: nil)
    }

    /// `decode(_:)`, and nil unless the text holds exactly `count` bytes.
    public static func decode(_ text: String, count: Int?) -> [UInt8]? {
        let chars = text.utf8
        guard chars.count % 2 == 0, count.map({ chars.count == 2 * $0 }) ?? true else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(chars.count / 2)
        var high: UInt8?
        for c in chars {
            guard let v = value(c) else { return nil }
            if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
        }
        return out
    }

    private static func value(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }
}
