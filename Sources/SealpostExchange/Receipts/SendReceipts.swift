import SealpostAgreement
import SealpostCore
import SealpostLog
import SealpostProtocol
import SealpostRecord
import SealpostRedaction
import SealpostSharing

/// The receipts a send writes (spec/receipts.md §Receipts): `refused` when a recipient has no
/// role, `redaction_cleared` for each possible identity the practitioner kept and
/// `share_decided` before sealing, and `sent` for each envelope the relay took.
extension Send {
    /// Logs each refused recipient (best effort: the refusal stands whether or not it is logged,
    /// and `refusals.jsonl` has it too).
    static func logRefused(_ record: SafeguardingRecord, purpose: String, refused: [(recipient: String, reason: AgreementError)],
                           context: ExchangeContext) {
        let at = context.nowMilliseconds
        let drafts = refused.map { r -> ReceiptLog.Draft in
            var facts = baseFacts(record, purpose: purpose, context: context)
            facts["recipient"] = .string(r.recipient)
            let receipt = Receipt.sign(.refused, facts: facts, at: at, by: context.identity)
            var details = ReceiptDetails.subject(of: record)
            details["reason"] = .string(r.reason.message)
            return ReceiptEntry.own(receipt, counterpart: r.recipient, details: details)
        }
        do { try context.appendToLog(drafts, at: at) } catch {
            context.logger.error("the refusal could not be written to the receipt log", metadata: ["error": .string(error.message)])
        }
    }

    /// What every receipt about sharing this record says: who shares, under what, on what basis.
    static func baseFacts(_ record: SafeguardingRecord, purpose: String, context: ExchangeContext) -> JSONObject {
        var facts: JSONObject = ["sender": .string(context.identity.agencyID), "purpose": .string(purpose),
                                 "agreement": .string(context.agreementLabel)]
        if let id = record.id { facts["record_id"] = .string(id) }
        if let urgency = record.concern?.urgency { facts["urgency"] = .string(urgency.rawValue) }
        if let basis = ShareFacts.lawfulBasis(record) { facts["lawful_basis"] = basis }
        if let consent = record.consent { facts["consent"] = .string(consent.status.rawValue) }
        return facts
    }

    /// The child's identifiers and the consent decision's reason.
    static func shareDetails(_ record: SafeguardingRecord) -> JSONObject {
        var details = ReceiptDetails.subject(of: record)
        if let reason = record.consent?.reason { details["consent_reason"] = .string(reason.rawValue) }
        return details
    }

    static func sharedFacts(_ outgoing: OutgoingRecord) -> JSONObject {
        ["shared": .array(outgoing.shared.map { .string($0.rawValue) }),
         "withheld": .array(outgoing.withheld.map { ["path": .string($0.path.rawValue), "reason": .string($0.reason.rawValue)] })]
    }

    /// `redaction_cleared` for each kept finding, then `share_decided`: logged before anything is
    /// sealed, so the checkpoint each envelope carries covers the decision to send it.
    static func decisionDrafts(_ preparation: Preparation, context: ExchangeContext, at: Int64) -> [ReceiptLog.Draft] {
        let record = preparation.record
        let purpose = preparation.purpose.id
        let recipients = JSONValue.array(preparation.outgoing.map { .string($0.recipient.agencyID) })
        let subject = ReceiptDetails.subject(of: record)
        var drafts: [ReceiptLog.Draft] = []
        for decision in preparation.decisions where decision.action == .keep {
            let finding = ShareFacts.findingID(decision)
            var facts = baseFacts(record, purpose: purpose, context: context)
            facts["recipients"] = recipients
            facts["finding"] = .string(finding)
            facts["field"] = .string(decision.path)
            facts["category"] = .string(decision.category.rawValue)
            let receipt = Receipt.sign(.redactionCleared, facts: facts, at: at, by: context.identity)
            var details = subject
            if let reason = preparation.reasons[finding] { details["reason"] = .string(reason) }
            drafts.append(ReceiptEntry.own(receipt, counterpart: nil, details: details))
        }
        var facts = baseFacts(record, purpose: purpose, context: context)
        facts["recipients"] = .array(preparation.outgoing.map { outgoing in
            var object = sharedFacts(outgoing)
            object["agency"] = .string(outgoing.recipient.agencyID)
            return .object(object)
        })
        facts["redaction"] = ShareFacts.redaction(preparation.summary)
        facts["decisions"] = decisionFacts(preparation.decisions)
        if let request = preparation.answering { facts["in_answer_to"] = .string(request.messageID) }
        let receipt = Receipt.sign(.shareDecided, facts: facts, at: at, by: context.identity)
        drafts.append(ReceiptEntry.own(receipt, counterpart: nil, details: ReceiptDetails.merging(shareDetails(record), decisionDetails(preparation))))
        return drafts
    }

