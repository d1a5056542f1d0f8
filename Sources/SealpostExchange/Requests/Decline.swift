import Foundation
import SealpostAgreement
import SealpostCore
import SealpostLedger
import SealpostLog
import SealpostRecord
import SealpostSodium

/// Deciding not to share (spec/exchange.md §Declining, spec/receipts.md §Receipts).
///
/// In answer to a request opened here, `decline` logs this agency's signed `declined` receipt
/// (the reasons' categories in its facts; the child's identifiers and the practitioner's reason in
/// details), then seals the receipt, this log's checkpoint and the reason to the requester and
/// journals it before sending, like an acknowledgement; the requester's `sync` verifies it and
/// logs the same receipt with this agency's signature as evidence.
///
/// On the practitioner's own judgement, with no request, `onOwnJudgement` logs the decision and
/// sends nothing.
public enum Decline {
    /// The categories of reasons for not sharing, recorded in the receipt's facts. The
    /// practitioner's own words go in the details only.
    public enum Reason: String, Sendable, CaseIterable {
        /// Nothing is held about this child.
        case notHeld = "not_held"
        /// The child could not be matched with confidence from what the request gives.
        case notIdentified = "not_identified"
        /// No lawful basis to share for this purpose.
        case noLawfulBasis = "no_lawful_basis"
        /// Not necessary or not proportionate to the purpose.
        case notNecessary = "not_necessary"
        /// Sharing would put the child at greater risk.
        case riskToChild = "risk_to_child"
        /// Sharing would put someone else at risk.
        case riskToOthers = "risk_to_others"
        /// Sharing would prejudice a criminal investigation or proceedings.
        case prejudiceToInvestigation = "prejudice_to_investigation"
        /// What is held is mainly about third parties and cannot be separated.
        case thirdPartyInformation = "third_party_information"
        case other

        public static var list: String { allCases.map(\.rawValue).joined(separator: ", ") }
    }

    /// Declines request `id` (opened here): logs, seals and journals the decline, then deposits it
    /// to the requester. A decline already journalled is finished instead.
    public static func decline(_ id: EnvelopeID, reason: String, reasons: [Reason], session: RelaySession) async throws(ExchangeError) -> DeclineJournal.Entry {
        let context = session.context
        if let journalled = try context.declines.entry(id.description) {
            return try await finish(journalled, session: session)
        }
        let entry = try journal(id, reason: reason, reasons: reasons, context: context)
        return try await finish(entry, session: session)
    }

    /// Logs the `declined` receipt and seals the decline to the requester, journalled `pending`.
    static func journal(_ id: EnvelopeID, reason: String, reasons: [Reason], context: ExchangeContext) throws(ExchangeError) -> DeclineJournal.Entry {
        guard let request = try context.requestsIn.entry(id.description) else {
            throw ExchangeError(.notFound, "no request \(id) has been opened here", hint: "open it first with: sealpost open ID (sealpost inbox lists requests)")
        }
        guard FreeText.isAcceptable(reason) else {
            throw ExchangeError(.record, "the reason \(FreeText.rule)", hint: "say why the information is not shared; the requester receives it")
        }
        if let answer = try answeringSend(of: request, context: context) {
            throw ExchangeError(.record, "request \(id.description.prefix(12)) from \(request.sender) was already answered by envelope \(answer.envelopeID.prefix(12))",
                                hint: "a request answered with a record cannot also be declined")
        }
        let boxKey = try Reply.boxKey(of: request.sender, for: "the decline",
                                      otherwise: "tell it by another channel; log the decision with: sealpost decline --purpose P --about RECORD.json",
                                      context: context)
        guard let messageID = Hex.decode(request.messageID) else {
            throw ExchangeError(.storage, "the stored request \(request.envelopeID) is damaged", hint: "restore HOME/requests from a backup")
        }
        let codes = orderedCodes(reasons)
        let now = context.now
        let facts = DeclinedFacts(answering: RequestBasis(requester: request.sender, holder: context.identity.agencyID,
                                                          purpose: request.purpose, urgency: request.urgency, agreement: context.agreementLabel),
                                  inAnswerTo: request.messageID, requestEnvelopeID: request.envelopeID, reasons: codes, declinedAt: now)
        var details = requestDetails(request, context: context)
        details.reason = reason
        let carried = try Reply.log(facts, details: details, counterpart: request.sender, context: context)
        let message = DeclineMessage(requestEnvelopeID: id, requestMessageID: messageID, declinedAt: now, reason: reason, carried: carried)
        let sealed = try Reply.seal(message.encoded, to: boxKey, as: .decline(agreement: context.agreement), what: "the decline", context: context)
        let entry = DeclineJournal.Entry(requestID: request.envelopeID, requestMessageID: request.messageID, requester: request.sender,
                                         purpose: request.purpose, state: .pending, declineID: sealed.id, decline: sealed.sealed, reasons: codes, journalledAt: now)
        try context.declines.write(entry)
        return entry
    }

    /// Deposits a journalled decline to the requester.
    public static func finish(_ journalled: DeclineJournal.Entry, session: RelaySession) async throws(ExchangeError) -> DeclineJournal.Entry {
        let damaged = ExchangeError(.storage, "the decline journal entry for \(journalled.requestID) is damaged",
                                    hint: "restore HOME/declines from a backup")
        return try await Reply.finish(journalled, in: session.context.declines, what: "decline", damaged: damaged, session: session)
    }

