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

    /// Seconds within which each urgency should be acknowledged.
    static let deadlines: [String: Int64] = ["emergency": 3_600, "urgent": 86_400, "routine": 3 * 86_400]

    func run() throws {
        let home = options.resolvedHome
        guard home.exists else { throw CLIError("no identity at \(home.path)", hint: "pass --home DIR, or create one with: sealpost init") }
        let now = Int64(Date().timeIntervalSince1970)
        let sent: [OutboxEntry]
        let received: [InboxEntry]
        let acks: [AckJournal.Entry]
        let asked: [OutboxEntry]
        let toAnswer: [InboxEntry]
        do {
            let outbox = try Outbox(home: home).entries()
            sent = outbox.filter(\.isOpen)
            received = try Inbox(home: home).entries()
            acks = try AckJournal(home: home).entries()
            asked = try Outbox.requests(home: home).entries().filter { $0.isOpen && $0.answer == nil }
            let declines = DeclineJournal(home: home)
            var open: [InboxEntry] = []
            for request in try Inbox.requests(home: home).entries() where try declines.entry(request.envelopeID) == nil {
                if !outbox.contains(where: { $0.inAnswerTo == request.messageID && $0.recipient == request.sender }) { open.append(request) }
            }
            toAnswer = open
        } catch { throw CLIError(error) }

        // Overdue first (0), then by urgency, then oldest first.
        let order = { (urgency: String, since: Int64) -> (Int, Int, Int64) in
            let due = since + (Self.deadlines[urgency] ?? Self.deadlines["routine"]!)
            return (due > now ? 1 : 0, ["emergency": 0, "urgent": 1, "routine": 2][urgency] ?? 3, since)
        }
        func due(_ urgency: String, since: Int64) -> String {
            let due = since + (Self.deadlines[urgency] ?? Self.deadlines["routine"]!)
            return due <= now ? "OVERDUE by \(Display.age(now - due))" : "due in \(Display.age(due - now))"
        }

        print("Waiting on others: \(sent.count) send(s) not yet acknowledged")
        if !sent.isEmpty {
            var rows = [["ENVELOPE", "TO", "PURPOSE", "URGENCY", "SENT", "ACKNOWLEDGEMENT"]]
            for e in sent.sorted(by: { order($0.urgency, $0.sealedAt) < order($1.urgency, $1.sealedAt) }) {
                rows.append([String(e.envelopeID.prefix(12)), e.recipient, e.purpose, e.urgency,
                             Display.age(now - e.sealedAt) + " ago", due(e.urgency, since: e.sealedAt)])
            }
            print(Display.table(rows))
        }
        let acknowledged = Set(acks.filter { $0.state == .done }.map(\.envelopeID))
        let waiting = received.filter { !acknowledged.contains($0.envelopeID) }
        print("Waiting on us: \(waiting.count) record(s) opened here but not yet acknowledged")
        if !waiting.isEmpty {
            var rows = [["ENVELOPE", "FROM", "PURPOSE", "URGENCY", "RECEIVED", "ACKNOWLEDGE"]]
            for e in waiting.sorted(by: { order($0.urgency, $0.receivedAt) < order($1.urgency, $1.receivedAt) }) {
                rows.append([String(e.envelopeID.prefix(12)), e.sender, e.purpose, e.urgency,
                             Display.age(now - e.receivedAt) + " ago", "sealpost ack \(e.envelopeID.prefix(12))"])
            }
            print(Display.table(rows))
        }
        if !asked.isEmpty {
            print("Requests waiting on others: \(asked.count) request(s) not yet answered")
            var rows = [["ENVELOPE", "TO", "PURPOSE", "URGENCY", "ASKED", "ANSWER"]]
            for e in asked.sorted(by: { order($0.urgency, $0.sealedAt) < order($1.urgency, $1.sealedAt) }) {
                rows.append([String(e.envelopeID.prefix(12)), e.recipient, e.purpose, e.urgency,
                             Display.age(now - e.sealedAt) + " ago", (e.state == .sealed ? "not yet deposited; " : "") + due(e.urgency, since: e.sealedAt)])
            }
            print(Display.table(rows))
        }
        if !toAnswer.isEmpty {
            print("Requests waiting on us: \(toAnswer.count) request(s) opened here, not yet answered")
            var rows = [["ENVELOPE", "FROM", "PURPOSE", "URGENCY", "RECEIVED", "ANSWER"]]
            for e in toAnswer.sorted(by: { order($0.urgency, $0.receivedAt) < order($1.urgency, $1.receivedAt) }) {
                let id = e.envelopeID.prefix(12)
                rows.append([String(id), e.sender, e.purpose, e.urgency, Display.age(now - e.receivedAt) + " ago",
                             due(e.urgency, since: e.receivedAt) + ": sealpost send --in-answer-to \(id) or sealpost decline \(id)"])
            }
            print(Display.table(rows))
        }
    }
}
