import SealpostCore
import SealpostLedger
import SealpostProtocol
import SealpostRecord

extension Outbox {
    /// Deposits one stored envelope (a record or a request) and keeps the relay's checked receipt.
    /// The first deposit logs `Facts` (`sent` or `request_sent`) from the receipt facts stored when
    /// it was sealed (or `fallbackFacts`, if they were lost), with the relay's deposit receipt and
    /// its signature as evidence. Logged before the entry says deposited: a crash in between logs
    /// it again, never not at all. On failure the entry stays `sealed`, with the reason, for a
    /// later relay command to deposit.
    ///
    /// The envelope is uploaded from its outbox file as it is read (`RelayClient.deposit(file:…)`),
    /// after a first pass that checks it still hashes to its id: constant memory, whatever it weighs.
    func deposit<Facts: DepositedFacts>(_ entry: OutboxEntry, session: RelaySession, logging: Facts.Type,
                                        fallbackFacts: @autoclosure () -> Facts, what: String, remedy: String) async throws(ExchangeError) -> OutboxEntry {
        let context = session.context
        guard let id = entry.id, StoreFiles.exists(envelopePath(entry.envelopeID)) else {
            throw ExchangeError(.storage, "the stored \(what) \(entry.envelopeID) is missing or altered", hint: "it cannot be sent; \(remedy)")
        }
        var updated = entry
        do throws(ExchangeError) {
            let response: DepositResponse
            do throws(ExchangeError) {
                response = try await session.client.deposit(file: envelopePath(entry.envelopeID), id: id, to: [entry.recipient])
            } catch where error.code == .storage {
                throw ExchangeError(.storage, "the stored \(what) \(entry.envelopeID) is missing or altered (\(error.message))",
                                    hint: "it cannot be sent; \(remedy)")
            }
            let receipt = OutboxEntry.Receipt(try session.relay.verify(response, envelopeID: id, sender: context.identity.agencyID,
                                                                       mailboxes: [entry.recipient]))
            if entry.state == .sealed {
                try logDeposited(entry, receipt: receipt, fallbackFacts: fallbackFacts(), context: context)
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
    private func logDeposited<Facts: DepositedFacts>(_ entry: OutboxEntry, receipt: OutboxEntry.Receipt,
                                                     fallbackFacts: Facts, context: ExchangeContext) throws(ExchangeError) {
        let pending = pendingReceipt(entry.envelopeID, as: Facts.self, atRest: context.atRest)
        var facts = pending?.facts ?? fallbackFacts
        facts.deposit = DepositFacts(relay: receipt.relay, mailboxes: receipt.mailboxes, depositedAt: receipt.depositedAt,
                                     expiresAt: receipt.expiresAt, signature: receipt.signature)
        let at = context.nowMilliseconds
        var draft = ReceiptEntry.own(Receipt.sign(facts, at: at, by: context.identity), counterpart: entry.recipient,
                                     details: pending?.details ?? ReceiptDetails())
        draft.facts["evidence"] = ["agency": .string(receipt.relay), "deposit_signature": .string(receipt.signature)]
        try context.appendToLog([draft], at: at)
    }
}
