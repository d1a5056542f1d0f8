import SealpostAgreement
import SealpostCore
import SealpostExchange
import SealpostLedger
import SealpostRecord

extension WebApp {
    /// The working-day deadlines of the agreement in force (the standard ones when none is
    /// installed), so every page and count measures "overdue" the same way `sealpost status` does.
    func deadlines() -> ResponseDeadlines {
        ((try? AgreementStore(home: home).current())??.agreement.deadlines) ?? .standard
    }

    /// What is waiting on whom, with the agreement's deadlines (WaitingWorkCache: its `now`, and so
    /// its order, may be up to a minute old; say "overdue" from `app.now`).
    func waitingWork() throws -> WaitingWork { try WaitingWorkCache.shared.work(home: home, now: now, deadlines: deadlines()) }
}

/// One outcome as a page shows it: what was decided, when, why, and what happens next. The
/// reason and next steps come from the receipt log's details (the only place either side keeps
/// them in the clear), matched by the record's envelope and the decision's time.
struct OutcomeLine {
    let decision: String
    let decided: String
    /// Named apart from the question page's own `reason` and `nextSteps`, so a missing one never
    /// shows the form's value through mustache's context stack.
    let why: String?
    let then: String?
    let by: String?
    /// For the recipient: sent, or waiting for the relay.
    let delivery: String?

    /// A decision's words as a heading: "Early help".
    static func sentence(_ code: String) -> String {
        let words = OutcomeDecision.words(code)
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}

/// The `outcome` entries of a log, by the envelope id of the record they are about.
struct OutcomeDetails {
    private var byEnvelope: [String: [(decision: String, decidedAt: Int64, details: ReceiptDetails?)]] = [:]

    init(_ ledger: Ledger) {
        for entry in ledger.entries {
            guard case .outcome(let facts) = entry.facts else { continue }
            byEnvelope[facts.delivery.envelope.envelopeID, default: []].append((facts.decision, facts.decidedAt, entry.details))
        }
    }

    init(_ exchange: ExchangeContext) { self.init((try? exchange.ledger()) ?? Ledger()) }

    func details(envelope: String, decision: String, decidedAt: Int64) -> ReceiptDetails? {
        byEnvelope[envelope]?.first { $0.decision == decision && $0.decidedAt == decidedAt }?.details
            ?? byEnvelope[envelope]?.first { $0.decision == decision }?.details
    }

    func all(envelope: String) -> [(decision: String, decidedAt: Int64, details: ReceiptDetails?)] { byEnvelope[envelope] ?? [] }
}

/// The outcomes part of a received record's page: what this agency has recorded about it, when
/// the first outcome is due (from when the record was opened here, in the agreement's working
/// days), and whether one can be recorded now (only once the record is acknowledged).
struct RecordOutcomes {
    let lines: [OutcomeLine]
    let due: String?
    let overdue: Bool
    let canRecord: Bool
    let href: String

    init(entry: InboxEntry, acknowledged: Bool, journal: [OutcomeJournal.Entry], app: WebApp, exchange: ExchangeContext) {
        let details = OutcomeDetails(exchange)
        let recorded = details.all(envelope: entry.envelopeID)
        let agencyName = app.agencyNames()
        lines = journal.map { j in
            let d = recorded.first { $0.decision == j.decision && $0.decidedAt == j.journalledAt }?.details
                ?? recorded.first { $0.decision == j.decision }?.details
            return OutcomeLine(decision: OutcomeLine.sentence(j.decision), decided: Format.time(seconds: j.journalledAt), why: d?.reason,
                               then: d?.nextSteps, by: d?.actor?.display,
                               delivery: j.state == .done ? "Sent to \(agencyName(j.sender))"
                                   : "Recorded; sent to \(agencyName(j.sender)) when the relay can be reached")
        }
        let urgency = SafeguardingRecord.Concern.Urgency(rawValue: entry.urgency) ?? .routine
        let dueAt = app.deadlines().outcomeDue(receivedAt: entry.receivedAt, urgency: urgency)
        due = journal.isEmpty ? "Outcome due by " + Format.time(seconds: dueAt) : nil
        overdue = journal.isEmpty && dueAt <= app.now
        canRecord = acknowledged
        href = "/inbox/\(entry.envelopeID)/outcome"
    }

}

extension RecordOutcomes: ViewModel {
    var computed: [String: Any] { ["hasLines": !lines.isEmpty] }
}

/// The outcome part of a send on the Sent page: outcomes the recipient has told (collected by
/// "Check for acknowledgements"), or when the first is due once the record was acknowledged; and
/// whether the family is still to be told.
struct SentOutcomes {
    let lines: [OutcomeLine]
    /// "acknowledged, outcome due by …" while the recipient has told none (named apart from the
    /// send's own `due` and `overdue`, which a template would otherwise find instead).
    let outcomeDue: String?
    let outcomeOverdue: Bool
    let familyToBeTold: Bool
    let familyTold: String?
    let recordID: String?

    init(_ e: OutboxEntry, details: OutcomeDetails, deadlines: ResponseDeadlines, now: Int64) {
        lines = (e.outcomes ?? []).map { o in
            let d = details.details(envelope: e.envelopeID, decision: o.decision, decidedAt: o.decidedAt)
            return OutcomeLine(decision: OutcomeLine.sentence(o.decision), decided: Format.time(seconds: o.decidedAt), why: d?.reason,
                               then: d?.nextSteps, by: nil, delivery: nil)
        }
        if e.state == .acknowledged, (e.outcomes ?? []).isEmpty {
            let since = e.acknowledgement?.receivedAt ?? e.sealedAt
            let dueAt = deadlines.outcomeDue(receivedAt: since, urgency: SafeguardingRecord.Concern.Urgency(rawValue: e.urgency) ?? .routine)
            outcomeDue = "acknowledged, outcome due by " + Format.time(seconds: dueAt)
            outcomeOverdue = dueAt <= now
        } else {
            outcomeDue = nil
            outcomeOverdue = false
        }
        familyToBeTold = e.familyToBeTold == true && e.familyToldAt == nil && e.recordID != nil
        familyTold = e.familyToldAt.map { "Recorded that the family was told, " + Format.time(seconds: $0) }
        recordID = e.recordID
    }
}

extension SentOutcomes: ViewModel {
    var computed: [String: Any] { ["hasLines": !lines.isEmpty] }
}
