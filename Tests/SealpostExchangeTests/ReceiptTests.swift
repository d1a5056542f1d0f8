import Foundation
import SealpostAgreement
import SealpostCore
import SealpostExchange
import SealpostLedger
import SealpostLog
import SealpostProtocol
import SealpostRecord
import SealpostRedaction
import SealpostSharing
import SealpostSodium
import Testing

/// One line of a home's `log/chain.log`, read back for tests.
struct LoggedEntry {
    let seq: Int
    let kind: String
    let facts: JSONObject
    let line: String

    var receipt: JSONObject? { facts["receipt"]?.objectValue }
    func receipt(_ key: String) -> String? { receipt?[key]?.stringValue }
    var receiptBytes: [UInt8]? { receipt.map { JSONValue.object($0).serialized(options: .sortedKeys) } }
    var evidence: JSONObject? { facts["evidence"]?.objectValue }
}

func logEntries(_ home: AgencyHome) throws -> [LoggedEntry] {
    let path = home.context.logDirectory + "/" + ReceiptLog.chainFileName
    guard FileManager.default.fileExists(atPath: path) else { return [] }
    return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
        let fields = line.split(separator: " ", maxSplits: 6)
        let facts = try JSONParser.parse(String(fields[6])).objectValue ?? JSONObject()
        return LoggedEntry(seq: Int(fields[1])!, kind: String(fields[3]), facts: facts, line: String(line))
    }
}

/// The details of a home's log (sealed at rest: opened with the home's identity), by seq.
func logDetails(_ home: AgencyHome) throws -> [Int: JSONObject] {
    var out: [Int: JSONObject] = [:]
    for record in try LogReader.read(directory: home.context.logDirectory, atRest: home.context.atRest).records {
        if let details = record.details?.details { out[Int(record.entry.seq)] = details }
    }
    return out
}

/// Verifies a home's log with the counterpart evidence checked under the fixture agreement, and
/// against the checkpoints of it that `holders` keep.
func verifyLog(_ home: AgencyHome, heldBy holders: [AgencyHome] = []) throws -> LogVerifier.Report {
    var verifier = LogVerifier(directory: home.context.logDirectory, owner: home.identity.signingKey.publicKey)
    verifier.everySignature = true
    verifier.evidence = ReceiptEvidence.verifier(agreement: home.context.agreement, owner: home.identity.signingKey.publicKey)
    let held = holders.flatMap { ReceiptEvidence.checkpoints(of: home.identity.agencyID, heldIn: $0.context.logDirectory) }
    return try verifier.verify(checkpoints: held)
}

/// An acknowledgement as `identity` would make it, its receipt over `receiptContentHash` (the
/// content hash unless given), with a checkpoint of an empty log.
func forgedAcknowledgement(by identity: Identity, messageID: [UInt8], envelopeID: EnvelopeID, contentHash: [UInt8], sender: String,
                           receivedAt: Int64, acknowledgedAt: Int64, receiptContentHash: [UInt8]? = nil) -> Acknowledgement {
    let facts: JSONObject = [
        "message_id": .string(Hex.encode(messageID)), "envelope_id": .string(envelopeID.description),
        "content_hash": .string(Hex.encode(receiptContentHash ?? contentHash)), "sender": .string(sender),
        "recipient": .string(identity.agencyID), "received_at": .number(JSONNumber(receivedAt)),
        "acknowledged_at": .number(JSONNumber(acknowledgedAt)),
    ]
    let receipt = Receipt.sign(.acknowledged, facts: facts, at: acknowledgedAt * 1000, by: identity)
    let checkpoint = Checkpoint(agency: identity.agencyID, size: 0, head: LogEntry.genesis(owner: identity.signingKey.publicKey))
        .signed(by: identity.signingKey)
    return Acknowledgement(messageID: messageID, envelopeID: envelopeID, contentHash: contentHash, recipient: identity.agencyID,
                           receivedAt: receivedAt, acknowledgedAt: acknowledgedAt,
                           carried: CarriedReceipt(receipt: receipt, checkpoint: checkpoint, echo: nil))
}

