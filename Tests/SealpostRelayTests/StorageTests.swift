import Foundation
import Testing
import SealpostCore
import SealpostProtocol
import SealpostRelay
import SealpostSodium

@Suite("The relay's store across restarts and damage")
struct StorageTests {
    @Test("a relay restarted between deposit and fetch loses nothing and delivers nothing twice", arguments: TestStore.all)
    func restart(store: TestStore) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var config = relayConfiguration(folder)
        let database = try await store.prepare(&config)
        let first = try await RunningRelay.start(config)
        let envelopes = (0..<20).map { _ in envelope(size: 3000) }
        var receipts: [DepositResponse] = []
        for bytes in envelopes {
            let reply = try await SignedClient(first, as: Party.school).deposit(bytes, to: [Party.mash, Party.police])
            receipts.append(try #require(reply.decode(DepositResponse.self)))
        }
        await first.stop()
        if store == .sqlite {
            let mode = try FileManager.default.attributesOfItem(atPath: folder.file("relay.sqlite"))[.posixPermissions] as? Int
            #expect(mode == 0o600, "the database is its owner's alone")
        }

        let second = try await RunningRelay.start(config, port: first.port)
        defer { Task { await second.stop() } }
        let mash = SignedClient(second, as: Party.mash)
        #expect(try await mash.waiting() == envelopes.map(idOf))
        for bytes in envelopes { #expect(try await mash.fetch(idOf(bytes)).body == bytes) }
        // A retry after the restart is still a duplicate with the first receipt.
        let retry = try #require(try await SignedClient(second, as: Party.school).deposit(envelopes[0], to: [Party.mash, Party.police]).decode(DepositResponse.self))
        #expect(retry.duplicate)
        #expect(retry.receipt == receipts[0].receipt)
        #expect(try await mash.waiting().count == 20)
        await second.stop()
        await database?.drop()
    }

    @Test("an envelope altered in the database is served as stored, and the relay carries on", arguments: TestStore.all)
    func tamperedInDatabase(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let bytes = envelope(size: 2048)
            let id = idOf(bytes)
            #expect(try await SignedClient(relay, as: Party.school).deposit(bytes, to: [Party.mash]).status == 201)
            // Change a byte of the stored bytes in the database itself, as someone with access to it could.
            try await flipByte(in: relay.configuration, at: 1000)
            let fetched = try await SignedClient(relay, as: Party.mash).fetch(id)
            #expect(fetched.status == 200)
            #expect(fetched.body.count == bytes.count)
            #expect(fetched.body != bytes, "the relay serves what it holds; the client's envelope checks refuse it")
            #expect(EnvelopeID(of: fetched.body).description != id)
            #expect(try await SignedClient(relay, as: Party.mash).delete(id).status == 204)
            #expect(try await SignedClient(relay, as: Party.school).deposit(envelope(), to: [Party.mash]).status == 201)
        }
    }
}

/// Changes one byte of every stored envelope body's first chunk (`offset` < 1 MiB) in the store
/// behind `config`: with the sqlite3 tool in the SQLite file, or with SQL in the PostgreSQL database.
func flipByte(in config: RelayConfiguration, at offset: Int) async throws {
    if config.database != nil {
        try await PostgresTestServer.execute("""
            UPDATE deposit_chunk SET bytes = overlay(bytes PLACING (CASE WHEN substring(bytes FROM \(offset + 1) FOR 1) = '\\x41'::bytea
                THEN '\\x42'::bytea ELSE '\\x41'::bytea END) FROM \(offset + 1) FOR 1) WHERE part = 0
            """, in: config)
        return
    }
    let database = config.databasePath
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    let changed = "CASE WHEN substr(bytes, \(offset + 1), 1) = X'41' THEN X'42' ELSE X'41' END"
    process.arguments = ["sqlite3", database,
                         "UPDATE deposit_chunk SET bytes = substr(bytes, 1, \(offset)) || \(changed) || substr(bytes, \(offset + 2)) WHERE part = 0;"]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw RawError("sqlite3 could not alter the database") }
}
