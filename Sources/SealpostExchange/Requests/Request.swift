import SealpostAgreement
import SealpostCore
import SealpostLedger
import SealpostLog
import SealpostRecord
import SealpostSodium

/// Asking another agency for what it holds about a child (spec/exchange.md §Requests), in two
/// steps like a send:
///
/// 1. `seal`: the agreement must give this agency a role in the purpose (it must be a party that
///    may receive fields for it) and the holder must be another active party; otherwise nothing is
///    sealed and the refusal is logged (`request_refused`). The request is sealed to the holder,
///    carrying this log's checkpoint, and stored in `HOME/requests/out` before anything is sent.
/// 2. `deposit`: the relay takes it; its signed deposit receipt is checked, and `request_sent` is
///    logged with it. One that cannot be deposited now stays `sealed` for a later relay command.
public enum Request {
    /// Checks the request under the agreement, then seals and stores it. Nothing is sent.
    public static func seal(to holder: String, purpose: String, urgency: SafeguardingRecord.Concern.Urgency,
                            subject: InformationRequest.Subject, reason: String?, context: ExchangeContext) throws(ExchangeError) -> OutboxEntry {
        let agreement = context.agreement
        let me = context.identity.agencyID
        if let reason, !FreeText.isAcceptable(reason) {
            throw ExchangeError(.record, "the reason \(FreeText.rule)", hint: "say briefly why the information is needed")
        }
        let today = UKCalendar.today(atUnixTime: context.now)
        if let dob = subject.dob, dob > today {
            throw ExchangeError(.record, "the child's date of birth is after today (\(today)); nothing was sealed",
                                hint: "check the year and the month; for an unborn baby leave the date of birth out and say so in the reason")
        }
        guard AgencyID.isValid(holder) else {
            throw ExchangeError(.agreement, "\(Printable.escape(holder)) is not an agency id", hint: "name the holder by its agency id in the agreement (sealpost agreement show)")
        }
        try context.checkAgreementValid()
        // Who may ask: a party the agreement lets receive something for the purpose; and of whom:
        // another active party.
        var refusal: AgreementError?
        if holder == me {
            refusal = AgreementError("\(holder) is this agency; a request is not sent to oneself")
        } else if let party = agreement.party(holder) {
            if party.status != .active { refusal = AgreementError("\(holder) is revoked in agreement \(agreement.id) version \(agreement.version)") }
        } else {
            refusal = AgreementError("\(Printable.escape(holder)) is not a party to agreement \(agreement.id)",
                                     hint: "ask only parties to the agreement; see sealpost agreement show")
        }
        if refusal == nil, case .failure(let reason) = agreement.allowedFields(purpose: purpose, recipient: me) {
            refusal = reason
        }
        if let refusal {
            logRefused(holder: holder, purpose: purpose, urgency: urgency, subject: subject, reason: reason, refusal: refusal, context: context)
            throw ExchangeError(.agreement, "refusing to request information for \(Printable.escape(purpose)) under the agreement in force; nothing was sealed: \(refusal.message)",
                                hint: refusal.hint ?? "only a party that may receive information for the purpose may ask for it (sealpost agreement show)")
        }
        guard let party = agreement.party(holder), let boxKey = try? party.card.verified().boxKey else {
            throw ExchangeError(.agreement, "the agreement's card for \(holder) does not verify", hint: "install the partnership's current agreement")
        }
        let now = context.now
        let request = InformationRequest(requester: me, holder: holder, purpose: purpose, urgency: urgency, subject: subject,
                                         reason: reason, requestedAt: now)
        // The envelope carries this log's checkpoint as it stands, as a record does.
        let checkpoint = try context.logCheckpoint()
        let conventions = ExchangeEnvelope.request(purpose: purpose, urgency: urgency, agreement: agreement, checkpoint: checkpoint)
        var content = request.encoded
        defer { for i in content.indices { content[i] = 0 } }
        let sealed: (envelope: [UInt8], sealed: SealedEnvelope)
        do {
            sealed = try EnvelopeSealer(sender: context.identity).seal(content, recipients: [boxKey], contentType: conventions.contentType,
                                                                       attributes: conventions.attributes, createdAt: UInt64(max(0, now)))
        } catch {
            throw ExchangeError(.record, error.description)
        }
        let id = EnvelopeID(of: sealed.envelope)
        let entry = OutboxEntry(
            envelopeID: id.description, messageID: Hex.encode(sealed.sealed.manifest.messageID), recipient: holder, purpose: purpose,
            urgency: urgency.rawValue, recordID: nil, agreement: context.agreementLabel, contentHash: Hex.encode(sealed.sealed.contentHash),
            contentLength: sealed.sealed.contentLength, envelopeLength: UInt64(sealed.envelope.count), sealedAt: now, state: .sealed,
            shared: [], withheld: [], decisions: [])
        var facts = sentFacts(entry, context: context)
        facts.requestedAt = now
        try context.requestsOut.storePendingReceipt(entry.envelopeID, facts: facts, details: request.details, atRest: context.atRest)
        try context.requestsOut.store(envelope: sealed.envelope, entry: entry)
        context.logger.info("request sealed", metadata: ["envelope": .string(entry.envelopeID), "holder": .string(holder)])
        return entry
    }

