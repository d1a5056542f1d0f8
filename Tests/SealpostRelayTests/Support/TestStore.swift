import Foundation
import Logging
import PostgresNIO
import Testing
@testable import SealpostRelay
import SealpostCore
import SealpostSodium

/// The stores the relay suite runs against: every test that runs a relay takes one as its argument
/// (`@Test(arguments: TestStore.all)`), so one suite covers both, not two copies of it.
///
/// PostgreSQL tests need a server: `Tests/test.sh` (and so `.ci/run`) starts a throwaway cluster on
/// 127.0.0.1 and passes its URL in `SEALPOST_TEST_POSTGRES_URL`; each test gets a database of its
/// own, dropped after it. Without the variable the PostgreSQL cases are left out with a note, except
/// under `CI=true`, where they run and fail saying what is missing: CI never skips them silently.
enum TestStore: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    static let all: [TestStore] = {
        if PostgresTestServer.url != nil || ProcessInfo.processInfo.environment["CI"] == "true" { return allCases }
        FileHandle.standardError.write(Data("note: SEALPOST_TEST_POSTGRES_URL is not set, so the relay tests run against SQLite only (Tests/test.sh starts a PostgreSQL for them)\n".utf8))
        return [.sqlite]
    }()

    /// Points `config` at this store: the SQLite file in `folder` (as `relayConfiguration` already
    /// does), or a new, empty PostgreSQL database, returned so it can be dropped.
    func prepare(_ config: inout RelayConfiguration) async throws -> TestDatabase? {
        guard self == .postgres else { return nil }
        let database = try await PostgresTestServer.createDatabase()
        config.database = database.url
        return database
    }
}

/// One test's PostgreSQL database.
struct TestDatabase: Sendable {
    let name: String
    let url: PostgresURL
    var urlText: String { "postgres://\(url.username)@\(url.host):\(url.port)/\(name)" }

    /// Drops it, closing whatever connections are left.
    func drop() async {
        _ = try? await PostgresTestServer.admin().query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
    }
}

/// The throwaway server of this test run, and a client on it that creates and drops databases.
enum PostgresTestServer {
    static let url: String? = ProcessInfo.processInfo.environment["SEALPOST_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    private static let client = Locked<PostgresClient?>(nil)

    static func admin() throws -> PostgresClient {
        guard let url else {
            throw RawError("SEALPOST_TEST_POSTGRES_URL is not set: the PostgreSQL store cannot be tested (CI=true). Run Tests/test.sh, which starts a throwaway PostgreSQL on 127.0.0.1, or start one with Tests/postgres/cluster.sh start")
        }
        let parsed = try PostgresURL(url)
        return client.update { existing in
            if let existing { return existing }
            var configuration = parsed.clientConfiguration()
            configuration.options.maximumConnections = 4
            let made = PostgresClient(configuration: configuration, backgroundLogger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            Task.detached { await made.run() }
            existing = made
            return made
        }
    }

    static func createDatabase() async throws -> TestDatabase {
        let admin = try admin()
        let name = "sealpost_t_" + Hex.encode(RandomBytes.make(count: 8))
        try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        var url = try PostgresURL(url!)
        url.database = name
        return TestDatabase(name: name, url: url)
    }

    /// Runs `sql` in the test database behind `config` (as someone with access to the database could).
    static func execute(_ sql: String, in config: RelayConfiguration) async throws {
        guard let url = config.database else { throw RawError("not a PostgreSQL relay") }
        let client = PostgresClient(configuration: url.clientConfiguration(), backgroundLogger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let runner = Task { await client.run() }
        defer { runner.cancel() }
        try await client.query(PostgresQuery(unsafeSQL: sql))
    }
}

/// A second handle on the store behind `config`, as the sweeper uses it.
func openRepository(_ config: RelayConfiguration, startedAt: Int64) async throws -> any RelayRepository {
    if let database = config.database { return try await PostgresRelayRepository(url: database) }
    return try SQLiteRelayRepository(path: config.databasePath, startedAt: startedAt)
}

/// The `serve` flags that put a relay process on `store`: `--db` in `folder`, or `--database` with a new database.
func storeArguments(_ store: TestStore, in folder: TemporaryFolder, file: String = "relay.sqlite") async throws -> (arguments: [String], database: TestDatabase?) {
    guard store == .postgres else { return (["--db", folder.file(file)], nil) }
    let database = try await PostgresTestServer.createDatabase()
    return (["--database", database.urlText], database)
}

extension RelayRepository {
    /// Every byte of a stored envelope, read chunk by chunk into memory (the relay itself streams them).
    func fetchWhole(_ id: EnvelopeID, mailbox: String, now: Int64) async throws -> [UInt8]? {
        guard let stored = try await fetch(id, mailbox: mailbox, now: now) else { return nil }
        var bytes: [UInt8] = []
        for part in 0..<stored.parts {
            guard let chunk = try await bodyChunk(body: stored.body, part: part) else { return nil }
            // The first chunk a fetch read with the rest (batched on PostgreSQL) is what the route
            // sends first: it must be this copy's own part 0, never another request's.
            if part == 0, let first = stored.firstChunk {
                #expect(first == chunk, "the first chunk read with the fetch is this envelope's part 0")
            }
            bytes += chunk
        }
        return bytes
    }
}
