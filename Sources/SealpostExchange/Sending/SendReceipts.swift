import SealpostAgreement
import SealpostCore
import SealpostLedger
import SealpostLog
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
            let facts = RefusedFacts(sender: context.identity.agencyID, recipient: r.recipient, basis: basis(record, purpose, context))
            var details = ReceiptDetails(subjectOf: record)
            details.reason = r.reason.message
            return ReceiptEntry.own(Receipt.sign(facts, at: at, by: context.identity), counterpart: r.recipient, details: details)
        }
        do { try context.appendToLog(drafts, at: at) } catch {
            context.logger.error("the refusal could not be written to the receipt log", metadata: ["error": .string(error.message)])
        }
    }

    /// Under what, on what basis: what every receipt about sharing this record says.
    static func basis(_ record: SafeguardingRecord, _ purpose: String, _ context: ExchangeContext) -> ShareBasis {
        ShareBasis(record, purpose: purpose, agreement: context.agreementLabel)
    }

    /// The child's identifiers and the consent decision's reason, with the practitioner's reasons.
    static func shareDetails(_ preparation: Preparation) -> ReceiptDetails {
        var details = ReceiptDetails(subjectOf: preparation.record)
        details.consentReason = preparation.record.consent?.reason?.rawValue
        details.familyToldBy = preparation.record.consent?.family?.by
        details.familyNotToldReason = preparation.record.consent?.family?.reason?.rawValue
        details.decisionReasons = preparation.decisions.compactMap { decision in
            let finding = decision.findingID
            return preparation.reasons[finding].map { ReceiptDetails.DecisionReason(finding: finding, reason: $0) }
        }
        return details
    }

    static func fields(_ outgoing: OutgoingRecord) -> FieldFacts {
        FieldFacts(shared: outgoing.shared.map(\.rawValue),
                   withheld: outgoing.withheld.map { .init(path: $0.path.rawValue, reason: $0.reason.rawValue) })
    }

    /// `redaction_cleared` for each kept finding, then `share_decided`: logged before anything is
    /// sealed, so the checkpoint each envelope carries covers the decision to send it.
    static func decisionDrafts(_ preparation: Preparation, context: ExchangeContext, at: Int64) -> [ReceiptLog.Draft] {
        let record = preparation.record
        let sender = context.identity.agencyID
        let basis = basis(record, preparation.purpose.id, context)
        var drafts: [ReceiptLog.Draft] = []
        for decision in preparation.decisions where decision.action == .keep {
            let facts = RedactionClearedFacts(sender: sender, basis: basis, recipients: preparation.outgoing.map(\.recipient.agencyID),
                                              finding: decision.findingID, field: decision.path, category: decision.category.rawValue)
            var details = ReceiptDetails(subjectOf: record)
            details.reason = preparation.reasons[decision.findingID]
            drafts.append(ReceiptEntry.own(Receipt.sign(facts, at: at, by: context.identity), counterpart: nil, details: details))
        }
        // Attachments are not redacted: the practitioner's confirmation that each was checked is
        // logged as a kept finding of its own (category `attachment`), as a kept name would be.
        for (i, attachment) in preparation.attachments.enumerated() {
            let finding = OutgoingAttachment.findingID(i, length: attachment.length)
            let facts = RedactionClearedFacts(sender: sender, basis: basis, recipients: preparation.outgoing.map(\.recipient.agencyID),
                                              finding: finding, field: "attachments[\(i)]", category: attachmentCategory)
            var details = ReceiptDetails(subjectOf: record)
            details.reason = attachmentCheckedReason(how: preparation.attachmentsConfirmedBy)
            drafts.append(ReceiptEntry.own(Receipt.sign(facts, at: at, by: context.identity), counterpart: nil, details: details))
        }
        let facts = ShareDecidedFacts(
            sender: sender, basis: basis,
            recipients: preparation.outgoing.map { RecipientShare(agency: $0.recipient.agencyID, fields: fields($0)) },
            redaction: RedactionFacts(preparation.summary), decisions: allDecisions(preparation),
            inAnswerTo: preparation.answering?.messageID)
        drafts.append(ReceiptEntry.own(Receipt.sign(facts, at: at, by: context.identity), counterpart: nil, details: shareDetails(preparation)))
        return drafts
    }

    /// The facts and details of the `sent` receipt for one sealed envelope (the relay's deposit
    /// receipt is added when it is deposited).
    static func pendingSent(_ preparation: Preparation, outgoing: OutgoingRecord, entry: OutboxEntry,
                            context: ExchangeContext) -> (facts: SentFacts, details: ReceiptDetails) {
        let facts = SentFacts(sender: context.identity.agencyID, recipient: entry.recipient,
                              basis: basis(preparation.record, preparation.purpose.id, context), envelope: entry.envelopeFacts,
                              fields: fields(outgoing), redaction: RedactionFacts(outgoing.summary),
                              decisions: allDecisions(preparation), inAnswerTo: entry.inAnswerTo,
                              attachments: preparation.attachments.map(\.facts))
        return (facts, shareDetails(preparation))
    }

    /// The category of the decision that an attachment was checked, in `redaction_cleared` and `decisions`.
    static let attachmentCategory = "attachment"
    static func attachmentCheckedReason(how: String) -> String {
        "checked by the sender before sending (\(how)): attachments are not redacted"
    }

    /// The practitioner's decisions on the record's findings, then one `keep` per attachment checked.
    static func allDecisions(_ preparation: Preparation) -> [DecisionFacts] {
        preparation.decisions.map(DecisionFacts.init) + preparation.attachments.enumerated().map { i, a in
            DecisionFacts(finding: OutgoingAttachment.findingID(i, length: a.length), action: "keep", category: attachmentCategory)
        }
    }

    /// What the sent receipt can say from the outbox entry alone (a pending file lost).
    static func sentFacts(from entry: OutboxEntry, context: ExchangeContext) -> SentFacts {
        SentFacts(sender: context.identity.agencyID, recipient: entry.recipient,
                  basis: ShareBasis(purpose: entry.purpose, agreement: entry.agreement, recordID: entry.recordID, urgency: entry.urgency),
                  envelope: entry.envelopeFacts,
                  fields: FieldFacts(shared: entry.shared, withheld: entry.withheld.map { .init(path: $0.path, reason: $0.reason) }),
                  redaction: nil, decisions: nil, inAnswerTo: entry.inAnswerTo,
                  attachments: entry.attachments?.map { AttachmentFacts(hash: $0.hash, length: Int64(clamping: $0.length), type: $0.type) })
    }
}

