import Foundation
import Testing
import SealpostCore
import SealpostProtocol
import SealpostRelay
import SealpostSodium

/// The store's own checks in a deposit's transaction, called directly (on PostgreSQL the whole
/// deposit is one statement, `sealpost_deposit`, whose refusals roll it back whole): the quota is
/// checked again there, whatever the route's first look saw, and a staged body must be whole. A
/// refused deposit leaves nothing behind: no envelope id, no usage, no delivery.
@Suite("A deposit's transaction in the store: quota, staged bodies, duplicates")
struct StoreDepositTests {
    @Test("a deposit past a mailbox's quota is refused naming it, and nothing of it is kept, for any of its mailboxes",
          arguments: TestStore.all)
    func quotaInTransaction(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let repository = try await openRepository(relay.configuration, startedAt: relay.configuration.clock())
            defer { Task { try? await repository.close() } }
            let quota = MailboxQuota(maximumCount: 1, maximumBytes: 1 << 30)
            let first = envelope(size: 1000)
            let stored = Self.deposit(first, to: [Party.mash], quota: quota)
            #expect(try await repository.deposit(stored) == .stored(stored.receipt))

            // For two mailboxes, the first of which (in byte order) is full.
            let second = envelope(size: 1000)
            let refused = Self.deposit(second, to: [Party.mash, Party.police], quota: quota)
            #expect(try await repository.deposit(refused) == .mailboxFull(mailbox: Party.mash.agencyID))
            #expect(try await repository.usage(mailbox: Party.mash.agencyID) == MailboxUsage(count: 1, bytes: 1000))
            #expect(try await repository.usage(mailbox: Party.police.agencyID) == MailboxUsage(count: 0, bytes: 0))
            #expect(try await repository.depositStatus(EnvelopeID(of: second), sender: Party.school.agencyID, now: Self.now) == nil)
            #expect(try await repository.listMailbox(Party.police.agencyID, after: nil, limit: 10, now: Self.now).entries.isEmpty)

            // A byte quota refuses as a count quota does.
            let bytesQuota = MailboxQuota(maximumCount: 100, maximumBytes: 1500)
            #expect(try await repository.deposit(Self.deposit(second, to: [Party.mash], quota: bytesQuota))
                    == .mailboxFull(mailbox: Party.mash.agencyID))

            // The id was not kept: with room, the same bytes are a new deposit, then a duplicate.
            let roomy = Self.deposit(second, to: [Party.mash, Party.police], quota: MailboxQuota(maximumCount: 10, maximumBytes: 1 << 30))
            #expect(try await repository.deposit(roomy) == .stored(roomy.receipt))
            let again = Self.deposit(second, to: [Party.mash, Party.police], quota: quota, at: Self.now + 5)
            #expect(try await repository.deposit(again) == .duplicate(roomy.receipt))
            #expect(try await repository.deposit(Self.deposit(second, to: [Party.police], quota: quota)) == .conflict)
            #expect(try await repository.usage(mailbox: Party.police.agencyID) == MailboxUsage(count: 1, bytes: 1000))
        }
    }

    @Test("a staged body that is not whole is refused in the deposit's transaction, and no envelope is kept", arguments: TestStore.all)
    func stagedBodyNotWhole(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let repository = try await openRepository(relay.configuration, startedAt: relay.configuration.clock())
            defer { Task { try? await repository.close() } }
            let body = try await repository.beginBody(now: Self.now)
            try await repository.appendBodyChunk(body: body, part: 0, bytes: envelope(size: DepositBody.chunkBytes))
            // Two chunks declared, one there.
            let bytes = envelope(size: 64)
            let receipt = DepositReceipt(envelopeID: EnvelopeID(of: bytes), relay: Party.relay.agencyID, sender: Party.school.agencyID,
                                         mailboxes: [Party.mash.agencyID], depositedAt: Self.now, expiresAt: Self.now + 86_400)
                .signed(with: Party.relay.signingKey)
            let deposit = NewDeposit(receipt: receipt, body: .staged(body), size: Int64(DepositBody.chunkBytes + 10),
                                     forgetAt: Self.now + 90 * 86_400, quota: MailboxQuota(maximumCount: 10, maximumBytes: 1 << 40))
            await #expect(throws: RelayStorageError.self) { try await repository.deposit(deposit) }
            #expect(try await repository.depositStatus(EnvelopeID(of: bytes), sender: Party.school.agencyID, now: Self.now) == nil)
            #expect(try await repository.usage(mailbox: Party.mash.agencyID) == MailboxUsage(count: 0, bytes: 0))
            try await repository.discardBody(body)
        }
    }

    static let now: Int64 = RelayConfiguration.systemClock()

    static func deposit(_ bytes: [UInt8], to parties: [Identity], quota: MailboxQuota, at time: Int64 = now) -> NewDeposit {
        let receipt = DepositReceipt(envelopeID: EnvelopeID(of: bytes), relay: Party.relay.agencyID, sender: Party.school.agencyID,
                                     mailboxes: parties.map(\.agencyID).sorted(), depositedAt: time, expiresAt: time + 86_400)
            .signed(with: Party.relay.signingKey)
        return NewDeposit(receipt: receipt, body: .whole(bytes), size: Int64(bytes.count), forgetAt: time + 90 * 86_400, quota: quota)
    }
}
