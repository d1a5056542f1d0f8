import Foundation
import PostgresNIO
import Testing
import SealpostCore
import SealpostProtocol
@testable import SealpostRelay
import SealpostSodium

/// Deposits that arrive together and are stored together: the SQLite store's group commit and the
/// PostgreSQL store's batches (`PostgresBatcher`, `sealpost_deposit_many`). Each deposit
/// keeps its own answer: a refusal of one refuses only that one and keeps nothing of it, and an id
/// given twice at once is stored once.
@Suite("Deposits stored together: each answered alone, a refusal keeps nothing of itself")
struct BatchDepositTests {
    static let now = StoreDepositTests.now
    static let roomy = MailboxQuota(maximumCount: 1000, maximumBytes: 1 << 40)

    @Test("of many concurrent deposits to one mailbox with room for three, three are stored and the rest refused, leaving nothing",
          arguments: TestStore.all)
    func concurrentQuota(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let repository = try await openRepository(relay.configuration, startedAt: relay.configuration.clock())
            defer { Task { try? await repository.close() } }
            let quota = MailboxQuota(maximumCount: 3, maximumBytes: 1 << 30)
            let deposits = (0..<12).map { _ in StoreDepositTests.deposit(envelope(size: 500), to: [Party.mash], quota: quota) }
            let outcomes = try await withThrowingTaskGroup(of: (Int, DepositOutcome).self) { group in
                for (index, deposit) in deposits.enumerated() {
                    group.addTask { (index, try await repository.deposit(deposit)) }
                }
                var outcomes = [DepositOutcome?](repeating: nil, count: deposits.count)
                for try await (index, outcome) in group { outcomes[index] = outcome }
                return outcomes.compactMap { $0 }
            }
            let stored = zip(deposits, outcomes).filter { $0.1 == .stored($0.0.receipt) }.map(\.0)
            let refused = zip(deposits, outcomes).filter { $0.1 == .mailboxFull(mailbox: Party.mash.agencyID) }.map(\.0)
            #expect(stored.count == 3, "\(outcomes)")
            #expect(refused.count == 9, "\(outcomes)")
            #expect(try await repository.usage(mailbox: Party.mash.agencyID) == MailboxUsage(count: 3, bytes: 1500))
            let listed = try await repository.listMailbox(Party.mash.agencyID, after: nil, limit: 100, now: Self.now)
            #expect(Set(listed.entries.map(\.envelopeID)) == Set(stored.map { $0.receipt.receipt.envelopeID.description }))
            for deposit in refused {
                let id = deposit.receipt.receipt.envelopeID
                #expect(try await repository.depositStatus(id, sender: Party.school.agencyID, now: Self.now) == nil)
                #expect(try await repository.fetch(id, mailbox: Party.mash.agencyID, now: Self.now) == nil)
            }
        }
    }

    @Test("one envelope deposited many times at once is stored once; every other answer is the first's receipt",
          arguments: TestStore.all)
    func concurrentDuplicates(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let repository = try await openRepository(relay.configuration, startedAt: relay.configuration.clock())
            defer { Task { try? await repository.close() } }
            let bytes = envelope(size: 700)
            // The same bytes, receipts made at different times, as retries through one instance would be.
            let copies = (0..<10).map { StoreDepositTests.deposit(bytes, to: [Party.mash, Party.police], quota: Self.roomy, at: Self.now + Int64($0)) }
            let outcomes = try await withThrowingTaskGroup(of: DepositOutcome.self) { group in
                for deposit in copies { group.addTask { try await repository.deposit(deposit) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let stored = outcomes.compactMap { if case .stored(let receipt) = $0 { receipt } else { nil } }
            #expect(stored.count == 1, "\(outcomes)")
            let first = try #require(stored.first)
            #expect(outcomes.filter { $0 == .duplicate(first) }.count == 9, "\(outcomes)")
            for mailbox in [Party.mash, Party.police] {
                #expect(try await repository.usage(mailbox: mailbox.agencyID) == MailboxUsage(count: 1, bytes: 700))
                #expect(try await repository.fetchWhole(EnvelopeID(of: bytes), mailbox: mailbox.agencyID, now: Self.now) == bytes)
            }
        }
    }

    @Test("one statement for a batch: a full mailbox and a staged body not whole refuse only their own deposits, keeping nothing of them")
    func oneBatch() async throws {
        guard TestStore.all.contains(.postgres) else { return }
        let database = try await PostgresTestServer.createDatabase()
        let repository = try await PostgresRelayRepository(url: database.url)
        let quota = MailboxQuota(maximumCount: 2, maximumBytes: 1 << 30)
        // police-cait has room for two: the batch's order decides which two.
        let first = StoreDepositTests.deposit(envelope(size: 100), to: [Party.police], quota: quota)
        let second = StoreDepositTests.deposit(envelope(size: 200), to: [Party.mash, Party.police], quota: quota)
        let third = StoreDepositTests.deposit(envelope(size: 300), to: [Party.mash, Party.police], quota: quota)
        let staged = try await repository.beginBody(now: Self.now)
        try await repository.appendBodyChunk(body: staged, part: 0, bytes: envelope(size: DepositBody.chunkBytes))
        var notWhole = StoreDepositTests.deposit(envelope(size: 64), to: [Party.mash], quota: quota)
        notWhole.body = .staged(staged)
        notWhole.size = Int64(DepositBody.chunkBytes + 10)
        let fifth = StoreDepositTests.deposit(envelope(size: 500), to: [Party.mash], quota: quota)

        let outcomes = try await PostgresRelayRepository.depositBatch([first, second, third, notWhole, fifth],
                                                                      client: repository.client, logger: repository.logger)
        #expect(try outcomes[0].get() == .stored(first.receipt))
        #expect(try outcomes[1].get() == .stored(second.receipt))
        #expect(try outcomes[2].get() == .mailboxFull(mailbox: Party.police.agencyID), "police-cait is full; kingsbridge-mash would have had room")
        #expect(throws: RelayStorageError.self) { try outcomes[3].get() }
        #expect(try outcomes[4].get() == .stored(fifth.receipt), "the refusals before it gave their room back")

        #expect(try await repository.usage(mailbox: Party.police.agencyID) == MailboxUsage(count: 2, bytes: 300))
        #expect(try await repository.usage(mailbox: Party.mash.agencyID) == MailboxUsage(count: 2, bytes: 700))
        // Nothing of the refused: no envelope row, no delivery, and the staged body still unclaimed.
        let counts = try await repository.client.query("""
            SELECT (SELECT count(*) FROM envelope), (SELECT count(*) FROM delivery), (SELECT count(*) FROM deposit_body WHERE seq IS NULL)
            """).collect().first?.decode((Int64, Int64, Int64).self)
        #expect(counts.map { [$0.0, $0.1, $0.2] } == [3, 4, 1])
        for refused in [third, notWhole] {
            #expect(try await repository.depositStatus(refused.receipt.receipt.envelopeID, sender: Party.school.agencyID, now: Self.now) == nil)
        }
        #expect(try await repository.fetchWhole(fifth.receipt.receipt.envelopeID, mailbox: Party.mash.agencyID, now: Self.now)
                == { if case .whole(let bytes) = fifth.body { bytes } else { [] } }())

        // The same deposits again: the stored ones are now duplicates; the refused one still has no
        // room, and now kingsbridge-mash, first in byte order, is full too.
        let again = try await PostgresRelayRepository.depositBatch([first, third, fifth], client: repository.client, logger: repository.logger)
        let answers = try again.map { try $0.get() }
        #expect(answers == [.duplicate(first.receipt), .mailboxFull(mailbox: Party.mash.agencyID), .duplicate(fifth.receipt)], "\(answers)")
        try await repository.discardBody(staged)
        try await repository.close()
        await database.drop()
    }

    @Test("when the batch's statement fails, every deposit in it fails with the same error, and none is stored")
    func failedBatch() async throws {
        guard TestStore.all.contains(.postgres) else { return }
        let database = try await PostgresTestServer.createDatabase()
        let repository = try await PostgresRelayRepository(url: database.url)
        // The function goes missing: the server refuses the statement, whatever the deposits in it.
        try await repository.client.query("ALTER FUNCTION sealpost_deposit_many RENAME TO sealpost_deposit_many_gone")
        let deposits = (0..<8).map { _ in StoreDepositTests.deposit(envelope(size: 300), to: [Party.mash], quota: Self.roomy) }
        let errors = await withTaskGroup(of: String?.self) { group in
            for deposit in deposits {
                group.addTask {
                    do {
                        _ = try await repository.deposit(deposit)
                        return nil
                    } catch {
                        return PostgresRelayRepository.describe(error)
                    }
                }
            }
            return await group.reduce(into: [String?]()) { $0.append($1) }
        }
        #expect(errors.count == 8)
        #expect(errors.allSatisfy { $0?.contains("sealpost_deposit_many") == true }, "\(errors)")
        try await repository.client.query("ALTER FUNCTION sealpost_deposit_many_gone RENAME TO sealpost_deposit_many")
        #expect(try await repository.usage(mailbox: Party.mash.agencyID) == MailboxUsage(count: 0, bytes: 0))
        let envelopes = try await repository.client.query("SELECT count(*) FROM envelope").collect().first?.decode(Int64.self)
        #expect(envelopes == 0)
        try await repository.close()
        await database.drop()
    }

    @Test("one nonce claimed by many requests at once is fresh for exactly one; other nonces at the same time are all fresh",
          arguments: TestStore.all)
    func concurrentClaims(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let repository = try await openRepository(relay.configuration, startedAt: relay.configuration.clock())
            defer { Task { try? await repository.close() } }
            // Not before the store was opened: the SQLite store's ledger, in memory, refuses those.
            let time = relay.configuration.clock() + 1
            let shared = RandomBytes.make(count: 16)
            let nonces = (0..<10).map { _ in shared } + (0..<10).map { _ in RandomBytes.make(count: 16) }
            let claims = try await withThrowingTaskGroup(of: (Bool, NonceClaim, [MailboxUsage]).self) { group in
                for nonce in nonces {
                    group.addTask {
                        let (claim, usage) = try await repository.claimNonce(agency: Party.school.agencyID, nonce: nonce, timestamp: time,
                                                                             window: 600, now: time, usageOf: [Party.mash.agencyID])
                        return (nonce == shared, claim, usage)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(claims.filter { $0.0 && $0.1 == .fresh }.count == 1, "\(claims)")
            #expect(claims.filter { $0.0 && $0.1 == .replayed }.count == 9, "\(claims)")
            #expect(claims.filter { !$0.0 && $0.1 == .fresh }.count == 10, "\(claims)")
            #expect(claims.filter { $0.1 == .fresh }.allSatisfy { $0.2 == [MailboxUsage(count: 0, bytes: 0)] })
        }
    }

    @Test("one statement for a batch of nonce claims: each answered alone, with its mailboxes' usage in its order")
    func oneClaimBatch() async throws {
        guard TestStore.all.contains(.postgres) else { return }
        let database = try await PostgresTestServer.createDatabase()
        let repository = try await PostgresRelayRepository(url: database.url)
        let deposit = StoreDepositTests.deposit(envelope(size: 400), to: [Party.police], quota: Self.roomy)
        #expect(try await repository.deposit(deposit) == .stored(deposit.receipt))
        let nonce = RandomBytes.make(count: 16)
        let requests = [
            NonceClaimRequest(agency: Party.school.agencyID, nonce: nonce, forgetAt: Self.now + 600, mailboxes: [Party.police.agencyID, Party.mash.agencyID]),
            NonceClaimRequest(agency: Party.mash.agencyID, nonce: nonce, forgetAt: Self.now + 600, mailboxes: []),
            NonceClaimRequest(agency: Party.school.agencyID, nonce: RandomBytes.make(count: 16), forgetAt: Self.now + 600,
                              mailboxes: [Party.mash.agencyID, Party.police.agencyID]),
        ]
        let first = try await PostgresRelayRepository.claimBatch(requests, client: repository.client, logger: repository.logger)
            .map { try $0.get() }
        #expect(first.map(\.0) == [.fresh, .fresh, .fresh], "the same nonce from two agencies is two claims")
        #expect(first[0].1 == [MailboxUsage(count: 1, bytes: 400), MailboxUsage(count: 0, bytes: 0)])
        #expect(first[1].1 == [])
        #expect(first[2].1 == [MailboxUsage(count: 0, bytes: 0), MailboxUsage(count: 1, bytes: 400)])
        let again = try await PostgresRelayRepository.claimBatch(Array(requests.reversed()), client: repository.client, logger: repository.logger)
        #expect(try again.map { try $0.get().0 } == [.replayed, .replayed, .replayed])
        try await repository.close()
        await database.drop()
    }

    @Test("relays of the previous version (sealpost_deposit, one at a time) and batches over one database: each id stored once, no deadlock")
    func mixedVersions() async throws {
        guard TestStore.all.contains(.postgres) else { return }
        let database = try await PostgresTestServer.createDatabase()
        let repository = try await PostgresRelayRepository(url: database.url)
        var configuration = database.url.clientConfiguration()
        configuration.options.maximumConnections = 8
        let old = PostgresClient(configuration: configuration, backgroundLogger: repository.logger)
        let runner = Task { await old.run() }
        let mailboxes = [Party.csc, Party.mash, Party.police, Party.health].map(\.agencyID).sorted()
        // Each envelope for two or three of four mailboxes, deposited through both versions at once.
        let deposits = (0..<60).map { index in
            let chosen = mailboxes.enumerated().filter { $0.offset != index % 4 || index % 3 == 0 }.map(\.element)
            return StoreDepositTests.deposit(envelope(size: 200), to: [Party.csc, Party.mash, Party.police, Party.health]
                .filter { chosen.contains($0.agencyID) }, quota: Self.roomy)
        }
        let stored = try await withThrowingTaskGroup(of: Bool.self) { group in
            for deposit in deposits {
                group.addTask { if case .stored = try await repository.deposit(deposit) { true } else { false } }
                group.addTask {
                    let receipt = deposit.receipt.receipt
                    let bytes: [UInt8] = if case .whole(let bytes) = deposit.body { bytes } else { [] }
                    let query: PostgresQuery = try """
                        SELECT r_stored FROM sealpost_deposit(\(Data(receipt.envelopeID.bytes)), \(receipt.sender), \(receipt.relay),
                            \(deposit.size), \(receipt.depositedAt), \(receipt.expiresAt), \(deposit.forgetAt),
                            \(Data(deposit.receipt.signature.rawRepresentation)), \(receipt.mailboxes), \(Data(bytes)), NULL::int8,
                            \(Int64(1)), \(Int64(Self.roomy.maximumCount)), \(Self.roomy.maximumBytes))
                        """
                    return try await old.query(query).collect().first?.decode(Bool.self) ?? false
                }
            }
            return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(stored == deposits.count, "each envelope stored once, by one version or the other")
        for mailbox in mailboxes {
            let expected = deposits.filter { $0.receipt.receipt.mailboxes.contains(mailbox) }.count
            #expect(try await repository.usage(mailbox: mailbox) == MailboxUsage(count: expected, bytes: Int64(expected * 200)))
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
