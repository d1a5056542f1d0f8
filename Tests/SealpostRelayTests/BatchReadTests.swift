import Foundation
import Testing
import SealpostCore
import SealpostProtocol
@testable import SealpostRelay
import SealpostSodium

/// Reads that arrive together: on PostgreSQL, mailbox pages and fetches asked for at once are read
/// in one statement each kind (`PostgresReadBatches`); each request must get exactly its own rows,
/// as it would alone, never another request's.
@Suite("Pages and fetches read together: each request gets its own answer")
struct BatchReadTests {
    static let now = StoreDepositTests.now

    @Test("many pages and fetches at once, of four mailboxes with different contents, pages with cursors, copies not there",
          arguments: TestStore.all)
    func concurrentReads(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let repository = try await openRepository(relay.configuration, startedAt: relay.configuration.clock())
            defer { Task { try? await repository.close() } }
            let deposits = BatchDeleteTests.deposits(30)
            for deposit in deposits { #expect(try await repository.deposit(deposit) == .stored(deposit.receipt)) }
            let mailboxes = BatchDeleteTests.mailboxes.map(\.agencyID)
            var waiting: [String: [String]] = [:]
            for deposit in deposits {
                for mailbox in deposit.receipt.receipt.mailboxes { waiting[mailbox, default: []].append(deposit.receipt.receipt.envelopeID.description) }
            }
            let expected = waiting
            // Each mailbox's first page of 7, and the page after it, many times over, with fetches of
            // every copy, of copies in mailboxes that do not hold them, and of an unknown id, all at once.
            let firstPages = try await withThrowingTaskGroup(of: (String, MailboxPage).self) { group in
                for _ in 0..<3 {
                    for mailbox in mailboxes {
                        group.addTask { (mailbox, try await repository.listMailbox(mailbox, after: nil, limit: 7, now: Self.now)) }
                    }
                }
                return try await group.reduce(into: [String: [MailboxPage]]()) { $0[$1.0, default: []].append($1.1) }
            }
            for mailbox in mailboxes {
                let pages = try #require(firstPages[mailbox])
                #expect(pages.count == 3)
                for page in pages {
                    #expect(page.entries.map(\.envelopeID) == Array(expected[mailbox, default: []].prefix(7)), "\(mailbox)")
                    #expect(page.entries.allSatisfy { $0.size == 300 && $0.sender == Party.school.agencyID })
                }
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for mailbox in mailboxes {
                    let cursor = try #require(firstPages[mailbox]?.first?.next)
                    group.addTask {
                        let rest = try await repository.listMailbox(mailbox, after: cursor, limit: 100, now: Self.now)
                        #expect(rest.entries.map(\.envelopeID) == Array(expected[mailbox, default: []].dropFirst(7)), "\(mailbox)")
                        #expect(rest.next == nil)
                    }
                }
                for deposit in deposits {
                    let receipt = deposit.receipt.receipt
                    let bytes: [UInt8] = if case .whole(let bytes) = deposit.body { bytes } else { [] }
                    for mailbox in mailboxes {
                        group.addTask {
                            let fetched = try await repository.fetchWhole(receipt.envelopeID, mailbox: mailbox, now: Self.now)
                            #expect(fetched == (receipt.mailboxes.contains(mailbox) ? bytes : nil), "\(receipt.envelopeID.shortForm) for \(mailbox)")
                        }
                    }
                }
                group.addTask {
                    let unknown = try await repository.fetch(EnvelopeID(of: envelope(size: 64)), mailbox: mailboxes[0], now: Self.now)
                    #expect(unknown == nil)
                }
                // Past their expiry nothing is listed or fetched, in the same batches as the rest.
                group.addTask {
                    let late = try await repository.listMailbox(mailboxes[1], after: nil, limit: 100, now: Self.now + 86_400)
                    #expect(late.entries.isEmpty)
                }
                group.addTask {
                    let late = deposits[0].receipt.receipt
                    let fetched = try await repository.fetch(late.envelopeID, mailbox: late.mailboxes[0], now: Self.now + 86_400)
                    #expect(fetched == nil)
                }
                try await group.waitForAll()
            }
        }
    }
}
