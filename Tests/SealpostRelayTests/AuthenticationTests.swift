import Foundation
import Testing
import SealpostCore
import SealpostProtocol
import SealpostRelay
import SealpostSodium

@Suite("Signed requests: who may call, and replays, moved signatures and clocks")
struct AuthenticationTests {
    @Test("THREATS 17: a captured request sent again is refused as replayed", arguments: TestStore.all)
    func replay(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let mash = SignedClient(relay, as: Party.mash)
            let target = RelayAPI.Path.mailbox
            let headers = mash.signatureHeaders(method: "GET", target: target, body: [])
            #expect(try await mash.send(.GET, target, headers: headers).status == 200)
            let again = try await mash.send(.GET, target, headers: headers)
            #expect(again.status == 401)
            #expect(again.problem?.error == RelayErrorCode.replayed)

            // A replayed deposit is refused before anything is stored, even for new bytes.
            let school = SignedClient(relay, as: Party.school)
            let bytes = envelope()
            let depositTarget = RelayAPI.Path.envelopes + "?to=\(Party.mash.agencyID)"
            let signed = school.signatureHeaders(method: "POST", target: depositTarget, body: bytes)
            #expect(try await school.send(.POST, depositTarget, body: bytes, headers: signed).status == 201)
            #expect(try await school.send(.POST, depositTarget, body: bytes, headers: signed).problem?.error == RelayErrorCode.replayed)
        }
    }

    @Test("THREATS 17: a signature moved to another path, query, method or host is refused", arguments: TestStore.all)
    func movedSignature(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let mash = SignedClient(relay, as: Party.mash)
            let school = SignedClient(relay, as: Party.school)
            let bytes = envelope()
            #expect(try await school.deposit(bytes, to: [Party.mash]).status == 201)
            let id = idOf(bytes)

            // Signed for the listing, sent to fetch.
            let forList = mash.signatureHeaders(method: "GET", target: RelayAPI.Path.mailbox, body: [])
            let moved = try await mash.send(.GET, RelayAPI.Path.mailboxEntry(id), headers: forList)
            #expect(moved.status == 401)
            #expect(moved.problem?.error == RelayErrorCode.unauthenticated)

            // Signed for one query, sent with another.
            let forPage = mash.signatureHeaders(method: "GET", target: RelayAPI.Path.mailbox + "?limit=1", body: [])
            #expect(try await mash.send(.GET, RelayAPI.Path.mailbox + "?limit=2", headers: forPage).status == 401)

            // Signed as a fetch, sent as a delete.
            let forFetch = mash.signatureHeaders(method: "GET", target: RelayAPI.Path.mailboxEntry(id), body: [])
            #expect(try await mash.send(.DELETE, RelayAPI.Path.mailboxEntry(id), headers: forFetch).status == 401)

            // Signed for another host.
            let elsewhere = mash.signatureHeaders(method: "GET", target: RelayAPI.Path.mailbox, body: [], host: "relay.other.example:8443")
            #expect(try await mash.send(.GET, RelayAPI.Path.mailbox, headers: elsewhere).status == 401)

            // Signed for other recipients.
            let forMash = school.signatureHeaders(method: "POST", target: RelayAPI.Path.envelopes + "?to=\(Party.mash.agencyID)", body: bytes)
            #expect(try await school.send(.POST, RelayAPI.Path.envelopes + "?to=\(Party.csc.agencyID)", body: bytes, headers: forMash).status == 401)

            #expect(try await mash.waiting() == [id], "nothing was deleted")
        }
    }

    @Test("THREATS 17: a body changed after signing is refused with content_hash_mismatch and not stored", arguments: TestStore.all)
    func changedBody(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let school = SignedClient(relay, as: Party.school)
            let target = RelayAPI.Path.envelopes + "?to=\(Party.mash.agencyID)"
            let original = envelope()
            var changed = original
            changed[100] ^= 1
            let headers = school.signatureHeaders(method: "POST", target: target, body: original)
            let reply = try await school.send(.POST, target, body: changed, headers: headers)
            #expect(reply.status == 401)
            #expect(reply.problem?.error == RelayErrorCode.contentHashMismatch)
            #expect(try await SignedClient(relay, as: Party.mash).waiting().isEmpty)

            // A bodiless request carrying a body, or signed over a body it does not carry.
            let mash = SignedClient(relay, as: Party.mash)
            let withBody = mash.signatureHeaders(method: "GET", target: RelayAPI.Path.mailbox, body: [1, 2, 3])
            #expect(try await mash.send(.GET, RelayAPI.Path.mailbox, headers: withBody).problem?.error == RelayErrorCode.contentHashMismatch)
        }
    }

    @Test("with --public-host set, a request signed for any other host is refused even with a valid signature", arguments: TestStore.all)
    func publicHost(store: TestStore) async throws {
        try await withRelay(store: store, configure: { $0.acceptedHosts = ["relay.kingsbridge.example:8443"] }) { relay, _ in
            let reply = try await SignedClient(relay, as: Party.mash).list()
            #expect(reply.status == 401)
            #expect(reply.problem?.error == RelayErrorCode.unauthenticated)
            #expect(reply.problem?.message.contains("host") == true)
        }
    }

    @Test("THREATS 18: a clock 10 minutes off gets 401 clock_skew that states the relay's time", arguments: TestStore.all)
    func clockSkew(store: TestStore) async throws {
        let clock = TestClock(1_800_000_000)
        try await withRelay(store: store, clock: clock) { relay, _ in
            for offset: Int64 in [600, -600] {
                let skewed = SignedClient(relay, as: Party.mash, clock: { clock.now + offset })
                let reply = try await skewed.list()
                #expect(reply.status == 401)
                let problem = try #require(reply.problem)
                #expect(problem.error == RelayErrorCode.clockSkew)
                #expect(problem.message.contains("clock skew"))
                #expect(problem.message.contains(String(clock.now)), "\(problem.message)")
                #expect(reply.header(RelayAPI.Header.relayTime) == String(clock.now))
            }
            // Within five minutes either way is accepted (once the relay has run long enough for
            // the earlier time to fall after its start).
            clock.advance(by: 600)
            #expect(try await SignedClient(relay, as: Party.mash, clock: { clock.now + 299 }).list().status == 200)
            #expect(try await SignedClient(relay, as: Party.mash, clock: { clock.now - 299 }).list().status == 200)
        }
    }

    @Test("unknown, revoked and mis-keyed agencies are refused; missing or malformed headers are named", arguments: TestStore.all)
    func whoMayCall(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let outsider = try await SignedClient(relay, as: Party.outsider).list()
            #expect(outsider.status == 401)
            #expect(outsider.problem?.error == RelayErrorCode.unknownAgency)
            let revoked = try await SignedClient(relay, as: Party.health).list()
            #expect(revoked.status == 401)
            #expect(revoked.problem?.error == RelayErrorCode.unknownAgency)

            // The school's name with someone else's key.
            let impostor = Identity(agencyID: Party.school.agencyID, name: "Impostor", signingKey: Party.outsider.signingKey,
                                    boxKey: Party.outsider.boxKey)
            let forged = try await SignedClient(relay, as: impostor).list()
            #expect(forged.status == 401)
            #expect(forged.problem?.error == RelayErrorCode.unauthenticated)
            #expect(forged.problem?.message == "the request could not be authenticated")

            let unsigned = try await SignedClient(relay, as: Party.mash).send(.GET, RelayAPI.Path.mailbox, headers: [])
            #expect(unsigned.status == 401)
            #expect(unsigned.problem?.message.contains(RelayAPI.Header.agency) == true)
            var headers = SignedClient(relay, as: Party.mash).signatureHeaders(method: "GET", target: RelayAPI.Path.mailbox, body: [])
            headers = headers.map { $0.0 == RelayAPI.Header.nonce ? ($0.0, "XYZ") : $0 }
            let malformed = try await SignedClient(relay, as: Party.mash).send(.GET, RelayAPI.Path.mailbox, headers: headers)
            #expect(malformed.status == 401)
            #expect(malformed.problem?.message.contains(RelayAPI.Header.nonce) == true)
        }
    }

    @Test("THREATS 19: another agency's message is a 404 byte-identical to a message that does not exist, headers included", arguments: TestStore.all)
    func someoneElsesMailbox(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let bytes = envelope()
            let id = idOf(bytes)
            #expect(try await SignedClient(relay, as: Party.school).deposit(bytes, to: [Party.mash]).status == 201)
            let police = SignedClient(relay, as: Party.police)
            let school = SignedClient(relay, as: Party.school)
            let missing = idOf(envelope())
            let nothing = try await police.fetch(missing)
            #expect(nothing.status == 404)
            #expect(nothing.problem?.error == RelayErrorCode.notFound)

            // Every way of asking for what is not yours answers exactly what asking for nothing does:
            // status, every header but the clocks, and body.
            let answers: [(String, Reply)] = [
                ("fetch of their message", try await police.fetch(id)),
                ("delete of their message", try await police.delete(id)),
                ("delete of no message", try await police.delete(missing)),
                ("fetch by its sender", try await school.fetch(id)),
                ("delete by its sender", try await school.delete(id)),
                ("deposit status for a recipient", try await SignedClient(relay, as: Party.mash).status(id)),
                ("deposit status for a stranger", try await police.status(id)),
                ("deposit status of no deposit", try await police.status(missing)),
                ("a malformed id", try await police.fetch("not-an-id")),
                ("an upper-case id", try await police.fetch(id.uppercased())),
            ]
            for (what, answer) in answers {
                #expect(answer.comparable == nothing.comparable, "\(what)")
            }
            // Listing shows only the caller's own mailbox.
            #expect(try await police.waiting().isEmpty)
            #expect(try await SignedClient(relay, as: Party.mash).fetch(id).body == bytes, "still there for its owner")
        }
    }

    @Test("THREATS 17: an unauthenticated upload is refused from its head alone, and the relay hangs up rather than read it", arguments: TestStore.all)
    func unauthenticatedUpload(store: TestStore) async throws {
        try await withRelay(store: store, configure: { $0.limits.perAddress = nil }) { relay, _ in
            let target = RelayAPI.Path.envelopes + "?to=\(Party.mash.agencyID)"
            let impostor = Identity(agencyID: Party.school.agencyID, name: "Impostor", signingKey: Party.outsider.signingKey,
                                    boxKey: Party.outsider.boxKey)
            for (who, identity, error) in [("a stranger", Party.outsider, RelayErrorCode.unknownAgency),
                                            ("a forged signature", impostor, RelayErrorCode.unauthenticated)] {
                let connection = try RawConnection(port: relay.port)
                defer { connection.close() }
                let headers = SignedClient(relay, as: identity).signatureHeaders(method: "POST", target: target, body: envelope(size: 1 << 20))
                #expect(await connection.send(requestHead(method: "POST", target: target, port: relay.port,
                                                          headers: headers + [("Content-Length", "\(1 << 20)")])))
                // Not one byte of the declared megabyte is sent: the answer comes from the head.
                let response = try #require(await connection.readResponse(), "\(who)")
                #expect(response.head.hasPrefix("HTTP/1.1 401"), "\(who)")
                #expect(response.head.lowercased().contains("connection: close"), "\(who)")
                #expect(RelayJSON.decode(RelayProblem.self, from: response.body)?.error == error, "\(who)")
                #expect(await connection.waitForClose().closed, "\(who): the relay hangs up")
            }
            #expect(try await SignedClient(relay, as: Party.mash).waiting().isEmpty)
        }
    }

    @Test("a timestamp with leading zeros, a Host header given twice or a Host outside visible ASCII is malformed", arguments: TestStore.all)
    func nonCanonicalHeaders(store: TestStore) async throws {
        try await withRelay(store: store, configure: { $0.limits.perAddress = nil }) { relay, _ in
            let mash = SignedClient(relay, as: Party.mash)
            let target = RelayAPI.Path.mailbox
            func ask(_ head: String) async throws -> (status: String, problem: RelayProblem?) {
                let connection = try RawConnection(port: relay.port)
                defer { connection.close() }
                #expect(await connection.send(head))
                let response = try #require(await connection.readResponse())
                return (String(response.head.prefix(12)), RelayJSON.decode(RelayProblem.self, from: response.body))
            }
            // Signed over "0" + the time: the relay would read the number and check another string.
            let now = RelayConfiguration.systemClock()
            let padded = SignedRequest(agency: Party.mash.agencyID, method: "GET", target: target, host: mash.host, timestamp: now,
                                       nonce: RandomBytes.make(count: 16), contentHash: BLAKE2b.hash([UInt8]()))
            let headers = padded.headers(signedWith: Party.mash.signingKey).map { (name: String, value: String) -> (String, String) in
                name == RelayAPI.Header.timestamp ? (name, "0" + value) : (name, value)
            }
            let leadingZero = try await ask(requestHead(method: "GET", target: target, port: relay.port, headers: headers))
            #expect(leadingZero.status == "HTTP/1.1 401")
            #expect(leadingZero.problem?.message.contains(RelayAPI.Header.timestamp) == true, "\(String(describing: leadingZero.problem))")

            let twice = try await ask(requestHead(method: "GET", target: target, port: relay.port,
                                                  headers: mash.signatureHeaders(method: "GET", target: target, body: []) + [("Host", "elsewhere.example")]))
            #expect(twice.status == "HTTP/1.1 401")
            #expect(twice.problem?.message.contains("Host") == true, "\(String(describing: twice.problem))")

            let spaced = "GET \(target) HTTP/1.1\r\nHost: relay example\r\n"
                + mash.signatureHeaders(method: "GET", target: target, body: [], host: "relay example").map { "\($0.0): \($0.1)\r\n" }.joined() + "\r\n"
            let badHost = try await ask(spaced)
            #expect(badHost.status == "HTTP/1.1 401")
            #expect(badHost.problem?.message.contains("Host") == true, "\(String(describing: badHost.problem))")

            // The same request, canonical, is served.
            #expect(try await mash.list().status == 200)
        }
    }

    @Test("a restart cannot reopen a replay window: a request accepted before it is refused after it, on either store", arguments: TestStore.all)
    func beforeStart(store: TestStore) async throws {
        let clock = TestClock(1_800_000_000)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var config = relayConfiguration(folder, clock: clock.function)
        let database = try await store.prepare(&config)
        let mash = { (relay: RunningRelay, at: Int64) in SignedClient(relay, as: Party.mash, clock: { at }) }
        let first = try await RunningRelay.start(config)
        let accepted = mash(first, clock.now).signatureHeaders(method: "GET", target: RelayAPI.Path.mailbox, body: [])
        #expect(try await mash(first, clock.now).send(.GET, RelayAPI.Path.mailbox, headers: accepted).status == 200)
        await first.stop()

        clock.advance(by: 10)
        let second = try await RunningRelay.start(config, port: first.port)
        let replayed = try await mash(second, clock.now).send(.GET, RelayAPI.Path.mailbox, headers: accepted)
        #expect(replayed.status == 401)
        #expect(replayed.problem?.error == RelayErrorCode.replayed)
        // A request never seen, timestamped before the restart: the SQLite store's ledger, in memory,
        // cannot know it was not accepted before and refuses it; PostgreSQL's remembers, and takes it.
        let older = try await mash(second, clock.now - 1).list()
        switch store {
        case .sqlite:
            #expect(older.status == 401)
            #expect(older.problem?.error == RelayErrorCode.replayed)
        case .postgres:
            #expect(older.status == 200)
        }
        #expect(try await mash(second, clock.now).list().status == 200)
        await second.stop()
        await database?.drop()
    }

    @Test("a relay only starts under a complete agreement in force that names it an active relay operator with its key")
    func startRefusals() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        func refusal(_ config: RelayConfiguration) async -> String? {
            do {
                let relay = try await RunningRelay.start(config)
                await relay.stop()
                return nil
            } catch let error as RelayConfigurationError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        var unsigned = Party.agreement()
        try unsigned.edit { $0.title = "Edited after signing" }
        #expect(await refusal(relayConfiguration(folder, agreement: unsigned))?.contains("not yet signed") == true)
        #expect(await refusal(relayConfiguration(folder, agreement: Party.agreement(from: "2020-01-01", until: "2021-01-01")))?.contains("not today") == true)
        #expect(await refusal(relayConfiguration(folder, agreement: Party.agreement(revoked: [Party.relay.agencyID, Party.health.agencyID])))?.contains("revoked") == true)
        #expect(await refusal(relayConfiguration(folder) { $0.identity = Party.school })?.contains("not relay_operator") == true)
        let otherKey = Identity(agencyID: Party.relay.agencyID, name: Party.relay.name, signingKey: Party.outsider.signingKey, boxKey: Party.relay.boxKey)
        #expect(await refusal(relayConfiguration(folder) { $0.identity = otherKey })?.contains("different signing key") == true)
        #expect(await refusal(relayConfiguration(folder) { $0.identity = Party.outsider })?.contains("not a party") == true)
    }
}
