import Foundation
import GRDB
import SealpostCore
import SealpostProtocol
import SealpostSodium

/// The embedded store: one SQLite file through GRDB, WAL, `synchronous=FULL`.
///
/// Writes go through one `GroupCommitter`, so concurrent deposits and deletes share a transaction
/// and an fsync; each write method returns only after its transaction is durable. Reads run on
/// GRDB's reader pool beside the writer. The nonce ledger is in memory (see `NonceLedger`).
public struct SQLiteRelayRepository: RelayRepository {
    let pool: DatabasePool
    let committer: GroupCommitter
    private let ledger: NonceLedger
    /// The file as opened, and which file it was (for the health check).
    let path: String
    let opened: FileIdentity?

    /// Opens (creating if need be) the database at `path` and brings its schema up to date.
    /// `startedAt` is the relay's clock now: the nonce ledger refuses requests older than it.
    /// `observeCommit` sees each group commit's size and duration (for metrics).
    public init(path: String, startedAt: Int64,
                observeCommit: @escaping @Sendable (_ batchSize: Int, _ duration: Duration) -> Void = { _, _ in }) throws {
        var configuration = Configuration()
        configuration.label = "sealpost-relay"
        // Wait rather than fail if another process (a backup, sqlite3) briefly holds the write lock.
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // Fewer, larger checkpoints; the WAL is still bounded.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 4000")
        }
        // Who sends to whom is sensitive even without the content: the file (and so its -wal and
        // -shm companions, which SQLite creates with the same mode) is the owner's alone.
        if !FileManager.default.fileExists(atPath: path) {
            FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // Durable at commit: the WAL is fsynced before a transaction is reported committed.
            // This must follow the pool's opening: GRDB turns WAL on for the writer connection
            // after `prepareDatabase` has run, and sets `synchronous = NORMAL` as it does (which
            // fsyncs only at checkpoints, so a power cut could take back acknowledged deposits).
            let level = try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                return try Int.fetchOne(db, sql: "PRAGMA synchronous")
            }
            guard level == 2 else { throw RelayStorageError("SQLite did not take synchronous = FULL") }
            try RelaySchema.migrator.migrate(pool)
        } catch {
            throw RelayStorageError("cannot open the relay database \(path): \(error)")
        }
        committer = GroupCommitter(writer: pool, observe: observeCommit)
        ledger = NonceLedger(startedAt: startedAt)
        self.path = path
        opened = FileIdentity(path: path)
    }

    // MARK: Writes, one transaction each (shared with whatever else is in the same group commit)

    public func beginBody(now: Int64) async throws -> Int64 {
        try await committer.submit { db in
            try db.cachedStatement(sql: "INSERT INTO deposit_body (seq, started_at) VALUES (NULL, ?)").execute(arguments: [now])
            return db.lastInsertedRowID
        }
    }

    public func appendBodyChunk(body: Int64, part: Int, bytes: [UInt8]) async throws {
        let data = Data(bytes)
        try await committer.submit { db in
            try db.cachedStatement(sql: "INSERT INTO deposit_chunk (body, part, bytes) VALUES (?, ?, ?)")
                .execute(arguments: [body, part, data])
        }
    }

    public func discardBody(_ body: Int64) async throws {
        try await committer.submit { db in
            try db.cachedStatement(sql: "DELETE FROM deposit_body WHERE id = ? AND seq IS NULL").execute(arguments: [body])
        }
    }

    public func deposit(_ deposit: NewDeposit) async throws -> DepositOutcome {
        let receipt = deposit.receipt.receipt
        let id = Data(receipt.envelopeID.bytes)
        let signature = Data(deposit.receipt.signature.rawRepresentation)
        let (body, size) = (deposit.body, deposit.size)
        let quota = deposit.quota
        let forgetAt = deposit.forgetAt
        return try await committer.submit { db in
            if let existing = try Self.storedReceipt(id: id, db: db) {
                guard existing.receipt.sender == receipt.sender, existing.receipt.mailboxes == receipt.mailboxes else { return .conflict }
                return .duplicate(existing)
            }
            for mailbox in receipt.mailboxes {
                let usage = try Self.usage(mailbox, db: db)
                if usage.count + 1 > quota.maximumCount || usage.bytes + size > quota.maximumBytes {
                    return .mailboxFull(mailbox: mailbox)
                }
            }
            try db.cachedStatement(sql: """
                INSERT INTO envelope (id, sender, relay, size, deposited_at, expires_at, forget_at, signature, waiting)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [id, receipt.sender, receipt.relay, size, receipt.depositedAt, receipt.expiresAt,
                                         forgetAt, signature, receipt.mailboxes.count])
            let seq = db.lastInsertedRowID
            try Self.attach(body, size: size, to: seq, envelope: receipt.envelopeID, db: db)
            let insertDelivery = try db.cachedStatement(sql: "INSERT INTO delivery (seq, mailbox, state, at) VALUES (?, ?, 0, NULL)")
            let addUsage = try db.cachedStatement(sql: """
                INSERT INTO mailbox_usage (mailbox, count, bytes) VALUES (?, 1, ?)
                ON CONFLICT (mailbox) DO UPDATE SET count = count + 1, bytes = bytes + excluded.bytes
                """)
            for mailbox in receipt.mailboxes {
                try insertDelivery.execute(arguments: [seq, mailbox])
                try addUsage.execute(arguments: [mailbox, size])
            }
            return .stored(deposit.receipt)
        }
    }

    /// Makes `body` the body of envelope `seq`: a whole one is written now; a staged one must be
    /// whole (every chunk there, adding up to `size`) and still unclaimed.
    private static func attach(_ body: NewBody, size: Int64, to seq: Int64, envelope: EnvelopeID, db: Database) throws {
        switch body {
        case .whole(let bytes):
            try db.cachedStatement(sql: "INSERT INTO deposit_body (seq, started_at) SELECT seq, deposited_at FROM envelope WHERE seq = ?")
                .execute(arguments: [seq])
            try db.cachedStatement(sql: "INSERT INTO deposit_chunk (body, part, bytes) VALUES (?, 0, ?)")
                .execute(arguments: [db.lastInsertedRowID, Data(bytes)])
        case .staged(let id):
            let staged = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT count(c.part), coalesce(sum(length(c.bytes)), 0) FROM deposit_body d LEFT JOIN deposit_chunk c ON c.body = d.id
                WHERE d.id = ? AND d.seq IS NULL GROUP BY d.id
                """), arguments: [id])
            guard let staged, staged[0] as Int == DepositBody.parts(size), staged[1] as Int64 == size else {
                throw RelayStorageError("the staged body of envelope \(envelope.shortForm) is not whole")
            }
            try db.cachedStatement(sql: "UPDATE deposit_body SET seq = ? WHERE id = ?").execute(arguments: [seq, id])
        }
    }

    public func delete(_ id: EnvelopeID, mailbox: String, now: Int64) async throws -> Bool {
        let idData = Data(id.bytes)
        return try await committer.submit { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT e.seq, e.size, e.expires_at FROM envelope e JOIN delivery d ON d.seq = e.seq
                WHERE e.id = ? AND d.mailbox = ? AND d.state = 0
                """), arguments: [idData, mailbox]) else { return false }
            let seq: Int64 = row[0], size: Int64 = row[1], expiresAt: Int64 = row[2]
            // Past its expiry the copy is expired, whether or not the sweeper has marked it yet.
            let state = expiresAt <= now ? RelaySchema.State.expired : RelaySchema.State.deleted
            try Self.finish(seq: seq, mailbox: mailbox, size: size, state: state, at: state == RelaySchema.State.expired ? expiresAt : now, db: db)
            return state == RelaySchema.State.deleted
        }
    }

    public func expire(now: Int64, batchLimit: Int) async throws -> ExpiryReport {
        try await committer.submit { db in
            var report = ExpiryReport()
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT e.seq, e.size, e.expires_at, d.mailbox FROM envelope e JOIN delivery d ON d.seq = e.seq AND d.state = 0
                WHERE e.waiting > 0 AND e.expires_at <= ? LIMIT ?
                """), arguments: [now, batchLimit])
            for row in rows {
                let dropped = try Self.finish(seq: row[0], mailbox: row[3], size: row[1], state: RelaySchema.State.expired, at: row[2], db: db)
                report.expired += 1
                if dropped { report.bodiesDropped += 1 }
            }
            try db.cachedStatement(sql: """
                DELETE FROM envelope WHERE seq IN (SELECT seq FROM envelope WHERE forget_at <= ? AND waiting = 0 LIMIT ?)
                """).execute(arguments: [now, batchLimit])
            report.forgotten = db.changesCount
            try db.cachedStatement(sql: """
                DELETE FROM deposit_body WHERE id IN (SELECT id FROM deposit_body WHERE seq IS NULL AND started_at < ? LIMIT ?)
                """).execute(arguments: [now - DepositBody.abandonedAfter, batchLimit])
            report.abandoned = db.changesCount
            return report
        }
    }

    /// Ends one waiting copy; drops the body when no copy waits any more. True when it did.
    @discardableResult
    private static func finish(seq: Int64, mailbox: String, size: Int64, state: Int, at: Int64, db: Database) throws -> Bool {
        try db.cachedStatement(sql: "UPDATE delivery SET state = ?, at = ? WHERE seq = ? AND mailbox = ? AND state = 0")
            .execute(arguments: [state, at, seq, mailbox])
        try db.cachedStatement(sql: "UPDATE mailbox_usage SET count = count - 1, bytes = bytes - ? WHERE mailbox = ?")
            .execute(arguments: [size, mailbox])
        try db.cachedStatement(sql: "UPDATE envelope SET waiting = waiting - 1 WHERE seq = ?").execute(arguments: [seq])
        let waiting = try Int.fetchOne(db.cachedStatement(sql: "SELECT waiting FROM envelope WHERE seq = ?"), arguments: [seq]) ?? 0
        guard waiting == 0 else { return false }
        try db.cachedStatement(sql: "DELETE FROM deposit_body WHERE seq = ?").execute(arguments: [seq])
        return true
    }

    // MARK: Reads

    public func listMailbox(_ mailbox: String, after: EnvelopeID?, limit: Int, now: Int64) async throws -> MailboxPage {
        let afterID = after.map { Data($0.bytes) }
        return try await pool.read { db in
            var afterSeq: Int64 = 0
            if let afterID {
                guard let seq = try Int64.fetchOne(db.cachedStatement(sql: """
                    SELECT e.seq FROM envelope e JOIN delivery d ON d.seq = e.seq WHERE e.id = ? AND d.mailbox = ?
                    """), arguments: [afterID, mailbox]) else {
                    throw UnknownCursor()
                }
                afterSeq = seq
            }
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT e.id, e.sender, e.size, e.deposited_at, e.expires_at FROM delivery d JOIN envelope e ON e.seq = d.seq
                WHERE d.mailbox = ? AND d.state = 0 AND d.seq > ? AND e.expires_at > ?
                ORDER BY d.seq LIMIT ?
                """), arguments: [mailbox, afterSeq, now, limit + 1])
            var entries: [MailboxEntry] = []
            var lastID: EnvelopeID?
            for row in rows.prefix(limit) {
                let idBytes: Data = row[0]
                let id = EnvelopeID(storedBytes: Array(idBytes))
                entries.append(MailboxEntry(envelopeID: id.description, sender: row[1], size: row[2], depositedAt: row[3], expiresAt: row[4]))
                lastID = id
            }
            return MailboxPage(entries: entries, next: rows.count > limit ? lastID : nil)
        }
    }

    public func fetch(_ id: EnvelopeID, mailbox: String, now: Int64) async throws -> StoredBody? {
        let idData = Data(id.bytes)
        return try await pool.read { db in
            // The first chunk in the same read: a body of one chunk (most) is fetched in one go. (As
            // a blob whatever it is stored as: a value made text, with a NUL in it, must not be cut.)
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT b.id, e.size, CAST(c.bytes AS BLOB) FROM envelope e JOIN delivery d ON d.seq = e.seq JOIN deposit_body b ON b.seq = e.seq
                LEFT JOIN deposit_chunk c ON c.body = b.id AND c.part = 0
                WHERE e.id = ? AND d.mailbox = ? AND d.state = 0 AND e.expires_at > ?
                """), arguments: [idData, mailbox, now]) else { return nil }
            let size: Int64 = row[1]
            let first: Data? = row[2]
            return StoredBody(body: row[0], size: size, parts: DepositBody.parts(size), firstChunk: first.map { Array($0) })
        }
    }

    public func bodyChunk(body: Int64, part: Int) async throws -> [UInt8]? {
        try await pool.read { db in
            try Data.fetchOne(db.cachedStatement(sql: "SELECT bytes FROM deposit_chunk WHERE body = ? AND part = ?"),
                              arguments: [body, part]).map { Array($0) }
        }
    }

    public func depositStatus(_ id: EnvelopeID, sender: String, now: Int64) async throws -> DepositStatus? {
        let idData = Data(id.bytes)
        return try await pool.read { db in
            guard let envelope = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, expires_at FROM envelope WHERE id = ? AND sender = ?"),
                                                  arguments: [idData, sender]) else { return nil }
            let seq: Int64 = envelope[0], expiresAt: Int64 = envelope[1]
            let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT mailbox, state, at FROM delivery WHERE seq = ? ORDER BY mailbox"),
                                        arguments: [seq])
            let deliveries = rows.map { row -> DepositStatus.Delivery in
                let mailbox: String = row[0], state: Int = row[1], at: Int64? = row[2]
                switch state {
                case RelaySchema.State.deleted: return .init(mailbox: mailbox, state: .deleted, at: at)
                case RelaySchema.State.expired: return .init(mailbox: mailbox, state: .expired, at: at)
                default:
                    // Expired by the clock even if the sweeper has not been round yet.
                    return expiresAt <= now ? .init(mailbox: mailbox, state: .expired, at: expiresAt) : .init(mailbox: mailbox, state: .waiting, at: nil)
                }
            }
            return DepositStatus(envelopeID: id.description, expiresAt: expiresAt, deliveries: deliveries)
        }
    }

    public func usage(mailbox: String) async throws -> MailboxUsage {
        try await pool.read { db in try Self.usage(mailbox, db: db) }
    }

    public func claimNonce(agency: String, nonce: [UInt8], timestamp: Int64, window: Int64, now: Int64) async throws -> NonceClaim {
        ledger.claim(agency: agency, nonce: nonce, timestamp: timestamp, window: window, now: now)
    }

    public func close() async throws {
        committer.close()
        try pool.close()
    }

    // MARK: For tests of durability and of the group committer

    /// The writer connection's journal mode and `synchronous` level (2 is FULL).
    func durabilitySettings() async throws -> (journalMode: String, synchronous: Int) {
        try await pool.writeWithoutTransaction { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "", try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1)
        }
    }

    /// Runs `sql` as one write of the next group commit, answered once that commit is durable.
    func write(sql: String) async throws {
        try await committer.submit { db in try db.execute(sql: sql) }
    }

    // MARK: Helpers

    private static func usage(_ mailbox: String, db: Database) throws -> MailboxUsage {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT count, bytes FROM mailbox_usage WHERE mailbox = ?"),
                                         arguments: [mailbox]) else { return MailboxUsage(count: 0, bytes: 0) }
        return MailboxUsage(count: row[0], bytes: row[1])
    }

    private static func storedReceipt(id: Data, db: Database) throws -> SignedDepositReceipt? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT seq, sender, relay, deposited_at, expires_at, signature FROM envelope WHERE id = ?
            """), arguments: [id]) else { return nil }
        let seq: Int64 = row[0]
        let mailboxes = try String.fetchAll(db.cachedStatement(sql: "SELECT mailbox FROM delivery WHERE seq = ? ORDER BY mailbox"),
                                            arguments: [seq])
        let signatureBytes: Data = row[5]
        guard let signature = try? Ed25519.Signature(rawRepresentation: Array(signatureBytes)) else {
            throw RelayStorageError("the stored receipt signature of envelope \(Hex.encode(Array(id.prefix(8)))) is malformed")
        }
        let receipt = DepositReceipt(envelopeID: EnvelopeID(storedBytes: Array(id)), relay: row[2], sender: row[1],
                                     mailboxes: mailboxes, depositedAt: row[3], expiresAt: row[4])
        return SignedDepositReceipt(receipt: receipt, signature: signature)
    }
}

/// `after` names no envelope this mailbox has held.
struct UnknownCursor: Error {}

extension EnvelopeID {
    /// An id read back from the store, where the schema guarantees 32 bytes.
    init(storedBytes: [UInt8]) {
        self.init(bytes: storedBytes)
    }
}
