import SealpostSodium

/// The signed facts about an envelope, carried encrypted as its first stream message
/// (spec/envelope.md §"Manifest").
///
///     sender signing key (32) | sender box key (32) | agency id (u8 length + bytes)
///     | message id (16) | created at (u64, Unix seconds) | content type (u8 length + bytes)
///     | recipient count (u16) | recipient key ids (16 each, strictly ascending)
///     | attribute count (u16) | attributes (u8 key length + key, u16 value length + value; keys strictly ascending)
///     [version 2 only: attachment count (u8, 1-32) | attachments (ManifestAttachment), in content order]
///
/// All integers are big-endian. A reader rejects any other encoding of the same facts. An envelope
/// with attachments is version 2 (so that a version 1 reader refuses it by its version byte, before
/// any cryptography); one without is version 1, byte for byte as before.
public struct Manifest: Equatable, Sendable {
    public var senderSigningKey: Ed25519.PublicKey
    public var senderBoxKey: X25519.PublicKey
    public var senderAgency: String
    public var messageID: [UInt8]
    /// Seconds since the Unix epoch, as the sender's clock had it.
    public var createdAt: UInt64
    public var contentType: String
    /// The recipients' box key ids, sorted ascending.
    public var recipients: [KeyID]
    /// Small named values that travel signed with the envelope (such as purpose and urgency).
    public var attributes: [String: String]
    /// Files carried before the body in the content stream, in order (version 2 only).
    public var attachments: [ManifestAttachment]

    public static let messageIDLength = 16
    public static let maximumAttributes = 32
    public static let maximumAttributeValueLength = 1024

    public init(senderSigningKey: Ed25519.PublicKey, senderBoxKey: X25519.PublicKey, senderAgency: String,
                messageID: [UInt8], createdAt: UInt64, contentType: String, recipients: [KeyID],
                attributes: [String: String] = [:], attachments: [ManifestAttachment] = []) {
        (self.senderSigningKey, self.senderBoxKey, self.senderAgency) = (senderSigningKey, senderBoxKey, senderAgency)
        (self.messageID, self.createdAt, self.contentType) = (messageID, createdAt, contentType)
        self.recipients = recipients.sorted()
        self.attributes = attributes
        self.attachments = attachments
    }