    /// Deposits a stored request and logs `request_sent` with the relay's checked receipt (Outbox.deposit).
    public static func deposit(_ entry: OutboxEntry, session: RelaySession) async throws(ExchangeError) -> OutboxEntry {
        try await session.context.requestsOut.deposit(entry, session: session, logging: RequestSentFacts.self,
                                                      fallbackFacts: sentFacts(entry, context: session.context), what: "request", remedy: "make the request again")
    }

    /// What the `request_sent` receipt says from the outbox entry: who asks whom, for what, how urgently.
    static func sentFacts(_ entry: OutboxEntry, context: ExchangeContext) -> RequestSentFacts {
        RequestSentFacts(request: RequestBasis(requester: context.identity.agencyID, holder: entry.recipient, purpose: entry.purpose,
                                               urgency: entry.urgency, agreement: entry.agreement),
                         envelope: entry.envelopeFacts, requestedAt: nil)
    }

    /// Logs a request refused under the agreement (best effort: the refusal stands either way).
    static func logRefused(holder: String, purpose: String, urgency: SafeguardingRecord.Concern.Urgency, subject: InformationRequest.Subject,
                           reason: String?, refusal: AgreementError, context: ExchangeContext) {
        let at = context.nowMilliseconds
        let facts = RequestRefusedFacts(request: RequestBasis(requester: context.identity.agencyID, holder: holder, purpose: purpose,
                                                              urgency: urgency.rawValue, agreement: context.agreementLabel))
        let receipt = Receipt.sign(facts, at: at, by: context.identity)
        let details = ReceiptDetails(subject: subject.details, reason: refusal.message, requestReason: reason)
        do { try context.appendToLog([ReceiptEntry.own(receipt, counterpart: holder, details: details)], at: at) } catch {
            context.logger.error("the refused request could not be written to the receipt log", metadata: ["error": .string(error.message)])
        }
    }

    /// The request this agency sent that `messageID` names, sent to `holder`.
    static func sent(messageID: String, to holder: String, context: ExchangeContext) throws(ExchangeError) -> OutboxEntry? {
        try context.requestsOut.entries().first { $0.messageID == messageID && $0.recipient == holder }
    }
}

extension Receive {
    /// What `openAny` opened: a record into the inbox, or a request into `HOME/requests/in`.
    public enum Opened: Sendable {
        case record(InboxEntry, Inbox.StoreOutcome)
        case request(InboxEntry, Inbox.StoreOutcome)
    }

    /// Fetches, verifies and stores a record or a request. A request, once logged and stored, is
    /// deleted at the relay (its answer, a record or a decline, is what the requester waits for).
    public static func openAny(_ id: EnvelopeID, session: RelaySession) async throws(ExchangeError) -> Opened {
        let context = session.context
        if let held = try context.inbox.entry(id.description) { return .record(held, .duplicate) }
        if let held = try context.requestsIn.entry(id.description) {
            try await session.client.delete(id)  // a crash may have left it at the relay
            return .request(held, .duplicate)
        }
        let verified = try await fetchVerified(id, session: session)
        switch verified.conventions.kind {
        case .record:
            let stored = try store(verified, context: context)
            return .record(stored.entry, stored.outcome)
        case .request:
            let stored = try storeRequest(verified, context: context)
            try await session.client.delete(id)
            return .request(stored.entry, stored.outcome)
        case .acknowledgement, .decline, .outcome:
            let what = ["acknowledgement": "an acknowledgement", "decline": "a decline", "outcome": "an outcome"][verified.conventions.kind.rawValue] ?? "a reply"
            throw ExchangeError(.envelope, "envelope \(id) is \(what) from \(verified.opened.manifest.senderAgency), not a record or a request",
                                hint: "sealpost sync collects it")
        }
    }

