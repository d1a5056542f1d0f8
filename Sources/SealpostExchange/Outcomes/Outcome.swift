import Foundation
import SealpostCore
import SealpostLedger
import SealpostRecord
import SealpostSodium

/// Telling the sender of a record what this agency decided (spec/exchange.md §Outcomes,
/// spec/receipts.md §Kinds).
///
/// `record` logs this agency's signed `outcome` receipt (the decision's code in its facts; the
/// child's identifiers, the reason and next steps in details), seals the receipt, this log's
/// checkpoint, the reason and the next steps to the record's sender and journals it before
/// sending, like an acknowledgement; the sender's `sync` verifies it and logs the same receipt
/// with this agency's signature as evidence. A record may have several outcomes. Repeating the
/// same outcome (same decision, reason and next steps) finds the one already journalled and
/// finishes it, so a command retried after a crash records it once.
public enum Outcome {
    /// What `record` did: the journal entry, and whether it had been recorded by an earlier run.
    public struct Recorded: Sendable {
        public let entry: OutcomeJournal.Entry
        public let repeated: Bool
    }

    /// Records the outcome of the record in envelope `id` (opened here) and deposits it to its sender.
    public static func record(_ id: EnvelopeID, decision: OutcomeDecision, reason: String, nextSteps: String?,
                              session: RelaySession) async throws(ExchangeError) -> Recorded {
        let context = session.context
        let digest = Self.digest(decision: decision, reason: reason, nextSteps: nextSteps, atRest: context.atRest)
        // An outcome journalled before digests were keyed carries the plain digest.
        let plain = Self.digest(decision: decision, reason: reason, nextSteps: nextSteps, atRest: nil)
        if let earlier = try context.outcomes.entries(about: id.description).first(where: { $0.digest == digest || $0.digest == plain }) {
            return Recorded(entry: try await finish(earlier, session: session), repeated: true)
        }
        let entry = try journal(id, decision: decision, reason: reason, nextSteps: nextSteps, digest: digest, context: context)
        CrashPoint.reached("outcome-journalled")
        return Recorded(entry: try await finish(entry, session: session), repeated: false)
    }

    /// Logs the `outcome` receipt and seals the outcome to the record's sender, journalled `pending`.
    static func journal(_ id: EnvelopeID, decision: OutcomeDecision, reason: String, nextSteps: String?, digest: String,
                        context: ExchangeContext) throws(ExchangeError) -> OutcomeJournal.Entry {
        guard let received = try context.inbox.entry(id.description) else {
            throw ExchangeError(.notFound, "envelope \(id) has not been opened here, so there is no record to record an outcome for",
                                hint: "open it first with: sealpost open \(id.description.prefix(12))")
        }
        guard FreeText.isAcceptable(reason) else {
            throw ExchangeError(.record, "the reason \(FreeText.rule)", hint: "say why this was decided; the sender receives it")
        }
        if let nextSteps, !FreeText.isAcceptable(nextSteps) {
            throw ExchangeError(.record, "the next steps \(FreeText.rule)", hint: "say what happens next, or leave --next-steps out")
        }
        let boxKey = try Reply.boxKey(of: received.sender, for: "the outcome", otherwise: "tell the sender by another channel what was decided",
                                      context: context)
        let (envelopeID, messageID, contentHash) = try Reply.names(of: received)
        let now = context.now
        let facts = OutcomeFacts(received.delivery(to: context.identity.agencyID), decision: decision.rawValue,
                                 receivedAt: received.receivedAt, decidedAt: now)
        var details = Reply.details(about: received, context: context)
        details.reason = reason
        details.nextSteps = nextSteps
        let carried = try Reply.log(facts, details: details, counterpart: received.sender, context: context)
        let message = OutcomeMessage(envelopeID: envelopeID, messageID: messageID, contentHash: contentHash, decision: decision,
                                     decidedAt: now, reason: reason, nextSteps: nextSteps, carried: carried)
        let sealed = try Reply.seal(message.encoded, to: boxKey, as: .outcome(agreement: context.agreement), what: "the outcome", context: context)
        let entry = OutcomeJournal.Entry(outcomeID: sealed.id, envelopeID: received.envelopeID,
                                         messageID: received.messageID, sender: received.sender, purpose: received.purpose,
                                         urgency: received.urgency, decision: decision.rawValue, digest: digest, state: .pending,
                                         outcome: sealed.sealed, journalledAt: now)
        try context.outcomes.write(entry)
        return entry
    }

