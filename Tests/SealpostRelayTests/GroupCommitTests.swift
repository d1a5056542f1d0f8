import Foundation
import Synchronization
import Testing
import SealpostProtocol
@testable import SealpostRelay

@Suite("Group commit and durability in the SQLite store")
struct GroupCommitTests {
    @Test("the store's writer runs in WAL mode with synchronous=FULL")
    func durableSettings() async throws {
        let folder = try TemporaryFolder("relay-durable")
        defer { folder.remove() }
        let store = try SQLiteRelayRepository(path: folder.file("relay.sqlite"), startedAt: 0)
        let settings = try await store.durabilitySettings()
        #expect(settings.journalMode == "wal")
        #expect(settings.synchronous == 2, "2 is FULL")
        try await store.close()
    }

    @Test("in one batch, a failing write is undone whole and answered with its error; the others commit and succeed")
    func failingWriteInABatch() async throws {
        let folder = try TemporaryFolder("relay-batch")
        defer { folder.remove() }
        let largest = Mutex(0)
        let store = try SQLiteRelayRepository(path: folder.file("relay.sqlite"), startedAt: 0,
                                              observeCommit: { size, _ in largest.withLock { $0 = max($0, size) } })
        // A slow first write holds the writer, so everything submitted meanwhile shares the next commit.
        let slow = Task {
            try await store.write(sql: "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000) SELECT count(*) FROM c")
        }
        try await Task.sleep(for: .milliseconds(20))
        let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            for i in 0..<40 {
                group.addTask {
                    // Odd writes make their row, then fail on inserting it again: the row must not survive.
                    let row = "INSERT INTO mailbox_usage (mailbox, count, bytes) VALUES ('m\(i)', 1, \(i));"
                    let sql = i % 2 == 1 ? row + " " + row : row
                    do {
                        try await store.write(sql: sql)
                        return (i, true)
                    } catch {
                        return (i, false)
                    }
                }
            }
            return try await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
        }
        try await slow.value
        #expect(largest.withLock { $0 } > 1, "the writes shared a commit")
        for i in 0..<40 {
            let usage = try await store.usage(mailbox: "m\(i)")
            if i % 2 == 0 {
                #expect(outcomes[i] == true, "write \(i) succeeded")
                #expect(usage == MailboxUsage(count: 1, bytes: Int64(i)), "write \(i) is stored")
            } else {
                #expect(outcomes[i] == false, "write \(i) was answered with its failure")
                #expect(usage == MailboxUsage(count: 0, bytes: 0), "nothing of write \(i) is stored")
            }
        }
        try await store.close()

        // And all of it as read back by a fresh process's store.
        let reopened = try SQLiteRelayRepository(path: folder.file("relay.sqlite"), startedAt: 0)
        #expect(try await reopened.usage(mailbox: "m0") == MailboxUsage(count: 1, bytes: 0))
        #expect(try await reopened.usage(mailbox: "m1") == MailboxUsage(count: 0, bytes: 0))
        try await reopened.close()
    }

    @Test("a write submitted after the store closed is refused, not left waiting")
    func closedStore() async throws {
        let folder = try TemporaryFolder("relay-closed")
        defer { folder.remove() }
        let store = try SQLiteRelayRepository(path: folder.file("relay.sqlite"), startedAt: 0)
        try await store.close()
        await #expect(throws: (any Error).self) {
            try await store.write(sql: "INSERT INTO mailbox_usage (mailbox, count, bytes) VALUES ('late', 1, 1)")
        }
    }
}
