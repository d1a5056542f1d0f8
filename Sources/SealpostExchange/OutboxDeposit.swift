import SealpostCore
import SealpostRecord

extension Outbox {
    /// Deposits one stored envelope (a record or a request) and keeps the relay's checked receipt.
    /// The first deposit logs `kind` (`sent` or `request_sent`) from the receipt facts stored when
    /// it was sealed (or `fallbackFacts`, if they were lost), with the relay's deposit receipt and
    /// its signature as evidence. Logged before the entry says deposited: a crash in between logs
    /// it again, never not at all. On failure the entry stays `sealed`, with the reason, for a
    /// later relay command to deposit.
    func deposit(_ entry: OutboxEntry, session: RelaySession, logging kind: Receipt.Kind,
                 fallbackFacts: @autoclosure () -> JSONObject, what: String, remedy: String) async throws(ExchangeError) -> OutboxEntry {
        let context = session.context
        guard let id = entry.id, let envelope = envelope(entry.envelopeID), EnvelopeID(of: envelope) == id else {
            throw ExchangeError(.storage, "the stored \(what) \(entry.envelopeID) is missing or altered", hint: "it cannot be sent; \(remedy)")
        }
        var updated = entry
        do {
            let response = try await session.client.deposit(envelope, to: [entry.recipient])
            let receipt = OutboxEntry.Receipt(try session.relay.verify(response, envelopeID: id, sender: context.identity.agencyID,
                                                                       mailboxes: [entry.recipient]))
            if entry.state == .sealed {
                try logDeposited(entry, receipt: receipt, kind: kind, fallbackFacts: fallbackFacts(), context: context)
            }
            updated.receipt = receipt
            if updated.state == .sealed { updated.state = .deposited }
            updated.lastError = nil
            try update(updated)
            removePendingReceipt(entry.envelopeID)
            context.logger.info("deposited", metadata: ["envelope": .string(entry.envelopeID), "duplicate": .stringConvertible(response.duplicate)])
            return updated
        } catch {
            if error.code != .storage && error.code != .log {
                updated.lastError = error.message
                try? update(updated)
            }
            throw error
        }
    }

    /// Signs and logs `kind` for `entry`, now deposited with `receipt`; the relay's signature over
    /// its deposit receipt is kept as evidence and checked with the operator's key like a counterpart's.
    private func logDeposited(_ entry: OutboxEntry, receipt: OutboxEntry.Receipt, kind: Receipt.Kind,
                              fallbackFacts: JSONObject, context: ExchangeContext) throws(ExchangeError) {
        let pending = pendingReceipt(entry.envelopeID)
        var facts = pending?.facts ?? fallbackFacts
        facts["deposit"] = ["relay": .string(receipt.relay), "mailboxes": .array(receipt.mailboxes.map { .string($0) }),
                            "deposited_at": .number(JSONNumber(receipt.depositedAt)), "expires_at": .number(JSONNumber(receipt.expiresAt)),
                            "signature": .string(receipt.signature)]
        let at = context.nowMilliseconds
        let signed = Receipt.sign(kind, facts: facts, at: at, by: context.identity)
        var draft = ReceiptEntry.own(signed, counterpart: entry.recipient, details: pending?.details ?? JSONObject())
        draft.facts["evidence"] = ["agency": .string(receipt.relay), "deposit_signature": .string(receipt.signature)]
        try context.appendToLog([draft], at: at)
    }
}
