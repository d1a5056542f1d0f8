import Foundation
import GRDB
import SealpostSodium

/// The bare SQLite ceiling the relay bench compares its deposit rate with: rows of the envelope's
/// size inserted into one file with the relay's durability (WAL, `synchronous=FULL`), `batch` rows
/// per transaction (the relay's own group-commit size), and nothing else: no HTTP, no signatures,
/// no mailboxes. Here (package access) because only SealpostRelay links GRDB; the benchmark calls it.
package enum RawInsertCeiling {
    /// Rows inserted per second over `seconds`, in a new file in `folder` (removed afterwards).
    package static func sqlite(folder: String, size: Int, batch: Int, seconds: Double) throws -> Double {
        let path = folder + "/raw-ceiling.sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 4000")
            try db.execute(sql: "CREATE TABLE raw (seq INTEGER PRIMARY KEY, id BLOB NOT NULL UNIQUE, bytes BLOB NOT NULL)")
        }
        var body = RandomBytes.make(count: size)
        var rows = 0
        let start = ContinuousClock.now
        let until = start + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < until {
            try queue.inTransaction { db in
                let insert = try db.cachedStatement(sql: "INSERT INTO raw (id, bytes) VALUES (?, ?)")
                for _ in 0..<max(1, batch) {
                    rows += 1
                    withUnsafeBytes(of: UInt64(rows).bigEndian) { body.replaceSubrange(0..<8, with: $0) }
                    try insert.execute(arguments: [Data(BLAKE2b.hash(body)), Data(body)])
                }
                return .commit
            }
        }
        let elapsed = ContinuousClock.now - start
        try queue.close()
        return Double(rows) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
}
