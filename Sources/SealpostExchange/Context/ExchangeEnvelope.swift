import SealpostLedger
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
///                      in_answer_to=<a request's message id, 32 hex> (only when it answers one)
///     acknowledgement: content type application/vnd.sealpost.ack+json
///                      kind=acknowledgement, agreement=<agreement id>@<version>
///     request:         content type application/vnd.sealpost.request+json
///                      kind=request, purpose, urgency, agreement, log_checkpoint,
///                      log_checkpoint_signature (as a record)
///     decline:         content type application/vnd.sealpost.decline+json
///                      kind=decline, agreement=<agreement id>@<version>
///     outcome:         content type application/vnd.sealpost.outcome+json
///                      kind=outcome, agreement=<agreement id>@<version>
public struct ExchangeEnvelope: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable { case record, acknowledgement, request, decline, outcome }

    public static let recordContentType = "application/vnd.sealpost.record+json"
    public static let acknowledgementContentType = "application/vnd.sealpost.ack+json"
    public static let requestContentType = "application/vnd.sealpost.request+json"
    public static let declineContentType = "application/vnd.sealpost.decline+json"
    public static let outcomeContentType = "application/vnd.sealpost.outcome+json"

    public static func contentType(of kind: Kind) -> String {
        switch kind {
        case .record: return recordContentType
        case .acknowledgement: return acknowledgementContentType
        case .request: return requestContentType
        case .decline: return declineContentType
        case .outcome: return outcomeContentType
        }
    }

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
    /// For records: the message id (32 hex) of the request this record answers, if any.
    public var inAnswerTo: String?

    public static func record(purpose: String, urgency: SafeguardingRecord.Concern.Urgency, agreement: Agreement, recordID: String?,
                              checkpoint: SignedCheckpoint?, inAnswerTo: String? = nil) -> ExchangeEnvelope {
        var envelope = ExchangeEnvelope(kind: .record, purpose: purpose, urgency: urgency, agreementID: agreement.id,
                                        agreementVersion: agreement.version, recordID: recordID, checkpoint: checkpoint)
        envelope.inAnswerTo = inAnswerTo
        return envelope
    }

    public static func acknowledgement(agreement: Agreement) -> ExchangeEnvelope {
        ExchangeEnvelope(kind: .acknowledgement, agreementID: agreement.id, agreementVersion: agreement.version)
    }

    public static func request(purpose: String, urgency: SafeguardingRecord.Concern.Urgency, agreement: Agreement,
                               checkpoint: SignedCheckpoint) -> ExchangeEnvelope {
        ExchangeEnvelope(kind: .request, purpose: purpose, urgency: urgency, agreementID: agreement.id,
                         agreementVersion: agreement.version, checkpoint: checkpoint)
    }

    public static func decline(agreement: Agreement) -> ExchangeEnvelope {
        ExchangeEnvelope(kind: .decline, agreementID: agreement.id, agreementVersion: agreement.version)
    }

    public static func outcome(agreement: Agreement) -> ExchangeEnvelope {
        ExchangeEnvelope(kind: .outcome, agreementID: agreement.id, agreementVersion: agreement.version)
    }

    public var contentType: String { Self.contentType(of: kind) }

    public var attributes: [String: String] {
        var out = ["kind": kind.rawValue, "agreement": "\(agreementID)@\(agreementVersion)"]
        if let purpose { out["purpose"] = purpose }
        if let urgency { out["urgency"] = urgency.rawValue }
        if let recordID { out["record_id"] = recordID }
        if let inAnswerTo { out["in_answer_to"] = inAnswerTo }
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
        guard manifest.contentType == Self.contentType(of: kind) else {
            throw refuse("its content type does not match its kind")
        }
        guard let agreement = a["agreement"], let at = agreement.lastIndex(of: "@"),
              let version = Int64(agreement[agreement.index(after: at)...]), version >= 1 else {
            throw refuse("it names no agreement")
        }
        self.kind = kind
        agreementID = String(agreement[..<at])
        agreementVersion = version
        recordID = kind == .record ? a["record_id"] : nil
        if kind == .record, let answer = a["in_answer_to"] {
            guard Hex.decode(answer, count: Manifest.messageIDLength) != nil else {
                throw refuse("the request it answers is not named by a message id")
            }
            inAnswerTo = answer
        }
        if kind == .record || kind == .request {
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
        (self.kind, self.checkpoint, self.purpose, self.urgency) = (kind, checkpoint, purpose, urgency)
        (self.agreementID, self.agreementVersion, self.recordID) = (agreementID, agreementVersion, recordID)
    }
}
