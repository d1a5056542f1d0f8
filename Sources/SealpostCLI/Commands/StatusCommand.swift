import ArgumentParser
import Foundation
import SealpostExchange

/// `sealpost status`: what is waiting on whom, overdue urgent sends first (local, no relay).
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "What is waiting on whom: sends not yet acknowledged, records not yet acknowledged here, requests not yet answered.",
        discussion: """
        An acknowledgement is due within 1 hour of sending for an emergency record, 24 hours for an
        urgent one and 72 hours for a routine one. Sends past that deadline come first, marked
        OVERDUE, then the rest by urgency and age. Run `sealpost sync` first to bring in
        acknowledgements that arrived at the relay. Requests for information are listed when there
        are any: this agency's not yet answered by the holder, and others' opened here and not yet
        answered (by sealpost send --in-answer-to or sealpost decline), with the same deadlines.
        Exits 0 even when something is overdue.
        """)

    @OptionGroup var options: HomeOptions

    func run() throws {
        let home = options.resolvedHome
        guard home.exists else { throw CLIError("no identity at \(home.path)", hint: "pass --home DIR, or create one with: sealpost init") }
        let work: WaitingWork
        do { work = try WaitingWork(home: home, now: Int64(Date().timeIntervalSince1970)) } catch { throw CLIError(error) }
        let now = work.now
        func due(_ item: WaitingWork.Item) -> String {
            item.isOverdue(at: now) ? "OVERDUE by \(Display.age(now - item.due))" : "due in \(Display.age(item.due - now))"
        }
        func row(_ item: WaitingWork.Item, _ last: String) -> [String] {
            [String(item.envelopeID.prefix(12)), item.agency, item.purpose, item.urgency, Display.age(now - item.since) + " ago", last]
        }

        let sent = work.sendsAwaitingAcknowledgement
        print("Waiting on others: \(sent.count) send(s) not yet acknowledged")
        if !sent.isEmpty {
            print(Display.table([["ENVELOPE", "TO", "PURPOSE", "URGENCY", "SENT", "ACKNOWLEDGEMENT"]] + sent.map { row($0, due($0)) }))
        }
        let waiting = work.recordsToAcknowledge
        print("Waiting on us: \(waiting.count) record(s) opened here but not yet acknowledged")
        if !waiting.isEmpty {
            print(Display.table([["ENVELOPE", "FROM", "PURPOSE", "URGENCY", "RECEIVED", "ACKNOWLEDGE"]]
                + waiting.map { row($0, "sealpost ack \($0.envelopeID.prefix(12))") }))
        }
        let asked = work.requestsAwaitingAnswer
        if !asked.isEmpty {
            print("Requests waiting on others: \(asked.count) request(s) not yet answered")
            print(Display.table([["ENVELOPE", "TO", "PURPOSE", "URGENCY", "ASKED", "ANSWER"]]
                + asked.map { row($0, ($0.notYetDeposited ? "not yet deposited; " : "") + due($0)) }))
        }
        let toAnswer = work.requestsToAnswer
        if !toAnswer.isEmpty {
            print("Requests waiting on us: \(toAnswer.count) request(s) opened here, not yet answered")
            print(Display.table([["ENVELOPE", "FROM", "PURPOSE", "URGENCY", "RECEIVED", "ANSWER"]] + toAnswer.map { item in
                let id = item.envelopeID.prefix(12)
                return row(item, due(item) + ": sealpost send --in-answer-to \(id) or sealpost decline \(id)")
            }))
        }
    }
}
