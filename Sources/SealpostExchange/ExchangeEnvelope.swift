import SealpostAgreement
import SealpostCore
import SealpostLog
import SealpostRecord

/// What an exchange envelope says about itself in its signed manifest (spec/exchange.md
/// §Envelope conventions). The attributes travel encrypted and signed, so the relay never sees
/// them and nobody can change them without breaking the sender's signature.
///
///     record:          content type application/vnd.sealpost.record+json
///                      kind=record, purpose=<purpose id>, urgency=emergency|urgent|routine,
///                      agreement=<agreement id>@<version>, record_id=<sender's reference, if any>,
///                      log_checkpoint=<the sender's receipt log checkpoint, its three lines>,
///                      log_checkpoint_signature=<its signature, 128 hex>
///     acknowledgement: content type application/vnd.sealpost.ack+json
///                      kind=acknowledgement, agreement=<agreement id>@<version>
public struct ExchangeEnvelope: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable { case record, acknowledgement }

    public static let recordContentType = "application/vnd.sealpost.record+json"
    public static let acknowledgementContentType = "application/vnd.sealpost.ack+json"

    public var kind: Kind
    /// For records.
    public var purpose: String?
    /// For records: emergency, urgent or routine.
    public var urgency: SafeguardingRecord.Concern.Urgency?
    public var agreementID: String
    public var agreementVersion: Int64
    /// For records: the sender's own reference (the record's `id`), not an identity.
    public var recordID: String?
    /// For records: the sender's signed receipt log checkpoint when it sealed the record
    /// (spec/receipts.md §Receipts). Its signature is checked against the sender's key by `Receive`.
    public var checkpoint: SignedCheckpoint?

    public static func record(purpose: String, urgency: SafeguardingRecord.Concern.Urgency, agreement: Agreement, recordID: String?,
                              checkpoint: SignedCheckpoint?) -> ExchangeEnvelope {
        ExchangeEnvelope(kind: .record, purpose: purpose, urgency: urgency, agreementID: agreement.id,
                         agreementVersion: agreement.version, recordID: recordID, checkpoint: checkpoint)
    }

    public static func acknowledgement(agreement: Agreement) -> ExchangeEnvelope {
        ExchangeEnvelope(kind: .acknowledgement, agreementID: agreement.id, agreementVersion: agreement.version)
    }

    public var contentType: String { kind == .record ? Self.recordContentType : Self.acknowledgementContentType }

    public var attributes: [String: String] {
        var out = ["kind": kind.rawValue, "agreement": "\(agreementID)@\(agreementVersion)"]
        if let purpose { out["purpose"] = purpose }
        if let urgency { out["urgency"] = urgency.rawValue }
        if let recordID { out["record_id"] = recordID }
        if let checkpoint {
            out["log_checkpoint"] = checkpoint.checkpoint.text
            out["log_checkpoint_signature"] = Hex.encode(checkpoint.signature.rawRepresentation)
        }
        return out
    }

    /// Reads the conventions from a verified manifest; throws when the envelope is not an
    /// exchange envelope this program understands.
    public init(manifest: Manifest) throws(ExchangeError) {
        let a = manifest.attributes
        func refuse(_ problem: String) -> ExchangeError {
            ExchangeError(.envelope, "the envelope from \(manifest.senderAgency) is not an exchange envelope this program reads: \(problem)",
                          hint: "ask the sender which program sealed it; sealpost send makes the envelopes sealpost open reads")
        }
        guard let kindText = a["kind"], let kind = Kind(rawValue: kindText) else { throw refuse("its kind is missing or unknown") }
        guard manifest.contentType == (kind == .record ? Self.recordContentType : Self.acknowledgementContentType) else {
            throw refuse("its content type does not match its kind")
        }
        guard let agreement = a["agreement"], let at = agreement.lastIndex(of: "@"),
              let version = Int64(agreement[agreement.index(after: at)...]), version >= 1 else {
            throw refuse("it names no agreement")
        }
        self.kind = kind
        agreementID = String(agreement[..<at])
        agreementVersion = version
        recordID = a["record_id"]
        if kind == .record {
            guard let purpose = a["purpose"], !purpose.isEmpty else { throw refuse("it names no purpose") }
            guard let urgencyText = a["urgency"], let urgency = SafeguardingRecord.Concern.Urgency(rawValue: urgencyText) else {
                throw refuse("its urgency is missing or unknown")
            }
            self.purpose = purpose
            self.urgency = urgency
            guard let text = a["log_checkpoint"], let signature = a["log_checkpoint_signature"] else {
                throw refuse("it carries no receipt log checkpoint")
            }
            guard let checkpoint = HeldCheckpoint.parse(text: text, signatureHex: signature),
                  checkpoint.checkpoint.agency == manifest.senderAgency else {
                throw refuse("its receipt log checkpoint is malformed or not the sender's")
            }
            guard checkpoint.isValid(for: manifest.senderSigningKey) else {
                throw refuse("its receipt log checkpoint is not signed by the sender")
            }
            self.checkpoint = checkpoint
        }
    }

    init(kind: Kind, purpose: String? = nil, urgency: SafeguardingRecord.Concern.Urgency? = nil, agreementID: String,
         agreementVersion: Int64, recordID: String? = nil, checkpoint: SignedCheckpoint? = nil) {
        self.kind = kind
        self.checkpoint = checkpoint
        self.purpose = purpose
        self.urgency = urgency
        self.agreementID = agreementID
        self.agreementVersion = agreementVersion
        self.recordID = recordID
    }
}
