import AsyncHTTPClient
import Foundation
import Testing
import SealpostCore
import SealpostProtocol
import SealpostRelay
import SealpostSodium

@Suite("Limits: sizes, recipients, slow connections, floods, quotas")
struct LimitTests {
    /// The signed head of a deposit to `recipients` whose body will be `declared`, as raw HTTP.
    func depositHead(_ relay: RunningRelay, recipients: [String], body: [UInt8], extra: [(String, String)]) -> String {
        let target = RelayAPI.Path.envelopes + "?" + recipients.map { "to=\($0)" }.joined(separator: "&")
        let client = SignedClient(relay, as: Party.school)
        return requestHead(method: "POST", target: target, port: relay.port,
                           headers: client.signatureHeaders(method: "POST", target: target, body: body) + extra)
    }

    @Test("THREATS 13: a Content-Length over the limit is refused with 413 before any body is sent", arguments: TestStore.all)
    func declaredTooLarge(store: TestStore) async throws {
        try await withRelay(store: store, configure: { $0.limits.maximumEnvelopeBytes = 64 * 1024 }) { relay, _ in
            let connection = try RawConnection(port: relay.port)
            defer { connection.close() }
            let head = depositHead(relay, recipients: [Party.mash.agencyID], body: [], extra: [("Content-Length", "10737418240")])
            #expect(await connection.send(head))
            // No body byte is ever sent: the answer can only come from the declared length.
            let response = try #require(await connection.readResponse())
            #expect(response.head.hasPrefix("HTTP/1.1 413"))
            #expect(RelayJSON.decode(RelayProblem.self, from: response.body)?.error == RelayErrorCode.tooLarge)
            #expect(await connection.waitForClose().closed, "the relay hangs up rather than read the upload")
        }
    }

    @Test("THREATS 13: a chunked body that runs past the limit is refused with 413 as it passes, before it ends", arguments: TestStore.all)
    func streamedOverrun(store: TestStore) async throws {
        let limit = 64 * 1024
        try await withRelay(store: store, configure: { $0.limits.maximumEnvelopeBytes = limit }) { relay, _ in
            let connection = try RawConnection(port: relay.port)
            defer { connection.close() }
            let head = depositHead(relay, recipients: [Party.mash.agencyID], body: envelope(size: limit * 2),
                                   extra: [("Transfer-Encoding", "chunked")])
            async let answer = connection.readResponse()
            #expect(await connection.send(head))
            // Twice the limit in 8 KiB chunks, and never the final zero-length chunk: a relay that
            // waited for the whole body would never answer.
            let chunk = Array("2000\r\n".utf8) + [UInt8](repeating: 0x41, count: 8192) + Array("\r\n".utf8)
            for _ in 0..<(2 * limit / 8192) {
                if !(await connection.send(chunk)) { break }
            }
            let response = try #require(await answer)
            #expect(response.head.hasPrefix("HTTP/1.1 413"))
            #expect(RelayJSON.decode(RelayProblem.self, from: response.body)?.error == RelayErrorCode.tooLarge)
        }
    }

