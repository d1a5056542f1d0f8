import SealpostAgreement
import SealpostCore
import SealpostLog
import SealpostProtocol
import SealpostRecord
import SealpostSodium

/// Checks the counterpart signatures a log entry's facts carry (spec/receipts.md §Receipts), for
/// `LogVerifier.evidence`:
///
/// - `evidence.agency` names the counterpart; its key comes from the agreement (or `keys`).
/// - `evidence.receipt_signature` must verify over `receipt` (its canonical bytes) under that
///   key, and `receipt.by` must be that agency.
/// - `evidence.checkpoint` (and `evidence.contradicted`) must be that agency's log checkpoints,
///   signed by it.
/// - `evidence.deposit_signature` (a `sent` or `request_sent` entry, `agency` the relay operator)
///   must verify over the relay's deposit receipt as the statement restates it (the depositor is
///   its `sender`, or a request's `requester`).
/// - an own receipt (`signature` beside `receipt`) must verify under the log owner's key.
public enum ReceiptEvidence {
    /// A verifier taking counterparts' keys from `agreement`'s parties, and the owner's from `owner`.
    public static func verifier(agreement: Agreement, owner: Ed25519.PublicKey) -> @Sendable (LogEntry) -> String? {
        var keys: [String: Ed25519.PublicKey] = [:]
        for party in agreement.parties {
            if let key = try? party.card.verified().signingKey { keys[party.agencyID] = key }
        }
        return verifier(keys: keys, owner: owner)
    }

    public static func verifier(keys: [String: Ed25519.PublicKey], owner: Ed25519.PublicKey) -> @Sendable (LogEntry) -> String? {
        { entry in problem(in: entry, keys: keys, owner: owner) }
    }

    /// What is wrong with `entry`'s counterpart evidence, or nil when it holds.
    public static func problem(in entry: LogEntry, keys: [String: Ed25519.PublicKey], owner: Ed25519.PublicKey) -> String? {
        guard let facts = entry.facts else { return "its facts are not a JSON object" }
        guard let evidence = facts["evidence"]?.objectValue else {
            return facts["evidence"] == nil ? nil : "its counterpart evidence is not an object"
        }
        guard let agency = evidence["agency"]?.stringValue else { return "its counterpart evidence names no agency" }
        guard let key = keys[agency] else {
            return "its evidence is signed by \(Printable.escape(agency)), which is not a party of the agreement given: the signature cannot be checked"
        }
        let statement = facts["receipt"]?.objectValue
        if let hex = evidence["receipt_signature"]?.stringValue {
            guard let statement, let receipt = Receipt(statement: statement, signatureHex: hex) else {
                return "its counterpart receipt is malformed"
            }
            guard receipt.by == agency else { return "its counterpart receipt is by \(Printable.escape(receipt.by)), not \(agency)" }
            guard receipt.isValid(for: key) else { return "\(agency)'s signature over its receipt does not verify" }
        } else if let statement, let hex = facts["signature"]?.stringValue {
            guard let receipt = Receipt(statement: statement, signatureHex: hex), receipt.isValid(for: owner) else {
                return "its receipt's signature does not verify under this log's key"
            }
        }
        if let hex = evidence["deposit_signature"]?.stringValue {
            guard let deposit = depositReceipt(statement), deposit.relay == agency else { return "the relay's deposit receipt in it is malformed" }
            guard let raw = Hex.decode(hex), let signature = try? Ed25519.Signature(rawRepresentation: raw),
                  key.isValidSignature(signature, for: deposit.signedBytes) else {
                return "\(agency)'s signature over its deposit receipt does not verify"
            }
        }
        if let value = evidence["envelope_signature"] {
            guard let envelope = EnvelopeEvidence.parse(value) else { return "\(agency)'s envelope signature in it is malformed" }
            guard let named = statement?["content_hash"]?.stringValue, named == Hex.encode(envelope.contentHash) else {
                return "\(agency)'s envelope signature covers other content than its receipt names"
            }
            guard envelope.isValid(for: key) else { return "\(agency)'s signature over the envelope does not verify" }
        }
        for name in ["checkpoint", "contradicted"] {
            guard let value = evidence[name] else { continue }
            guard let checkpoint = HeldCheckpoint.parse(value) else { return "\(agency)'s log checkpoint in it is malformed" }
            guard checkpoint.checkpoint.agency == agency else { return "the log checkpoint in it is \(checkpoint.checkpoint.agency)'s, not \(agency)'s" }
            guard checkpoint.isValid(for: key) else { return "\(agency)'s signature over its log checkpoint does not verify" }
        }
        return nil
    }

    /// The relay's deposit receipt as a `sent` or `request_sent` statement restates it.
    static func depositReceipt(_ statement: JSONObject?) -> DepositReceipt? {
        guard let statement else { return nil }
        let facts: any DepositedFacts
        switch statement["kind"]?.stringValue {
        case Receipt.Kind.sent.rawValue: facts = SentFacts(statement: statement)
        case Receipt.Kind.requestSent.rawValue: facts = RequestSentFacts(statement: statement)
        default: return nil
        }
        guard let deposit = facts.deposit, let id = EnvelopeID(hex: facts.envelope.envelopeID) else { return nil }
        return DepositReceipt(envelopeID: id, relay: deposit.relay, sender: facts.depositor, mailboxes: deposit.mailboxes,
                              depositedAt: deposit.depositedAt, expiresAt: deposit.expiresAt)
    }

    /// The checkpoints of `agency`'s log held in the log in `directory` (from the records and
    /// acknowledgements `agency` sent): what `LogVerifier.verify(checkpoints:)` checks `agency`'s
    /// own log against.
    public static func checkpoints(of agency: String, heldIn directory: String) -> [SignedCheckpoint] {
        guard let contents = try? LogReader.read(directory: directory) else { return [] }
        var out: [SignedCheckpoint] = []
        for record in contents.records {
            guard let evidence = record.facts?["evidence"]?.objectValue, evidence["agency"]?.stringValue == agency else { continue }
            for name in ["checkpoint", "contradicted"] {
                if let checkpoint = HeldCheckpoint.parse(evidence[name]), checkpoint.checkpoint.agency == agency,
                   !out.contains(checkpoint) { out.append(checkpoint) }
            }
        }
        return out
    }
}
