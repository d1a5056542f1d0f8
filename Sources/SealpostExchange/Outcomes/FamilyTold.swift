import SealpostCore
import SealpostLedger
import SealpostRecord

/// Closing "family to be told": a record sent saying the family will be told
/// (`consent.family.status` `will_be_told`) is work waiting in `sealpost status` until the sender
/// records that it told them (spec/exchange.md §Telling the family). Logs a `family_told` receipt
/// (the record id and recipients in facts; the child's identifiers, from the `sent` entries, in
/// details) and marks the outbox entries of that record; nothing is sent.
public enum FamilyTold {
    /// What `record` did: the log entry's number and the outbox entries it closed.
    public struct Recorded: Sendable {
        public let seq: Int64
        public let entries: [OutboxEntry]
    }

    public static func record(recordID: String, context: ExchangeContext) throws(ExchangeError) -> Recorded {
        let sends = try context.outbox.entries().filter { $0.recordID == recordID }
        guard !sends.isEmpty else {
            throw ExchangeError(.notFound, "no record \(Printable.escape(recordID)) has been sent from here",
                                hint: "use the record's id (its \"id\" member), as sealpost status lists it under family to be told")
        }
        let waiting = sends.filter { $0.familyToBeTold == true && $0.familyToldAt == nil }
        guard !waiting.isEmpty else {
            throw ExchangeError(.record, "record \(Printable.escape(recordID)) does not say the family will be told, or it is already recorded that they were",
                                hint: "sealpost log --kind family_told lists what was recorded")
        }
        let now = context.now
        let at = context.nowMilliseconds
        let facts = FamilyToldFacts(sender: context.identity.agencyID, recordID: recordID, agreement: context.agreementLabel,
                                    recipients: waiting.map(\.recipient), toldAt: now)
        let receipt = Receipt.sign(facts, at: at, by: context.identity)
        var details = Sync.sentDetails(messageID: waiting[0].messageID, context: context)
        details.recordID = recordID
        let seq = try context.appendToLog([ReceiptEntry.own(receipt, counterpart: nil, details: details)], at: at).checkpoint.size
        var closed: [OutboxEntry] = []
        for var entry in waiting {
            entry.familyToldAt = now
            try context.outbox.update(entry)
            closed.append(entry)
        }
        return Recorded(seq: seq, entries: closed)
    }
}
