import SealpostCore
import SealpostLog
import SealpostRecord
import SealpostSodium

/// A signed statement of one exchange decision (spec/receipts.md §Receipts).
///
/// The statement is a JSON object with `format`, `kind`, `by` (the signing agency), `at` (Unix
/// milliseconds) and the kind's facts; its bytes are the canonical JSON (JSONWriter, sorted keys)
/// and the signature is
///
///     Ed25519(by, "sealpost/v1/receipt" || 0x00 || statement bytes)
///
/// A statement holds no personal data: ids, agencies, purposes, field paths, hashes and counts.
/// Names, identifiers and reasons go into the log entry's erasable details instead.
public struct Receipt: Sendable, Equatable {
    public static let label = "sealpost/v1/receipt"
    public static let format = "sealpost-receipt/v1"

    public enum Kind: String, Sendable, CaseIterable {
        /// The sender's decision to share a record with named recipients, logged before sealing.
        case shareDecided = "share_decided"
        /// One envelope deposited at the relay, with the relay's signed deposit receipt.
        case sent
        /// A recipient refused before sealing: no role for the purpose under the agreement.
        case refused
        /// A practitioner kept something the redactor flagged as a possible identity.
        case redactionCleared = "redaction_cleared"
        /// The recipient verified and opened a record.
        case received
        /// The recipient's signed acknowledgement; logged by both sides.
        case acknowledged
        /// The relay's retention ran out before the recipient collected the envelope.
        case expired
        /// This agency asked another for information about a child (the relay took the request).
        case requestSent = "request_sent"
        /// Another agency's request for information was verified and opened here.
        case requestReceived = "request_received"
        /// A request not sent: the agreement gives this agency no role in the purpose.
        case requestRefused = "request_refused"
        /// A decision not to share: in answer to a request (logged by both sides, signed by the
        /// decliner), or on the practitioner's own judgement (nothing is sent).
        case declined
        /// What the recipient of a record decided (no further action, early help, ...); logged by
        /// both sides, signed by the recipient. A record may have several.
        case outcome
        /// The sender told the child's family that information was shared, as the record said it would.
        case familyTold = "family_told"
        /// An imported contact's card replaced by one with different keys (`import-card --replace`).
        case cardReplaced = "card_replaced"
    }

    /// The statement, as signed.
    public let statement: JSONObject
    public let signature: Ed25519.Signature

    public var kind: String { statement["kind"]?.stringValue ?? "" }
    /// The signing agency.
    public var by: String { statement["by"]?.stringValue ?? "" }
    public var at: Int64 { statement["at"]?.numberValue?.int64Value ?? 0 }
    public var bytes: [UInt8] { Self.bytes(of: statement) }
    public var signatureHex: String { Hex.encode(signature.rawRepresentation) }

    public subscript(_ key: String) -> String? { statement[key]?.stringValue }

    static func bytes(of statement: JSONObject) -> [UInt8] { JSONValue.object(statement).serialized(options: .sortedKeys) }
    static func signedMessage(_ bytes: [UInt8]) -> [UInt8] { Array(label.utf8) + [0] + bytes }

    /// Makes and signs a receipt of `facts`' kind, by `identity`, at `at` (Unix ms).
    public static func sign<Facts: ReceiptFacts>(_ facts: Facts, at: Int64, by identity: Identity) -> Receipt {
        sign(Facts.kind, facts: facts.json, at: at, by: identity)
    }

    /// The statement's facts as `type`, when the receipt is of that type's kind.
    public func facts<Facts: ReceiptFacts>(as type: Facts.Type) -> Facts? {
        kind == Facts.kind.rawValue ? Facts(statement: statement) : nil
    }

    /// Makes and signs a receipt of `kind` with `facts` given as JSON (a reader of foreign
    /// receipts, or a test forging one; the exchange signs typed facts).
    public static func sign(_ kind: Kind, facts: JSONObject, at: Int64, by identity: Identity) -> Receipt {
        var statement = facts
        statement["format"] = .string(format)
        statement["kind"] = .string(kind.rawValue)
        statement["by"] = .string(identity.agencyID)
        statement["at"] = .number(JSONNumber(at))
        return Receipt(statement: statement, signature: identity.signingKey.signature(for: signedMessage(bytes(of: statement))))
    }

    /// A receipt as carried in JSON: the statement object and the signature in hex. Checks form
    /// only (format, kind, signer); `isValid(for:)` checks the signature.
    public init?(statement: JSONObject, signatureHex: String) {
        guard statement["format"]?.stringValue == Self.format,
              let kind = statement["kind"]?.stringValue, Kind(rawValue: kind) != nil,
              let by = statement["by"]?.stringValue, AgencyID.isValid(by),
              statement["at"]?.numberValue?.int64Value != nil,
              let raw = Hex.decode(signatureHex, count: 64),
              let signature = try? Ed25519.Signature(rawRepresentation: raw) else { return nil }
        self.init(statement: statement, signature: signature)
    }

    init(statement: JSONObject, signature: Ed25519.Signature) {
        self.statement = statement
        self.signature = signature
    }

    public func isValid(for key: Ed25519.PublicKey) -> Bool {
        key.isValidSignature(signature, for: Self.signedMessage(bytes))
    }

    public static func == (a: Receipt, b: Receipt) -> Bool { a.bytes == b.bytes && a.signature == b.signature }
}

/// A signed log checkpoint as it travels in JSON: `{"signature": "<128 hex>", "text": "<the three lines>"}`.
public enum HeldCheckpoint {
    public static func json(_ signed: SignedCheckpoint) -> JSONValue {
        ["text": .string(signed.checkpoint.text), "signature": .string(Hex.encode(signed.signature.rawRepresentation))]
    }

    public static func parse(_ value: JSONValue?) -> SignedCheckpoint? {
        guard let text = value?["text"]?.stringValue, let hex = value?["signature"]?.stringValue else { return nil }
        return parse(text: text, signatureHex: hex)
    }

    public static func parse(text: String, signatureHex hex: String) -> SignedCheckpoint? {
        guard let checkpoint = Checkpoint(text: text), let raw = Hex.decode(hex, count: 64),
              let signature = try? Ed25519.Signature(rawRepresentation: raw) else { return nil }
        return SignedCheckpoint(checkpoint: checkpoint, signature: signature)
    }
}