    /// The findings decided, by id, with the action: never the text.
    static func decisionFacts(_ decisions: [PractitionerDecision]) -> JSONValue {
        .array(decisions.map { ["finding": .string(ShareFacts.findingID($0)), "action": .string($0.action.rawValue),
                                "category": .string($0.category.rawValue)] })
    }

    static func decisionDetails(_ preparation: Preparation) -> JSONObject {
        let reasons: [JSONValue] = preparation.decisions.compactMap { decision in
            let finding = ShareFacts.findingID(decision)
            return preparation.reasons[finding].map { ["finding": .string(finding), "reason": .string($0)] }
        }
        return reasons.isEmpty ? JSONObject() : ["decision_reasons": .array(reasons)]
    }

    /// The facts and details of the `sent` receipt for one sealed envelope (the relay's deposit
    /// receipt is added when it is deposited).
    static func pendingSent(_ preparation: Preparation, outgoing: OutgoingRecord, entry: OutboxEntry,
                            context: ExchangeContext) -> (facts: JSONObject, details: JSONObject) {
        var facts = baseFacts(preparation.record, purpose: preparation.purpose.id, context: context)
        facts["message_id"] = .string(entry.messageID)
        facts["envelope_id"] = .string(entry.envelopeID)
        facts["recipient"] = .string(entry.recipient)
        for member in sharedFacts(outgoing).members { facts[member.key] = member.value }
        facts["redaction"] = ShareFacts.redaction(outgoing.summary)
        facts["decisions"] = decisionFacts(preparation.decisions)
        facts["content_hash"] = .string(entry.contentHash)
        facts["content_length"] = .number(JSONNumber(Int64(clamping: entry.contentLength)))
        if let answered = entry.inAnswerTo { facts["in_answer_to"] = .string(answered) }
        return (facts, ReceiptDetails.merging(shareDetails(preparation.record), decisionDetails(preparation)))
    }

    /// What the sent receipt can say from the outbox entry alone (a pending file lost).
    static func sentFacts(from entry: OutboxEntry, context: ExchangeContext) -> JSONObject {
        var facts: JSONObject = ["sender": .string(context.identity.agencyID), "purpose": .string(entry.purpose),
                                 "agreement": .string(entry.agreement), "urgency": .string(entry.urgency),
                                 "message_id": .string(entry.messageID), "envelope_id": .string(entry.envelopeID),
                                 "recipient": .string(entry.recipient), "content_hash": .string(entry.contentHash),
                                 "content_length": .number(JSONNumber(Int64(clamping: entry.contentLength))),
                                 "shared": .array(entry.shared.map { .string($0) }),
                                 "withheld": .array(entry.withheld.map { ["path": .string($0.path), "reason": .string($0.reason)] })]
        if let id = entry.recordID { facts["record_id"] = .string(id) }
        if let answered = entry.inAnswerTo { facts["in_answer_to"] = .string(answered) }
        return facts
    }
}
