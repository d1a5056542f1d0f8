import Foundation
import Logging
import PostgresNIO
import Testing
@testable import SealpostRelay
import SealpostCore
import SealpostProtocol
import SealpostSodium

/// Envelopes larger than one chunk (spec/relay.md §Storage): streamed into the store in 1 MiB
/// chunks, checked against the signed hash before anything is listed, streamed out again, and
/// dropped whole when refused, cut short, expired or abandoned. Every test runs on both stores.
@Suite("Chunked deposits: large envelopes in, out, refused, expired")
struct ChunkedDepositTests {
    static let megabyte = 1 << 20

    func depositHead(_ relay: RunningRelay, body: [UInt8], extra: [(String, String)]) -> String {
        let target = RelayAPI.Path.envelopes + "?to=\(Party.mash.agencyID)"
        let client = SignedClient(relay, as: Party.school)
        return requestHead(method: "POST", target: target, port: relay.port,
                           headers: client.signatureHeaders(method: "POST", target: target, body: body) + extra)
    }

    @Test("a deposit of several chunks is stored in 1 MiB chunks and fetched byte for byte, with its length", arguments: TestStore.all)
    func largeRoundTrip(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let bytes = envelope(size: 3 * Self.megabyte + 12_345)
            let deposited = try await SignedClient(relay, as: Party.school).deposit(bytes, to: [Party.mash])
            #expect(deposited.status == 201)
            #expect(try await rows("deposit_chunk", in: relay.configuration) == 4)
            #expect(try await rows("deposit_body WHERE seq IS NULL", in: relay.configuration) == 0, "nothing is left staged")
            let mash = SignedClient(relay, as: Party.mash)
            let listed = try #require(try await mash.list().decode(MailboxListing.self)?.messages.first)
            #expect(listed.size == Int64(bytes.count))
            let fetched = try await mash.fetch(idOf(bytes))
            #expect(fetched.status == 200)
            #expect(fetched.header("Content-Length") == "\(bytes.count)")
            #expect(fetched.body == bytes)
            // A repeat is the duplicate it is, and leaves nothing staged behind.
            let again = try await SignedClient(relay, as: Party.school).deposit(bytes, to: [Party.mash])
            #expect(again.status == 200)
            #expect(again.decode(DepositResponse.self)?.duplicate == true)
            #expect(try await rows("deposit_chunk", in: relay.configuration) == 4)
            #expect(try await mash.delete(idOf(bytes)).status == 204)
            #expect(try await rows("deposit_chunk", in: relay.configuration) == 0, "the body goes once no copy waits")
        }
    }

    @Test("a large body that is not the one signed is refused 401 after its last byte, and nothing of it stays", arguments: TestStore.all)
    func hashMismatch(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let signed = envelope(size: 2 * Self.megabyte + 5)
            var sent = signed
            sent[Self.megabyte + 7] ^= 1
            let school = SignedClient(relay, as: Party.school)
            let target = RelayAPI.Path.envelopes + "?to=\(Party.mash.agencyID)"
            let reply = try await school.send(.POST, target, body: sent,
                                              headers: school.signatureHeaders(method: "POST", target: target, body: signed),
                                              contentType: RelayAPI.envelopeMediaType)
            #expect(reply.status == 401)
            #expect(reply.problem?.error == RelayErrorCode.contentHashMismatch)
            #expect(try await SignedClient(relay, as: Party.mash).waiting().isEmpty)
            #expect(try await rows("deposit_chunk", in: relay.configuration) == 0)
            #expect(try await rows("deposit_body", in: relay.configuration) == 0)
        }
    }

    @Test("a large body cut short by a half-close is the client's 400; nothing is listed and nothing stays staged", arguments: TestStore.all)
    func cutShort(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let body = envelope(size: 2 * Self.megabyte + 5)
            let connection = try RawConnection(port: relay.port, readTimeout: 120)
            defer { connection.close() }
            #expect(await connection.send(depositHead(relay, body: body, extra: [("Content-Length", "\(body.count)")])))
            // A whole chunk reaches the store before the client gives up.
            #expect(await connection.send(Array(body[..<(Self.megabyte + 100)])))
            connection.shutdownWrite()
            let answer = try #require(await connection.readResponse(), "the relay answers a half-closed deposit")
            #expect(answer.head.hasPrefix("HTTP/1.1 400"), "\(answer.head)")
            #expect(try await SignedClient(relay, as: Party.mash).waiting().isEmpty)
            #expect(try await rows("deposit_body", in: relay.configuration) == 0, "the staged chunks are dropped")
            #expect(try await rows("deposit_chunk", in: relay.configuration) == 0)
            // And the whole envelope still goes in afterwards.
            #expect(try await SignedClient(relay, as: Party.school).deposit(body, to: [Party.mash]).status == 201)
        }
    }

    @Test("over the limit is refused 413 stating the limit, which the health answer also states", arguments: TestStore.all)
    func tooLarge(store: TestStore) async throws {
        let limit = 2 * Self.megabyte
        try await withRelay(store: store, configure: { $0.limits.maximumEnvelopeBytes = limit }) { relay, _ in
            let health = try #require(try await SignedClient(relay, as: Party.school).send(.GET, RelayAPI.Path.health, headers: [])
                .decode(RelayHealth.self))
            #expect(health.maximumEnvelopeBytes == Int64(limit))
            // Declared: refused from the head.
            let connection = try RawConnection(port: relay.port)
            defer { connection.close() }
            #expect(await connection.send(depositHead(relay, body: [], extra: [("Content-Length", "\(limit + 1)")])))
            let response = try #require(await connection.readResponse())
            #expect(response.head.hasPrefix("HTTP/1.1 413"))
            let problem = try #require(RelayJSON.decode(RelayProblem.self, from: response.body))
            #expect(problem.error == RelayErrorCode.tooLarge)
            #expect(problem.maximumEnvelopeBytes == Int64(limit))
            #expect(problem.message.contains("\(limit) bytes"))
            // Chunked: refused as it passes, its first chunks (already staged) dropped.
            let chunked = try RawConnection(port: relay.port, readTimeout: 120)
            defer { chunked.close() }
            #expect(await chunked.send(depositHead(relay, body: envelope(size: limit * 2), extra: [("Transfer-Encoding", "chunked")])))
            async let answer = chunked.readResponse()
            let chunk = Array("10000\r\n".utf8) + [UInt8](repeating: 0x41, count: 65_536) + Array("\r\n".utf8)
            for _ in 0..<(2 * limit / 65_536) { if !(await chunked.send(chunk)) { break } }
            let refused = try #require(await answer)
            #expect(refused.head.hasPrefix("HTTP/1.1 413"))
            #expect(RelayJSON.decode(RelayProblem.self, from: refused.body)?.maximumEnvelopeBytes == Int64(limit))
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await rows("deposit_body", in: relay.configuration) == 0)
            // At the limit exactly, it is taken.
            #expect(try await SignedClient(relay, as: Party.school).deposit(envelope(size: limit), to: [Party.mash]).status == 201)
        }
    }

    @Test("a chunked deposit expires like any other: its chunks go with it; an abandoned staged body goes after a day", arguments: TestStore.all)
    func expiry(store: TestStore) async throws {
        let clock = TestClock()
        try await withRelay(store: store, clock: clock, configure: { $0.retention = 3600; $0.tombstoneLifetime = 7200 }) { relay, _ in
            let bytes = envelope(size: 2 * Self.megabyte + 1)
            #expect(try await SignedClient(relay, as: Party.school, clock: clock.function).deposit(bytes, to: [Party.mash]).status == 201)
            #expect(try await rows("deposit_chunk", in: relay.configuration) == 3)
            let repository = try await openRepository(relay.configuration, startedAt: clock.now)
            // A body a relay began and never finished (it died mid-deposit).
            let abandoned = try await repository.beginBody(now: clock.now)
            try await repository.appendBodyChunk(body: abandoned, part: 0, bytes: [UInt8](repeating: 7, count: 1000))
            #expect(try await rows("deposit_chunk", in: relay.configuration) == 4)

            clock.advance(by: 3601)
            #expect(try await repository.expire(now: clock.now, batchLimit: 100) == ExpiryReport(expired: 1, bodiesDropped: 1))
            #expect(try await rows("deposit_chunk", in: relay.configuration) == 1, "only the abandoned chunk is left")
            #expect(try await SignedClient(relay, as: Party.mash, clock: clock.function).fetch(idOf(bytes)).status == 404)

            clock.advance(by: DepositBody.abandonedAfter)
            let later = try await repository.expire(now: clock.now, batchLimit: 100)
            #expect(later.abandoned == 1)
            #expect(later.forgotten == 1)
            #expect(try await rows("deposit_chunk", in: relay.configuration) == 0)
            #expect(try await rows("deposit_body", in: relay.configuration) == 0)
            try await repository.close()
        }
    }

    @Test("a store whose bodies were kept whole (schema v2) is migrated into chunks, and serves them unchanged", arguments: TestStore.all)
    func migratesWholeBodies(store: TestStore) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var config = relayConfiguration(folder)
        let database = try await store.prepare(&config)
        defer { if let database { Task { await database.drop() } } }
        let small = envelope(size: 5000)
        let large = envelope(size: 2 * Self.megabyte + 3)
        let now = RelayConfiguration.systemClock()
        try await writeV2(config: config, bodies: [small, large], now: now)

        let relay = try await RunningRelay.start(config)
        let mash = SignedClient(relay, as: Party.mash)
        #expect(Set(try await mash.waiting()) == Set([idOf(small), idOf(large)]))
        #expect(try await mash.fetch(idOf(small)).body == small)
        #expect(try await mash.fetch(idOf(large)).body == large)
        #expect(try await rows("deposit_chunk", in: config) == 4)
        await relay.stop()
    }

    /// A database at schema v2 (bodies whole in `body`) holding `bodies`, each waiting for the MASH.
    func writeV2(config: RelayConfiguration, bodies: [[UInt8]], now: Int64) async throws {
        let signature = Hex.encode([UInt8](repeating: 0, count: 64))
        var sql: [String] = []
        for (i, bytes) in bodies.enumerated() {
            let seq = i + 1
            let id = idOf(bytes)
            sql.append(config.database == nil
                ? "INSERT INTO envelope VALUES (\(seq), X'\(id)', 'school-a', 'relay-op', \(bytes.count), \(now), \(now + 3600), \(now + 7200), X'\(signature)', 1);"
                : "INSERT INTO envelope VALUES (\(seq), '\\x\(id)', 'school-a', 'relay-op', \(bytes.count), \(now), \(now + 3600), \(now + 7200), '\\x\(signature)', 1);")
            sql.append(config.database == nil
                ? "INSERT INTO body VALUES (\(seq), X'\(Hex.encode(bytes))');"
                : "INSERT INTO body VALUES (\(seq), '\\x\(Hex.encode(bytes))');")
            sql.append("INSERT INTO delivery VALUES (\(seq), '\(Party.mash.agencyID)', 0, NULL);")
        }
        sql.append("INSERT INTO mailbox_usage VALUES ('\(Party.mash.agencyID)', \(bodies.count), \(bodies.map(\.count).reduce(0, +)));")
        if let url = config.database {
            let connection = try await PostgresConnection.connect(configuration: url.connectionConfiguration(), id: 1,
                                                                  logger: quiet)
            // The first two migrations, as a relay of the previous version applied them.
            try await connection.query("CREATE TABLE relay_migration (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                                       logger: quiet)
            for migration in PostgresSchema.migrations.prefix(2) {
                for statement in migration.sql { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: quiet) }
                try await connection.query("INSERT INTO relay_migration (name) VALUES (\(migration.name))", logger: quiet)
            }
            for statement in sql { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: quiet) }
            try await connection.close()
        } else {
            try RelaySchema.migrate(path: config.databasePath, upTo: "v2: agreement editions")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["sqlite3", config.databasePath]
            let input = Pipe()
            process.standardInput = input
            try process.run()
            input.fileHandleForWriting.write(Data(sql.joined(separator: "\n").utf8))
            try input.fileHandleForWriting.close()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw RawError("sqlite3 could not fill the v2 database") }
        }
    }
}

/// Rows in `table` (with any `WHERE` it carries) in the store behind `config`.
func rows(_ table: String, in config: RelayConfiguration) async throws -> Int {
    if let url = config.database {
        let connection = try await PostgresConnection.connect(configuration: url.connectionConfiguration(), id: 1,
                                                              logger: quiet)
        defer { Task { try? await connection.close() } }
        let row = try await connection.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)"), logger: quiet).collect().first
        return Int(try row?.decode(Int64.self) ?? -1)
    }
    let process = Process()
    let output = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sqlite3", config.databasePath, "SELECT count(*) FROM \(table);"]
    process.standardOutput = output
    try process.run()
    process.waitUntilExit()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    guard process.terminationStatus == 0, let count = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
        throw RawError("sqlite3 could not count \(table): \(text)")
    }
    return count
}

private let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
