import Foundation
import SealpostCore
import SealpostExchange
import SealpostRecord

/// The inbox list's rows as read from disk: each record's entry and the child's name from its
/// content, kept in memory after the first read. `Inbox.store` writes a record's folder once (by
/// renaming a finished folder into place), so a folder whose inode and modification time are
/// unchanged holds what was read; a changed or new folder is read again. With 1,000 records the
/// list otherwise read and parsed 2,000 files for every view (`sealpost bench web`).
final class InboxEntryCache: @unchecked Sendable {
    struct Item: Sendable {
        let entry: InboxEntry
        let child: String?
        fileprivate let stamp: [Int64]
    }

    static let shared = InboxEntryCache()

    private let lock = NSLock()
    private var held: [String: Item] = [:]

    /// Every record in `inbox` (in no order), read from disk only where it is not already held.
    func items(_ inbox: Inbox) throws -> [Item] {
        var out: [Item] = []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: inbox.directory)) ?? []
        for name in names where !name.hasPrefix(".") && EnvelopeID(hex: name) != nil {
            let folder = inbox.folder(name)
            var s = stat()
            guard stat(folder, &s) == 0 else { continue }
            let stamp = [Int64(s.st_ino), Int64(s.st_mtim.tv_sec), Int64(s.st_mtim.tv_nsec)]
            if let item = lock.withLock({ held[folder] }), item.stamp == stamp {
                out.append(item)
                continue
            }
            guard let entry = try inbox.entry(name) else { continue }
            let record = inbox.content(name).flatMap { try? JSONParser.parse($0) }
            let item = Item(entry: entry, child: record?["subject"]?["name"]?.stringValue, stamp: stamp)
            lock.withLock { held[folder] = item }
            out.append(item)
        }
        return out
    }
}
