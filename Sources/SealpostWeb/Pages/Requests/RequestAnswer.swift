import Hummingbird
import SealpostCore
import SealpostExchange
import SealpostLedger
import SealpostRecord

/// Answering a request for information with a record (spec/web.md §Requests): "Answer with a
/// record" on a received request starts a referral draft that remembers the request
/// (`Draft.answering`), prefilled with what the request says: its purpose, the requesting agency
/// as the recipient, and the child as the request names them. The draft is written like any
/// referral; check what leaves says which request it answers, and its send names the request
/// (`Send.prepare(answering:)`), so the request is answered here and at the requester.
///
/// The send's rules are the library's (`Send.checkAnswer`): the requester among the recipients,
/// the request's purpose, and the request neither declined nor already answered. `problems` says
/// the same in a practitioner's words, so check what leaves offers no Send that would be refused.
struct RequestAnswer {
    let app: WebApp

    /// What a draft's pages say about the request it answers.
    struct Info {
        let reference: String
        let from: String
        let purpose: String
        let href: String
        let child: String?
    }

    /// "Answer with a record": a draft answering the request, or the one already started.
    func start(_ request: Request, context: WebContext) async throws -> Response {
        try await app.acting(request, context: context) { session, _, exchange in
            guard let (_, entry) = try exchange.requestsIn.entry(routedBy: context) else {
                return ReceivedRequestPage.notFound(app, session)
            }
            guard try RequestLists.answerState(entry, exchange: exchange).state == "to answer" else {
                return .redirect(to: "/requests/received/\(entry.envelopeID)", type: .normal)
            }
            if let existing = try Self.drafts(answering: entry.envelopeID, app: app, session: session).first {
                return .redirect(to: "/referrals/\(existing.id)", type: .normal)
            }
            var record = JSONObject()
            record["purpose"] = .string(entry.purpose)
            if let asked = exchange.requestsIn.content(entry.envelopeID).flatMap({ try? InformationRequest(decoding: $0) }) {
                var subject = JSONObject()
                subject["name"] = .string(asked.subject.name)
                if let dob = asked.subject.dob { subject["dob"] = .string(dob.description) }
                if let nhs = asked.subject.nhsNumber { subject["nhs_number"] = .string(nhs.description) }
                record["subject"] = .object(subject)
            }
            var draft = try ReferralDrafts(app: app).start(session: session, record: .object(record))
            draft.answering = entry.envelopeID
            draft.recipients = [entry.sender]
            try ReferralDrafts(app: app).save(draft, session: session)
            return .redirect(to: "/referrals/\(draft.id)", type: .normal)
        }
    }

    /// The drafts held here that answer request `envelopeID`, most recently changed first.
    static func drafts(answering envelopeID: String, app: WebApp, session: WebSession) throws -> [Draft] {
        ReferralDrafts(app: app).store().list(identity: try app.identity(session)).drafts.filter { $0.answering == envelopeID }
    }

    /// The request `draft` answers, as its pages show it (nil when it answers none).
    static func info(_ draft: Draft, exchange: ExchangeContext, purposeName: PurposeNames) -> Info? {
        guard let id = draft.answering else { return nil }
        let entry = try? exchange.requestsIn.entry(id)
        let asked = exchange.requestsIn.content(id).flatMap { try? InformationRequest(decoding: $0) }
        return Info(reference: String(id.prefix(12)), from: entry.map { exchange.agreement.party($0.sender)?.name ?? $0.sender } ?? "another agency",
                    purpose: entry.map { purposeName($0.purpose) } ?? "", href: "/requests/received/\(id)", child: asked?.subject.name)
    }

    /// Why `draft` cannot be sent as the answer to its request, in a practitioner's words (empty
    /// when it can, or when it answers none): the library refuses the same sends.
    static func problems(_ draft: Draft, exchange: ExchangeContext, purposeName: PurposeNames) throws -> [String] {
        guard let id = draft.answering else { return [] }
        let short = String(id.prefix(12))
        guard let entry = try exchange.requestsIn.entry(id) else {
            return ["it answers request \(short), which is no longer held here; delete this draft and start a referral instead."]
        }
        var problems: [String] = []
        switch try RequestLists.answerState(entry, exchange: exchange).state {
        case "declined": problems.append("request \(short) was declined here, so it cannot also be answered with a record.")
        case "answered with a record": problems.append("request \(short) is already answered with a record; start a new referral to share more.")
        default: break
        }
        if draft[member: "purpose"]?.stringValue != entry.purpose {
            problems.append("request \(short) asks for information for \(purposeName(entry.purpose)): choose that purpose.")
        }
        if !draft.recipients.contains(entry.sender) {
            problems.append("request \(short) came from \(entry.sender), which must be among the recipients.")
        }
        return problems
    }

    /// The request `draft` answers, to pass to the send (nil when it answers none).
    static func request(_ draft: Draft, exchange: ExchangeContext) throws -> InboxEntry? {
        guard let id = draft.answering else { return nil }
        return try exchange.requestsIn.entry(id)
    }
}

extension RequestAnswer.Info: ViewModel {}
