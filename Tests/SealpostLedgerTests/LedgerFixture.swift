import Foundation
import SealpostCore
import SealpostLedger
import SealpostLog

/// A school's real receipt log in a temporary folder, written with typed receipts as the exchange
/// writes them, for the ledger to read back.
struct LedgerFixture {
    static let school = "school-st-annes"
    static let mash = "kingsbridge-mash"
    static let police = "kingsbridge-police"
    static let day: Int64 = 1_795_000_000_000

    let directory: String
    let identity: Identity
    let log: ReceiptLog

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sealpost-ledger-\(UUID().uuidString)").path
        identity = try Identity.generate(agencyID: Self.school, name: "St Anne's")
        log = try ReceiptLog(directory: directory, identity: identity)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    func read() throws -> Ledger { try Ledger.read(directory: directory, atRest: AtRest(identity: identity)) }

    static func envelope(_ n: Int) -> EnvelopeFacts {
        EnvelopeFacts(messageID: String(format: "%032x", n), envelopeID: String(format: "%064x", n + 1000),
                      contentHash: String(repeating: "c", count: 64), contentLength: 100)
    }

    static let basis = ShareBasis(purpose: "child_protection_enquiry_s47", agreement: "kingsbridge-dsa@1", recordID: "rec-2026-0042",
                                  urgency: "urgent", lawfulBasis: LawfulBasisFacts(article6: "public_task"), consent: "not_sought")

    static let jayden = ReceiptDetails(subject: SubjectDetails(name: "Jayden Emeka Okafor", nhsNumber: "999 000 1006", dob: "2017-03-14"),
                                       recordID: "rec-2026-0042")

    /// Appends an own receipt of `facts` at `minutes` past the fixture's day.
    @discardableResult
    func append(_ facts: some ReceiptFacts, counterpart: String?, details: ReceiptDetails = jayden, minutes: Int64) throws -> LogEntry {
        let at = Self.day + minutes * 60_000
        let receipt = Receipt.sign(facts, at: at, by: identity)
        return try log.append(ReceiptEntry.own(receipt, counterpart: counterpart, details: details), at: at)
    }

    func sent(_ n: Int, to recipient: String = mash, minutes: Int64, inAnswerTo: String? = nil) -> SentFacts {
        SentFacts(sender: Self.school, recipient: recipient, basis: Self.basis, envelope: Self.envelope(n),
                  fields: FieldFacts(shared: ["subject", "narrative"], withheld: [.init(path: "parties[].phone", reason: "third_party_protection")]),
                  redaction: RedactionFacts(counts: ["name": 1], tokens: [.init(token: "[Third party 1 (neighbour)]", label: "neighbour", occurrences: 1)]),
                  decisions: [], inAnswerTo: inAnswerTo)
    }

    func acknowledged(_ n: Int, by recipient: String = mash) -> AcknowledgedFacts {
        AcknowledgedFacts(DeliveryBasis(sender: Self.school, recipient: recipient, purpose: Self.basis.purpose, urgency: "urgent",
                                        agreement: Self.basis.agreement, recordID: Self.basis.recordID, envelope: Self.envelope(n)),
                          receivedAt: 10, acknowledgedAt: 20)
    }
}
