import ArgumentParser
import Foundation
import SealpostExchange

struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Collect acknowledgements and expiries for what this agency sent, and finish pending work.",
        discussion: """
        Deposits what the outbox holds but the relay has not yet taken, finishes interrupted \
        acknowledgements, collects recipients' acknowledgements (each checked: signed by the agency \
        the record went to, for the message and content that were sent) and learns which sends \
        expired unread at the relay. Ends with what still waits for an acknowledgement, most urgent first.
        """)

    @OptionGroup var options: HomeOptions
    @OptionGroup var relayOptions: RelayOptions

    func run() throws {
        let context = try ExchangeCommand.context(options)
        let report = try ExchangeCommand.withSession(context, relay: relayOptions) { session in
            try await Sync.run(session: session)
        }
        for entry in report.acknowledged {
            print("acknowledged: \(short(entry.envelopeID)) to \(entry.recipient) (\(entry.purpose), \(entry.urgency)), acknowledged \(Display.time(entry.acknowledgement?.acknowledgedAt ?? 0))")
        }
        for entry in report.expired {
            print("expired at the relay, never collected: \(short(entry.envelopeID)) to \(entry.recipient) (\(entry.purpose), \(entry.urgency)); send the record again or contact \(entry.recipient)")
        }
        for refused in report.refused {
            print("refused: \(short(refused.envelopeID)): \(refused.error.message) (left at the relay)")
        }
        let open: [OutboxEntry]
        do { open = try context.outbox.entries().filter(\.isOpen) } catch { throw CLIError(error) }
        if open.isEmpty {
            print("nothing sent is waiting for an acknowledgement")
        } else {
            print("waiting for an acknowledgement: \(open.count)")
            print(OutboxTable.render(open, now: context.now, collected: Set(report.collected.map(\.envelopeID))))
        }
        if report.recordsWaiting > 0 {
            print("\(report.recordsWaiting) record\(report.recordsWaiting == 1 ? "" : "s") waiting for this agency: run sealpost inbox")
        }
    }
}
