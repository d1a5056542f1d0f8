import SealpostCore
import SealpostLedger
import SealpostLog
import SealpostRecord
import SealpostSodium

/// The home's receipt log (`HOME/log`, spec/receipts.md) as the exchange writes it.
///
/// Every decision is appended before the state that shows it is made (the outbox entry's state,
/// the inbox folder, the acknowledgement journal), so a crash in between may log a decision
/// twice but never loses one: readers treat a repeated (kind, envelope id) as one decision.
extension ExchangeContext {
    public var logDirectory: String { home.logDirectory }

    /// The time for log entries and receipts: Unix milliseconds on this context's clock.
    var nowMilliseconds: Int64 { now * 1000 }

    /// Appends `drafts` durably and returns the log's checkpoint after them. Each draft's details
    /// get this context's `actor`, here and nowhere else, so no decision is logged without one.
    @discardableResult
    func appendToLog(_ drafts: [ReceiptLog.Draft], at: Int64) throws(ExchangeError) -> SignedCheckpoint {
        let stamped = drafts.map { draft in
            var draft = draft
            draft.details["actor"] = .object(actor.json)
            return draft
        }
        do {
            let log = try ReceiptLog(directory: logDirectory, identity: identity)
            if !stamped.isEmpty { try log.append(stamped, at: at) }
            return log.checkpoint()
        } catch {
            throw ExchangeError(.log, "cannot write the receipt log in \(logDirectory): \(error.reason)",
                                hint: error.hint ?? "check that the home folder is writable; nothing was sent or recorded as done")
        }
    }

    /// This home's log checkpoint as it stands.
    func logCheckpoint() throws(ExchangeError) -> SignedCheckpoint { try appendToLog([], at: 0) }

    /// The latest checkpoint of `agency`'s log that this home holds (from its records), if any.
    func heldCheckpoint(of agency: String) -> SignedCheckpoint? {
        guard let bytes = StoreFiles.bytes(at: heldCheckpointPath(agency)), let value = try? JSONParser.parse(bytes) else { return nil }
        return HeldCheckpoint.parse(value)
    }

    /// Keeps `checkpoint` as the latest held from its agency when it is newer than the one held.
    /// Returns the held checkpoint it contradicts, if any (a smaller size, or the same size with
    /// another head: the counterpart's log went backwards or was rewritten).
    func hold(_ checkpoint: SignedCheckpoint) throws(ExchangeError) -> SignedCheckpoint? {
        let agency = checkpoint.checkpoint.agency
        let held = heldCheckpoint(of: agency)
        if let held {
            if held.checkpoint.size > checkpoint.checkpoint.size { return held }
            if held.checkpoint.size == checkpoint.checkpoint.size {
                return held.checkpoint.head == checkpoint.checkpoint.head ? nil : held
            }
        }
        try StoreFiles.makeDirectory(home.checkpointsDirectory)
        let bytes = JSONWriter(options: [.sortedKeys]).bytes(HeldCheckpoint.json(checkpoint)) + [0x0a]
        do { try AtomicFile.write(bytes, to: heldCheckpointPath(agency), mode: 0o600) } catch {
            throw .storage(error, doing: "keep \(agency)'s log checkpoint")
        }
        return nil
    }

    func heldCheckpointPath(_ agency: String) -> String { home.heldCheckpointPath(of: agency) }

    /// Checks a checkpoint of this home's own log, echoed by a counterpart, against the log.
    /// Returns what is wrong, or nil when the log agrees with it.
    func contradiction(of echo: SignedCheckpoint) throws(ExchangeError) -> String? {
        guard echo.checkpoint.agency == identity.agencyID, echo.isValid(for: identity.signingKey.publicKey) else {
            throw ExchangeError(.acknowledgement, "the checkpoint of this agency's log that it echoes is not signed by this agency's key",
                                hint: "it was left at the relay and not recorded; tell the agency that sent it")
        }
        let mine = try logCheckpoint().checkpoint
        if echo.checkpoint.size > mine.size {
            return "it holds a checkpoint of this agency's receipt log at \(echo.checkpoint.size) entries, but the log has \(mine.size): the log was truncated or restored from an old copy"
        }
        if echo.checkpoint.size == mine.size {
            return echo.checkpoint.head == mine.head ? nil
                : "it holds a checkpoint of this agency's receipt log at \(mine.size) entries that the log's head does not match: the log was rewritten"
        }
        var verifier = LogVerifier(directory: logDirectory, owner: identity.signingKey.publicKey)
        verifier.checkDetails = false
        do {
            let report = try verifier.verify(checkpoints: [echo])
            return report.checkpointProblems.first.map { "it holds a checkpoint of this agency's receipt log that the log contradicts (\($0))" }
        } catch {
            throw ExchangeError(.log, "cannot read the receipt log in \(logDirectory): \(error.reason)", hint: error.hint)
        }
    }
}
