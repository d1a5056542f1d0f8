import SealpostCore
import SealpostLedger
import SealpostRecord
import SealpostProtocol

/// The sender's side of the exchange (spec/exchange.md §Sync): collect acknowledgements and
/// learn of expiries.
///
/// Each acknowledgement in the mailbox is verified in full (the signer must be a trusted party),
/// then checked against the outbox: it must name an envelope this agency sent, be signed by the
/// very agency that envelope went to, and carry that envelope's message id and content hash.
/// Only then is the outbox entry marked acknowledged (the acknowledgement envelope kept beside
/// it), and only after that is it deleted at the relay. One that fails is left at the relay and
/// reported. Then every deposited, unacknowledged send is looked up at the relay
/// (GET /v1/deposits/{id}): one the relay expired is marked expired.
public enum Sync {
    public struct Report: Sendable {
        public var acknowledged: [OutboxEntry] = []
        /// Acknowledgements refused (left at the relay), by their envelope id.
        public var refused: [(envelopeID: String, error: ExchangeError)] = []
        public var expired: [OutboxEntry] = []
        /// Sends the recipient has deleted at the relay whose acknowledgement has not arrived.
        public var collected: [OutboxEntry] = []
        /// Records waiting in this agency's own mailbox (for `sealpost inbox`).
        public var recordsWaiting = 0
        /// Requests this agency sent that the holder declined this run (the decline verified and logged).
        public var declined: [OutboxEntry] = []
        /// Outcomes of this agency's sends collected this run (verified and logged), oldest first.
        public var outcomes: [(entry: OutboxEntry, outcome: OutcomeMessage)] = []
        /// Requests this agency sent that the relay expired before the holder opened them.
        public var expiredRequests: [OutboxEntry] = []
        /// Requests from other agencies waiting in this agency's mailbox, not yet opened.
        public var requestsWaiting = 0
        /// Counterparts whose echoed checkpoint this home's receipt log contradicts, with how.
        public var contradictions: [(counterpart: String, problem: String)] = []
    }

    public static func run(session: RelaySession) async throws(ExchangeError) -> Report {
        let context = session.context
        var report = Report()
        for item in try await session.client.mailbox() {
            guard let id = EnvelopeID(hex: item.envelopeID) else { continue }
            if try context.inbox.entry(item.envelopeID) != nil {
                report.recordsWaiting += 1
                continue
            }
            if try context.requestsIn.entry(item.envelopeID) != nil {
                // Opened and stored here; a crash kept it from being deleted at the relay then.
                try await session.client.delete(id)
                continue
            }
            let verified: Receive.Verified
            do { verified = try await Receive.fetchVerified(id, session: session, keepAttachments: false) } catch {
                if error.code == .notFound { continue }
                if error.code == .envelope { report.refused.append((item.envelopeID, error)); continue }
                throw error
            }
            switch verified.conventions.kind {
            case .record:
                report.recordsWaiting += 1
                continue
            case .request:
                report.requestsWaiting += 1
                continue
            case .acknowledgement, .decline, .outcome:
                break
            }
            do {
                if verified.conventions.kind == .outcome {
                    let collected = try collectOutcome(verified, session: session)
                    if let one = collected.collected { report.outcomes.append(one) }
                    if let problem = collected.contradiction { report.contradictions.append((verified.opened.manifest.senderAgency, problem)) }
                } else if verified.conventions.kind == .decline {
                    let collected = try collectDecline(verified, session: session)
                    if let entry = collected.entry { report.declined.append(entry) }
                    if let problem = collected.contradiction { report.contradictions.append((verified.opened.manifest.senderAgency, problem)) }
                } else {
                    let collected = try collect(verified, session: session)
                    if let entry = collected.entry { report.acknowledged.append(entry) }
                    if let problem = collected.contradiction { report.contradictions.append((verified.opened.manifest.senderAgency, problem)) }
                }
            } catch where error.code == .acknowledgement || error.code == .envelope {
                report.refused.append((item.envelopeID, error))
                continue
            }
            // Recorded (now or by an earlier run): only now may it leave the relay.
            try await session.client.delete(id)
        }
        for entry in try context.outbox.entries() where entry.state == .deposited {
            guard let id = entry.id, let status = try await session.client.depositStatus(id),
                  let delivery = status.deliveries.first(where: { $0.mailbox == entry.recipient }) else { continue }
            switch delivery.state {
            case .expired:
                try logExpired(entry, at: delivery.at ?? context.now, context: context)
                var expired = entry
                expired.state = .expired
                expired.expiredAt = delivery.at ?? context.now
                try context.outbox.update(expired)
                report.expired.append(expired)
            case .deleted:
                report.collected.append(entry)
            case .waiting:
                break
            }
        }
        // Requests not yet opened by their holder: one the relay expired never reached it.
        for entry in try context.requestsOut.entries() where entry.state == .deposited && entry.answer == nil {
            guard let id = entry.id, let status = try await session.client.depositStatus(id),
                  let delivery = status.deliveries.first(where: { $0.mailbox == entry.recipient }), delivery.state == .expired else { continue }
            try logExpired(entry, at: delivery.at ?? context.now, request: true, context: context)
            var expired = entry
            expired.state = .expired
            expired.expiredAt = delivery.at ?? context.now
            try context.requestsOut.update(expired)
            report.expiredRequests.append(expired)
        }
        if !report.contradictions.isEmpty {
            let who = report.contradictions.map { "\($0.counterpart): \($0.problem)" }.joined(separator: "; ")
            throw ExchangeError(.logContradicted, "this agency's receipt log contradicts what its counterparts hold: \(who)",
                                hint: "the log was truncated, restored from an old copy or rewritten; keep the log folder as it is, run sealpost log verify, and contact those agencies (acknowledgements collected this run were recorded)")
        }
        return report
    }