extension PractitionerDecision {
    /// `<path>@<start>-<end>`: how receipts name the finding decided, never by its text.
    var findingID: String { "\(path)@\(originalRange.lowerBound)-\(originalRange.upperBound)" }
}

extension DecisionFacts {
    init(_ decision: PractitionerDecision) {
        self.init(finding: decision.findingID, action: decision.action.rawValue, category: decision.category.rawValue)
    }
}

extension RedactionFacts {
    /// Counts by category and the tokens used: never the text replaced.
    init(_ summary: RedactionSummary) {
        var counts: [String: Int64] = [:]
        for category in IdentifierCategory.allCases {
            if let n = summary.counts[category], n > 0 { counts[category.rawValue] = Int64(n) }
        }
        self.init(counts: counts, tokens: summary.tokens.map { .init(token: $0.token, label: $0.label, occurrences: Int64($0.occurrences)) })
    }
}

extension OutboxEntry {
    /// True when a receipt's `delivery` names this send's envelope, message and content, sent by `sender`.
    func isNamed(by delivery: DeliveryBasis, sender: String) -> Bool {
        delivery.sender == sender && delivery.envelope.messageID == messageID && delivery.envelope.envelopeID == envelopeID
            && delivery.envelope.contentHash == contentHash
    }

    /// The envelope as receipts name it.
    var envelopeFacts: EnvelopeFacts {
        EnvelopeFacts(messageID: messageID, envelopeID: envelopeID, contentHash: contentHash, contentLength: Int64(clamping: contentLength))
    }
}
