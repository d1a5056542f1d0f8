import SealpostCore
import SealpostRecord
import SealpostSodium

/// The erasable side of an entry: the personal details (a child's identifiers, the fields shared
/// and withheld, reasons) that the chain covers only through a salted commitment.
///
/// `details.jsonl` holds one line per entry: canonical JSON of {"details": {…}, "salt": <hex>, "seq": n}.
///
///     commitment = BLAKE2b-256("sealpost/v1/log-details" || 0x00 || salt || canonical JSON of details)
///
/// The salt is 32 random bytes and lives only beside the details, so once both are erased the
/// commitment says nothing about what was there, and the chain still verifies.
public struct LogDetails: Sendable, Equatable {
    public static let label = "sealpost/v1/log-details"
    public static let saltLength = 32

    public let seq: Int64
    public let salt: [UInt8]
    public let details: JSONObject

    public init(seq: Int64, salt: [UInt8], details: JSONObject) {
        self.seq = seq
        self.salt = salt
        self.details = details
    }

    public var commitment: [UInt8] { Self.commitment(salt: salt, details: details) }

    public static func commitment(salt: [UInt8], details: JSONObject) -> [UInt8] {
        BLAKE2b.hash(Array(label.utf8) + [0] + salt + JSONValue.object(details).serialized(options: .sortedKeys))
    }

    public var line: [UInt8] {
        JSONValue.object(JSONObject([
            .init(key: "details", value: .object(details)),
            .init(key: "salt", value: .string(Hex.encode(salt))),
            .init(key: "seq", value: .number(JSONNumber(seq))),
        ])).serialized(options: .sortedKeys) + [0x0A]
    }

    static func parse(line: ArraySlice<UInt8>) -> LogDetails? {
        guard let value = try? JSONParser.parse(Array(line)), let object = value.objectValue,
              let seq = object["seq"]?.numberValue?.int64Value,
              let saltText = object["salt"]?.stringValue, let salt = Hex.decode(saltText), salt.count == saltLength,
              let details = object["details"]?.objectValue else { return nil }
        return LogDetails(seq: seq, salt: salt, details: details)
    }
}
