#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SealpostCore
import SealpostLedger
import SealpostRecord

/// What this agency has sent: `HOME/outbox/` (spec/exchange.md §Outbox).
///
///     HOME/outbox/<envelope id>.sealed      the envelope exactly as deposited (0600), sealed into a
///                                           hidden temporary file and renamed once whole (OutboxSealing)
///     HOME/outbox/<envelope id>.json        its OutboxEntry; written after the .sealed file, so
///                                           an entry always has its envelope
///     HOME/outbox/<envelope id>.ack.sealed  the recipient's acknowledgement envelope, once collected
///     HOME/outbox/<envelope id>.outcome-<outcome envelope id>.sealed  each outcome envelope, once collected
///     HOME/outbox/<envelope id>.receipt.sealed  the `sent` receipt's facts and details, sealed to
///                                           this agency (AtRest), written when sealed and removed
///                                           once the receipt is logged
///     HOME/outbox/refusals.jsonl            shares refused before sealing, one JSON line each
///
/// Every file is written whole or not at all (AtomicFile). An envelope is stored here before the
/// first deposit is tried, so a send that could not reach the relay is deposited by the next
/// relay command, with the same bytes (the relay dedupes by envelope id).
public struct Outbox: Sendable {
    public let directory: String

    public init(home: Home) { directory = home.outboxDirectory }

    /// The same layout in another folder: `HOME/requests/out` keeps the requests this agency sent.
    public init(directory: String) { self.directory = directory }

    /// The requests this agency sent (spec/exchange.md §Requests): `HOME/requests/out`.
    public static func requests(home: Home) -> Outbox { Outbox(directory: home.requestsOutDirectory) }

    func declinePath(_ id: String) -> String { "\(directory)/\(id).decline.sealed" }

    /// Keeps the decline envelope that answered request `id` beside it.
    func storeDecline(_ envelope: [UInt8], for id: String) throws(ExchangeError) {
        do { try AtomicFile.write(envelope, to: declinePath(id), mode: 0o600) } catch {
            throw .storage(error, doing: "store the decline")
        }
    }

    func envelopePath(_ id: String) -> String { "\(directory)/\(id).sealed" }
    func entryPath(_ id: String) -> String { "\(directory)/\(id).json" }
    func acknowledgementPath(_ id: String) -> String { "\(directory)/\(id).ack.sealed" }
    var refusalsPath: String { directory + "/refusals.jsonl" }
    func pendingReceiptPath(_ id: String) -> String { "\(directory)/\(id).receipt.sealed" }
    /// Where a home written before sealing at rest kept it in plaintext (read, and sealed by HomeSealing).
    func plaintextPendingReceiptPath(_ id: String) -> String { "\(directory)/\(id).receipt.json" }

    /// Keeps what the `sent` receipt for envelope `id` will say, until it is deposited and logged:
    /// its facts and its details (the child's identifiers, so it is sealed to this agency at rest).
    func storePendingReceipt(_ id: String, facts: some DepositedFacts, details: ReceiptDetails, atRest: AtRest) throws(ExchangeError) {
        try StoreFiles.makeDirectory(directory)
        let value: JSONValue = ["facts": .object(facts.json), "details": .object(details.json)]
        do { try atRest.write(JSONWriter(options: [.sortedKeys]).bytes(value) + [0x0a], to: pendingReceiptPath(id)) } catch {
            throw .storage(error, doing: "keep the send's receipt")
        }
    }

    func pendingReceipt<Facts: DepositedFacts>(_ id: String, as: Facts.Type, atRest: AtRest) -> (facts: Facts, details: ReceiptDetails)? {
        guard let bytes = (try? atRest.read(pendingReceiptPath(id), what: "the pending receipt")) ?? StoreFiles.bytes(at: plaintextPendingReceiptPath(id)),
              let value = try? JSONParser.parse(bytes),
              let facts = value["facts"]?.objectValue, let details = value["details"]?.objectValue else { return nil }
        return (Facts(statement: facts), ReceiptDetails(json: details))
    }

