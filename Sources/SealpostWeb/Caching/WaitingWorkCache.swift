import Foundation
import SealpostAgreement
import SealpostCore
import SealpostExchange

/// What is waiting on whom (`WaitingWork`), kept between requests while none of the stores it is
/// read from has changed and for at most `lifetime` seconds. Every one of those stores changes
/// its folder when it changes (records are renamed into the inbox; journals and the outbox are
/// written by renaming into their folders), so the folders' fingerprint tells a change. Home and
/// its lists read every record's entry otherwise, for every view (`sealpost bench web`).
///
/// The lists' order (overdue first) is as it was when read, so it may lag by up to `lifetime`;
/// pages decide "overdue" from the current time themselves.
final class WaitingWorkCache: @unchecked Sendable {
    static let shared = WaitingWorkCache()
    static let lifetime: Int64 = 60

    private let lock = NSLock()
    private var held: [String: (fingerprint: FileFingerprint, deadlines: ResponseDeadlines, work: WaitingWork)] = [:]

    func work(home: Home, now: Int64, deadlines: ResponseDeadlines) throws -> WaitingWork {
        let folders = [Outbox(home: home).directory, Outbox.requests(home: home).directory, Inbox(home: home).directory,
                       Inbox.requests(home: home).directory, AckJournal(home: home).directory, OutcomeJournal(home: home).directory,
                       DeclineJournal(home: home).directory]
        let fingerprint = FileFingerprint(paths: folders)
        if let cached = lock.withLock({ held[home.path] }), cached.fingerprint == fingerprint, cached.deadlines == deadlines,
           (0..<Self.lifetime).contains(now - cached.work.now) {
            return cached.work
        }
        let work = try WaitingWork(home: home, now: now, deadlines: deadlines)
        if fingerprint.isSettled(at: FileFingerprint.realNow), fingerprint == FileFingerprint(paths: folders) {
            lock.withLock { held[home.path] = (fingerprint, deadlines, work) }
        } else {
            lock.withLock { held[home.path] = nil }
        }
        return work
    }
}
