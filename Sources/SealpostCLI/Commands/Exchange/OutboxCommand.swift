import ArgumentParser
import SealpostCore
import Foundation
import SealpostAgreement
import SealpostExchange
import SealpostLedger
import SealpostRecord

struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "List what this agency has sent and whether each was acknowledged (local, no relay).",
        discussion: "Unacknowledged sends come first, most urgent first. sealpost sync brings the states up to date.")

    @OptionGroup var options: HomeOptions

    @Flag(help: "Print every entry as JSON (an array of the stored outbox entries), for scripts.")
    var json = false

    func run() throws {
        let outbox = Outbox(home: try options.privateHome())
        let entries: [OutboxEntry]
        do { entries = try outbox.entries() } catch { throw CLIError(error) }
        if json {
            print(String(decoding: Outbox.json(entries), as: UTF8.self))
            return
        }
        guard !entries.isEmpty else {
            print("nothing sent yet")
            return
        }
        let deadlines = (try? AgreementStore(home: options.resolvedHome).inForce())?.agreement.deadlines ?? .standard
        print(OutboxTable.render(entries, now: Int64(Date().timeIntervalSince1970), deadlines: deadlines))
    }
}

/// Outbox entries as a table: open ones first (most urgent, then oldest), then the rest, newest first.
enum OutboxTable {
    static func render(_ entries: [OutboxEntry], now: Int64, collected: Set<String> = [], deadlines: ResponseDeadlines = .standard) -> String {
        let open = entries.filter(\.isOpen).sorted { ($0.urgencyRank, $0.sealedAt) < ($1.urgencyRank, $1.sealedAt) }
        let closed = entries.filter { !$0.isOpen }.sorted { $0.sealedAt > $1.sealedAt }
        var rows = [["ENVELOPE", "TO", "PURPOSE", "URGENCY", "SENT", "STATE"]]
        for e in open + closed {
            rows.append([short(e.envelopeID), e.recipient, e.purpose, e.urgency, Display.age(now - e.sealedAt) + " ago", state(e, collected: collected, now: now, deadlines: deadlines)])
        }
        return Display.table(rows)
    }

    static func state(_ e: OutboxEntry, collected: Set<String>, now: Int64, deadlines: ResponseDeadlines) -> String {
        switch e.state {
        case .sealed: return "not yet deposited" + (e.lastError.map { " (\($0))" } ?? "")
        case .deposited:
            return collected.contains(e.envelopeID) ? "collected by the recipient, acknowledgement not yet here" : "at the relay, not yet acknowledged"
        case .acknowledged:
            let acknowledged = "acknowledged " + Timestamp.iso(seconds: e.acknowledgement?.acknowledgedAt ?? 0)
            if let outcomes = e.outcomes, !outcomes.isEmpty {
                return acknowledged + ", outcome: " + outcomes.map { OutcomeDecision.words($0.decision) }.joined(separator: ", then ")
            }
            let urgency = SafeguardingRecord.Concern.Urgency(rawValue: e.urgency) ?? .routine
            let due = deadlines.outcomeDue(receivedAt: e.acknowledgement?.receivedAt ?? e.sealedAt, urgency: urgency)
            return acknowledged + ", outcome " + (due <= now ? "OVERDUE since " : "due by ") + Timestamp.iso(seconds: due)
        case .expired: return "expired at the relay, never collected " + Timestamp.iso(seconds: e.expiredAt ?? 0)
        }
    }
}