/// Opens and acknowledges `entry` as `home`.
func openAndAcknowledge(_ entry: OutboxEntry, as home: AgencyHome, relay: TestRelay) async throws {
    let id = try #require(EnvelopeID(hex: entry.envelopeID))
    _ = try await home.withSession(relay) { try await Receive.open(id, session: $0) }
    _ = try await home.withSession(relay) { try await Acknowledge.acknowledge(id, session: $0) }
}

/// The identities in the disclosure fixture that must never reach a log's chain (THREATS row 30).
func disclosureIdentities() throws -> [String] {
    let record = try Fixture.record()
    var values = [record.subject.name, "999 000 1006", "9990001006", "2017-03-14"] + record.subject.aka
    values += record.household.compactMap(\.name) + (try Fixture.protectedValues())
    values += record.parties.compactMap(\.name)
    // Two- and three-letter nicknames could turn up by chance in a checkpoint's base64.
    return values.filter { $0.count >= 4 }
}

/// spec/receipts.md §Receipts: every decision of the exchange is a signed entry in each side's log.
@Suite(.serialized) struct ReceiptLogTests {
    /// The full exchange leaves matching, cross-signed entries in both logs, and both verify with
    /// the counterpart evidence and against the checkpoints the other side holds.
    @Test func theExchangeLeavesMatchingCrossSignedEntriesInBothLogs() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let school = try AgencyHome(Fixture.school, in: folder)
            let mash = try AgencyHome(Fixture.mash, in: folder)
            let sent = try await sendDisclosure(from: school, to: [Fixture.mash.agencyID], relay: relay)
            try await openAndAcknowledge(sent[0], as: mash, relay: relay)
            _ = try await school.withSession(relay) { try await Sync.run(session: $0) }

            let schoolLog = try logEntries(school)
            let mashLog = try logEntries(mash)
            #expect(schoolLog.map(\.kind) == ["share_decided", "sent", "acknowledged"])
            #expect(mashLog.map(\.kind) == ["received", "acknowledged"])
            let (decided, sentEntry, schoolAck) = (schoolLog[0], schoolLog[1], schoolLog[2])
            let (received, mashAck) = (mashLog[0], mashLog[1])
            let entry = sent[0]

            // sent: what, to whom, why, on what basis, what was withheld, and the relay's receipt.
            #expect(sentEntry.receipt("message_id") == entry.messageID)
            #expect(sentEntry.receipt("envelope_id") == entry.envelopeID)
            #expect(sentEntry.receipt("sender") == Fixture.school.agencyID && sentEntry.receipt("recipient") == Fixture.mash.agencyID)
            #expect(sentEntry.receipt("purpose") == Fixture.s47 && sentEntry.receipt("urgency") == "urgent")
            #expect(sentEntry.receipt?["lawful_basis"]?["article_6"]?.stringValue == "public_task")
            #expect(sentEntry.receipt("consent") == "not_sought")
            #expect(sentEntry.receipt?["shared"]?.arrayValue?.isEmpty == false)
            #expect(sentEntry.receipt?["redaction"]?["tokens"]?.arrayValue?.isEmpty == false)
            #expect(sentEntry.receipt?["deposit"]?["relay"]?.stringValue == Fixture.relay.agencyID)
            #expect(sentEntry.receipt?["deposit"]?["signature"]?.stringValue == entry.receipt?.signature)
            #expect(sentEntry.facts["signature"] != nil && sentEntry.facts["counterpart"]?.stringValue == Fixture.mash.agencyID)
            #expect(sentEntry.evidence?["agency"]?.stringValue == Fixture.relay.agencyID)
            #expect(decided.receipt?["recipients"]?.arrayValue?.count == 1)

