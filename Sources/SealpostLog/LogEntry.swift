import SealpostCore
import SealpostRecord
import SealpostSodium

/// One entry of a receipt log, as chained and signed (spec/receipts.md §The log).
///
/// On disk an entry is one line: the signature in hex, a space, the body, a newline. The body is
/// canonical JSON (keys sorted, no spaces) of
///
///     {"at": <Unix ms>, "commitment": <hex>, "facts": {…}, "kind": <kind>, "prev": <hex>, "seq": <n>}
///
/// - signature = Ed25519(owner, "sealpost/v1/log-entry" || 0x00 || body)
/// - hash      = BLAKE2b-256("sealpost/v1/log-entry-hash" || 0x00 || body || signature)
/// - `prev` is the previous entry's hash; the first entry's is the log's genesis hash.
/// - `facts` hold no personal data (ids, agencies, purposes, hashes, signatures); what does is in
///   the entry's details, which the chain covers only through the salted `commitment`.
public struct LogEntry: Sendable, Equatable {
    public static let signatureLabel = "sealpost/v1/log-entry"
    public static let hashLabel = "sealpost/v1/log-entry-hash"
    public static let genesisLabel = "sealpost/v1/log-genesis"

    public let seq: Int64
    /// Unix time in milliseconds.
    public let at: Int64
    public let kind: String
    public let prev: [UInt8]
    public let facts: JSONObject
    public let commitment: [UInt8]
    public let signature: Ed25519.Signature
    /// The exact body bytes that were signed.
    public let body: [UInt8]
    public let hash: [UInt8]

    /// The first entry's `prev`: binds a log to its owner's signing key.
    public static func genesis(owner: Ed25519.PublicKey) -> [UInt8] {
        BLAKE2b.hash(Array(genesisLabel.utf8) + [0] + owner.rawRepresentation)
    }

    static func body(seq: Int64, at: Int64, kind: String, prev: [UInt8], facts: JSONObject, commitment: [UInt8]) -> [UInt8] {
        let value: JSONValue = .object(JSONObject([
            .init(key: "at", value: .number(JSONNumber(at))),
            .init(key: "commitment", value: .string(Hex.encode(commitment))),
            .init(key: "facts", value: .object(facts)),
            .init(key: "kind", value: .string(kind)),
            .init(key: "prev", value: .string(Hex.encode(prev))),
            .init(key: "seq", value: .number(JSONNumber(seq))),
        ]))
        return value.serialized(options: .sortedKeys)
    }

    static func signedMessage(_ body: [UInt8]) -> [UInt8] { Array(signatureLabel.utf8) + [0] + body }

    static func hash(body: [UInt8], signature: Ed25519.Signature) -> [UInt8] {
        let hasher = BLAKE2b.Hasher()
        hasher.update(Array(hashLabel.utf8) + [0])
        hasher.update(body)
        hasher.update(signature.rawRepresentation)
        return hasher.finalize()
    }

    /// Makes and signs the entry that follows `prev`.
    static func make(seq: Int64, at: Int64, kind: String, prev: [UInt8], facts: JSONObject, commitment: [UInt8],
                     signer: Ed25519.SigningKey) -> LogEntry {
        let body = body(seq: seq, at: at, kind: kind, prev: prev, facts: facts, commitment: commitment)
        let signature = signer.signature(for: signedMessage(body))
        return LogEntry(seq: seq, at: at, kind: kind, prev: prev, facts: facts, commitment: commitment,
                        signature: signature, body: body, hash: hash(body: body, signature: signature))
    }

    /// The entry's line in the log file, newline included.
    public var line: [UInt8] { Array(Hex.encode(signature.rawRepresentation).utf8) + [0x20] + body + [0x0A] }

    public func hasValidSignature(by owner: Ed25519.PublicKey) -> Bool {
        owner.isValidSignature(signature, for: Self.signedMessage(body))
    }

    /// Parses one line (without its newline). Checks form only: the chain and signature are the
    /// verifier's business.
    static func parse(line: ArraySlice<UInt8>) throws(LogFormatError) -> LogEntry {
        let sigHexLength = Ed25519.signatureLength * 2
        guard line.count > sigHexLength + 1, line[line.startIndex + sigHexLength] == 0x20 else {
            throw LogFormatError("does not start with a 128-digit hex signature and a space")
        }
        let sigText = String(decoding: line[line.startIndex..<line.startIndex + sigHexLength], as: UTF8.self)
        guard let sigBytes = Hex.decode(sigText), let signature = try? Ed25519.Signature(rawRepresentation: sigBytes) else {
            throw LogFormatError("has a signature that is not hex")
        }
        let body = Array(line[(line.startIndex + sigHexLength + 1)...])
        let value: JSONValue
        do { value = try JSONParser.parse(body) } catch { throw LogFormatError("has a body that is not JSON: \(error.problem)") }
        guard let object = value.objectValue, object.count == 6 else { throw LogFormatError("has a body that is not the six-member entry object") }
        guard let seq = object["seq"]?.numberValue?.int64Value, seq > 0 else { throw LogFormatError("has no positive seq") }
        guard let at = object["at"]?.numberValue?.int64Value, at >= 0 else { throw LogFormatError("has no time") }
        guard let kind = object["kind"]?.stringValue, LogKind.isWellFormed(kind) else { throw LogFormatError("has no valid kind") }
        guard let prevText = object["prev"]?.stringValue, prevText.utf8.count == 64, let prev = Hex.decode(prevText) else {
            throw LogFormatError("has no 64-digit prev hash")
        }
        guard let commitText = object["commitment"]?.stringValue, commitText.utf8.count == 64, let commitment = Hex.decode(commitText) else {
            throw LogFormatError("has no 64-digit commitment")
        }
        guard let facts = object["facts"]?.objectValue else { throw LogFormatError("has no facts object") }
        return LogEntry(seq: seq, at: at, kind: kind, prev: prev, facts: facts, commitment: commitment,
                        signature: signature, body: body, hash: hash(body: body, signature: signature))
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