    /// Logs a decision not to share `record` for `purpose`, taken without a request: nothing is
    /// sealed or sent. Returns the entry's number in the log.
    @discardableResult
    public static func onOwnJudgement(_ record: SafeguardingRecord, purpose: String, reason: String, reasons: [Reason],
                                      context: ExchangeContext) throws(ExchangeError) -> Int64 {
        guard context.agreement.purpose(purpose) != nil else {
            throw ExchangeError(.agreement, "the agreement has no purpose \"\(Printable.escape(purpose))\"",
                                hint: "its purposes are \(context.agreement.purposes.map(\.id).joined(separator: ", "))")
        }
        guard FreeText.isAcceptable(reason) else {
            throw ExchangeError(.record, "the reason \(FreeText.rule)", hint: "say why the information is not shared; it is recorded in the receipt log")
        }
        let facts = DeclinedFacts(holder: context.identity.agencyID, basis: Send.basis(record, purpose, context),
                                  reasons: orderedCodes(reasons), declinedAt: context.now)
        let at = context.nowMilliseconds
        let receipt = Receipt.sign(facts, at: at, by: context.identity)
        var details = ReceiptDetails(subjectOf: record)
        details.reason = reason
        return try context.appendToLog([ReceiptEntry.own(receipt, counterpart: nil, details: details)], at: at).checkpoint.size
    }

    /// The reasons' codes, each once, in the order given; `other` when none is given.
    static func orderedCodes(_ reasons: [Reason]) -> [String] {
        var seen = Set<Reason>()
        let codes = reasons.filter { seen.insert($0).inserted }.map(\.rawValue)
        return codes.isEmpty ? [Reason.other.rawValue] : codes
    }

    /// The child's identifiers (and the requester's reason) from a stored request, for details.
    static func requestDetails(_ request: InboxEntry, context: ExchangeContext) -> ReceiptDetails {
        guard let bytes = context.requestsIn.content(request.envelopeID),
              let parsed = try? InformationRequest(decoding: bytes) else { return ReceiptDetails() }
        return ReceiptDetails(subject: parsed.subject.details, requestReason: parsed.reason)
    }

    /// A record this agency sent in answer to `request`, if any.
    public static func answeringSend(of request: InboxEntry, context: ExchangeContext) throws(ExchangeError) -> OutboxEntry? {
        try context.outbox.entries().first { $0.inAnswerTo == request.messageID && $0.recipient == request.sender }
    }
}

extension Sync {
    /// Checks a decline against the request it answers, logs the holder's receipt with its
    /// signature as evidence, and marks the request answered. Returns the request's entry, or nil
    /// for a repeat, and what is wrong with this log if the echoed checkpoint contradicts it.
    static func collectDecline(_ verified: Receive.Verified, session: RelaySession) throws(ExchangeError) -> (entry: OutboxEntry?, contradiction: String?) {
        let context = session.context
        let signer = verified.opened.manifest.senderAgency
        let decline = try DeclineMessage(decoding: verified.content)
        guard var request = try context.requestsOut.entry(decline.requestEnvelopeID.description) else {
            throw ExchangeError(.acknowledgement, "\(signer) declined request \(decline.requestEnvelopeID), which this agency did not send",
                                hint: "it was left at the relay; tell \(signer)")
        }
        guard signer == request.recipient, Hex.encode(decline.requestMessageID) == request.messageID else {
            throw ExchangeError(.acknowledgement, "request \(request.envelopeID) went to \(request.recipient), but the decline is signed by \(signer) or names another message",
                                hint: "it was left at the relay and not recorded; tell \(request.recipient)")
        }
        let key = verified.opened.manifest.senderSigningKey
        let r = decline.carried.receipt
        guard r.by == signer, let facts = r.facts(as: DeclinedFacts.self), facts.holder == signer,
              facts.requester == context.identity.agencyID, facts.inAnswerTo == request.messageID,
              facts.requestEnvelopeID == request.envelopeID, r.isValid(for: key) else {
            throw ExchangeError(.acknowledgement, "\(signer)'s decline of request \(request.envelopeID) carries a receipt that is not its signed receipt for this request",
                                hint: "it was left at the relay and not recorded; tell \(signer)")
        }
        let contradiction = try decline.carried.checkCheckpoint(signer: signer, key: key, about: "decline of request \(request.envelopeID)",
                                                                context: context)
        let repeatDecline = request.answer?.kind == .declined
        if !repeatDecline {
            var details = requestSentDetails(messageID: request.messageID, context: context)
            details.reason = decline.reason
            try decline.carried.log(details: details, context: context)
            try context.requestsOut.storeDecline(verified.envelope, for: request.envelopeID)
            request.answer = .init(kind: .declined, envelopeID: verified.id.description, at: context.now)
            try context.requestsOut.update(request)
            context.logger.info("decline collected", metadata: ["request": .string(request.envelopeID)])
        }
        _ = try? context.hold(decline.carried.checkpoint)
        return (repeatDecline ? nil : request, contradiction)
    }

    /// The child's identifiers from this agency's own `request_sent` entry for the request.
    static func requestSentDetails(messageID: String, context: ExchangeContext) -> ReceiptDetails {
        guard let ledger = try? context.ledger() else { return ReceiptDetails() }
        let sent = ledger.entries.last { entry in
            if case .requestSent(let facts) = entry.facts { return facts.envelope.messageID == messageID }
            return false
        }
        return ReceiptDetails(subject: sent?.details?.subject)
    }
}
