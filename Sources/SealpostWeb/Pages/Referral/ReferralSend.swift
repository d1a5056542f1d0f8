import Foundation
import Hummingbird
import SealpostAgreement
import SealpostExchange
import SealpostRecord

/// Send: `Send.prepare` again with the draft's decisions (so nothing undecided can leave, whatever
/// the form held), refused with the agreement's reason when it refuses (the library logs the
/// refusal); then sealed into the outbox, the draft deleted, and deposited at the relay. A relay
/// that cannot be reached leaves the envelopes in the outbox, sent by the next relay action, and
/// the confirmation says so. The receipt log records the signed-in practitioner with the decision.
struct ReferralSend {
    let app: WebApp

    struct Refused {
        let draftID: String
        let reasons: [String]
    }

    struct Sent {
        let reference: String
        let queued: Bool
        let rows: [Row]
        let deadline: String
        let emergency: Bool
        /// The request it answers (received here), when it was sent in answer to one.
        let answeredReference: String?
        let answeredHref: String?
        let documents: Int
    }

    struct Row {
        let recipient: String
        let state: String
        let stateTag: String
        let problem: String?
    }

    /// A refusal as a practitioner reads it (paths, agencies and reasons; never a value).
    static func describe(_ refusal: Send.Refusal) -> String {
        switch refusal {
        case .notAllowed(let refused): return refused.map { "\($0.recipient): \($0.reason.message)" }.joined(separator: "; ")
        case .invalidRecord(let issues): return "the record is not ready: " + issues.prefix(3).map { "\($0.path) \($0.problem)" }.joined(separator: "; ")
        case .needsDecisions(let findings): return findings.count == 1 ? "1 possible identity is still to decide" : "\(findings.count) possible identities are still to decide"
        case .unmatchedDecisions: return "some decisions no longer match the text; check what leaves again"
        case .other(let error): return error.message
        }
    }

    /// Drafts being sent by this process: a second press of Send (or a second tab) while the first
    /// is sealing is answered without sealing again.
    static let inFlight = InFlightSends()

    func send(_ request: Request, context: WebContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/sign-in", type: .normal) }
        let fields = try await FormBody.read(request, context: context, limit: 4096)
        let id = context.parameters.get("id") ?? ""
        guard await Self.inFlight.claim(id) else {
            return app.pages.problem(.conflict, title: "This referral is already being sent",
                                     message: "It is sent once. Follow it on Sent.", session: session)
        }
        do {
            let response = try await sendClaimed(context: context, session: session, documentsChecked: fields["documents-checked"] == "yes")
            await Self.inFlight.release(id)
            return response
        } catch {
            await Self.inFlight.release(id)
            throw error
        }
    }