    /// Deposits a journalled outcome to the record's sender.
    public static func finish(_ journalled: OutcomeJournal.Entry, session: RelaySession) async throws(ExchangeError) -> OutcomeJournal.Entry {
        let damaged = ExchangeError(.storage, "the outcome journal entry \(journalled.outcomeID) is damaged",
                                    hint: "restore HOME/outcomes from a backup")
        return try await Reply.finish(journalled, in: session.context.outcomes, what: "outcome", damaged: damaged, session: session)
    }

    /// BLAKE2b-256 of the decision, reason and next steps, each followed by a zero byte, in hex,
    /// keyed with the agency's at-rest digest key (AtRest.keyedDigest) so that the journal, kept at
    /// rest, confirms no guess of a practitioner's words without the passphrase; plain with no key.
    static func digest(decision: OutcomeDecision, reason: String, nextSteps: String?, atRest: AtRest?) -> String {
        let bytes = Array(decision.rawValue.utf8) + [0] + Array(reason.utf8) + [0] + Array((nextSteps ?? "").utf8) + [0]
        return Hex.encode(atRest?.keyedDigest(bytes) ?? BLAKE2b.hash(bytes))
    }
}

extension Sync {
    /// Checks an outcome against the send it is about, logs the recipient's receipt with its
    /// signature as evidence, and adds it to the outbox entry. Returns the entry and the outcome,
    /// or nil for a repeat, and what is wrong with this log if the echoed checkpoint contradicts it.
    static func collectOutcome(_ verified: Receive.Verified, session: RelaySession)
        throws(ExchangeError) -> (collected: (entry: OutboxEntry, outcome: OutcomeMessage)?, contradiction: String?) {
        let context = session.context
        let signer = verified.opened.manifest.senderAgency
        let outcome = try OutcomeMessage(decoding: verified.content)
        guard var entry = try context.outbox.entry(outcome.envelopeID.description) else {
            throw ExchangeError(.acknowledgement, "\(signer) sent an outcome for envelope \(outcome.envelopeID), which this agency did not send",
                                hint: "it was left at the relay; tell \(signer)")
        }
        guard signer == entry.recipient, Hex.encode(outcome.messageID) == entry.messageID,
              Hex.encode(outcome.contentHash) == entry.contentHash else {
            throw ExchangeError(.acknowledgement, "envelope \(entry.envelopeID) went to \(entry.recipient), but the outcome is signed by \(signer) or names another message or content",
                                hint: "it was left at the relay and not recorded; tell \(entry.recipient)")
        }
        let key = verified.opened.manifest.senderSigningKey
        let r = outcome.carried.receipt
        guard r.by == signer, let facts = r.facts(as: OutcomeFacts.self), facts.delivery.recipient == signer,
              entry.isNamed(by: facts.delivery, sender: context.identity.agencyID),
              facts.decision == outcome.decision.rawValue, r.isValid(for: key) else {
            throw ExchangeError(.acknowledgement, "\(signer)'s outcome for envelope \(entry.envelopeID) carries a receipt that is not its signed receipt for this record and decision",
                                hint: "it was left at the relay and not recorded; tell \(signer)")
        }
        let contradiction = try outcome.carried.checkCheckpoint(signer: signer, key: key, about: "outcome for envelope \(entry.envelopeID)",
                                                                context: context)
        let outcomeID = verified.id.description
        let repeated = (entry.outcomes ?? []).contains { $0.envelopeID == outcomeID }
        if !repeated {
            var details = sentDetails(messageID: entry.messageID, context: context)
            details.reason = outcome.reason
            details.nextSteps = outcome.nextSteps
            try outcome.carried.log(details: details, context: context)
            try context.outbox.storeOutcome(verified.envelope, outcome: outcomeID, for: entry.envelopeID)
            entry.outcomes = (entry.outcomes ?? []) + [.init(envelopeID: outcomeID, decision: outcome.decision.rawValue,
                                                              decidedAt: outcome.decidedAt, collectedAt: context.now)]
            try context.outbox.update(entry)
            context.logger.info("outcome collected", metadata: ["envelope": .string(entry.envelopeID)])
        }
        _ = try? context.hold(outcome.carried.checkpoint)
        return (repeated ? nil : (entry, outcome), contradiction)
    }

    /// The child's identifiers and record id from this agency's own `sent` entry for the message.
    static func sentDetails(messageID: String, context: ExchangeContext) -> ReceiptDetails {
        guard let ledger = try? context.ledger() else { return ReceiptDetails() }
        let sent = ledger.entries.last { entry in
            if case .sent(let facts) = entry.facts { return facts.envelope.messageID == messageID }
            return false
        }
        return ReceiptDetails(subject: sent?.details?.subject, recordID: sent?.details?.recordID)
    }
}
