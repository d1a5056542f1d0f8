import Foundation
import PostgresNIO
import Testing
import SealpostCore
import SealpostProtocol
@testable import SealpostRelay
import SealpostSodium

/// Deletes that arrive together and are written together: the SQLite store's group commit and the
/// PostgreSQL store's batches (`PostgresBatcher`, `sealpost_delete_many`). Each delete keeps the
/// answer it would have had alone: a copy is deleted once however many ask at once, the usage and
/// the envelope's count of waiting copies come down once per copy, and a body goes when its last
/// copy does.
@Suite("Deletes written together: each copy deleted once, usage and bodies exact")
struct BatchDeleteTests {
    static let now = StoreDepositTests.now
    static let roomy = BatchDepositTests.roomy
    static let mailboxes = [Party.csc, Party.mash, Party.police, Party.health]

    /// Envelopes each for two to four of the four mailboxes.
    static func deposits(_ count: Int) -> [NewDeposit] {
        (0..<count).map { index in
            let chosen = mailboxes.enumerated().filter { $0.offset != index % 4 || index % 3 == 0 }.map(\.element)
            return StoreDepositTests.deposit(envelope(size: 300), to: chosen, quota: roomy)
        }
    }

    @Test("every recipient deletes its copy of every envelope at once, each copy twice: each is deleted once, usage and bodies go",
          arguments: TestStore.all)
    func concurrentDeletes(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let repository = try await openRepository(relay.configuration, startedAt: relay.configuration.clock())
            defer { Task { try? await repository.close() } }
            let deposits = Self.deposits(24)
            for deposit in deposits { #expect(try await repository.deposit(deposit) == .stored(deposit.receipt)) }
            let copies = deposits.flatMap { deposit in deposit.receipt.receipt.mailboxes.map { (deposit.receipt.receipt.envelopeID, $0) } }
            let answers = try await withThrowingTaskGroup(of: (String, Bool).self) { group in
                for (id, mailbox) in copies + copies.reversed() {
                    group.addTask { ("\(id)/\(mailbox)", try await repository.delete(id, mailbox: mailbox, now: Self.now + 10)) }
                }
                return try await group.reduce(into: [String: [Bool]]()) { $0[$1.0, default: []].append($1.1) }
            }
            #expect(answers.count == copies.count)
            for (copy, deleted) in answers { #expect(deleted.filter { $0 }.count == 1 && deleted.count == 2, "\(copy): \(deleted)") }
            for mailbox in Self.mailboxes {
                #expect(try await repository.usage(mailbox: mailbox.agencyID) == MailboxUsage(count: 0, bytes: 0))
                #expect(try await repository.listMailbox(mailbox.agencyID, after: nil, limit: 100, now: Self.now + 10).entries.isEmpty)
            }
            for deposit in deposits {
                let receipt = deposit.receipt.receipt
                let status = try #require(try await repository.depositStatus(receipt.envelopeID, sender: Party.school.agencyID,
                                                                              now: Self.now + 10))
                #expect(status.deliveries.map(\.state) == receipt.mailboxes.map { _ in .deleted })
                #expect(status.deliveries.map(\.at) == receipt.mailboxes.map { _ in Self.now + 10 })
                for mailbox in receipt.mailboxes {
                    #expect(try await repository.fetch(receipt.envelopeID, mailbox: mailbox, now: Self.now + 10) == nil)
                }
            }
            #expect(try await repository.delete(EnvelopeID(of: envelope(size: 100)), mailbox: Party.mash.agencyID, now: Self.now) == false)
        }
    }

    @Test("one statement for a batch: deleted, not waiting there, unknown, and past expiry (marked expired as of it), each answered alone")
    func oneBatch() async throws {
        guard TestStore.all.contains(.postgres) else { return }
        let database = try await PostgresTestServer.createDatabase()
        let repository = try await PostgresRelayRepository(url: database.url)
        let shared = StoreDepositTests.deposit(envelope(size: 400), to: [Party.mash, Party.police], quota: Self.roomy)
        let alone = StoreDepositTests.deposit(envelope(size: 500), to: [Party.police], quota: Self.roomy)
        for deposit in [shared, alone] { #expect(try await repository.deposit(deposit) == .stored(deposit.receipt)) }
        let sharedID = shared.receipt.receipt.envelopeID, aloneID = alone.receipt.receipt.envelopeID
        let expiry = alone.receipt.receipt.expiresAt
        let batch = [
            DeleteRequest(id: sharedID, mailbox: Party.police.agencyID, now: Self.now + 1),
            DeleteRequest(id: sharedID, mailbox: Party.csc.agencyID, now: Self.now + 1),
            DeleteRequest(id: EnvelopeID(of: envelope(size: 64)), mailbox: Party.mash.agencyID, now: Self.now + 1),
            DeleteRequest(id: aloneID, mailbox: Party.police.agencyID, now: expiry),
            DeleteRequest(id: sharedID, mailbox: Party.mash.agencyID, now: Self.now + 2),
        ]
        let answers = try await PostgresRelayRepository.deleteBatch(batch, client: repository.client, logger: repository.logger)
        #expect(try answers.map { try $0.get() } == [true, false, false, false, true])
        #expect(try await repository.usage(mailbox: Party.police.agencyID) == MailboxUsage(count: 0, bytes: 0))
        #expect(try await repository.usage(mailbox: Party.mash.agencyID) == MailboxUsage(count: 0, bytes: 0))
        let sharedStatus = try #require(try await repository.depositStatus(sharedID, sender: Party.school.agencyID, now: Self.now))
        #expect(sharedStatus.deliveries == [.init(mailbox: Party.mash.agencyID, state: .deleted, at: Self.now + 2),
                                            .init(mailbox: Party.police.agencyID, state: .deleted, at: Self.now + 1)])
        let aloneStatus = try #require(try await repository.depositStatus(aloneID, sender: Party.school.agencyID, now: Self.now))
        #expect(aloneStatus.deliveries == [.init(mailbox: Party.police.agencyID, state: .expired, at: expiry)])
        let bodies = try await repository.client.query("SELECT count(*) FROM deposit_body").collect().first?.decode(Int64.self)
        #expect(bodies == 0, "no copy waits for either envelope, so neither body is kept")
        try await repository.close()
        await database.drop()
    }

    @Test("relays of the previous version (sealpost_delete, one at a time), delete batches and deposit batches over one database: each copy deleted once, no deadlock")
    func mixedVersions() async throws {
        guard TestStore.all.contains(.postgres) else { return }
        let database = try await PostgresTestServer.createDatabase()
        let repository = try await PostgresRelayRepository(url: database.url)
        var configuration = database.url.clientConfiguration()
        configuration.options.maximumConnections = 8
        let old = PostgresClient(configuration: configuration, backgroundLogger: repository.logger)
        let runner = Task { await old.run() }
        let first = Self.deposits(40), second = Self.deposits(20)
        for deposit in first { #expect(try await repository.deposit(deposit) == .stored(deposit.receipt)) }
        let copies = first.flatMap { deposit in deposit.receipt.receipt.mailboxes.map { (deposit.receipt.receipt.envelopeID, $0) } }
        // Each copy deleted through both versions at once, while more envelopes are deposited for the same mailboxes.
        let deleted = try await withThrowingTaskGroup(of: Int.self) { group in
            for (id, mailbox) in copies {
                group.addTask { try await repository.delete(id, mailbox: mailbox, now: Self.now + 5) ? 1 : 0 }
                group.addTask {
                    try await old.query("SELECT sealpost_delete(\(Data(id.bytes)), \(mailbox), \(Self.now + 5))")
                        .collect().first?.decode(Bool.self) == true ? 1 : 0
                }
            }
            for deposit in second { group.addTask { if case .stored = try await repository.deposit(deposit) { 0 } else { 1_000 } } }
            return try await group.reduce(0, +)
        }
        #expect(deleted == copies.count, "each copy deleted once, by one version or the other; every new deposit stored")
        for mailbox in Self.mailboxes.map(\.agencyID) {
            let waiting = second.filter { $0.receipt.receipt.mailboxes.contains(mailbox) }.count
            #expect(try await repository.usage(mailbox: mailbox) == MailboxUsage(count: waiting, bytes: Int64(waiting * 300)))
        }
        runner.cancel()
        try await repository.close()
        // The backends report their statistics as they end.
        try await Task.sleep(for: .seconds(1))
        let deadlocks = try await PostgresTestServer.admin().query(
            "SELECT deadlocks FROM pg_stat_database WHERE datname = \(database.name)").collect().first?.decode(Int64.self)
        #expect(deadlocks == 0, "the server ended \(deadlocks ?? -1) transactions for deadlocks")
        await database.drop()
    }
}
