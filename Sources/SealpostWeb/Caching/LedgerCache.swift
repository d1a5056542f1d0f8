import Foundation
import SealpostCore
import SealpostLedger

/// The receipt log as read and interpreted (`Ledger`, `MessageStatus`), kept between requests
/// while the log's files are unchanged (FileFingerprint), so the log page does not parse every
/// entry again for each page it shows. Reading it is what `sealpost bench web` found slowest.
final class LedgerCache: @unchecked Sendable {
    struct Snapshot: Sendable {
        let ledger: Ledger
        let status: MessageStatus
    }

    /// One per process: every app in it reads its own home's log (keyed by folder).
    static let shared = LedgerCache()

    private let lock = NSLock()
    private var held: [String: (fingerprint: FileFingerprint, snapshot: Snapshot)] = [:]

    /// The log in `directory` as it is now, its sealed details opened with `atRest` (every
    /// session of an app unlocks the same agency's key); an unreadable log is an empty one.
    func snapshot(directory: String, atRest: AtRest) -> Snapshot {
        let fingerprint = FileFingerprint(paths: [], listing: [directory])
        if let cached = lock.withLock({ held[directory] }), cached.fingerprint == fingerprint { return cached.snapshot }
        let ledger = (try? Ledger.read(directory: directory, atRest: atRest)) ?? Ledger()
        let snapshot = Snapshot(ledger: ledger, status: MessageStatus(ledger.entries))
        // Keep it only if the files had settled before they were read; otherwise read again next time.
        if fingerprint.isSettled(at: FileFingerprint.realNow), fingerprint == FileFingerprint(paths: [], listing: [directory]) {
            lock.withLock { held[directory] = (fingerprint, snapshot) }
        } else {
            lock.withLock { held[directory] = nil }
        }
        return snapshot
    }
}
