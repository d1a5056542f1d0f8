import ArgumentParser
import SealpostCore
import Foundation
import SealpostExchange

struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "List what this agency has sent and whether each was acknowledged (local, no relay).",
        discussion: "Unacknowledged sends come first, most urgent first. sealpost sync brings the states up to date.")

    @OptionGroup var options: HomeOptions

    func run() throws {
        let outbox = Outbox(home: options.resolvedHome)
        let entries: [OutboxEntry]
        do { entries = try outbox.entries() } catch { throw CLIError(error) }
        guard !entries.isEmpty else {
            print("nothing sent yet")
            return
        }
        print(OutboxTable.render(entries, now: Int64(Date().timeIntervalSince1970)))
    }
}

/// Outbox entries as a table: open ones first (most urgent, then oldest), then the rest, newest first.
enum OutboxTable {
    static func render(_ entries: [OutboxEntry], now: Int64, collected: Set<String> = []) -> String {
        let open = entries.filter(\.isOpen).sorted { ($0.urgencyRank, $0.sealedAt) < ($1.urgencyRank, $1.sealedAt) }
        let closed = entries.filter { !$0.isOpen }.sorted { $0.sealedAt > $1.sealedAt }
        var rows = [["ENVELOPE", "TO", "PURPOSE", "URGENCY", "SENT", "STATE"]]
        for e in open + closed {
            rows.append([short(e.envelopeID), e.recipient, e.purpose, e.urgency, Display.age(now - e.sealedAt) + " ago", state(e, collected: collected)])
        }
        return Display.table(rows)
    }

    static func state(_ e: OutboxEntry, collected: Set<String>) -> String {
        switch e.state {
        case .sealed: return "not yet deposited" + (e.lastError.map { " (\($0))" } ?? "")
        case .deposited:
            return collected.contains(e.envelopeID) ? "collected by the recipient, acknowledgement not yet here" : "at the relay, not yet acknowledged"
        case .acknowledged: return "acknowledged " + Timestamp.iso(seconds: e.acknowledgement?.acknowledgedAt ?? 0)
        case .expired: return "expired at the relay, never collected " + Timestamp.iso(seconds: e.expiredAt ?? 0)
        }
    }
}
