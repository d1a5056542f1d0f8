import Hummingbird
import SealpostCore
import SealpostExchange
import SealpostLedger
import SealpostRecord

/// "Record an outcome" for a record received here and acknowledged (spec/web.md §Outcomes): what
/// was decided (a code from the list), why, and what happens next, sealed back to the sender by
/// `Outcome.record`, with the signed-in practitioner in the log's details. A record may have
/// several outcomes, so the page stays available after the first.
struct OutcomePage {
    let app: WebApp

    struct Model {
        let csrf: String
        let envelopeID: String
        let reference: String
        let childName: String
        let from: String
        let choices: [LoopForm.Choice]
        let reason: String
        let nextSteps: String
        let problems: [FormProblem]
        let decisionError: String?
        let reasonError: String?
        let nextStepsError: String?
        let earlier: [OutcomeLine]
    }

    private func notFound(_ session: WebSession) -> Response {
        app.pages.problem(.notFound, title: "Record not found",
                          message: "No record with that reference has been opened here. Go to the inbox and choose the record.", session: session)
    }

    private func notAcknowledged(_ session: WebSession, _ entry: InboxEntry) -> Response {
        app.pages.problem(.conflict, title: "Acknowledge the record first",
                          message: "An outcome follows an acknowledgement: open the record from the inbox and acknowledge receipt, then record what was decided.",
                          session: session)
    }

    func form(_ request: Request, context: WebContext) async throws -> Response {
        try await app.reading(request, context: context) { session, exchange in
            guard let (_, entry) = try exchange.inbox.entry(routedBy: context) else { return notFound(session) }
            guard try exchange.acks.entry(entry.envelopeID) != nil else { return notAcknowledged(session, entry) }
            return render(session, exchange: exchange, entry: entry, decision: nil, reason: "", nextSteps: "", problems: LoopForm.Problems())
        }
    }

    func submit(_ request: Request, context: WebContext) async throws -> Response {
        try await app.acting(request, context: context, formLimit: 32 * 1024) { session, fields, exchange in
            guard let (id, entry) = try exchange.inbox.entry(routedBy: context) else { return notFound(session) }
            guard try exchange.acks.entry(entry.envelopeID) != nil else { return notAcknowledged(session, entry) }
            let code = fields.text("decision")
            let reason = fields["reason"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let nextSteps = fields["next-steps"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            var problems = LoopForm.Problems()
            let decision = code.flatMap(OutcomeDecision.init(rawValue:))
            if decision == nil { problems.add("decision", "Select what was decided") }
            problems.checkText(reason, field: "reason", label: "The reason", required: true, emptyMessage: "Enter why this was decided")
            problems.checkText(nextSteps, field: "next-steps", label: "Next steps", required: false, emptyMessage: "")
            guard let decision, problems.isEmpty else {
                return render(session, exchange: exchange, entry: entry, decision: code, reason: reason, nextSteps: nextSteps, problems: problems,
                              status: .badRequest)
            }
            let before = try exchange.outcomes.entries(about: entry.envelopeID).count
            let steps = nextSteps.isEmpty ? nil : nextSteps
            do {
                _ = try await app.withRelay(exchange) { relay in
                    try await Outcome.record(id, decision: decision, reason: reason, nextSteps: steps, session: relay)
                }
            } catch let error as ExchangeError {
                // Recorded and journalled, but the relay did not take it: the next relay action sends it.
                guard try exchange.outcomes.entries(about: entry.envelopeID).count > before else { throw error }
                app.logger.warning("outcome journalled, not yet deposited", metadata: ["code": .string("\(error.code)")])
            }
            return .redirect(to: "/inbox/\(entry.envelopeID)?outcome=1", type: .normal)
        }
    }

    private func render(_ session: WebSession, exchange: ExchangeContext, entry: InboxEntry, decision: String?, reason: String,
                        nextSteps: String, problems: LoopForm.Problems, status: HTTPResponse.Status = .ok) -> Response {
        let record = exchange.inbox.content(entry.envelopeID).flatMap { try? JSONParser.parse($0) }
        let journal = (try? exchange.outcomes.entries(about: entry.envelopeID)) ?? []
        let earlier = RecordOutcomes(entry: entry, acknowledged: true, journal: journal, app: app, exchange: exchange).lines
        let choices = OutcomeDecision.allCases.enumerated().map { i, d in
            LoopForm.Choice(id: i == 0 ? "decision" : "decision-\(d.rawValue)", value: d.rawValue,
                            label: d.words.prefix(1).uppercased() + d.words.dropFirst(), hint: nil, checked: d.rawValue == decision)
        }
        let model = Model(
            csrf: session.csrf, envelopeID: entry.envelopeID, reference: entry.recordID ?? String(entry.envelopeID.prefix(12)),
            childName: record?["subject"]?["name"]?.stringValue ?? "(name not shared)", from: app.agencyNames()(entry.sender), choices: choices,
            reason: reason, nextSteps: nextSteps, problems: problems.items, decisionError: problems["decision"],
            reasonError: problems["reason"], nextStepsError: problems["next-steps"], earlier: earlier)
        let title = "Record an outcome"
        return app.pages.page("outcome", model, title: problems.isEmpty ? title : "Error: " + title, session: session, section: "/inbox",
                              status: status)
    }
}

extension OutcomePage.Model: ViewModel {
    var computed: [String: Any] { ["hasProblems": !problems.isEmpty, "hasEarlier": !earlier.isEmpty] }
}