            // The same content hash on every entry about the message, on both sides.
            for e in [sentEntry, schoolAck, received, mashAck] {
                #expect(e.receipt("content_hash") == entry.contentHash, "\(e.kind)")
                #expect(e.receipt("message_id") == entry.messageID, "\(e.kind)")
            }
            // received: with the school's log checkpoint from the envelope, covering its decision to share.
            let sendersCheckpoint = try #require(HeldCheckpoint.parse(received.evidence?["checkpoint"]))
            #expect(sendersCheckpoint.checkpoint.agency == Fixture.school.agencyID && sendersCheckpoint.checkpoint.size == 1)
            #expect(received.evidence?["agency"]?.stringValue == Fixture.school.agencyID)
            // received: and the school's own envelope signature over that very content hash, so each
            // side's log holds the other side's signature over the same content.
            let envelopeSignature = try #require(received.evidence?["envelope_signature"]?.objectValue)
            #expect(envelopeSignature["content_hash"]?.stringValue == entry.contentHash)
            let signedBytes = Array("sealpost/v1/signature".utf8) + [0]
                + Hex.decode(try #require(envelopeSignature["header_hash"]?.stringValue))!
                + Hex.decode(try #require(envelopeSignature["manifest_hash"]?.stringValue))!
                + Hex.decode(entry.contentHash)!
                + withUnsafeBytes(of: UInt64(entry.contentLength).bigEndian, Array.init)
            let schoolSignature = try Ed25519.Signature(rawRepresentation: Hex.decode(try #require(envelopeSignature["signature"]?.stringValue))!)
            #expect(Fixture.school.signingKey.publicKey.isValidSignature(schoolSignature, for: signedBytes))

            // acknowledged: the very receipt the MASH signed and logged is in the school's log, with
            // the MASH's signature as evidence, its checkpoint, and the echo of the school's.
            #expect(schoolAck.receiptBytes == mashAck.receiptBytes)
            #expect(schoolAck.receipt("by") == Fixture.mash.agencyID)
            #expect(schoolAck.evidence?["agency"]?.stringValue == Fixture.mash.agencyID)
            #expect(schoolAck.evidence?["receipt_signature"]?.stringValue == mashAck.facts["signature"]?.stringValue)
            let mashCheckpoint = try #require(HeldCheckpoint.parse(schoolAck.evidence?["checkpoint"]))
            #expect(mashCheckpoint.checkpoint.size == 2 && mashCheckpoint.isValid(for: Fixture.mash.signingKey.publicKey))
            #expect(HeldCheckpoint.parse(schoolAck.facts["echo"]) == sendersCheckpoint)

            // Both logs verify, evidence included, and against what the other side holds.
            let schoolReport = try verifyLog(school, heldBy: [mash])
            let mashReport = try verifyLog(mash, heldBy: [school])
            #expect(schoolReport.isValid, "\(String(describing: schoolReport.problem)) \(schoolReport.checkpointProblems)")
            #expect(mashReport.isValid, "\(String(describing: mashReport.problem)) \(mashReport.checkpointProblems)")
            #expect(schoolReport.evidenceChecked == 2 && mashReport.evidenceChecked == 1)  // sent (the relay's) and acknowledged
            #expect(schoolReport.checkpointsChecked == 1 && mashReport.checkpointsChecked == 1)

            // The details hold what a subject report needs; the chain holds none of it (THREATS row 30).
            let sentDetails = try #require(try logDetails(school)[sentEntry.seq])
            #expect(sentDetails["subject"]?["name"]?.stringValue == "Jayden Emeka Okafor")
            #expect(sentDetails["subject"]?["nhs_number"]?.stringValue != nil && sentDetails["subject"]?["dob"]?.stringValue == "2017-03-14")
            #expect(sentDetails["consent_reason"]?.stringValue == "increased_risk_of_harm")
            #expect(try logDetails(mash)[received.seq]?["subject"]?["name"]?.stringValue == "Jayden Emeka Okafor")
            for home in [school, mash] {
                let chain = try String(contentsOfFile: home.context.logDirectory + "/chain.log", encoding: .utf8)
                for identity in try disclosureIdentities() {
                    #expect(!chain.contains(identity), "\(home.identity.agencyID)'s chain.log holds a record identity")
                }
            }
        }
    }

    /// Evidence that does not verify is named at its entry, even in an entry the owner signed.
    @Test func forgedCounterpartEvidenceIsNamed() throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        let school = try AgencyHome(Fixture.school, in: folder)
        let ack = forgedAcknowledgement(by: Fixture.mash, messageID: [UInt8](repeating: 1, count: 16), envelopeID: EnvelopeID(of: [1]),
                                        contentHash: [UInt8](repeating: 2, count: 32), sender: Fixture.school.agencyID,
                                        receivedAt: 1, acknowledgedAt: 2)
        let good: JSONObject = ["receipt": .object(ack.carried.receipt.statement), "counterpart": "kingsbridge-mash",
                                "evidence": ["agency": "kingsbridge-mash", "receipt_signature": .string(ack.carried.receipt.signatureHex),
                                             "checkpoint": HeldCheckpoint.json(ack.carried.checkpoint)]]
        var byPolice = good
        byPolice["evidence"] = ["agency": "police-cait", "receipt_signature": .string(ack.carried.receipt.signatureHex)]
        var altered = good
        var statement = ack.carried.receipt.statement
        statement["content_hash"] = .string(String(repeating: "3", count: 64))
        altered["receipt"] = .object(statement)
        var stranger = good
        stranger["evidence"] = ["agency": "nobody-here", "receipt_signature": .string(ack.carried.receipt.signatureHex)]
        // A sent receipt restating the relay's deposit receipt, signed by the relay, and one it did not sign.
        let envelope = EnvelopeID(of: [1])
        let deposit = DepositReceipt(envelopeID: envelope, relay: Fixture.relay.agencyID, sender: Fixture.school.agencyID,
                                     mailboxes: [Fixture.mash.agencyID], depositedAt: 10, expiresAt: 20).signed(with: Fixture.relay.signingKey)
        let sentStatement: JSONObject = ["envelope_id": .string(envelope.description), "sender": .string(Fixture.school.agencyID),
                                         "deposit": ["relay": .string(Fixture.relay.agencyID), "mailboxes": [.string(Fixture.mash.agencyID)],
                                                     "deposited_at": 10, "expires_at": 20]]
        let sentReceipt = Receipt.sign(.sent, facts: sentStatement, at: 1, by: Fixture.school)
        var sentGood: JSONObject = ["receipt": .object(sentReceipt.statement), "signature": .string(sentReceipt.signatureHex),
                                    "evidence": ["agency": .string(Fixture.relay.agencyID),
                                                 "deposit_signature": .string(Hex.encode(deposit.signature.rawRepresentation))]]
        var sentBad = sentGood
        sentBad["evidence"] = ["agency": .string(Fixture.relay.agencyID), "deposit_signature": .string(sentReceipt.signatureHex)]
        var ownBad = sentGood
        ownBad["signature"] = .string(ack.carried.receipt.signatureHex)
        sentGood["counterpart"] = "kingsbridge-mash"
        let log = try ReceiptLog(directory: school.context.logDirectory, identity: Fixture.school)
        try log.append([good, byPolice, altered, stranger].map { ReceiptLog.Draft(kind: "acknowledged", facts: $0) }
                       + [sentGood, sentBad, ownBad].map { ReceiptLog.Draft(kind: "sent", facts: $0) }, at: 1)
        var verifier = LogVerifier(directory: school.context.logDirectory, owner: Fixture.school.signingKey.publicKey)
        let keys = ["kingsbridge-mash": Fixture.mash.signingKey.publicKey, "police-cait": Fixture.police.signingKey.publicKey,
                    Fixture.relay.agencyID: Fixture.relay.signingKey.publicKey]
        verifier.evidence = ReceiptEvidence.verifier(keys: keys, owner: Fixture.school.signingKey.publicKey)
        let report = try verifier.verify()
        #expect(report.problem?.entry == 2)
        for (entry, expected) in [(2, "not police-cait"), (3, "kingsbridge-mash's signature over its receipt does not verify"), (4, "not a party"),
                                  (6, "signature over its deposit receipt does not verify"), (7, "does not verify under this log's key")] {
            let reread = try #require(try logEntries(school).first { $0.seq == entry })
            let logEntry = try #require(try Self.entry(reread, in: school))
            let problem = try #require(ReceiptEvidence.problem(in: logEntry, keys: keys, owner: Fixture.school.signingKey.publicKey))
            #expect(problem.contains(expected), "entry \(entry): \(problem)")
        }
        for clean in [1, 5] {
            let reread = try #require(try logEntries(school).first { $0.seq == clean })
            let logEntry = try #require(try Self.entry(reread, in: school))
            #expect(ReceiptEvidence.problem(in: logEntry, keys: keys, owner: Fixture.school.signingKey.publicKey) == nil, "entry \(clean)")
        }
    }

    /// The LogEntry for a line, through the verifier's own reading (entries are not built by hand).
    static func entry(_ logged: LoggedEntry, in home: AgencyHome) throws -> LogEntry? {
        var verifier = LogVerifier(directory: home.context.logDirectory, owner: home.identity.signingKey.publicKey)
        let box = EntryBox()
        verifier.evidence = { e in if e.seq == Int64(logged.seq) { box.set(e) }; return nil }
        _ = try verifier.verify()
        return box.get()
    }

    /// THREATS row 31: a recipient with no role is refused, and the refusal is a signed entry.
    @Test func aRefusedRecipientIsLogged() throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        let school = try AgencyHome(Fixture.school, in: folder)
        #expect(throws: Send.Refusal.self) {
            try Send.prepare(try Fixture.record(), purpose: Fixture.earlyHelp, recipients: [Fixture.mash.agencyID, Fixture.police.agencyID],
                             context: school.context)
        }
        let log = try logEntries(school)
        #expect(log.map(\.kind) == ["refused"])
        #expect(log[0].receipt("recipient") == Fixture.police.agencyID && log[0].receipt("purpose") == Fixture.earlyHelp)
        #expect(log[0].facts["counterpart"]?.stringValue == Fixture.police.agencyID)
        let details = try #require(try logDetails(school)[1])
        #expect(details["reason"]?.stringValue?.contains("has no role in purpose early_help") == true)
        #expect(details["subject"]?["name"]?.stringValue == "Jayden Emeka Okafor")
        #expect(!log[0].line.contains("has no role"), "the reason is a detail, not a fact")
        #expect(try verifyLog(school).isValid)
    }

    /// THREATS row 28: keeping a flagged possible identity is logged, with the practitioner's
    /// reason in the details, before anything is sealed.
    @Test func aClearedRedactionIsLogged() throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        let school = try AgencyHome(Fixture.school, in: folder)
        let record = try Fixture.record(SendDecisionTests.record)
        let findings = Self.findings(record, context: school.context)
        try #require(!findings.isEmpty)
        let kept = findings[0]
        var decisions: [JSONValue] = []
        for f in findings {
            var decision: JSONObject = ["finding": .string(f.id), "action": "redact"]
            if f.id == kept.id {
                decision["action"] = "keep"
                decision["reason"] = "the name of a street, checked with the referrer"
            }
            decisions.append(.object(decision))
        }
        let json: JSONValue = ["format": "sealpost-decisions/v1", "decisions": .array(decisions)]
        let file = try DecisionFile(parsing: JSONWriter(options: []).bytes(json), source: "d.json")
        let preparation = try Send.prepare(record, purpose: Fixture.mashScreening, recipients: [Fixture.mash.agencyID],
                                           context: school.context, decisions: file)
        _ = try Send.seal(preparation, context: school.context)

        let log = try logEntries(school)
        #expect(log.map(\.kind) == ["redaction_cleared", "share_decided"])
        #expect(log[0].receipt("finding") == kept.id && log[0].receipt("category") == kept.category.rawValue)
        let details = try logDetails(school)
        #expect(details[1]?["reason"]?.stringValue == "the name of a street, checked with the referrer")
        #expect(!log[0].line.contains("checked with the referrer"))
        // The share decision lists every decision by finding, and its details the reason.
        #expect(log[1].receipt?["decisions"]?.arrayValue?.count == findings.count)
        #expect(details[2]?["decision_reasons"]?.arrayValue?.count == 1)
        #expect(try verifyLog(school).isValid)
    }

    static func findings(_ record: SafeguardingRecord, context: ExchangeContext) -> [UncertainFinding] {
        do {
            _ = try Send.prepare(record, purpose: Fixture.mashScreening, recipients: [Fixture.mash.agencyID], context: context)
            return []
        } catch {
            if case .needsDecisions(let found) = error { return found }
            return []
        }
    }

    /// THREATS row 24: the sender's log restored from a copy taken before a second send is caught
    /// on the next sync, by the checkpoint the recipient echoes; and by verifying it against the
    /// checkpoints the recipient's log holds.
    @Test func aSenderLogRestoredFromAnOldCopyIsCaught() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let school = try AgencyHome(Fixture.school, in: folder)
            let mash = try AgencyHome(Fixture.mash, in: folder)
            let first = try await sendDisclosure(from: school, to: [Fixture.mash.agencyID], relay: relay)
            try await openAndAcknowledge(first[0], as: mash, relay: relay)
            _ = try await school.withSession(relay) { try await Sync.run(session: $0) }

            let copy = folder.sub("school-log-copy")
            try FileManager.default.copyItem(atPath: school.context.logDirectory, toPath: copy)
            let second = try await sendDisclosure(from: school, to: [Fixture.mash.agencyID], relay: relay)
            try FileManager.default.removeItem(atPath: school.context.logDirectory)
            try FileManager.default.copyItem(atPath: copy, toPath: school.context.logDirectory)

            try await openAndAcknowledge(second[0], as: mash, relay: relay)
            // The restored log still verifies on its own: only the counterpart's checkpoint shows it.
            #expect(try verifyLog(school).isValid)
            let error = await exchangeError { _ = try await school.withSession(relay) { try await Sync.run(session: $0) } }
            #expect(error?.code == .logContradicted)
            #expect(error?.message.contains(Fixture.mash.agencyID) == true, "\(String(describing: error?.message))")
            #expect(error?.message.contains("restored from an old copy") == true)
            // The acknowledgement itself was recorded, and left the relay.
            #expect(try school.context.outbox.entry(second[0].envelopeID)?.state == .acknowledged)
            // Verified against what the MASH's log holds, the school's log is contradicted too.
            let report = try verifyLog(school, heldBy: [mash])
            #expect(!report.checkpointProblems.isEmpty)
        }
    }

    /// The recipient catches it too: a record whose checkpoint is behind one it already holds from
    /// the same sender is stored, and its `received` entry keeps both checkpoints.
    @Test func theRecipientKeepsAContradictedCheckpoint() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let school = try AgencyHome(Fixture.school, in: folder)
            let mash = try AgencyHome(Fixture.mash, in: folder)
            let copy = folder.sub("school-log-copy")
            try FileManager.default.createDirectory(atPath: school.context.logDirectory, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: school.context.logDirectory, toPath: copy)
            let first = try await sendDisclosure(from: school, to: [Fixture.mash.agencyID], relay: relay)
            try await openAndAcknowledge(first[0], as: mash, relay: relay)
            // Rolled back to before the first send, the school's log is empty again.
            try FileManager.default.removeItem(atPath: school.context.logDirectory)
            try FileManager.default.copyItem(atPath: copy, toPath: school.context.logDirectory)
            let second = try await sendDisclosure(from: school, to: [Fixture.mash.agencyID], relay: relay)
            try await openAndAcknowledge(second[0], as: mash, relay: relay)

            let received = try logEntries(mash).filter { $0.kind == "received" }
            try #require(received.count == 2)
            #expect(received[0].evidence?["contradicted"] == nil)
            let newer = try #require(HeldCheckpoint.parse(received[1].evidence?["checkpoint"]))
            let held = try #require(HeldCheckpoint.parse(received[1].evidence?["contradicted"]))
            #expect(newer.checkpoint.size == held.checkpoint.size && newer.checkpoint.head != held.checkpoint.head)
            #expect(try verifyLog(mash).isValid)
            // Both are held against the school's log, which contradicts the first.
            #expect(!(try verifyLog(school, heldBy: [mash])).checkpointProblems.isEmpty)
        }
    }

    /// A sync without a restore finds nothing wrong, send after send.
    @Test func repeatedExchangesKeepAgreeing() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let school = try AgencyHome(Fixture.school, in: folder)
            let mash = try AgencyHome(Fixture.mash, in: folder)
            for _ in 0..<2 {
                let sent = try await sendDisclosure(from: school, to: [Fixture.mash.agencyID], relay: relay)
                try await openAndAcknowledge(sent[0], as: mash, relay: relay)
                let report = try await school.withSession(relay) { try await Sync.run(session: $0) }
                #expect(report.acknowledged.count == 1 && report.contradictions.isEmpty)
            }
            #expect(try logEntries(school).map(\.kind) == ["share_decided", "sent", "acknowledged", "share_decided", "sent", "acknowledged"])
            #expect(try verifyLog(school, heldBy: [mash]).isValid)
            #expect(try verifyLog(mash, heldBy: [school]).isValid)
        }
    }
}

final class EntryBox: @unchecked Sendable {
    private let lock = NSLock()
    private var entry: LogEntry?
    func set(_ e: LogEntry) { lock.lock(); entry = e; lock.unlock() }
    func get() -> LogEntry? { lock.lock(); defer { lock.unlock() }; return entry }
}
