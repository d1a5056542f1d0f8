import ArgumentParser
import Foundation
import SealpostAgreement
import SealpostCore
import SealpostExchange
import SealpostRecord

/// `sealpost status`: what is waiting on whom, overdue urgent sends first (local, no relay).
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "What is waiting on whom: sends not yet acknowledged, records not yet acknowledged here, requests not yet answered.",
        discussion: """
        An acknowledgement is due within 1 hour of sending for an emergency record, 24 hours for an \
        urgent one and 72 hours for a routine one, and never later than the agreement's working \
        days (1 unless it says otherwise). Once acknowledged, the recipient's outcome is due \
        within the agreement's working days of receipt (3 unless it says otherwise; weekends and \
        the agreement's bank holidays skipped). Work past its deadline comes first, marked \
        OVERDUE, then the rest by urgency and age. Run `sealpost sync` first to bring in \
        acknowledgements and outcomes that arrived at the relay. Requests for information are \
        listed when there are any: this agency's not yet answered by the holder, and others' \
        opened here and not yet answered (by sealpost send --in-answer-to or sealpost decline). \
        Exits 0 even when something is overdue.
        """)

    @OptionGroup var options: HomeOptions

    @Flag(help: "Print the lists as one JSON object, for scripts (times in Unix seconds).")
    var json = false

    func run() throws {
        let home = try options.privateHome()
        guard home.exists else { throw CLIError("no identity at \(home.path)", hint: "pass --home DIR, or create one with: sealpost init") }
        let agreement = (try? AgreementStore(home: home).inForce())?.agreement
        let deadlines = agreement?.deadlines ?? .standard
        if !json, let warning = agreement?.validityWarning(on: .today(now: Date().timeIntervalSince1970)) {
            print("Warning: \(warning)")
        }
        let work: WaitingWork
        do { work = try WaitingWork(home: home, now: Int64(Date().timeIntervalSince1970), deadlines: deadlines) } catch { throw CLIError(error) }
        let now = work.now
        if json {
            print(JSONWriter(options: [.sortedKeys]).string(work.json))
            return
        }
        func due(_ item: WaitingWork.Item) -> String {
            item.isOverdue(at: now) ? "OVERDUE by \(Display.age(now - item.due))" : "due in \(Display.age(item.due - now))"
        }
        func row(_ item: WaitingWork.Item, _ last: String) -> [String] {
            [String(item.envelopeID.prefix(12)), item.agency, item.purpose, item.urgency, Display.age(now - item.since) + " ago", last]
        }

        let sent = work.sendsAwaitingAcknowledgement
        print("Waiting on others: \(Display.count(sent.count, "send")) not yet acknowledged")
        if !sent.isEmpty {
            print(Display.table([["ENVELOPE", "TO", "PURPOSE", "URGENCY", "SENT", "ACKNOWLEDGEMENT"]] + sent.map { row($0, due($0)) }))
        }
        let outcomes = work.sendsAwaitingOutcome
        if !outcomes.isEmpty {
            print("Outcomes waiting on others: \(Display.count(outcomes.count, "send")) acknowledged, outcome not yet told")
            print(Display.table([["ENVELOPE", "TO", "PURPOSE", "URGENCY", "RECEIVED", "OUTCOME"]] + outcomes.map { item in
                row(item, "acknowledged, outcome " + (item.isOverdue(at: now) ? "OVERDUE since " : "due by ") + Timestamp.display(milliseconds: item.due * 1000) + " UTC")
            }))
        }
        let family = work.familyToBeTold
        if !family.isEmpty {
            print("Family to be told: \(Display.count(family.count, "record")) sent saying the family will be told")
            print(Display.table([["RECORD", "TO", "PURPOSE", "URGENCY", "SENT", "WHEN TOLD"]] + family.map { item in
                let id = item.recordID.map(Printable.escape) ?? short(item.envelopeID)
                return [id, item.agency, item.purpose, item.urgency, Display.age(now - item.since) + " ago", "sealpost family-told \(id)"]
            }))
        }
        let waiting = work.recordsToAcknowledge
        print("Waiting on us: \(Display.count(waiting.count, "record")) opened here but not yet acknowledged")
        if !waiting.isEmpty {
            print(Display.table([["ENVELOPE", "FROM", "PURPOSE", "URGENCY", "RECEIVED", "ACKNOWLEDGE"]]
                + waiting.map { row($0, "sealpost ack \($0.envelopeID.prefix(12))") }))
        }
        let deciding = work.recordsAwaitingOutcome
        if !deciding.isEmpty {
            print("Outcomes waiting on us: \(Display.count(deciding.count, "record")) opened here, outcome not yet told to the sender")
            print(Display.table([["ENVELOPE", "FROM", "PURPOSE", "URGENCY", "RECEIVED", "OUTCOME"]] + deciding.map { item in
                row(item, (item.isOverdue(at: now) ? "OVERDUE since " : "due by ") + Timestamp.display(milliseconds: item.due * 1000)
                    + " UTC: sealpost outcome \(item.envelopeID.prefix(12)) --decision CODE --reason TEXT")
            }))
        }
        let asked = work.requestsAwaitingAnswer
        if !asked.isEmpty {
            print("Requests waiting on others: \(Display.count(asked.count, "request")) not yet answered")
            print(Display.table([["ENVELOPE", "TO", "PURPOSE", "URGENCY", "ASKED", "ANSWER"]]
                + asked.map { row($0, ($0.notYetDeposited ? "not yet deposited; " : "") + due($0)) }))
        }
        let toAnswer = work.requestsToAnswer
        if !toAnswer.isEmpty {
            print("Requests waiting on us: \(Display.count(toAnswer.count, "request")) opened here, not yet answered")
            print(Display.table([["ENVELOPE", "FROM", "PURPOSE", "URGENCY", "RECEIVED", "ANSWER"]] + toAnswer.map { item in
                let id = item.envelopeID.prefix(12)
                return row(item, due(item) + ": sealpost send --in-answer-to \(id) or sealpost decline \(id)")
            }))
        }
    }
}
