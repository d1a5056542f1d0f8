import Hummingbird
import SealpostCore
import SealpostExchange
import SealpostLedger

/// A request for information opened here (from the Inbox): who asks, about which child, for what
/// and why; and, while it is unanswered, "Decline" with the reasons' categories and the
/// practitioner's own words (`Decline.decline`: logged with the practitioner's name, sealed back
/// to the requester); or "Answer with a record", which starts a referral draft answering it
/// (RequestAnswer). Once answered, the page shows the answer, linked to Sent and the receipt log.
struct ReceivedRequestPage {
    let app: WebApp

    struct Model {
        let csrf: String
        let envelopeID: String
        let reference: String
        let from: String
        let rows: [RecordView.Row]
        let state: String
        let stateTag: String
        let canDecline: Bool
        let justDeclined: Bool
        let queued: Bool
        let declined: [RecordView.Row]
        let reasonCodes: [LoopForm.Choice]
        let reason: String
        let problems: [FormProblem]
        let reasonError: String?
        /// A draft already answering the request, to continue instead of starting another.
        let draftHref: String?
        /// The record sent in answer, as this agency's outbox and log hold it.
        let answered: [RecordView.Row]
        let answerSentHref: String?
        let answerLogHref: String?
    }

    /// The answer to an address naming a request that is not held here (this page's and "Answer
    /// with a record"'s).
    static func notFound(_ app: WebApp, _ session: WebSession) -> Response {
        app.pages.problem(.notFound, title: "Request not found",
                          message: "No request with that reference has been opened here. Go to the inbox to open it.", session: session)
    }

    func show(_ request: Request, context: WebContext) async throws -> Response {
        try await app.reading(request, context: context) { session, exchange in
            guard let (_, entry) = try exchange.requestsIn.entry(routedBy: context) else { return Self.notFound(app, session) }
            let q = request.formQuery
            return try render(session, exchange: exchange, entry: entry, codes: [], reason: "", problems: LoopForm.Problems(),
                              justDeclined: q["declined"] == "1", queued: q["queued"] == "1")
        }
    }

