import Foundation
import SealpostCore
import SealpostLedger
import SealpostRecord
import SealpostSodium

/// Sending this agency's signed acknowledgement of a stored record back to its sender, then
/// deleting the record's envelope at the relay, through the journal in `AckJournal`
/// (spec/exchange.md §Acknowledging).
public enum Acknowledge {
    /// Journals, deposits and deletes; or finishes what an earlier run journalled.
    public static func acknowledge(_ id: EnvelopeID, session: RelaySession) async throws(ExchangeError) -> AckJournal.Entry {
        let context = session.context
        if let journalled = try context.acks.entry(id.description) {
            return try await finish(journalled, session: session)
        }
        guard let received = try context.inbox.entry(id.description) else {
            throw ExchangeError(.notFound, "envelope \(id) has not been opened here, so there is nothing to acknowledge",
                                hint: "open it first with: sealpost open \(id.description.prefix(12))")
        }
        let entry = try journal(received, context: context)
        CrashPoint.reached("ack-journalled")
        return try await finish(entry, session: session)
    }

    /// Seals the acknowledgement of `received` to its sender and journals it (state `pending`).
    static func journal(_ received: InboxEntry, context: ExchangeContext) throws(ExchangeError) -> AckJournal.Entry {
        let boxKey = try Reply.boxKey(of: received.sender, for: "an acknowledgement", otherwise: "tell the sender by another channel that the record arrived",
                                      context: context)
        let (envelopeID, messageID, contentHash) = try Reply.names(of: received)
        let now = context.now
        // The signed receipt, logged here first; the acknowledgement carries it, this log's
        // checkpoint after it, and the latest checkpoint of the sender's log held here.
        let facts = AcknowledgedFacts(received.delivery(to: context.identity.agencyID), receivedAt: received.receivedAt,
                                      acknowledgedAt: now)
        let details = Reply.details(about: received, context: context)
        let carried = try Reply.log(facts, details: details, counterpart: received.sender, context: context)
        let ack = Acknowledgement(messageID: messageID, envelopeID: envelopeID, contentHash: contentHash, recipient: context.identity.agencyID,
                                  receivedAt: received.receivedAt, acknowledgedAt: now, carried: carried)
        let sealed = try Reply.seal(ack.encoded, to: boxKey, as: .acknowledgement(agreement: context.agreement), what: "the acknowledgement",
                                    context: context)
        let entry = AckJournal.Entry(envelopeID: received.envelopeID, sender: received.sender, state: .pending, acknowledgementID: sealed.id,
                                     acknowledgement: sealed.sealed, journalledAt: now)
        try context.acks.write(entry)
        return entry
    }

    /// Takes a journal entry through its remaining steps.
    public static func finish(_ journalled: AckJournal.Entry, session: RelaySession) async throws(ExchangeError) -> AckJournal.Entry {
        let context = session.context
        var entry = journalled
        guard let received = EnvelopeID(hex: entry.envelopeID), let ackID = EnvelopeID(hex: entry.acknowledgementID),
              let sealed = entry.acknowledgementBytes, EnvelopeID(of: sealed) == ackID else {
            throw ExchangeError(.storage, "the acknowledgement journal entry for \(entry.envelopeID) is damaged", hint: "restore HOME/acks from a backup")
        }
        if entry.state == .pending {
            entry.receipt = try await Reply.deposit(sealed, id: ackID, to: entry.sender, what: "acknowledgement", session: session)
            entry.state = .deposited
            try context.acks.write(entry)
            CrashPoint.reached("ack-deposited")
        }
        if entry.state == .deposited {
            try await session.client.delete(received)
            entry.state = .done
            entry.doneAt = context.now
            try context.acks.write(entry)
            context.logger.info("acknowledged and deleted at the relay", metadata: ["envelope": .string(entry.envelopeID)])
        }
        return entry
    }
}
