import Foundation
import Testing
import SealpostCore
import SealpostProtocol
@testable import SealpostRelay
#if canImport(Glibc)
import Glibc
#endif

/// What is particular to the PostgreSQL store: its URL, and how the relay refuses to start when the
/// database is not there. (The behaviour over it is the whole suite's, run against both stores.)
@Suite("The PostgreSQL store: its URL, its refusals, sweeps by several instances")
struct PostgresStoreTests {
    @Test("a postgres:// URL is read whole; TLS is required beyond loopback; the password is never shown")
    func urls() throws {
        let local = try PostgresURL("postgres://relay@127.0.0.1:6543/sealpost", environment: [:])
        #expect(local.host == "127.0.0.1")
        #expect(local.port == 6543)
        #expect(local.username == "relay")
        #expect(local.password == nil)
        #expect(local.database == "sealpost")
        #expect(local.sslMode == .disable)

        let remote = try PostgresURL("postgresql://relay:s3cret@db.kingsbridge.example/sealpost", environment: [:])
        #expect(remote.port == 5432)
        #expect(remote.password == "s3cret")
        #expect(remote.sslMode == .require, "beyond loopback the store's traffic is encrypted unless told otherwise")
        #expect(remote.redacted == "postgres://relay:***@db.kingsbridge.example:5432/sealpost")
        #expect(!remote.redacted.contains("s3cret"))
        #expect(try PostgresURL("postgres://relay@db.example/s?sslmode=prefer", environment: [:]).sslMode == .prefer)
        #expect(try PostgresURL("postgres://relay@127.0.0.1/s", environment: ["PGPASSWORD": "from-env"]).password == "from-env")

        for (text, says) in [("mysql://relay@127.0.0.1/s", "not a postgres:// URL"), ("postgres://127.0.0.1/s", "names no user"),
                             ("postgres://relay@127.0.0.1", "names no database"), ("postgres://relay@127.0.0.1/s?x=1", "unknown parameter"),
                             ("postgres://relay@127.0.0.1/s?sslmode=allow", "sslmode must be")] {
            #expect(throws: RelayConfigurationError.self, "\(text)") { try PostgresURL(text, environment: [:]) }
            do { _ = try PostgresURL(text, environment: [:]) } catch { #expect(error.message.contains(says), "\(text): \(error.message)") }
        }
    }

    @Test("serve refuses a database it cannot reach or that does not exist, at once, saying which and never the password")
    func refusals() async throws {
        let folder = try TemporaryFolder("relay-pg-refuse")
        defer { folder.remove() }
        let home = try RelayProcess.makeHome(in: folder)
        // Port 1 on loopback: nothing listens there.
        let unreachable = try RelayProcess(["serve", "--home", home.path, "--port", "0", "--database", "postgres://relay:s3cret@127.0.0.1:1/sealpost"])
        #expect(await unreachable.exitStatus() == 1)
        #expect(unreachable.standardError.contains("sealpost-relay: error: cannot open the relay database postgres://relay:***@127.0.0.1:1/sealpost"),
                "\(unreachable.standardError)")
        #expect(unreachable.standardError.contains("Connection refused"))
        #expect(!unreachable.standardError.contains("s3cret"))

        let both = try RelayProcess(["serve", "--home", home.path, "--port", "0", "--db", folder.file("x.sqlite"),
                                     "--database", "postgres://relay@127.0.0.1:1/sealpost"])
        #expect(await both.exitStatus() != 0)
        #expect(both.standardError.contains("--db (SQLite) and --database (PostgreSQL) are two stores"))

        let malformed = try RelayProcess(["serve", "--home", home.path, "--port", "0"], environment: ["SEALPOST_RELAY_DATABASE": "postgres://nobody"])
        #expect(await malformed.exitStatus() == 1)
        #expect(malformed.standardError.contains("the database URL names no user"), "\(malformed.standardError)")

        guard TestStore.all.contains(.postgres) else { return }
        let server = try PostgresURL(try #require(PostgresTestServer.url))
        let missing = try RelayProcess(["serve", "--home", home.path, "--port", "0",
                                        "--database", "postgres://\(server.username)@\(server.host):\(server.port)/sealpost_no_such_database"])
        #expect(await missing.exitStatus() == 1)
        #expect(missing.standardError.contains("database \"sealpost_no_such_database\" does not exist"), "\(missing.standardError)")
    }

    @Test("serve refuses a server that does not flush its commits (fsync off), since it could lose an acknowledged deposit")
    func refusesNonDurableServer() async throws {
        guard TestStore.all.contains(.postgres) else { return }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("postgres/cluster.sh").path
        // Output to a file, not a pipe: the server the script starts could hold a pipe's end open.
        let folder = try TemporaryFolder("relay-pg-fsync")
        defer { folder.remove() }
        // Blocking, so run on a thread of its own rather than Swift's cooperative pool.
        func run(_ arguments: [String], settings: String = "") async throws -> String {
            try await withCheckedThrowingContinuation { continuation in
                Thread.detachNewThread { continuation.resume(with: Result { try runBlocking(arguments, settings: settings) }) }
            }
        }
        // Through system(3), not Foundation's Process, which was seen never to notice this script's end.
        @Sendable func runBlocking(_ arguments: [String], settings: String) throws -> String {
            let outputPath = folder.file("cluster-\(arguments[0]).out")
            let quoted = ([script] + arguments).map { "'\($0)'" }.joined(separator: " ")
            _ = system("SEALPOST_PG_SETTINGS='\(settings)' /bin/bash \(quoted) > '\(outputPath)' 2>/dev/null < /dev/null")
            return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        }
        // Its own throwaway cluster: the shared one must stay durable for the other tests.
        let started = try await run(["start"], settings: "-c fsync=off")
        let url = try #require(started.firstMatch(of: /SEALPOST_TEST_POSTGRES_URL=(\S+)/)?.1, "the cluster did not start: \(started)")
        let directory = try #require(started.firstMatch(of: /SEALPOST_TEST_POSTGRES_DIR=(\S+)/)?.1)
        // An immediate stop takes a moment; done here even when an expectation above fails.
        defer { _ = try? runBlocking(["stop", String(directory)], settings: "") }
        let home = try RelayProcess.makeHome(in: folder)
        let relay = try RelayProcess(["serve", "--home", home.path, "--port", "0", "--database", String(url)])
        #expect(await relay.exitStatus() == 1)
        #expect(relay.standardError.contains("the database runs with fsync = off, so an acknowledged deposit could be lost; it must be on"),
                "\(relay.standardError)")
    }