    func decline(_ request: Request, context: WebContext) async throws -> Response {
        try await app.acting(request, context: context, formLimit: 32 * 1024) { session, fields, exchange in
            guard let (id, entry) = try exchange.requestsIn.entry(routedBy: context) else { return Self.notFound(app, session) }
            let codes = fields.values("reason-code").compactMap(Decline.Reason.init(rawValue:))
            let reason = fields["reason"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            var problems = LoopForm.Problems()
            problems.checkText(reason, field: "reason", label: "Why the information is not shared", required: true,
                               emptyMessage: "Enter why the information is not shared")
            guard problems.isEmpty else {
                return try render(session, exchange: exchange, entry: entry, codes: codes, reason: reason, problems: problems, status: .badRequest)
            }
            do {
                _ = try await app.withRelay(exchange) { relay in try await Decline.decline(id, reason: reason, reasons: codes, session: relay) }
            } catch let error as ExchangeError {
                // Logged and journalled, but the relay did not take it: the next relay action sends it.
                guard try exchange.declines.entry(entry.envelopeID) != nil else { throw error }
                app.logger.warning("decline journalled, not yet deposited", metadata: ["code": .string("\(error.code)")])
                return .redirect(to: "/requests/received/\(entry.envelopeID)?declined=1&queued=1", type: .normal)
            }
            return .redirect(to: "/requests/received/\(entry.envelopeID)?declined=1", type: .normal)
        }
    }

    private func render(_ session: WebSession, exchange: ExchangeContext, entry: InboxEntry, codes: [Decline.Reason], reason: String,
                        problems: LoopForm.Problems, justDeclined: Bool = false, queued: Bool = false,
                        status: HTTPResponse.Status = .ok) throws -> Response {
        let request = exchange.requestsIn.content(entry.envelopeID).flatMap { try? InformationRequest(decoding: $0) }
        let from = app.agencyNames()(entry.sender)
        var rows: [RecordView.Row] = [
            .init(key: "From", value: from), .init(key: "Purpose", value: app.purposeNames()(entry.purpose)),
            .init(key: "Urgency", value: entry.urgency), .init(key: "Received", value: Format.time(seconds: entry.receivedAt)),
        ]
        if let request {
            rows.append(.init(key: "Child's name", value: request.subject.name))
            if let nhs = request.subject.nhsNumber { rows.append(.init(key: "NHS number", value: nhs.description)) }
            if let dob = request.subject.dob { rows.append(.init(key: "Date of birth", value: UKTime.dateText(dob))) }
            if let why = request.reason { rows.append(.init(key: "Why it is needed", value: why)) }
        }
        let (state, tag) = try RequestLists.answerState(entry, exchange: exchange)
        let choices = Decline.Reason.allCases.enumerated().map { i, r in
            LoopForm.Choice(id: i == 0 ? "reason-code" : "reason-code-\(r.rawValue)", value: r.rawValue, label: RequestLists.words(r.rawValue),
                            hint: nil, checked: codes.contains(r))
        }
        let answer = try answerRows(entry, exchange: exchange)
        let draft = state == "to answer" ? try RequestAnswer.drafts(answering: entry.envelopeID, app: app, session: session).first : nil
        let model = Model(
            csrf: session.csrf, envelopeID: entry.envelopeID, reference: String(entry.envelopeID.prefix(12)), from: from, rows: rows,
            state: state, stateTag: tag, canDecline: state == "to answer", justDeclined: justDeclined, queued: queued,
            declined: try declineRows(entry, exchange: exchange), reasonCodes: choices, reason: reason, problems: problems.items,
            reasonError: problems["reason"], draftHref: draft.map { "/referrals/\($0.id)" }, answered: answer.rows,
            answerSentHref: answer.sent, answerLogHref: answer.log)
        let title = "Request for information from \(from)"
        return app.pages.page("request-received", model, title: problems.isEmpty ? title : "Error: " + title, session: session,
                              section: "/requests", status: status)
    }

    /// The record this agency sent in answer to the request: its reference, when it was sealed and
    /// who decided it (from the log's `share_decided` naming the request), with links to its
    /// timeline on Sent and its entry in the receipt log.
    private func answerRows(_ entry: InboxEntry, exchange: ExchangeContext) throws -> (rows: [RecordView.Row], sent: String?, log: String?) {
        guard let sent = try Decline.answeringSend(of: entry, context: exchange) else { return ([], nil, nil) }
        var rows: [RecordView.Row] = [.init(key: "Record", value: sent.recordID ?? String(sent.envelopeID.prefix(12))),
                                      .init(key: "Sent", value: Format.time(seconds: sent.sealedAt))]
        let ledger = LedgerCache.shared.snapshot(directory: app.home.logDirectory, atRest: exchange.atRest).ledger
        let decided = ledger.entries.last { e in
            if case .shareDecided(let facts) = e.facts { return facts.inAnswerTo == entry.messageID }
            return false
        }
        if let actor = decided?.details?.actor { rows.append(.init(key: "Sent by", value: actor.display)) }
        rows.append(.init(key: "State", value: sent.state == .sealed ? "Kept to send when the relay can be reached" : "Taken by the relay"))
        return (rows, "/sent#e-\(sent.envelopeID)", decided.map { "/log/\($0.seq)" })
    }

    /// The decline this agency logged for the request, as its own log holds it.
    private func declineRows(_ entry: InboxEntry, exchange: ExchangeContext) throws -> [RecordView.Row] {
        guard let journal = try exchange.declines.entry(entry.envelopeID) else { return [] }
        var rows: [RecordView.Row] = [.init(key: "Declined", value: Format.time(seconds: journal.journalledAt)),
                                      .init(key: "Reasons", value: journal.reasons.map(RequestLists.words).joined(separator: "; "))]
        let ledger = (try? exchange.ledger()) ?? Ledger()
        let logged = ledger.entries.last { e in
            if case .declined(let facts) = e.facts { return facts.requestEnvelopeID == entry.envelopeID }
            return false
        }
        if let why = logged?.details?.reason { rows.append(.init(key: "Why", value: why)) }
        if let actor = logged?.details?.actor { rows.append(.init(key: "Declined by", value: actor.display)) }
        rows.append(.init(key: "Sent", value: journal.state == .done ? "Sent to \(journal.requester)" : "Sent when the relay can be reached"))
        return rows
    }
}

extension ReceivedRequestPage.Model: ViewModel {
    var computed: [String: Any] { ["hasProblems": !problems.isEmpty, "hasDeclined": !declined.isEmpty, "hasAnswered": !answered.isEmpty] }
}
