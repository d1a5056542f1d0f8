import Dispatch
import Foundation
import SealpostCore
import SealpostRecord
import SealpostSodium

/// Checks a receipt log end to end (spec/receipts.md §Verifying) and names the first bad entry.
///
/// - Every line is parsed; its `seq` must be its line number and its `prev` the previous entry's
///   hash. A broken link is pinned on the entry whose own signature fails, or else on the later
///   entry (inserted, removed or reordered).
/// - Because each signature covers `prev`, a valid signature on entry k vouches for entries 1…k.
///   So the head's signature is checked, and if it fails a binary search finds the first entry
///   whose signature fails (an edit re-chained by someone without the key). `everySignature`
///   checks them all instead, spread over the cores.
/// - Details present must match their entry's commitment; missing ones count as erased.
/// - `evidence` checks counterpart signatures carried in facts (spread over the cores).
/// - `checkpoints` are this log's own checkpoints as counterparts hold them: each must be signed
///   by the owner and agree with the log at its size, or the log was truncated or rewritten.
public struct LogVerifier {
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The entry's position (line) in the log, from 1.
        public let entry: Int64
        public let what: String
        public var description: String { "entry \(entry): \(what)" }
    }

    public struct Report: Sendable {
        public var entries: Int64 = 0
        public var head: [UInt8] = []
        /// The first bad entry, if any.
        public var problem: Problem?
        /// Checkpoint contradictions: the log is shorter than, or differs from, what was signed before.
        public var checkpointProblems: [String] = []
        /// Bytes of an incomplete last entry (a torn append): reported, not tampering.
        public var tornTail = 0
        public var detailsPresent: Int64 = 0
        public var detailsErased: Int64 = 0
        public var signaturesChecked = 0
        public var evidenceChecked = 0
        public var checkpointsChecked = 0
        public var isValid: Bool { problem == nil && checkpointProblems.isEmpty }
    }

    public let directory: String
    public let owner: Ed25519.PublicKey
    public var everySignature = false
    public var checkDetails = true
    /// Returns what is wrong with an entry's counterpart evidence, or nil when it holds or there is none.
    public var evidence: (@Sendable (LogEntry) -> String?)?

    public init(directory: String, owner: Ed25519.PublicKey) {
        self.directory = directory
        self.owner = owner
    }

    public func verify(checkpoints: [SignedCheckpoint] = []) throws(LogError) -> Report {
        var report = Report()
        let chain: MappedFile
        do { chain = try MappedFile(path: directory + "/" + ReceiptLog.chainFileName) } catch {
            throw LogError(error, while: "read the log")
        }
        let (lines, torn) = chain.lines()
        report.tornTail = torn
        var entries: [LogEntry] = []
        entries.reserveCapacity(lines.count)
        var prev = LogEntry.genesis(owner: owner)
        for (index, range) in lines.enumerated() {
            let position = Int64(index + 1)
            let entry: LogEntry
            do { entry = try LogEntry.parse(line: chain.slice(range)) } catch {
                report.problem = Problem(entry: position, what: "is not a well-formed entry: it \(error.problem)")
                break
            }
            if entry.seq != position {
                report.problem = Problem(entry: position, what: entry.seq > position
                    ? "holds seq \(entry.seq): \(entry.seq - position) entr\(entry.seq - position == 1 ? "y is" : "ies are") missing before it"
                    : "holds seq \(entry.seq), which belongs earlier: entries were inserted or reordered")
                break
            }
            if entry.prev != prev {
                report.problem = blame(broken: position, previous: entries.last, entry: entry)
                break
            }
            entries.append(entry)
            prev = entry.hash
        }
        report.entries = Int64(entries.count)
        report.head = prev
        if report.problem == nil, !entries.isEmpty {
            if everySignature {
                let bad = Self.firstFailure(in: entries, owner: owner)
                report.signaturesChecked = entries.count
                if let bad { report.problem = Problem(entry: entries[bad].seq, what: Self.badSignature) }
            } else if !entries[entries.count - 1].hasValidSignature(by: owner) {
                // Signatures are valid on a prefix only; find where it ends.
                var low = 0, high = entries.count - 1
                report.signaturesChecked = 1
                while low < high {
                    let mid = (low + high) / 2
                    report.signaturesChecked += 1
                    if entries[mid].hasValidSignature(by: owner) { low = mid + 1 } else { high = mid }
                }
                report.problem = Problem(entry: entries[low].seq, what: Self.badSignature)
            } else {
                report.signaturesChecked = 1
            }
        }
        if report.problem == nil, checkDetails {
            try checkDetails(entries, into: &report)
        }
        if report.problem == nil, let evidence {
            let failures = Self.parallelMap(entries.filter { $0.facts["evidence"] != nil }) { entry in evidence(entry).map { (entry.seq, $0) } }
            report.evidenceChecked = failures.count
            if let first = failures.compactMap({ $0 }).min(by: { $0.0 < $1.0 }) {
                report.problem = Problem(entry: first.0, what: first.1)
            }
        }
        for held in checkpoints {
            report.checkpointsChecked += 1
            let c = held.checkpoint
            guard held.isValid(for: owner) else {
                report.checkpointProblems.append("a checkpoint at size \(c.size) is not signed by this log's key")
                continue
            }
            if c.size > report.entries {
                report.checkpointProblems.append("a counterpart holds a checkpoint at size \(c.size) but the log has \(report.entries) good entries: it was truncated or restored from an old copy")
            } else if (c.size == 0 ? LogEntry.genesis(owner: owner) : entries[Int(c.size) - 1].hash) != c.head {
                report.checkpointProblems.append("the log differs from the checkpoint a counterpart holds at size \(c.size): entries up to \(c.size) were rewritten")
            }
        }
        return report
    }

    static let badSignature = "its signature does not verify: it was changed after it was signed"

    /// A link from `previous` to `entry` is broken: the one whose signature fails was edited;
    /// if both hold, the entries are not neighbours (one was inserted, removed or moved).
    private func blame(broken position: Int64, previous: LogEntry?, entry: LogEntry) -> Problem {
        if let previous, !previous.hasValidSignature(by: owner) {
            return Problem(entry: position - 1, what: Self.badSignature)
        }
        if !entry.hasValidSignature(by: owner) {
            return Problem(entry: position, what: Self.badSignature)
        }
        return Problem(entry: position, what: "does not follow entry \(position - 1): an entry was inserted, removed or moved here")
    }

    private func checkDetails(_ entries: [LogEntry], into report: inout Report) throws(LogError) {
        let file: MappedFile
        do { file = try MappedFile(path: directory + "/" + ReceiptLog.detailsFileName) } catch {
            throw LogError(error, while: "read the log's details")
        }
        var matched = [Bool](repeating: false, count: entries.count)
        var altered: Int64?
        for range in file.lines().lines {
            guard let details = LogDetails.parse(line: file.slice(range)), details.seq >= 1, details.seq <= entries.count else { continue }
            let index = Int(details.seq - 1)
            if details.commitment == entries[index].commitment {
                matched[index] = true
            } else if altered == nil || details.seq < altered! {
                altered = details.seq
            }
        }
        if let altered, !matched[Int(altered - 1)] {
            report.problem = Problem(entry: altered, what: "its details do not match the commitment in the chain: they were altered")
            return
        }
        report.detailsPresent = Int64(matched.count { $0 })
        report.detailsErased = Int64(entries.count) - report.detailsPresent
    }

    static func firstFailure(in entries: [LogEntry], owner: Ed25519.PublicKey) -> Int? {
        let results = parallelMap(entries) { $0.hasValidSignature(by: owner) }
        return results.firstIndex(of: false)
    }

    /// Maps over `items` on every core, keeping order.
    static func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        let workers = max(1, min(ProcessInfoCores.count, items.count))
        guard workers > 1 else { return items.map(transform) }
        let chunk = (items.count + workers - 1) / workers
        let results = ResultSlots<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let start = w * chunk
            let end = min(items.count, start + chunk)
            guard start < end else { return }
            for i in start..<end { results.set(i, transform(items[i])) }
        }
        return results.values()
    }
}

enum ProcessInfoCores {
    static let count = ProcessInfo.processInfo.activeProcessorCount
}

/// Write-once slots filled from several threads, each index by exactly one.
final class ResultSlots<R>: @unchecked Sendable {
    private var storage: [R?]
    init(count: Int) { storage = [R?](repeating: nil, count: count) }
    func set(_ index: Int, _ value: R) { storage.withUnsafeMutableBufferPointer { $0[index] = value } }
    func values() -> [R] { storage.map { $0! } }
}
