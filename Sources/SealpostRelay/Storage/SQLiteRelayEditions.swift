import Foundation
import GRDB

// The newest agreement edition (kept so that a restart on an older file still converges on it) and
// the health check.
extension SQLiteRelayRepository {
    public func publishAgreement(id: String, version: Int64, bytes: [UInt8]) async throws {
        let data = Data(bytes)
        try await committer.submit { db in
            try db.execute(sql: """
                INSERT INTO agreement_edition (id, version, bytes) VALUES (?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET version = excluded.version, bytes = excluded.bytes
                WHERE agreement_edition.version < excluded.version
                """, arguments: [id, version, data])
        }
    }

    public func newerAgreement(id: String, than version: Int64) async throws -> [UInt8]? {
        try await pool.read { db in
            try Data.fetchOne(db, sql: "SELECT bytes FROM agreement_edition WHERE id = ? AND version > ?",
                              arguments: [id, version]).map { Array($0) }
        }
    }

    /// The file must still be the one the relay opened (a relay writing into a deleted or replaced
    /// file would acknowledge deposits nobody can ever read back), and a read must succeed.
    public func checkHealth() async throws {
        guard let now = FileIdentity(path: path) else {
            throw RelayStorageError("the database file \(path) is gone")
        }
        guard now == opened else {
            throw RelayStorageError("the database file \(path) was replaced while the relay had it open")
        }
        do {
            _ = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM agreement_edition") }
        } catch {
            throw RelayStorageError("the database file \(path) cannot be read: \(error)")
        }
    }
}

/// A file's device and inode: which file a path names now.
struct FileIdentity: Equatable, Sendable {
    let device: UInt64
    let inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