    /// The canonical bytes. Throws if a field is outside what a reader accepts.
    public func encoded() throws(ManifestError) -> [UInt8] {
        try Manifest.checkAgency(senderAgency)
        try Manifest.checkContentType(contentType)
        guard messageID.count == Manifest.messageIDLength else { throw ManifestError("message id must be 16 bytes") }
        guard (1...EnvelopeFormat.maximumRecipients).contains(recipients.count) else {
            throw ManifestError("an envelope names 1 to \(EnvelopeFormat.maximumRecipients) recipients, not \(recipients.count)")
        }
        guard zip(recipients, recipients.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw ManifestError("the same recipient is named twice")
        }
        guard attributes.count <= Manifest.maximumAttributes else {
            throw ManifestError("at most \(Manifest.maximumAttributes) attributes")
        }
        var out: [UInt8] = []
        out += senderSigningKey.rawRepresentation
        out += senderBoxKey.rawRepresentation
        out.append(UInt8(senderAgency.utf8.count)); out += Array(senderAgency.utf8)
        out += messageID
        out.appendBigEndian(createdAt)
        out.append(UInt8(contentType.utf8.count)); out += Array(contentType.utf8)
        out.appendBigEndian(UInt16(recipients.count))
        for r in recipients { out += r.bytes }
        out.appendBigEndian(UInt16(attributes.count))
        for key in attributes.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            try Manifest.checkAttributeKey(key)
            let value = Array(attributes[key]!.utf8)
            guard value.count <= Manifest.maximumAttributeValueLength else {
                throw ManifestError("attribute \(Printable.escape(key)) is longer than \(Manifest.maximumAttributeValueLength) bytes")
            }
            out.append(UInt8(key.utf8.count)); out += Array(key.utf8)
            out.appendBigEndian(UInt16(value.count)); out += value
        }
        if !attachments.isEmpty {
            try ManifestAttachment.checkList(attachments)
            out.append(UInt8(attachments.count))
            for attachment in attachments { try attachment.encode(into: &out) }
        }
        guard out.count <= EnvelopeFormat.maximumManifestLength else { throw ManifestError("manifest too long") }
        return out
    }

    /// Parses canonical manifest bytes of an envelope of `version` (1, or 2 with attachments),
    /// rejecting anything else.
    public init(decoding bytes: [UInt8], version: UInt8 = EnvelopeFormat.version) throws(ManifestError) {
        var r = ByteCursor(bytes)
        do {
            senderSigningKey = try Ed25519.PublicKey(rawRepresentation: try r.take(32))
            senderBoxKey = try X25519.PublicKey(rawRepresentation: try r.take(32))
            senderAgency = try r.string(length: Int(try r.u8()))
            try Manifest.checkAgency(senderAgency)
            messageID = try r.take(Manifest.messageIDLength)
            createdAt = try r.u64()
            contentType = try r.string(length: Int(try r.u8()))
            try Manifest.checkContentType(contentType)
            let count = Int(try r.u16())
            guard (1...EnvelopeFormat.maximumRecipients).contains(count) else { throw ManifestError("recipient count out of range") }
            var recipients: [KeyID] = []
            for _ in 0..<count { recipients.append(KeyID(bytes: try r.take(EnvelopeFormat.keyIDLength))) }
            guard zip(recipients, recipients.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw ManifestError("recipient key ids are not strictly ascending")
            }
            self.recipients = recipients
            let attributeCount = Int(try r.u16())
            guard attributeCount <= Manifest.maximumAttributes else { throw ManifestError("too many attributes") }
            var attributes: [String: String] = [:]
            var previous: [UInt8]? = nil
            for _ in 0..<attributeCount {
                let key = try r.string(length: Int(try r.u8()))
                try Manifest.checkAttributeKey(key)
                if let previous, !previous.lexicographicallyPrecedes(Array(key.utf8)) {
                    throw ManifestError("attribute keys are not strictly ascending")
                }
                previous = Array(key.utf8)
                let length = Int(try r.u16())
                guard length <= Manifest.maximumAttributeValueLength else { throw ManifestError("attribute value too long") }
                attributes[key] = try r.string(length: length)
            }
            self.attributes = attributes
            var attachments: [ManifestAttachment] = []
            if version == EnvelopeFormat.attachmentsVersion {
                let count = Int(try r.u8())
                guard (1...EnvelopeFormat.maximumAttachments).contains(count) else {
                    throw ManifestError("attachment count \(count) is outside 1...\(EnvelopeFormat.maximumAttachments)")
                }
                for _ in 0..<count { attachments.append(try ManifestAttachment(reading: &r)) }
                try ManifestAttachment.checkList(attachments)
            }
            self.attachments = attachments
            guard r.isAtEnd else {
                throw ManifestError(version == EnvelopeFormat.version ? "bytes after the last attribute" : "bytes after the last attachment")
            }
        } catch let error as ManifestError {
            throw error
        } catch {
            throw ManifestError("a key has the wrong length")
        }
    }

    static func checkAgency(_ id: String) throws(ManifestError) {
        guard AgencyID.isValid(id) else { throw ManifestError("agency id \"\(Printable.escape(id))\" is not 1-64 of A-Z a-z 0-9 . _ -") }
    }

    static func checkContentType(_ type: String) throws(ManifestError) {
        let bytes = Array(type.utf8)
        guard (1...100).contains(bytes.count), bytes.allSatisfy({ (0x20...0x7e).contains($0) }) else {
            throw ManifestError("content type must be 1-100 printable ASCII characters")
        }
    }

    static func checkAttributeKey(_ key: String) throws(ManifestError) {
        let bytes = Array(key.utf8)
        guard (1...64).contains(bytes.count),
              bytes.allSatisfy({ (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5f || $0 == 0x2e || $0 == 0x2d }) else {
            throw ManifestError("attribute key \"\(Printable.escape(key))\" must be 1-64 of a-z 0-9 _ . -")
        }
    }
}

/// Agency identifiers: 1 to 64 ASCII letters, digits, '.', '_' or '-'.
public enum AgencyID {
    public static func isValid(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        return (1...64).contains(bytes.count) && bytes.allSatisfy {
            (0x41...0x5a).contains($0) || (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2e || $0 == 0x5f || $0 == 0x2d
        }
    }
}

public struct ManifestError: Error, Equatable, Sendable, CustomStringConvertible {
    public let reason: String
    init(_ reason: String) { self.reason = reason }
    public var description: String { "invalid manifest: \(reason)" }
}

/// Reads big-endian fields from bytes, failing on overrun.
struct ByteCursor {
    private let bytes: [UInt8]
    private(set) var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func take(_ n: Int) throws(ManifestError) -> [UInt8] {
        guard n >= 0, bytes.count - offset >= n else { throw ManifestError("ends early at byte \(offset)") }
        defer { offset += n }
        return Array(bytes[offset..<offset + n])
    }
    mutating func u8() throws(ManifestError) -> UInt8 { try take(1)[0] }
    mutating func u16() throws(ManifestError) -> UInt16 { try take(2).reduce(0) { $0 << 8 | UInt16($1) } }
    mutating func u64() throws(ManifestError) -> UInt64 { try take(8).reduce(0) { $0 << 8 | UInt64($1) } }
    mutating func string(length: Int) throws(ManifestError) -> String {
        let raw = try take(length)
        guard let s = String(validating: raw, as: UTF8.self) else { throw ManifestError("text at byte \(offset - length) is not UTF-8") }
        return s
    }
}

extension Array where Element == UInt8 {
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }
}