    @Test("two instances sweeping at once expire each copy exactly once and leave the quota true (SKIP LOCKED)")
    func concurrentSweeps() async throws {
        guard TestStore.all.contains(.postgres) else { return }
        let database = try await PostgresTestServer.createDatabase()
        let first = try await PostgresRelayRepository(url: database.url)
        let second = try await PostgresRelayRepository(url: database.url)
        let quota = MailboxQuota(maximumCount: 100_000, maximumBytes: 1 << 40)
        let count = 300
        for _ in 0..<count {
            let bytes = envelope(size: 100)
            let receipt = DepositReceipt(envelopeID: EnvelopeID(of: bytes), relay: Party.relay.agencyID, sender: Party.school.agencyID,
                                         mailboxes: [Party.mash.agencyID, Party.police.agencyID].sorted(), depositedAt: 1000, expiresAt: 2000)
                .signed(with: Party.relay.signingKey)
            _ = try await first.deposit(NewDeposit(receipt: receipt, body: .whole(bytes), size: Int64(bytes.count), forgetAt: 3000, quota: quota))
        }
        #expect(try await second.usage(mailbox: Party.mash.agencyID) == MailboxUsage(count: count, bytes: Int64(count * 100)))

        // Both sweep in small batches at the same time until neither finds anything more.
        func sweepAll(_ store: PostgresRelayRepository) async throws -> ExpiryReport {
            var total = ExpiryReport()
            while true {
                let report = try await store.expire(now: 2500, batchLimit: 25)
                if report.isEmpty { return total }
                total.expired += report.expired
                total.bodiesDropped += report.bodiesDropped
            }
        }
        async let one = sweepAll(first)
        async let two = sweepAll(second)
        let (a, b) = try await (one, two)
        print("two sweepers over \(2 * count) expired copies: \(a.expired) and \(b.expired); bodies dropped \(a.bodiesDropped) and \(b.bodiesDropped)")
        #expect(a.expired + b.expired == 2 * count, "every copy expired once")
        #expect(a.bodiesDropped + b.bodiesDropped == count, "every body dropped once")
        for mailbox in [Party.mash.agencyID, Party.police.agencyID] {
            #expect(try await first.usage(mailbox: mailbox) == MailboxUsage(count: 0, bytes: 0))
        }
        // Later, both forget the tombstones, each once.
        let forgotten = try await first.expire(now: 3500, batchLimit: 1000).forgotten + second.expire(now: 3500, batchLimit: 1000).forgotten
        #expect(forgotten == count)
        try await first.close()
        try await second.close()
        await database.drop()
    }
}