    /// Checks one acknowledgement against the outbox, records it, then deletes it at the relay.
    /// Returns the updated entry, or nil for a repeat of one already recorded, and what is wrong
    /// with this home's log when the checkpoint the recipient echoes contradicts it.
    static func collect(_ verified: Receive.Verified, session: RelaySession) throws(ExchangeError) -> (entry: OutboxEntry?, contradiction: String?) {
        let context = session.context
        let signer = verified.opened.manifest.senderAgency
        let ack = try Acknowledgement(decoding: verified.content)
        guard var entry = try context.outbox.entry(ack.envelopeID.description) else {
            throw ExchangeError(.acknowledgement, "\(signer) acknowledged envelope \(ack.envelopeID), which this agency did not send",
                                hint: "it was left at the relay; tell \(signer)")
        }
        guard signer == entry.recipient, ack.recipient == entry.recipient else {
            throw ExchangeError(.acknowledgement, "envelope \(entry.envelopeID) went to \(entry.recipient), but the acknowledgement is signed by \(signer)",
                                hint: "it was left at the relay and not recorded; tell \(entry.recipient)")
        }
        guard Hex.encode(ack.messageID) == entry.messageID, Hex.encode(ack.contentHash) == entry.contentHash else {
            throw ExchangeError(.acknowledgement, "\(signer)'s acknowledgement of envelope \(entry.envelopeID) names another message or content",
                                hint: "what \(signer) holds is not what was sent; it was left at the relay; contact \(signer)")
        }
        // The recipient's signed receipt, for exactly this message and content, and its checkpoint.
        let key = verified.opened.manifest.senderSigningKey
        let r = ack.carried.receipt
        guard r.by == signer, let facts = r.facts(as: AcknowledgedFacts.self), facts.delivery.recipient == signer,
              entry.isNamed(by: facts.delivery, sender: context.identity.agencyID), r.isValid(for: key) else {
            throw ExchangeError(.acknowledgement, "\(signer)'s acknowledgement of envelope \(entry.envelopeID) carries a receipt that is not its signed receipt for this message",
                                hint: "it was left at the relay and not recorded; tell \(signer)")
        }
        // Checked before anything is appended, so a log restored from an old copy meets the echo as it is.
        let contradiction = try ack.carried.checkCheckpoint(signer: signer, key: key, about: "acknowledgement of envelope \(entry.envelopeID)",
                                                            context: context)
        let repeatAck = entry.state == .acknowledged
        if !repeatAck {
            try ack.carried.log(context: context)
            try context.outbox.storeAcknowledgement(verified.envelope, for: entry.envelopeID)
            entry.state = .acknowledged
            entry.acknowledgement = .init(envelopeID: verified.id.description, receivedAt: ack.receivedAt,
                                          acknowledgedAt: ack.acknowledgedAt, collectedAt: context.now)
            try context.outbox.update(entry)
            context.logger.info("acknowledgement collected", metadata: ["envelope": .string(entry.envelopeID)])
        }
        _ = try? context.hold(ack.carried.checkpoint)
        return (repeatAck ? nil : entry, contradiction)
    }

    /// Logs that the relay expired `entry` before its recipient collected it.
    static func logExpired(_ entry: OutboxEntry, at expiredAt: Int64, request: Bool = false, context: ExchangeContext) throws(ExchangeError) {
        let delivery = DeliveryBasis(sender: context.identity.agencyID, recipient: entry.recipient, purpose: entry.purpose,
                                     urgency: entry.urgency, agreement: entry.agreement, recordID: entry.recordID,
                                     envelope: entry.envelopeFacts)
        let facts = ExpiredFacts(delivery, inAnswerTo: entry.inAnswerTo, isRequest: request, expiredAt: expiredAt)
        let at = context.nowMilliseconds
        let receipt = Receipt.sign(facts, at: at, by: context.identity)
        try context.appendToLog([ReceiptEntry.own(receipt, counterpart: entry.recipient)], at: at)
    }
}
