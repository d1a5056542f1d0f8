import SealpostCore
import SealpostLedger
import SealpostRecord

/// What `sealpost log` shows of each entry, as a table row or, with --json, an object.
///
/// Every exchange command names an envelope by its envelope id (outbox, inbox, status, open, ack),
/// so the log does too: an entry about a message shows the envelope that carried it, and a decision
/// answering a request (which its facts name by message id) shows the request's envelope, when this
/// log holds it.
enum LogRows {
    /// Message id -> envelope id, from every entry that names an envelope.
    static func envelopeIDs(_ entries: [LedgerEntry]) -> [String: String] {
        var map: [String: String] = [:]
        for entry in entries {
            if let envelope = entry.facts.envelope, !envelope.messageID.isEmpty { map[envelope.messageID] = envelope.envelopeID }
        }
        return map
    }

    static func envelopeID(of entry: LedgerEntry, envelopes: [String: String]) -> String? {
        if let envelope = entry.facts.envelope { return envelope.envelopeID }
        return entry.facts.inAnswerTo.flatMap { envelopes[$0] }
    }

    /// The entries for scripts; members documented in the README ("Output for scripts"). Details
    /// (personal data) are never included here: `sealpost log export` writes them.
    static func json(_ entries: [LedgerEntry], owner: String, status: MessageStatus, envelopes: [String: String]) -> JSONValue {
        .array(entries.map { entry in
            var o: JSONObject = [
                "seq": .number(JSONNumber(entry.seq)), "at": .number(JSONNumber(entry.at)),
                "time": .string(Timestamp.iso(milliseconds: entry.at)), "kind": .string(entry.kind),
                "counterparts": .array(entry.counterparts(owner: owner).map { .string($0) }),
                "status": .string(status.state(of: entry).rawValue),
            ]
            if let purpose = entry.facts.purpose { o["purpose"] = .string(purpose) }
            if let envelope = envelopeID(of: entry, envelopes: envelopes) { o["envelope_id"] = .string(envelope) }
            if let message = entry.facts.envelope?.messageID { o["message_id"] = .string(message) }
            if let request = entry.facts.inAnswerTo { o["in_answer_to"] = .string(request) }
            if let record = entry.facts.recordID { o["record_id"] = .string(record) }
            return .object(o)
        })
    }
}