    @Test("THREATS 13: thousands of recipients, or one over the limit, are refused with 400 before the body", arguments: TestStore.all)
    func tooManyRecipients(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let school = SignedClient(relay, as: Party.school)
            let thousands = try await school.signed(.POST, RelayAPI.Path.envelopes + "?" + Array(repeating: "to=x", count: 3000).joined(separator: "&"),
                                                    body: envelope())
            #expect(thousands.status == 400)
            #expect(thousands.problem?.error == RelayErrorCode.tooManyRecipients)
            #expect(thousands.problem?.message.contains("3000") == true)

            let names = (0..<65).map { _ in Party.mash.agencyID }
            let oneOver = try await school.signed(.POST, RelayAPI.Path.envelopes + "?" + names.map { "to=\($0)" }.joined(separator: "&"), body: envelope())
            #expect(oneOver.problem?.error == RelayErrorCode.tooManyRecipients)

            // Over a raw connection: a large declared body is never sent, and the 400 still comes.
            let connection = try RawConnection(port: relay.port)
            defer { connection.close() }
            #expect(await connection.send(depositHead(relay, recipients: Array(repeating: "x", count: 2000), body: [], extra: [("Content-Length", "1000000")])))
            let response = try #require(await connection.readResponse())
            #expect(response.head.hasPrefix("HTTP/1.1 400"))
            #expect(RelayJSON.decode(RelayProblem.self, from: response.body)?.error == RelayErrorCode.tooManyRecipients)
        }
    }

    @Test("a full mailbox is refused with 507 from the deposit's head, before its body; a retry of what it holds is still a duplicate", arguments: TestStore.all)
    func quotaBeforeBody(store: TestStore) async throws {
        try await withRelay(store: store, configure: { $0.limits.mailboxQuota = MailboxQuota(maximumCount: 1, maximumBytes: 1 << 30) }) { relay, _ in
            let school = SignedClient(relay, as: Party.school)
            let held = envelope()
            let first = try await school.deposit(held, to: [Party.mash])
            #expect(first.status == 201)

            let connection = try RawConnection(port: relay.port)
            defer { connection.close() }
            #expect(await connection.send(depositHead(relay, recipients: [Party.mash.agencyID], body: envelope(),
                                                      extra: [("Content-Length", "4096")])))
            // No body byte is sent: the answer can only come from the head.
            let response = try #require(await connection.readResponse())
            #expect(response.head.hasPrefix("HTTP/1.1 507"), "\(response.head)")
            #expect(RelayJSON.decode(RelayProblem.self, from: response.body)?.error == RelayErrorCode.mailboxFull)
            #expect(await connection.waitForClose().closed, "the relay hangs up rather than read the upload")

            // The sender's retry of the deposit the mailbox holds is answered as the duplicate it is.
            let retry = try await school.deposit(held, to: [Party.mash])
            #expect(retry.status == 200, "\(retry.text)")
            #expect(retry.decode(DepositResponse.self)?.receipt == first.decode(DepositResponse.self)?.receipt)
            // A new envelope is still refused, from another sender too.
            #expect(try await SignedClient(relay, as: Party.police).deposit(envelope(), to: [Party.mash]).status == 507)
        }
    }

    @Test("THREATS 15: slow connections, a byte at a time, are cut off by the timeouts, the connection cap holds, and others are served", arguments: TestStore.all)
    func slowConnections(store: TestStore) async throws {
        let cap = 4
        try await withRelay(store: store, configure: {
            $0.limits.maximumConnections = cap
            $0.limits.headerTimeout = .seconds(1)
            $0.limits.idleTimeout = .seconds(1)
            $0.limits.bodyTimeout = .seconds(2)
            $0.limits.perAddress = nil
            $0.metricsPort = 0
        }) { relay, _ in
            let slowHeads = try (0..<8).map { _ in try RawConnection(port: relay.port) }
            let slowBodies = try (0..<4).map { _ in try RawConnection(port: relay.port) }
            defer { (slowHeads + slowBodies).forEach { $0.close() } }
            let head = Array("GET /v1/mailbox HTTP/1.1\r\nHost: 127.0.0.1:\(relay.port)\r\nX-Padding: ".utf8) + [UInt8](repeating: 0x61, count: 2000)
            let body = envelope(size: 4096)
            let bodyHead = Array(depositHead(relay, recipients: [Party.mash.agencyID], body: body, extra: [("Content-Length", "4096")]).utf8)

            // Each sends a byte every 50 ms until the relay hangs up (or it has sent everything,
            // which would take far longer than any timeout).
            let trickles = Task {
                await withTaskGroup(of: Void.self) { group in
                    for connection in slowHeads {
                        group.addTask { for byte in head { guard await connection.send([byte]) else { return }; try? await Task.sleep(for: .milliseconds(50)) } }
                    }
                    for connection in slowBodies {
                        group.addTask {
                            guard await connection.send(bodyHead) else { return }
                            for byte in body { guard await connection.send([byte]) else { return }; try? await Task.sleep(for: .milliseconds(50)) }
                        }
                    }
                }
            }
            // Meanwhile an ordinary client is served.
            let served = try await SignedClient(relay, as: Party.mash).list()
            #expect(served.status == 200)

            for connection in slowHeads + slowBodies {
                let outcome = await connection.waitForClose()
                #expect(outcome.closed, "the relay closed the slow connection")
            }
            trickles.cancel()
            let metrics = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(relay.metricsPort!)/metrics"), timeout: .seconds(30))
            let text = String(buffer: try await metrics.body.collect(upTo: 1 << 20))
            let peak = text.split(separator: "\n").first { $0.hasPrefix("sealpost_relay_open_connections_peak ") }
                .flatMap { Double($0.split(separator: " ")[1]) }
            let observed = try #require(peak)
            #expect(observed >= 1)
            #expect(observed <= Double(cap), "never more than \(cap) connections at once")
            #expect(try await SignedClient(relay, as: Party.mash).waiting().isEmpty, "no trickled deposit was stored")
        }
    }

    @Test("THREATS 16: a flood from one agency gets 429 with Retry-After while another agency is served", arguments: TestStore.all)
    func agencyFlood(store: TestStore) async throws {
        // Refills once a minute, so however slowly a loaded machine runs the loop, no token comes back.
        try await withRelay(store: store, configure: { $0.limits.perAgency = .init(perSecond: 1.0 / 60, burst: 5) }) { relay, _ in
            let school = SignedClient(relay, as: Party.school)
            var statuses: [Int] = []
            var limited: Reply?
            for _ in 0..<12 {
                let reply = try await school.list()
                statuses.append(reply.status)
                if reply.status == 429 { limited = reply }
            }
            #expect(statuses.prefix(5).allSatisfy { $0 == 200 })
            #expect(statuses.contains(429))
            let refusal = try #require(limited)
            #expect(refusal.problem?.error == RelayErrorCode.rateLimited)
            // One token a minute: the wait for the next is up to 60 s, and said so.
            let retryAfter = try #require(refusal.header("Retry-After").flatMap(Int.init))
            #expect((1...60).contains(retryAfter))
            #expect(try await SignedClient(relay, as: Party.mash).list().status == 200)
        }
    }

    @Test("THREATS 16: a flood of unsigned or failing requests from one address gets 429; another address is served", arguments: TestStore.all)
    func addressFlood(store: TestStore) async throws {
        // Refills once a minute, so however slowly a loaded machine runs the loop, no token comes back.
        try await withRelay(store: store, configure: { $0.limits.perAddress = .init(perSecond: 1.0 / 60, burst: 5) }) { relay, _ in
            var statuses: [Int] = []
            let outsider = SignedClient(relay, as: Party.outsider)
            for _ in 0..<10 { statuses.append(try await outsider.list().status) }
            #expect(statuses.prefix(5).allSatisfy { $0 == 401 })
            #expect(statuses.suffix(3).allSatisfy { $0 == 429 })
            let health = try await outsider.send(.GET, RelayAPI.Path.health, headers: [])
            #expect(health.status == 429)
            #expect(health.header("Retry-After") != nil)

            let elsewhere = try RawConnection(port: relay.port, from: "127.0.0.2")
            defer { elsewhere.close() }
            #expect(await elsewhere.send(requestHead(method: "GET", target: RelayAPI.Path.health, port: relay.port, headers: [])))
            let response = try #require(await elsewhere.readResponse())
            #expect(response.head.hasPrefix("HTTP/1.1 200"))
        }
    }
}
