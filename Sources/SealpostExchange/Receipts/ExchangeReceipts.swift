import SealpostCore
import SealpostLog
import SealpostRecord
import SealpostRedaction
import SealpostSodium

/// The home's receipt log (`HOME/log`, spec/receipts.md) as the exchange writes it.
///
/// Every decision is appended before the state that shows it is made (the outbox entry's state,
/// the inbox folder, the acknowledgement journal), so a crash in between may log a decision
/// twice but never loses one: readers treat a repeated (kind, envelope id) as one decision.
extension ExchangeContext {
    public var logDirectory: String { home.path + "/log" }

    /// The time for log entries and receipts: Unix milliseconds on this context's clock.
    var nowMilliseconds: Int64 { now * 1000 }

    /// Appends `drafts` durably and returns the log's checkpoint after them.
    @discardableResult
    func appendToLog(_ drafts: [ReceiptLog.Draft], at: Int64) throws(ExchangeError) -> SignedCheckpoint {
        do {
            let log = try ReceiptLog(directory: logDirectory, identity: identity)
            if !drafts.isEmpty { try log.append(drafts, at: at) }
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
        try StoreFiles.makeDirectory(home.path + "/checkpoints")
        let bytes = JSONWriter(options: [.sortedKeys]).bytes(HeldCheckpoint.json(checkpoint)) + [0x0a]
        do { try AtomicFile.write(bytes, to: heldCheckpointPath(agency), mode: 0o600) } catch {
            throw .storage(error, doing: "keep \(agency)'s log checkpoint")
        }
        return nil
    }

    func heldCheckpointPath(_ agency: String) -> String { home.path + "/checkpoints/" + agency + ".json" }

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

/// How receipts become log entries.
///
/// An entry's facts are `{"receipt": <statement>, "signature": <hex>, "counterpart": <agency>}`
/// for a receipt this agency signed, and for one the counterpart signed
/// `{"receipt": <statement>, "evidence": {"agency", "receipt_signature", "checkpoint"}, "counterpart"}`.
/// `evidence` also carries, in an own receipt, the counterpart's signed log checkpoint.
enum ReceiptEntry {
    static func own(_ receipt: Receipt, counterpart: String?, details: JSONObject = JSONObject(),
                    counterpartCheckpoint: SignedCheckpoint? = nil) -> ReceiptLog.Draft {
        var facts: JSONObject = ["receipt": .object(receipt.statement), "signature": .string(receipt.signatureHex)]
        if let counterpart { facts["counterpart"] = .string(counterpart) }
        if let counterpartCheckpoint {
            facts["evidence"] = ["agency": .string(counterpartCheckpoint.checkpoint.agency),
                                 "checkpoint": HeldCheckpoint.json(counterpartCheckpoint)]
        }
        return ReceiptLog.Draft(kind: receipt.kind, facts: facts, details: details)
    }

    /// A receipt signed by `receipt.by`, with that agency's checkpoint, and the echo of this
    /// agency's checkpoint it held.
    static func counterparts(_ receipt: Receipt, checkpoint: SignedCheckpoint?, echo: SignedCheckpoint?,
                             details: JSONObject = JSONObject()) -> ReceiptLog.Draft {
        var evidence: JSONObject = ["agency": .string(receipt.by), "receipt_signature": .string(receipt.signatureHex)]
        if let checkpoint { evidence["checkpoint"] = HeldCheckpoint.json(checkpoint) }
        var facts: JSONObject = ["receipt": .object(receipt.statement), "evidence": .object(evidence), "counterpart": .string(receipt.by)]
        if let echo { facts["echo"] = HeldCheckpoint.json(echo) }
        return ReceiptLog.Draft(kind: receipt.kind, facts: facts, details: details)
    }
}

/// What goes into details (erasable): the child's identifiers a subject report needs, and reasons.
enum ReceiptDetails {
    /// The child's name, NHS number and date of birth, as the record gives them.
    static func subject(of record: SafeguardingRecord) -> JSONObject {
        var subject: JSONObject = ["name": .string(record.subject.name)]
        if let nhs = record.subject.nhsNumber { subject["nhs_number"] = .string(nhs.description) }
        if let dob = record.subject.dob { subject["dob"] = .string(dob.description) }
        var details: JSONObject = ["subject": .object(subject)]
        if let id = record.id { details["record_id"] = .string(id) }
        return details
    }

    /// The same, from a record's JSON as received (whatever of it the sender shared).
    static func subject(ofJSON content: [UInt8]) -> JSONObject {
        guard let value = try? JSONParser.parse(content), let given = value["subject"]?.objectValue else { return JSONObject() }
        var subject = JSONObject()
        for key in ["name", "nhs_number", "dob"] {
            if let text = given[key]?.stringValue { subject[key] = .string(text) }
        }
        return subject.isEmpty ? JSONObject() : ["subject": .object(subject)]
    }

    static func merging(_ a: JSONObject, _ b: JSONObject) -> JSONObject {
        var out = a
        for member in b.members { out[member.key] = member.value }
        return out
    }
}

/// The non-personal facts of a record being shared.
enum ShareFacts {
    static func lawfulBasis(_ record: SafeguardingRecord) -> JSONValue? {
        guard let basis = record.lawfulBasis else { return nil }
        var object: JSONObject = ["article_6": .string(basis.article6.rawValue)]
        if let a9 = basis.article9 { object["article_9"] = .string(a9.rawValue) }
        return .object(object)
    }

    static func redaction(_ summary: RedactionSummary) -> JSONValue {
        var counts = JSONObject()
        for category in IdentifierCategory.allCases {
            if let n = summary.counts[category], n > 0 { counts[category.rawValue] = .number(JSONNumber(n)) }
        }
        let tokens: [JSONValue] = summary.tokens.map {
            ["token": .string($0.token), "label": .string($0.label), "occurrences": .number(JSONNumber($0.occurrences))]
        }
        return ["counts": .object(counts), "tokens": .array(tokens)]
    }

    static func findingID(_ decision: PractitionerDecision) -> String {
        "\(decision.path)@\(decision.originalRange.lowerBound)-\(decision.originalRange.upperBound)"
    }
}
