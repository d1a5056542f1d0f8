import Foundation
import Testing
import SealpostCore
import SealpostProtocol
import SealpostRelay
import SealpostSodium

@Suite("Deposit, list, fetch, delete and status over a real relay")
struct DepositTests {
    @Test("health names the relay and its receipt key, unsigned", arguments: TestStore.all)
    func health(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let reply = try await SignedClient(relay, as: Party.school).send(.GET, RelayAPI.Path.health, headers: [])
            #expect(reply.status == 200)
            let health = try #require(reply.decode(RelayHealth.self))
            #expect(health.relay == Party.relay.agencyID)
            #expect(health.relayKey == Hex.encode(Party.relay.signingKey.publicKey.rawRepresentation))
            #expect(health.version == RelayAPI.version)
            // The header and the body read the same clock, a moment apart.
            let stamped = try #require(reply.header(RelayAPI.Header.relayTime).flatMap { Int64($0) })
            #expect((0...2).contains(stamped - health.time))
        }
    }

    @Test("an unknown path, or a known path with another method, answers 404 not_found with the relay's time", arguments: TestStore.all)
    func unknownRoutes(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let mash = SignedClient(relay, as: Party.mash)
            let missing = try await mash.fetch(idOf(envelope()))
            for (method, target) in [(Method.PUT, RelayAPI.Path.mailbox), (.DELETE, RelayAPI.Path.mailbox), (.POST, RelayAPI.Path.health),
                                     (.GET, "/v1/nothing-here"), (.GET, "/v2/mailbox")] {
                let reply = try await mash.signed(method, target)
                #expect(reply.status == 404, "\(method) \(target)")
                #expect(reply.problem?.error == RelayErrorCode.notFound, "\(method) \(target)")
                #expect(reply.header(RelayAPI.Header.relayTime) != nil, "\(method) \(target)")
                if method != .POST { #expect(reply.comparable == missing.comparable, "\(method) \(target)") }
            }
        }
    }

    @Test("an envelope travels: deposit, listed for each recipient only, fetched byte for byte, deleted, status follows", arguments: TestStore.all)
    func roundTrip(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let school = SignedClient(relay, as: Party.school)
            let mash = SignedClient(relay, as: Party.mash)
            let csc = SignedClient(relay, as: Party.csc)
            let bytes = envelope(size: 5000)
            let id = idOf(bytes)

            let deposit = try await school.deposit(bytes, to: [Party.mash, Party.csc])
            #expect(deposit.status == 201, "\(deposit.text)")
            let answer = try #require(deposit.decode(DepositResponse.self))
            #expect(!answer.duplicate)
            let receipt = try #require(answer.signedReceipt)
            #expect(receipt.isValid(for: Party.relay.signingKey.publicKey))
            #expect(receipt.receipt.envelopeID.description == id)
            #expect(receipt.receipt.sender == Party.school.agencyID)
            #expect(receipt.receipt.relay == Party.relay.agencyID)
            #expect(receipt.receipt.mailboxes == [Party.csc.agencyID, Party.mash.agencyID])
            #expect(receipt.receipt.expiresAt == receipt.receipt.depositedAt + 30 * 86_400)

            let listing = try #require(try await mash.list().decode(MailboxListing.self))
            #expect(listing.messages.map(\.envelopeID) == [id])
            #expect(listing.messages.first?.sender == Party.school.agencyID)
            #expect(listing.messages.first?.size == 5000)
            #expect(listing.next == nil)
            #expect(try await school.waiting().isEmpty)

            let fetched = try await mash.fetch(id)
            #expect(fetched.status == 200)
            #expect(fetched.body == bytes)
            #expect(fetched.header("Content-Type") == RelayAPI.envelopeMediaType)

            #expect(try await mash.delete(id).status == 204)
            #expect(try await mash.waiting().isEmpty)
            #expect(try await mash.fetch(id).status == 404)
            #expect(try await mash.delete(id).status == 404)
            #expect(try await csc.fetch(id).body == bytes, "the other recipient's copy is untouched")

            let status = try #require(try await school.status(id).decode(DepositStatus.self))
            #expect(status.envelopeID == id)
            #expect(status.deliveries.map(\.mailbox) == [Party.csc.agencyID, Party.mash.agencyID])
            #expect(status.deliveries.map(\.state) == [.waiting, .deleted])
            #expect(status.deliveries[1].at != nil)

            #expect(try await csc.delete(id).status == 204)
            let after = try #require(try await school.status(id).decode(DepositStatus.self))
            #expect(after.deliveries.map(\.state) == [.deleted, .deleted])
        }
    }

    @Test("THREATS 6: the same envelope twice is stored and delivered once, the second flagged a duplicate with the original receipt", arguments: TestStore.all)
    func duplicate(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let school = SignedClient(relay, as: Party.school)
            let mash = SignedClient(relay, as: Party.mash)
            let bytes = envelope()
            let first = try await school.deposit(bytes, to: [Party.mash])
            let second = try await school.deposit(bytes, to: [Party.mash])
            #expect(first.status == 201)
            #expect(second.status == 200)
            let original = try #require(first.decode(DepositResponse.self))
            let repeated = try #require(second.decode(DepositResponse.self))
            #expect(repeated.duplicate)
            #expect(repeated.receipt == original.receipt)
            #expect(repeated.signature == original.signature)
            #expect(try await mash.waiting() == [idOf(bytes)])

            // Delivered and deleted: a late retry is still a duplicate and is not delivered again.
            #expect(try await mash.delete(idOf(bytes)).status == 204)
            let late = try await school.deposit(bytes, to: [Party.mash])
            #expect(late.status == 200)
            #expect(late.decode(DepositResponse.self)?.duplicate == true)
            #expect(late.decode(DepositResponse.self)?.receipt == original.receipt)
            #expect(try await mash.waiting().isEmpty)
        }
    }

    @Test("concurrent copies of one envelope make one delivery", arguments: TestStore.all)
    func concurrentDuplicates(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let school = SignedClient(relay, as: Party.school)
            let bytes = envelope()
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<16 { group.addTask { try await school.deposit(bytes, to: [Party.mash]).status } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 1)
            #expect(statuses.filter { $0 == 200 }.count == 15)
            #expect(try await SignedClient(relay, as: Party.mash).waiting() == [idOf(bytes)])
        }
    }

    @Test("the same id for other mailboxes, or from another agency, is a conflict", arguments: TestStore.all)
    func conflict(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let bytes = envelope()
            #expect(try await SignedClient(relay, as: Party.school).deposit(bytes, to: [Party.mash]).status == 201)
            let other = try await SignedClient(relay, as: Party.school).deposit(bytes, to: [Party.mash, Party.csc])
            #expect(other.status == 409)
            #expect(other.problem?.error == RelayErrorCode.conflict)
            let stolen = try await SignedClient(relay, as: Party.police).deposit(bytes, to: [Party.mash])
            #expect(stolen.status == 409)
            #expect(try await SignedClient(relay, as: Party.csc).waiting().isEmpty)
        }
    }

    @Test("recipients must be active parties with a mailbox, named by id", arguments: TestStore.all)
    func recipients(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let school = SignedClient(relay, as: Party.school)
            for (recipient, why) in [(Party.outsider, "not a party"), (Party.health, "revoked"), (Party.relay, "the relay operator")] {
                let reply = try await school.deposit(envelope(), to: [Party.mash, recipient])
                #expect(reply.status == 400, "\(why)")
                #expect(reply.problem?.error == RelayErrorCode.unknownRecipient, "\(why)")
                #expect(reply.problem?.message.contains(recipient.agencyID) == true, "\(why)")
            }
            let none = try await school.signed(.POST, RelayAPI.Path.envelopes, body: envelope())
            #expect(none.status == 400)
            let notEnvelope = try await school.signed(.POST, RelayAPI.Path.envelopes + "?to=\(Party.mash.agencyID)", body: Array(repeating: 7, count: 100))
            #expect(notEnvelope.status == 400)
            #expect(try await SignedClient(relay, as: Party.mash).waiting().isEmpty)
        }
    }

    @Test("listing pages with after and limit, oldest first", arguments: TestStore.all)
    func paging(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let school = SignedClient(relay, as: Party.school)
            var ids: [String] = []
            for _ in 0..<5 {
                let bytes = envelope(size: 100)
                ids.append(idOf(bytes))
                #expect(try await school.deposit(bytes, to: [Party.mash]).status == 201)
            }
            let mash = SignedClient(relay, as: Party.mash)
            let first = try #require(try await mash.list("?limit=2").decode(MailboxListing.self))
            #expect(first.messages.map(\.envelopeID) == Array(ids[0..<2]))
            let next = try #require(first.next)
            let second = try #require(try await mash.list("?after=\(next)&limit=2").decode(MailboxListing.self))
            #expect(second.messages.map(\.envelopeID) == Array(ids[2..<4]))
            let last = try #require(try await mash.list("?after=\(second.next ?? "")&limit=2").decode(MailboxListing.self))
            #expect(last.messages.map(\.envelopeID) == [ids[4]])
            #expect(last.next == nil)
            for bad in ["?limit=0", "?limit=1001", "?limit=x", "?after=zz", "?colour=blue", "?limit=1&limit=2", "?after=\(String(repeating: "a", count: 64))"] {
                #expect(try await mash.list(bad).status == 400, "\(bad)")
            }
        }
    }

    @Test("deposit status is for the depositor only; anyone else gets the plain 404", arguments: TestStore.all)
    func statusOwnership(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let bytes = envelope()
            #expect(try await SignedClient(relay, as: Party.school).deposit(bytes, to: [Party.mash]).status == 201)
            let nobody = try await SignedClient(relay, as: Party.mash).status(idOf(envelope()))
            let recipient = try await SignedClient(relay, as: Party.mash).status(idOf(bytes))
            #expect(recipient.status == 404)
            #expect(recipient.body == nobody.body)
        }
    }

    @Test("expiry: past its retention an envelope leaves the mailbox, the sender sees it expired, a re-deposit stays a duplicate", arguments: TestStore.all)
    func expiry(store: TestStore) async throws {
        let clock = TestClock()
        try await withRelay(store: store, clock: clock, configure: { $0.retention = 3600; $0.tombstoneLifetime = 7200 }) { relay, _ in
            let school = SignedClient(relay, as: Party.school, clock: clock.function)
            let mash = SignedClient(relay, as: Party.mash, clock: clock.function)
            let bytes = envelope()
            let id = idOf(bytes)
            let receipt = try #require(try await school.deposit(bytes, to: [Party.mash, Party.csc]).decode(DepositResponse.self))
            #expect(receipt.receipt.expiresAt == receipt.receipt.depositedAt + 3600)
            #expect(try await SignedClient(relay, as: Party.csc, clock: clock.function).delete(id).status == 204)

            clock.advance(by: 3601)
            #expect(try await mash.waiting().isEmpty)
            #expect(try await mash.fetch(id).status == 404)
            let status = try #require(try await school.status(id).decode(DepositStatus.self))
            #expect(status.deliveries.map(\.state) == [.deleted, .expired])
            #expect(status.deliveries[1].at == receipt.receipt.expiresAt)
            let again = try await school.deposit(bytes, to: [Party.mash, Party.csc])
            #expect(again.status == 200)
            #expect(try await mash.waiting().isEmpty)

            // The sweeper's work, done directly on the same file: marks, drops the body, later forgets.
            let store = try await openRepository(relay.configuration, startedAt: clock.now)
            let swept = try await store.expire(now: clock.now, batchLimit: 100)
            #expect(swept == ExpiryReport(expired: 1, bodiesDropped: 1, forgotten: 0))
            #expect(try await store.usage(mailbox: Party.mash.agencyID) == MailboxUsage(count: 0, bytes: 0))
            #expect(try await mash.delete(id).status == 404, "an expired copy cannot be deleted")
            #expect(try await school.status(id).decode(DepositStatus.self) == status)
            let forgotten = try await store.expire(now: clock.now + 7200, batchLimit: 100)
            #expect(forgotten.forgotten == 1)
            #expect(try await store.depositStatus(EnvelopeID(hex: id)!, sender: Party.school.agencyID, now: clock.now) == nil)
            try await store.close()
        }
    }

    @Test("metrics: Prometheus text on the loopback metrics listener, counting requests by route and status, deposits and commits", arguments: TestStore.all)
    func metrics(store: TestStore) async throws {
        try await withRelay(store: store, configure: { $0.metricsPort = 0 }) { relay, _ in
            let school = SignedClient(relay, as: Party.school)
            #expect(try await school.deposit(envelope(), to: [Party.mash]).status == 201)
            #expect(try await SignedClient(relay, as: Party.outsider).list().status == 401)
            let port = try #require(relay.metricsPort)
            let text = try await SignedClient(baseURL: "http://127.0.0.1:\(port)", identity: Party.school)
                .send(.GET, RelayAPI.Path.metrics, headers: []).text
            #expect(text.contains(#"sealpost_relay_requests_total{route="/v1/envelopes",method="POST",status="201"} 1"#), "\(text)")
            #expect(text.contains(#"status="401""#))
            #expect(text.contains("sealpost_relay_deposits_total 1"))
            #expect(text.contains("sealpost_relay_deposit_bytes_total 4096"))
            #expect(text.contains("sealpost_relay_commit_batch_size_count"))
            #expect(text.contains("sealpost_relay_commit_duration_seconds_bucket"))
            #expect(!text.contains(Party.school.agencyID), "metrics name no agency")
        }
    }

    @Test("mailbox quota: a full mailbox refuses with 507 mailbox_full, and takes again once emptied", arguments: TestStore.all)
    func quota(store: TestStore) async throws {
        try await withRelay(store: store, configure: { $0.limits.mailboxQuota = MailboxQuota(maximumCount: 2, maximumBytes: 1 << 30) }) { relay, _ in
            let school = SignedClient(relay, as: Party.school)
            #expect(try await school.deposit(envelope(), to: [Party.mash]).status == 201)
            #expect(try await school.deposit(envelope(), to: [Party.mash]).status == 201)
            let full = try await school.deposit(envelope(), to: [Party.csc, Party.mash])
            #expect(full.status == 507)
            #expect(full.problem?.error == RelayErrorCode.mailboxFull)
            #expect(full.problem?.message.contains(Party.mash.agencyID) == true)
            #expect(try await SignedClient(relay, as: Party.csc).waiting().isEmpty, "nothing half-deposited")
            let mash = SignedClient(relay, as: Party.mash)
            #expect(try await mash.delete(try await mash.waiting()[0]).status == 204)
            #expect(try await school.deposit(envelope(), to: [Party.mash]).status == 201)
        }
    }
}
