import SealpostCore
import SealpostJSON
import SealpostSodium

/// One entry of a receipt log, as chained and signed (spec/receipts.md §The log).
///
/// On disk an entry is one line of ASCII fields separated by single spaces, ending in a newline:
///
///     <signature: 128 hex> <seq> <at: Unix ms> <kind> <prev: 64 hex> <commitment: 64 hex> <facts: canonical JSON>
///
/// The body is everything after the signature and its space, without the newline.
/// - signature = Ed25519(owner, "sealpost/v1/log-entry" || 0x00 || body)
/// - hash      = BLAKE2b-256("sealpost/v1/log-entry-hash" || 0x00 || body || signature)
/// - `prev` is the previous entry's hash; the first entry's is the log's genesis hash.
/// - `facts` hold no personal data (ids, agencies, purposes, hashes, signatures); what does is in
///   the entry's details, which the chain covers only through the salted `commitment`.
///
/// The fixed fields come first so that verifying needs no JSON parsing; facts are parsed only
/// when they are read.
public struct LogEntry: Sendable, Equatable {
    public static let signatureLabel = "sealpost/v1/log-entry"
    public static let hashLabel = "sealpost/v1/log-entry-hash"
    public static let genesisLabel = "sealpost/v1/log-genesis"

    public let seq: Int64
    /// Unix time in milliseconds.
    public let at: Int64
    public let kind: String
    public let prev: [UInt8]
    public let commitment: [UInt8]
    public let signature: Ed25519.Signature
    /// The exact body bytes that were signed.
    public let body: [UInt8]
    public let hash: [UInt8]
    /// Where the facts JSON starts in `body`.
    let factsStart: Int

    /// The facts object, parsed from the body (nil only if the body was not written by a log).
    public var facts: JSONObject? { (try? JSONParser.parse(Array(body[factsStart...])))?.objectValue }

    /// Whether the facts mention `key` at all: a cheap test before parsing them.
    public func factsMention(_ key: String) -> Bool {
        let needle = Array("\"\(key)\":".utf8)
        return body[factsStart...].withContiguousStorageIfAvailable { hay in
            guard hay.count >= needle.count else { return false }
            for i in 0...(hay.count - needle.count) where hay[i] == needle[0] {
                if hay[i..<(i + needle.count)].elementsEqual(needle) { return true }
            }
            return false
        } ?? false
    }

    /// The first entry's `prev`: binds a log to its owner's signing key.
    public static func genesis(owner: Ed25519.PublicKey) -> [UInt8] {
        BLAKE2b.hash(Array(genesisLabel.utf8) + [0] + owner.rawRepresentation)
    }

    package static func body(seq: Int64, at: Int64, kind: String, prev: [UInt8], facts: JSONObject, commitment: [UInt8]) -> [UInt8] {
        Array("\(seq) \(at) \(kind) \(Hex.encode(prev)) \(Hex.encode(commitment)) ".utf8)
            + JSONValue.object(facts).serialized(options: .sortedKeys)
    }

    package static func signedMessage(_ body: [UInt8]) -> [UInt8] { Array(signatureLabel.utf8) + [0] + body }

    static func hash(body: [UInt8], signature: Ed25519.Signature) -> [UInt8] {
        let hasher = BLAKE2b.Hasher()
        hasher.update(Array(hashLabel.utf8) + [0])
        hasher.update(body)
        hasher.update(signature.rawRepresentation)
        return hasher.finalize()
    }

    /// Makes and signs the entry that follows `prev`.
    static func make(seq: Int64, at: Int64, kind: String, prev: [UInt8], facts: JSONObject, commitment: [UInt8],
                     signer: Ed25519.SigningKey) throws(LogFormatError) -> LogEntry {
        let body = body(seq: seq, at: at, kind: kind, prev: prev, facts: facts, commitment: commitment)
        let signature = signer.signature(for: signedMessage(body))
        return try parse(line: (Array(Hex.encode(signature.rawRepresentation).utf8) + [0x20] + body)[...])
    }

