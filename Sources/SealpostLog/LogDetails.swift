import SealpostCore
import SealpostJSON
import SealpostSodium

/// The erasable side of an entry: the personal details (a child's identifiers, the fields shared
/// and withheld, reasons) that the chain covers only through a salted commitment.
///
/// `details.jsonl` holds one line per entry, sealed to the agency's own key (spec/receipts.md
/// §Details; AtRest lines), so the details say nothing without the passphrase while the chain
/// still verifies:
///
///     <seq> sealed <base64 of AtRest line of (salt || details JSON)>
///
/// with the line's additional data `"sealpost/v1/log-details" || 0x00 || seq (8 bytes, big-endian)`,
/// so a sealed line moved to another entry does not open. Homes written before sealing held the
/// plaintext form `<seq> <salt: 64 hex> <details: canonical JSON>`, which is still read (and
/// sealed in place by the home's migration).
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

    /// The additional data that ties a sealed line to its entry.
    static func sealingContext(seq: Int64) -> [UInt8] {
        Array(label.utf8) + [0] + (0..<8).reversed().map { UInt8(truncatingIfNeeded: UInt64(bitPattern: seq) >> ($0 * 8)) }
    }

    /// The sealed line (with its line feed), or nil when `atRest` holds no identity.
    public func sealedLine(with atRest: AtRest) -> [UInt8]? {
        guard let sealed = atRest.sealLine(salt + json, context: Self.sealingContext(seq: seq)) else { return nil }
        return Array("\(seq) sealed ".utf8) + Array(Base64.encode(sealed).utf8) + [0x0A]
    }
}

/// A line of `details.jsonl` as stored: sealed, or plaintext as homes held it before sealing.
public enum StoredDetails: Sendable, Equatable {
    case plain(LogDetails)
    case sealed(seq: Int64, bytes: [UInt8])

    public var seq: Int64 {
        switch self {
        case .plain(let d): d.seq
        case .sealed(let seq, _): seq
        }
    }

    public var isSealed: Bool { if case .sealed = self { true } else { false } }

    /// The details, opened with `atRest` if sealed; nil when sealed and `atRest` cannot open it
    /// (locked, or the line was altered or moved).
    public func open(with atRest: AtRest?) -> LogDetails? {
        switch self {
        case .plain(let d): return d
        case .sealed(let seq, let bytes):
            guard let atRest, let plain = atRest.openLine(bytes, context: LogDetails.sealingContext(seq: seq)),
                  plain.count > LogDetails.saltLength else { return nil }
            return LogDetails(seq: seq, salt: Array(plain[..<LogDetails.saltLength]), json: Array(plain[LogDetails.saltLength...]))
        }
    }

    package static func parse(line: ArraySlice<UInt8>) -> StoredDetails? {
        var fields = FieldScanner(line)
        let marker = Array("sealed ".utf8)
        guard let seq = fields.decimal() else { return nil }
        if fields.remaining.starts(with: marker) {
            guard let bytes = Base64.decode(fields.remaining.dropFirst(marker.count)) else { return nil }
            return .sealed(seq: seq, bytes: bytes)
        }
        return LogDetails.parse(line: line).map(StoredDetails.plain)
    }
}

/// Standard base64 with padding, one spelling per value (a decoder that refuses anything the
/// encoder would not write).
enum Base64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = UInt8(i) }
        return table
    }()

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        let chars = Array(text)
        guard !chars.isEmpty, chars.count % 4 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 4 * 3)
        for start in stride(from: 0, to: chars.count, by: 4) {
            let last = start + 4 == chars.count
            let pad = last ? (chars[start + 3] == UInt8(ascii: "=") ? (chars[start + 2] == UInt8(ascii: "=") ? 2 : 1) : 0) : 0
            var v: [UInt8] = []
            for j in 0..<(4 - pad) {
                let x = values[Int(chars[start + j])]
                guard x != 0xFF else { return nil }
                v.append(x)
            }
            out.append(v[0] << 2 | v[1] >> 4)
            if pad < 2 { out.append(v[1] << 4 | v[2] >> 2) } else if v[1] & 0x0F != 0 { return nil }
            if pad < 1 { out.append(v[2] << 6 | v[3]) } else if pad == 1, v[2] & 0x03 != 0 { return nil }
        }
        return out
    }
}