    func removePendingReceipt(_ id: String) {
        try? FileManager.default.removeItem(atPath: pendingReceiptPath(id))
        try? FileManager.default.removeItem(atPath: plaintextPendingReceiptPath(id))
    }

    /// Stores a new envelope and its entry (state `sealed`).
    public func store(envelope: [UInt8], entry: OutboxEntry) throws(ExchangeError) {
        try StoreFiles.makeDirectory(directory)
        do { try AtomicFile.write(envelope, to: envelopePath(entry.envelopeID), mode: 0o600) } catch {
            throw .storage(error, doing: "store the sealed envelope in the outbox")
        }
        try StoreFiles.write(entry, to: entryPath(entry.envelopeID), doing: "store the outbox entry")
    }

    /// Stores the entry of an envelope already in the outbox (sealed into it by OutboxSealing).
    func store(entry: OutboxEntry) throws(ExchangeError) {
        precondition(StoreFiles.exists(envelopePath(entry.envelopeID)), "an outbox entry always has its envelope")
        try StoreFiles.write(entry, to: entryPath(entry.envelopeID), doing: "store the outbox entry")
    }

    public func update(_ entry: OutboxEntry) throws(ExchangeError) {
        try StoreFiles.write(entry, to: entryPath(entry.envelopeID), doing: "update the outbox entry")
    }

    public func entry(_ id: String) throws(ExchangeError) -> OutboxEntry? {
        try StoreFiles.read(OutboxEntry.self, from: entryPath(id))
    }

    public func envelope(_ id: String) -> [UInt8]? { StoreFiles.bytes(at: envelopePath(id)) }

    func outcomePath(_ id: String, outcome: String) -> String { "\(directory)/\(id).outcome-\(outcome).sealed" }

    /// Keeps an outcome envelope for the send `id` beside it.
    func storeOutcome(_ envelope: [UInt8], outcome: String, for id: String) throws(ExchangeError) {
        do { try AtomicFile.write(envelope, to: outcomePath(id, outcome: outcome), mode: 0o600) } catch {
            throw .storage(error, doing: "store the outcome")
        }
    }

    public func storeAcknowledgement(_ envelope: [UInt8], for id: String) throws(ExchangeError) {
        do { try AtomicFile.write(envelope, to: acknowledgementPath(id), mode: 0o600) } catch {
            throw .storage(error, doing: "store the acknowledgement")
        }
    }

    /// Every entry, oldest first.
    public func entries() throws(ExchangeError) -> [OutboxEntry] {
        var out: [OutboxEntry] = []
        for id in StoreFiles.jsonIDs(in: directory) {
            guard EnvelopeID(hex: id) != nil, let entry = try entry(id) else { continue }
            out.append(entry)
        }
        return out.sorted { ($0.sealedAt, $0.envelopeID) < ($1.sealedAt, $1.envelopeID) }
    }

    /// Appends one refusal to `refusals.jsonl` and makes it durable: when, to whom, for which
    /// purpose, and the agreement's reason (agencies, roles and purposes only).
    public func logRefusal(recipient: String, purpose: String, recordID: String?, reason: String, at time: Int64) throws(ExchangeError) {
        try StoreFiles.makeDirectory(directory)
        var object = JSONObject()
        object["at"] = .number(JSONNumber(time))
        object["recipient"] = .string(recipient)
        object["purpose"] = .string(purpose)
        object["record_id"] = recordID.map(JSONValue.string)
        object["reason"] = .string(reason)
        let line = JSONWriter(options: [.sortedKeys]).bytes(.object(object)) + [0x0a]
        let fd = open(refusalsPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .storage(IOError(path: refusalsPath, errno: errno), doing: "record the refusal") }
        defer { close(fd) }
        var writer = FileDescriptorWriter(descriptor: fd, name: refusalsPath)
        let written: Result<Void, IOError> = line.withUnsafeBytes { b in Result { () throws(IOError) in try writer.write(b) } }
        do { try written.get() } catch { throw .storage(error, doing: "record the refusal") }
        guard fsync(fd) == 0 else { throw .storage(IOError(path: refusalsPath, errno: errno), doing: "record the refusal") }
    }
}