    /// The entry's line in the log file, newline included.
    public var line: [UInt8] { Array(Hex.encode(signature.rawRepresentation).utf8) + [0x20] + body + [0x0A] }

    public func hasValidSignature(by owner: Ed25519.PublicKey) -> Bool {
        owner.isValidSignature(signature, for: Self.signedMessage(body))
    }

    /// Parses one line (without its newline). Checks form only: the chain and signature are the
    /// verifier's business.
    package static func parse(line: ArraySlice<UInt8>) throws(LogFormatError) -> LogEntry {
        var fields = FieldScanner(line)
        guard let sigBytes = fields.hex(count: Ed25519.signatureLength),
              let signature = try? Ed25519.Signature(rawRepresentation: sigBytes) else {
            throw LogFormatError("does not start with a 128-digit hex signature and a space")
        }
        let bodyStart = fields.position
        guard let seq = fields.decimal(), seq > 0 else { throw LogFormatError("has no positive seq") }
        guard let at = fields.decimal() else { throw LogFormatError("has no time") }
        guard let kind = fields.word(), LogKind.isWellFormed(kind) else { throw LogFormatError("has no valid kind") }
        guard let prev = fields.hex(count: 32) else { throw LogFormatError("has no 64-digit prev hash") }
        guard let commitment = fields.hex(count: 32) else { throw LogFormatError("has no 64-digit commitment") }
        guard fields.remaining.first == UInt8(ascii: "{"), fields.remaining.last == UInt8(ascii: "}") else {
            throw LogFormatError("has no facts object")
        }
        let body = Array(line[bodyStart...])
        return LogEntry(seq: seq, at: at, kind: kind, prev: prev, commitment: commitment, signature: signature,
                        body: body, hash: hash(body: body, signature: signature), factsStart: fields.position - bodyStart)
    }
}

/// Reads space-separated ASCII fields from the front of a line.
struct FieldScanner {
    let bytes: ArraySlice<UInt8>
    var position: Int

    init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes; position = bytes.startIndex }

    var remaining: ArraySlice<UInt8> { bytes[position...] }

    /// The next field up to a space (which is consumed), or nil if there is no space.
    mutating func next() -> ArraySlice<UInt8>? {
        guard let space = bytes[position...].firstIndex(of: 0x20) else { return nil }
        defer { position = space + 1 }
        return bytes[position..<space]
    }

    mutating func hex(count: Int) -> [UInt8]? {
        guard let field = next(), field.count == count * 2 else { return nil }
        var out = [UInt8](repeating: 0, count: count)
        var i = field.startIndex
        for j in 0..<count {
            guard let hi = Self.nibble(field[i]), let lo = Self.nibble(field[i + 1]) else { return nil }
            out[j] = hi << 4 | lo
            i += 2
        }
        return out
    }

    mutating func decimal() -> Int64? {
        guard let field = next(), (1...18).contains(field.count), field.allSatisfy({ (0x30...0x39).contains($0) }),
              field.count == 1 || field.first != 0x30 else { return nil }
        return field.reduce(Int64(0)) { $0 * 10 + Int64($1 - 0x30) }
    }

    mutating func word() -> String? { next().map { String(decoding: $0, as: UTF8.self) } }

    /// Lowercase hex only: one spelling per value.
    static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x61...0x66: c - 0x61 + 10
        default: nil
        }
    }
}

/// Entry kinds are short lowercase words with underscores; the receipt layer names them.
public enum LogKind {
    public static func isWellFormed(_ kind: String) -> Bool {
        (1...32).contains(kind.utf8.count) && kind.utf8.allSatisfy { (0x61...0x7a).contains($0) || $0 == 0x5f }
    }
}

public struct LogFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    public let problem: String
    init(_ problem: String) { self.problem = problem }
    public var description: String { problem }
}
