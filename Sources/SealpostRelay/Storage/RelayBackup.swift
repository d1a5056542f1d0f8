import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// `sealpost-relay backup`: a consistent copy of a relay's SQLite file, taken while the relay serves.
///
/// SQLite's online backup copies every page inside one read transaction, so the copy is the
/// database as of one commit; in WAL mode that read blocks no writer, and the relay keeps taking
/// deposits meanwhile. The copy is written to a temporary file beside the destination, checked
/// (`PRAGMA integrity_check`), fsynced, and only then linked to its name, which fails rather than
/// replace a file that exists: a backup never overwrites anything, and never leaves half a file
/// under the name asked for.
public enum RelayBackup {
    public struct Report: Sendable {
        /// Envelope ids remembered (waiting, delivered or expired, until forgotten) and copies waiting.
        public let envelopes: Int
        public let waiting: Int
        public let bytes: Int64
    }

    public static func sqlite(from source: String, to destination: String) throws(RelayConfigurationError) -> Report {
        guard FileManager.default.fileExists(atPath: source) else {
            throw RelayConfigurationError("there is no relay database at \(source)", hint: "pass the relay's --db (default: HOME/relay.sqlite)")
        }
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw RelayConfigurationError("\(destination) exists; a backup never overwrites a file", hint: "choose a new file name, e.g. with the date in it")
        }
        let folder = (destination as NSString).deletingLastPathComponent
        let partial = (folder.isEmpty ? "." : folder) + "/.\((destination as NSString).lastPathComponent).partial-\(getpid())"
        unlink(partial)
        defer { unlink(partial) }
        do {
            guard FileManager.default.createFile(atPath: partial, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw RelayConfigurationError("cannot create \(partial)", hint: "the backup's folder must exist and be writable")
            }
            // Read-write only so that SQLite may open the WAL index beside a relay; nothing is written.
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            let from = try DatabasePool(path: source, configuration: configuration)
            let to = try DatabaseQueue(path: partial)
            try from.backup(to: to)
            try from.close()
            let report = try to.read { db -> Report in
                let check = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                guard check == ["ok"] else {
                    throw RelayConfigurationError("the copy failed its integrity check: \(check.prefix(3).joined(separator: "; "))",
                                                  hint: "the relay's database may be damaged; keep the previous backup")
                }
                return Report(envelopes: try Int.fetchOne(db, sql: "SELECT count(*) FROM envelope") ?? 0,
                              waiting: try Int.fetchOne(db, sql: "SELECT count(*) FROM delivery WHERE state = 0") ?? 0,
                              bytes: try Int64.fetchOne(db, sql: "SELECT coalesce(sum(length(c.bytes)), 0) FROM deposit_chunk c JOIN deposit_body b ON b.id = c.body WHERE b.seq IS NOT NULL") ?? 0)
            }
            try to.close()
            try syncFile(partial)
            guard link(partial, destination) == 0 else {
                throw RelayConfigurationError("cannot name the backup \(destination): \(String(cString: strerror(errno)))",
                                              hint: "a backup never overwrites a file; choose a new name")
            }
            try syncFile(folder.isEmpty ? "." : folder)
            return report
        } catch let error as RelayConfigurationError {
            throw error
        } catch {
            throw RelayConfigurationError("the backup of \(source) failed: \(error)", hint: "check the disk space and permissions of the backup's folder")
        }
    }

    private static func syncFile(_ path: String) throws(RelayConfigurationError) {
        let descriptor = open(path, O_RDONLY)
        defer { if descriptor >= 0 { close(descriptor) } }
        guard descriptor >= 0, fsync(descriptor) == 0 else {
            throw RelayConfigurationError("cannot flush \(path) to disk: \(String(cString: strerror(errno)))")
        }
    }

    /// What to do instead for a PostgreSQL store: the database is the server's to back up.
    public static let postgresAdvice = """
        A relay on PostgreSQL keeps everything in the database, so back up the database with the server's own tools:
          pg_dump --format=custom --file=relay-$(date +%F).dump 'postgres://USER@HOST:PORT/DB'
            a consistent logical copy taken while the relays serve (restore with pg_restore into an empty database);
          continuous archiving (archive_mode=on, archive_command, pg_basebackup) for point-in-time recovery,
            which loses at most the WAL not yet archived, and a streaming standby for failover.
        See examples/relay/DEPLOYMENT.md.
        """
}
