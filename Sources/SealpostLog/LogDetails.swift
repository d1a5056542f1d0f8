import SealpostCore
import SealpostJSON
import SealpostSodium

/// The erasable side of an entry: the personal details (a child's identifiers, the fields shared
/// and withheld, reasons) that the chain covers only through a salted commitment.
///
/// `details.jsonl` holds one line per entry: `<seq> <salt: 64 hex> <details: canonical JSON>`.
///
///     commitment = BLAKE2b-256("sealpost/v1/log-details" || 0x00 || salt || details JSON as stored)
///
/// The salt is 32 random bytes and lives only beside the details, so once both are erased the
/// commitment says nothing about what was there, and the chain still verifies.
public struct LogDetails: Sendable, Equatable {
    public static let label = "sealpost/v1/log-details"
    public static let saltLength = 32

    public let seq: Int64
    public let salt: [UInt8]
    /// The details object's JSON bytes, exactly as committed to.
    public let json: [UInt8]

    public init(seq: Int64, salt: [UInt8], details: JSONObject) {
        self.init(seq: seq, salt: salt, json: JSONValue.object(details).serialized(options: .sortedKeys))
    }

    init(seq: Int64, salt: [UInt8], json: [UInt8]) {
        (self.seq, self.salt, self.json) = (seq, salt, json)
    }

    public var details: JSONObject? { (try? JSONParser.parse(json))?.objectValue }

    public var commitment: [UInt8] {
        let hasher = BLAKE2b.Hasher()
        hasher.update(Array(Self.label.utf8) + [0])
        hasher.update(salt)
        hasher.update(json)
        return hasher.finalize()
    }

    public var line: [UInt8] { Array("\(seq) \(Hex.encode(salt)) ".utf8) + json + [0x0A] }

    package static func parse(line: ArraySlice<UInt8>) -> LogDetails? {
        var fields = FieldScanner(line)
        guard let seq = fields.decimal(), let salt = fields.hex(count: saltLength),
              fields.remaining.first == UInt8(ascii: "{") else { return nil }
        return LogDetails(seq: seq, salt: salt, json: Array(fields.remaining))
    }
}
