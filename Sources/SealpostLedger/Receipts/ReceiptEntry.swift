import SealpostLog
import SealpostRecord

/// How receipts become log entries (spec/receipts.md §Entries).
///
/// An entry's facts are `{"receipt": <statement>, "signature": <hex>, "counterpart": <agency>}`
/// for a receipt this agency signed, and for one the counterpart signed
/// `{"receipt": <statement>, "evidence": {"agency", "receipt_signature", "checkpoint"}, "counterpart"}`.
/// `evidence` also carries, in an own receipt, the counterpart's signed log checkpoint.
public enum ReceiptEntry {
    public static func own(_ receipt: Receipt, counterpart: String?, details: ReceiptDetails = ReceiptDetails(),
                           counterpartCheckpoint: SignedCheckpoint? = nil) -> ReceiptLog.Draft {
        var facts: JSONObject = ["receipt": .object(receipt.statement), "signature": .string(receipt.signatureHex)]
        if let counterpart { facts["counterpart"] = .string(counterpart) }
        if let counterpartCheckpoint {
            facts["evidence"] = ["agency": .string(counterpartCheckpoint.checkpoint.agency),
                                 "checkpoint": HeldCheckpoint.json(counterpartCheckpoint)]
        }
        return ReceiptLog.Draft(kind: receipt.kind, facts: facts, details: details.json)
    }

    /// A receipt signed by `receipt.by`, with that agency's checkpoint, and the echo of this
    /// agency's checkpoint it held.
    public static func counterparts(_ receipt: Receipt, checkpoint: SignedCheckpoint?, echo: SignedCheckpoint?,
                                    details: ReceiptDetails = ReceiptDetails()) -> ReceiptLog.Draft {
        var evidence: JSONObject = ["agency": .string(receipt.by), "receipt_signature": .string(receipt.signatureHex)]
        if let checkpoint { evidence["checkpoint"] = HeldCheckpoint.json(checkpoint) }
        var facts: JSONObject = ["receipt": .object(receipt.statement), "evidence": .object(evidence), "counterpart": .string(receipt.by)]
        if let echo { facts["echo"] = HeldCheckpoint.json(echo) }
        return ReceiptLog.Draft(kind: receipt.kind, facts: facts, details: details.json)
    }

    /// Adds `value` as `evidence[name]` of an entry's facts (creating `evidence` for `agency`).
    public static func addEvidence(_ name: String, _ value: JSONValue, agency: String, to draft: inout ReceiptLog.Draft) {
        var evidence = draft.facts["evidence"]?.objectValue ?? ["agency": .string(agency)]
        evidence[name] = value
        draft.facts["evidence"] = .object(evidence)
    }
}