    /// Checks a verified request against its envelope and the agreement, logs `request_received`
    /// and stores it in `HOME/requests/in`.
    static func storeRequest(_ verified: Verified, context: ExchangeContext) throws(ExchangeError) -> (entry: InboxEntry, outcome: Inbox.StoreOutcome) {
        let m = verified.opened.manifest
        let c = verified.conventions
        let id = verified.id
        let request = try InformationRequest(decoding: verified.content)
        guard request.requester == m.senderAgency, request.holder == context.identity.agencyID,
              request.purpose == c.purpose, request.urgency == c.urgency else {
            throw ExchangeError(.envelope, "the request in envelope \(id) from \(m.senderAgency) does not match its signed envelope (requester, holder, purpose or urgency)",
                                hint: "it was refused and not stored; ask \(m.senderAgency) to send it again")
        }
        if case .failure(let reason) = context.agreement.allowedFields(purpose: request.purpose, recipient: m.senderAgency) {
            throw ExchangeError(.envelope, "\(m.senderAgency) asks for information for \(Printable.escape(request.purpose)), which the agreement does not let it receive: \(reason.message)",
                                hint: "it was refused and not stored; nothing may be shared with it for that purpose")
        }
        if try context.requestsIn.entry(id.description) == nil {
            try logRequestReceived(verified, request: request, context: context)
        }
        let entry = InboxEntry(
            envelopeID: id.description, messageID: Hex.encode(m.messageID), sender: m.senderAgency, purpose: request.purpose,
            urgency: request.urgency.rawValue, recordID: nil, agreement: "\(c.agreementID)@\(c.agreementVersion)",
            contentHash: Hex.encode(verified.opened.contentHash), contentLength: verified.opened.contentLength,
            envelopeLength: verified.envelopeLength, sentAt: Int64(clamping: m.createdAt), receivedAt: context.now)
        let outcome = try context.requestsIn.store(content: verified.content, envelope: verified.source, entry: entry, attachments: [])
        context.logger.info("request stored", metadata: ["envelope": .string(entry.envelopeID), "requester": .string(entry.sender)])
        return (outcome == .duplicate ? (try context.requestsIn.entry(id.description)) ?? entry : entry, outcome)
    }

    static func logRequestReceived(_ verified: Verified, request: InformationRequest, context: ExchangeContext) throws(ExchangeError) {
        let m = verified.opened.manifest
        let c = verified.conventions
        let facts = RequestReceivedFacts(
            request: RequestBasis(requester: m.senderAgency, holder: context.identity.agencyID, purpose: request.purpose,
                                  urgency: request.urgency.rawValue, agreement: "\(c.agreementID)@\(c.agreementVersion)"),
            envelope: verified.envelopeFacts, sentAt: Int64(clamping: m.createdAt), receivedAt: context.now)
        let at = context.nowMilliseconds
        let receipt = Receipt.sign(facts, at: at, by: context.identity)
        let draft = try holding(ReceiptEntry.own(receipt, counterpart: m.senderAgency, details: request.details, counterpartCheckpoint: c.checkpoint),
                                checkpoint: c.checkpoint, context: context)
        try context.appendToLog([draft], at: at)
    }

    /// Keeps the counterpart's checkpoint from an envelope as the latest held, and records in the
    /// draft's evidence one held before that it contradicts.
    static func holding(_ draft: ReceiptLog.Draft, checkpoint: SignedCheckpoint?, context: ExchangeContext) throws(ExchangeError) -> ReceiptLog.Draft {
        guard let checkpoint, let held = try context.hold(checkpoint) else { return draft }
        context.logger.warning("the sender's receipt log checkpoint contradicts one held from it before", metadata: [
            "sender": .string(checkpoint.checkpoint.agency), "held_size": .stringConvertible(held.checkpoint.size),
            "new_size": .stringConvertible(checkpoint.checkpoint.size)])
        var out = draft
        if out.facts["evidence"]?.objectValue != nil {
            ReceiptEntry.addEvidence("contradicted", HeldCheckpoint.json(held), agency: checkpoint.checkpoint.agency, to: &out)
        }
        return out
    }
}
