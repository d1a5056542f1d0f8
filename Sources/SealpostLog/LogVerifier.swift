import Dispatch
import Foundation
import SealpostCore
import SealpostJSON
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
/// - Details present must match their entry's commitment; missing ones count as erased. Sealed
///   details (LogDetails) are opened and checked with `atRest` holding the identity; without it
///   they are counted as sealed and not checked (the chain's facts, signatures and links are).
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
        /// Entries whose details are held sealed and were not checked (no identity given).
        public var detailsSealedUnchecked: Int64 = 0
        public var signaturesChecked = 0
        public var evidenceChecked = 0
        public var checkpointsChecked = 0
        public var isValid: Bool { problem == nil && checkpointProblems.isEmpty }
    }

    public let directory: String
    public let owner: Ed25519.PublicKey
    public var everySignature = false
    public var checkDetails = true
    /// Opens sealed details to check them against their commitments; nil: they are not checked.
    public var atRest: AtRest?
    /// Returns what is wrong with an entry's counterpart evidence, or nil when it holds or there is none.
    public var evidence: (@Sendable (LogEntry) -> String?)?

    public init(directory: String, owner: Ed25519.PublicKey) {
        self.directory = directory
        self.owner = owner
    }

    /// What the verifier keeps of each entry: enough to check links, signatures and commitments
    /// without holding a million parsed entries in memory.
    struct Summary: Sendable {
        var seq: Int64 = 0
        var prev: [UInt8] = []
        var hash: [UInt8] = []
        var commitment: [UInt8] = []
        var line: Range<Int> = 0..<0
        var formatProblem: String?
        var evidenceProblem: String?
    }

    public func verify(checkpoints: [SignedCheckpoint] = []) throws(LogError) -> Report {
        var report = Report()
        let chain: MappedFile
        do { chain = try MappedFile(path: directory + "/" + ReceiptLog.chainFileName) } catch {
            throw LogError(error, while: "read the log")
        }
        let (lines, torn) = chain.lines()
        report.tornTail = torn
        // Parsing and hashing each line needs nothing from its neighbours: spread it over the cores.
        let evidence = self.evidence
        let summaries = Self.parallelMap(lines) { range -> Summary in
            var s = Summary()
            s.line = range
            do throws(LogFormatError) {
                let entry = try LogEntry.parse(line: chain.slice(range))
                s.seq = entry.seq; s.prev = entry.prev; s.hash = entry.hash; s.commitment = entry.commitment
                if let evidence, entry.factsMention("evidence") { s.evidenceProblem = evidence(entry) ?? "" }
            } catch {
                s.formatProblem = error.problem
            }
            return s
        }
        func entry(at index: Int) -> LogEntry? { try? LogEntry.parse(line: chain.slice(summaries[index].line)) }
        var good = 0
        var prev = LogEntry.genesis(owner: owner)
        for (index, s) in summaries.enumerated() {
            let position = Int64(index + 1)
            if let problem = s.formatProblem {
                report.problem = Problem(entry: position, what: "is not a well-formed entry: it \(problem)")
                break
            }
            if s.seq != position {
                report.problem = Problem(entry: position, what: s.seq > position
                    ? "holds seq \(s.seq): \(s.seq - position) entr\(s.seq - position == 1 ? "y is" : "ies are") missing before it"
                    : "holds seq \(s.seq), which belongs earlier: entries were inserted or reordered")
                break
            }
            if s.prev != prev {
                report.problem = blame(broken: position, previous: index > 0 ? entry(at: index - 1) : nil, entry: entry(at: index))
                break
            }
            good += 1
            prev = s.hash
        }
        report.entries = Int64(good)
        report.head = prev
        if report.problem == nil, good > 0 {
            if everySignature {
                let owner = self.owner
                let valid = Self.parallelMap(Array(0..<good)) { i in
                    (try? LogEntry.parse(line: chain.slice(summaries[i].line)))?.hasValidSignature(by: owner) ?? false
                }
                report.signaturesChecked = good
                if let bad = valid.firstIndex(of: false) { report.problem = Problem(entry: Int64(bad + 1), what: Self.badSignature) }
            } else {
                // A valid signature on entry k vouches for 1…k, so signatures hold on a prefix: check
                // the head, and if it fails, binary-search for where the prefix ends.
                func valid(_ i: Int) -> Bool { report.signaturesChecked += 1; return entry(at: i)?.hasValidSignature(by: owner) ?? false }
                if !valid(good - 1) {
                    var low = 0, high = good - 1
                    while low < high {
                        let mid = (low + high) / 2
                        if valid(mid) { low = mid + 1 } else { high = mid }
                    }
                    report.problem = Problem(entry: Int64(low + 1), what: Self.badSignature)
                }
            }
        }
        if report.problem == nil, checkDetails {
            try checkDetails(summaries.prefix(good).map { $0.commitment }, into: &report)
        }
        if report.problem == nil {
            let withEvidence = summaries.prefix(good).filter { $0.evidenceProblem != nil }
            report.evidenceChecked = withEvidence.count
            if let first = withEvidence.first(where: { $0.evidenceProblem != "" }) {
                report.problem = Problem(entry: first.seq, what: first.evidenceProblem!)
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
            } else if (c.size == 0 ? LogEntry.genesis(owner: owner) : summaries[Int(c.size) - 1].hash) != c.head {
                report.checkpointProblems.append("the log differs from the checkpoint a counterpart holds at size \(c.size): entries up to \(c.size) were rewritten")
            }
        }
        return report
    }

    static let badSignature = "its signature does not verify: it was changed after it was signed"

    /// A link from `previous` to `entry` is broken: the one whose signature fails was edited;
    /// if both hold, the entries are not neighbours (one was inserted, removed or moved).
    private func blame(broken position: Int64, previous: LogEntry?, entry: LogEntry?) -> Problem {
        if let previous, !previous.hasValidSignature(by: owner) {
            return Problem(entry: position - 1, what: Self.badSignature)
        }
        if entry?.hasValidSignature(by: owner) != true {
            return Problem(entry: position, what: Self.badSignature)
        }
        return Problem(entry: position, what: "does not follow entry \(position - 1): an entry was inserted, removed or moved here")
    }

    private func checkDetails(_ commitments: [[UInt8]], into report: inout Report) throws(LogError) {
        let file: MappedFile
        do { file = try MappedFile(path: directory + "/" + ReceiptLog.detailsFileName) } catch {
            throw LogError(error, while: "read the log's details")
        }
        let atRest = self.atRest
        let opening = atRest?.canOpen == true
        // A commitment, or nil for a sealed line that was not opened (no identity) or did not open.
        let parsed = Self.parallelMap(file.lines().lines) { range -> (Int64, [UInt8]?)? in
            StoredDetails.parse(line: file.slice(range)).map { ($0.seq, $0.open(with: atRest)?.commitment) }
        }
        var matched = [Bool](repeating: false, count: commitments.count)
        var unchecked = [Bool](repeating: false, count: commitments.count)
        var altered: Int64?
        for case let (seq, commitment)? in parsed where seq >= 1 && seq <= commitments.count {
            let index = Int(seq - 1)
            if commitment == nil, !opening {
                unchecked[index] = true
            } else if commitment == commitments[index] {
                matched[index] = true
            } else if altered == nil || seq < altered! {
                altered = seq
            }
        }
        // A details line that does not match is tampering, unless a later line for the same entry
        // does (a crash between writing details and the entry leaves an orphan that is rewritten).
        if let altered, !matched[Int(altered - 1)] {
            report.problem = Problem(entry: altered, what: "its details do not match the commitment in the chain: they were altered")
            return
        }
        report.detailsSealedUnchecked = Int64(zip(matched, unchecked).count { !$0 && $1 })
        report.detailsPresent = Int64(matched.count { $0 }) + report.detailsSealedUnchecked
        report.detailsErased = Int64(commitments.count) - report.detailsPresent
    }

    /// Maps over `items` on every core, keeping order.
    static func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, items.count))
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

/// Write-once slots filled from several threads, each index by exactly one. The storage is one
/// allocation made up front and never moved, so writers to different indices never touch the
/// same memory (an Array would be briefly emptied by each `withUnsafeMutableBufferPointer`).
final class ResultSlots<R>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<R?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func set(_ index: Int, _ value: R) {
        precondition(index >= 0 && index < count)
        storage[index] = value
    }

    func values() -> [R] { (0..<count).map { storage[$0]! } }
}
