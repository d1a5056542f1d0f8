import ArgumentParser
import SealpostCore
import Foundation
import SealpostExchange
import SealpostLedger
import SealpostLog

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Collect acknowledgements and expiries for what this agency sent, and finish pending work.",
        discussion: """
        Deposits what the outbox holds but the relay has not yet taken, finishes interrupted \
        acknowledgements, collects recipients' acknowledgements (each checked: signed by the agency \
        the record went to, for the message and content that were sent) and learns which sends \
        expired unread at the relay. Collects declines of this agency's requests (each checked: \
        signed by the agency asked, for the request that was sent) and logs them. Collects the \
        outcomes recipients recorded (each checked like an acknowledgement) and shows each \
        decision with its reason and next steps. Ends with what still waits for an acknowledgement, most urgent first.
        """)

    @OptionGroup var options: HomeOptions
    @OptionGroup var relayOptions: RelayOptions

    /// The log entry of the decline collected for `request`.
    private func declineEntry(_ request: OutboxEntry, context: ExchangeContext) throws -> Int64? {
        let ledger = try Ledger.read(directory: context.logDirectory)
        return ledger.entries.last { entry in
            if case .declined(let facts) = entry.facts { return facts.inAnswerTo == request.messageID }
            return false
        }?.seq
    }

    func run() async throws {
        let context = try ExchangeCommand.context(options)
        let report = try await ExchangeCommand.withSession(context, relay: relayOptions) { session in
            try await Sync.run(session: session)
        }
        for entry in report.acknowledged {
            print("acknowledged: \(short(entry.envelopeID)) to \(entry.recipient) (\(entry.purpose), \(entry.urgency)), acknowledged \(Timestamp.iso(seconds: entry.acknowledgement?.acknowledgedAt ?? 0))")
        }
        for (entry, outcome) in report.outcomes {
            print("outcome: \(short(entry.envelopeID)) to \(entry.recipient) (\(entry.purpose)): \(outcome.decision.words), decided \(Timestamp.iso(seconds: outcome.decidedAt))")
            print("  reason: \(Printable.escape(outcome.reason))")
            if let next = outcome.nextSteps { print("  next steps: \(Printable.escape(next))") }
        }
        for entry in report.expired {
            print("expired at the relay, never collected: \(short(entry.envelopeID)) to \(entry.recipient) (\(entry.purpose), \(entry.urgency)); send the record again or contact \(entry.recipient)")
        }
        for entry in report.declined {
            let seq = (try? declineEntry(entry, context: context)) ?? nil
            print("declined: request \(short(entry.envelopeID)) to \(entry.recipient) (\(entry.purpose)); the reasons are in the receipt log: sealpost log show \(seq.map(String.init) ?? entry.messageID.prefix(12).description)")
        }
        for entry in report.expiredRequests {
            print("expired at the relay, never opened: request \(short(entry.envelopeID)) to \(entry.recipient) (\(entry.purpose)); ask again or contact \(entry.recipient)")
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
            print(OutboxTable.render(open, now: context.now, collected: Set(report.collected.map(\.envelopeID)),
                                     deadlines: context.agreement.deadlines))
        }
        if report.requestsWaiting > 0 {
            print("\(report.requestsWaiting) request\(report.requestsWaiting == 1 ? "" : "s") for information waiting for this agency: run sealpost inbox")
        }
        if report.recordsWaiting > 0 {
            print("\(report.recordsWaiting) record\(report.recordsWaiting == 1 ? "" : "s") waiting for this agency: run sealpost inbox")
        }
    }
}