    private func sendClaimed(context: WebContext, session: WebSession, documentsChecked: Bool) async throws -> Response {
        // Loaded after the claim: a send that finished just before finds no draft, and seals nothing.
        guard var draft = try ReferralDrafts(app: app).load(context, session: session) else {
            return ReferralDrafts(app: app).notFound(session)
        }
        guard let record = try? SafeguardingRecord(draft.record, mode: .full), !draft.recipients.isEmpty else {
            return .redirect(to: "/referrals/\(draft.id)", type: .normal)
        }
        let exchange = try app.context(session)
        // Documents are not redacted: nothing is sealed until the practitioner says each was checked.
        if !draft.documents.isEmpty && !documentsChecked {
            return try ReferralCheck(app: app).render(
                &draft, session: session, typed: [:],
                errors: [FormProblem(field: "documents-checked", anchor: "documents-checked",
                                    message: "Confirm you have checked each document: they are sent as they are, not redacted")],
                notice: nil, status: .badRequest)
        }
        // A send in answer to a request that can no longer be answered so is not attempted: the
        // check page says why (RequestAnswer.problems, the library's own rules in words).
        if try !RequestAnswer.problems(draft, exchange: exchange, purposeName: app.purposeNames()).isEmpty {
            return .redirect(to: "/referrals/\(draft.id)/check", type: .normal)
        }
        let answering = try RequestAnswer.request(draft, exchange: exchange)
        let attachments = try DraftDocuments(home: app.home).attachments(of: draft, identity: app.identity(session))
        let preparation: Send.Preparation
        do {
            preparation = try Send.prepare(record, purpose: record.purpose ?? "", recipients: draft.recipients, context: exchange,
                                           decisions: draft.decisions, answering: answering, attachments: attachments,
                                           attachmentsChecked: documentsChecked)
        } catch {
            switch error {
            case .notAllowed(let refused):
                let model = Refused(draftID: draft.id, reasons: refused.map { "\($0.recipient): \($0.reason.message)" + ($0.reason.hint.map { " (\($0))" } ?? "") })
                return app.pages.page("referral-refused", model, title: "The agreement does not allow this send", session: session,
                                      section: "/referrals", status: .forbidden)
            case .needsDecisions, .unmatchedDecisions:
                return .redirect(to: "/referrals/\(draft.id)/check?notice=undecided", type: .normal)
            case .invalidRecord:
                return .redirect(to: "/referrals/\(draft.id)", type: .normal)
            case .other(let error):
                throw error
            }
        }
        var confirmed = preparation
        confirmed.attachmentsConfirmedBy = "the app's box \"I have checked each document\", ticked"
        let entries = try Send.seal(confirmed, context: exchange)
        // Sealed into the outbox: the draft has done its work, and nothing more can change what was decided.
        do { try ReferralDrafts(app: app).store().delete(draft.id) } catch {
            // Sealed and kept whatever happens to the draft file; say so in the log, not by failing the send.
            app.logger.warning("draft not deleted after sending", metadata: ["code": .string("\(error.code)")])
        }
        var queued = false
        do {
            let failed = try await app.withRelay(exchange) { relay in
                var failed = 0
                for entry in entries {
                    do { _ = try await Send.deposit(entry, session: relay) } catch { failed += 1 }
                }
                return failed
            }
            queued = failed > 0
        } catch let error as ExchangeError {
            app.logger.warning("send kept in the outbox", metadata: ["code": .string("\(error.code)")])
            queued = true
        }
        let reference = (record.id ?? "").addingPercentEncoding(withAllowedCharacters: .urlUnreserved) ?? ""
        return .redirect(to: "/referrals/sent?record=\(reference)\(queued ? "&queued=1" : "")", type: .normal)
    }

    /// The confirmation panel: the reference, each recipient's state, and what happens next.
    func confirmation(_ request: Request, context: WebContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/sign-in", type: .normal) }
        let reference = request.formQuery["record"].map(String.init) ?? ""
        let exchange = try app.context(session)
        let entries = try exchange.outbox.entries().filter { $0.recordID == reference && !reference.isEmpty }
        guard let first = entries.first else {
            return app.pages.problem(.notFound, title: "Referral not found", message: "No referral with that reference has been sent from here. See Sent.",
                                     session: session)
        }
        let urgency = SafeguardingRecord.Concern.Urgency(rawValue: first.urgency) ?? .routine
        let answered = try entries.compactMap(\.inAnswerTo).first.flatMap { id in try exchange.requestsIn.entries().first { $0.messageID == id } }
        let queued = entries.contains { $0.state == .sealed }
        let model = Sent(
            reference: reference, queued: queued,
            rows: entries.map { e in
                Row(recipient: exchange.agreement.party(e.recipient)?.name ?? e.recipient,
                    state: e.state == .sealed ? "Waiting for the relay" : "Taken by the relay",
                    stateTag: e.state == .sealed ? "govuk-tag--yellow" : "govuk-tag--green", problem: e.state == .sealed ? e.lastError : nil)
            },
            deadline: urgency == .emergency ? "1 hour" : urgency == .urgent ? "24 hours" : "3 days", emergency: urgency == .emergency,
            answeredReference: answered.map { String($0.envelopeID.prefix(12)) }, answeredHref: answered.map { "/requests/received/\($0.envelopeID)" },
            documents: first.attachments?.count ?? 0)
        return app.pages.page("referral-sent", model, title: queued ? "Referral kept to send" : "Referral sent", session: session,
                              section: "/referrals")
    }
}

extension ReferralSend.Refused: ViewModel {}
extension ReferralSend.Sent: ViewModel {
    var computed: [String: Any] { ["hasDocuments": documents > 0, "documentsText": Format.count(documents, "document")] }
}
extension ReferralSend.Row: ViewModel {}

extension CharacterSet {
    /// RFC 3986 unreserved characters: what a query value may hold unescaped.
    static let urlUnreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}

/// The ids of drafts this process is sending now.
actor InFlightSends {
    private var ids: Set<String> = []

    /// True when `id` was not already being sent (and now is).
    func claim(_ id: String) -> Bool { ids.insert(id).inserted }
    func release(_ id: String) { ids.remove(id) }
}
