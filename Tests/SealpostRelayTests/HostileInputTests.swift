import AsyncHTTPClient
import Foundation
import Testing
import SealpostCore
import SealpostProtocol
import SealpostRelay
import SealpostSodium
#if canImport(Glibc)
import Glibc
#endif

/// Issue 14 §5, THREATS row 37: what a hostile client can do with HTTP itself, against a real relay
/// on 127.0.0.1: pipelining without reading, holding deposits open, cutting bodies short, HTTP/1.0,
/// `Expect: 100-continue` and stray query parameters.
@Suite("The relay under hostile input (THREATS 37)", .serialized, .timeLimit(.minutes(8)))
struct HostileInputTests {
    /// The signed head of a deposit from the school to the MASH of `body`, with `extra` headers, as raw HTTP.
    func depositHead(_ relay: RunningRelay, body: [UInt8], to recipient: String = Party.mash.agencyID,
                     extra: [(String, String)]) -> String {
        let target = RelayAPI.Path.envelopes + "?to=\(recipient)"
        let client = SignedClient(relay, as: Party.school)
        return requestHead(method: "POST", target: target, port: relay.port,
                           headers: client.signatureHeaders(method: "POST", target: target, body: body) + extra)
    }

    func metricsText(_ relay: RunningRelay) async throws -> String {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(relay.metricsPort!)/metrics"),
                                                           timeout: .seconds(30))
        return String(buffer: try await response.body.collect(upTo: 1 << 20))
    }

    @Test("THREATS 37: clients that pipeline requests and never read are cut off by the write timeout; a fresh client is served")
    func pipelinersWhoNeverRead() async throws {
        let folder = try TemporaryFolder("relay-pipeline")
        defer { folder.remove() }
        let home = try RelayProcess.makeHome(in: folder)
        // Two connection slots, both taken by clients that never read; the write timeout is short.
        let relay = try RelayProcess(["serve", "--home", home.path, "--port", "0", "--db", folder.file("relay.sqlite"),
                                      "--max-connections", "2", "--write-timeout", "2", "--address-rate", "0"])
        let port = try #require(await relay.listeningPort() ?? nil, "the relay did not start: \(relay.standardError)")
        defer { relay.kill(SIGKILL) }
        let rssBefore = residentMegabytes(relay.process.processIdentifier)

        let block = Array(String(repeating: "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n", count: 1000).utf8)
        let hostile = try (0..<4).map { _ in try RawConnection(port: port, receiveBuffer: 4096) }
        defer { hostile.forEach { $0.close() } }
        let started = ContinuousClock.now
        let floods = Task {
            await withTaskGroup(of: (closed: Bool, sent: Int).self) { group in
                for connection in hostile { group.addTask { await connection.flood(block, seconds: 150) } }
                return await group.reduce(into: []) { $0.append($1) }
            }
        }
        try await Task.sleep(for: .seconds(1))
        // Before the fix both slots stayed taken for as long as the flooders stayed: this waited forever.
        let fresh = try RawConnection(port: port, readTimeout: 150)
        defer { fresh.close() }
        #expect(await fresh.send(requestHead(method: "GET", target: RelayAPI.Path.health, port: port, headers: [])))
        let answer = try #require(await fresh.readResponse(), "a fresh client's health request went unanswered")
        #expect(answer.head.hasPrefix("HTTP/1.1 200"))
        let served = ContinuousClock.now - started

        let outcomes = await floods.value
        #expect(outcomes.allSatisfy { $0.closed }, "every client that never reads is cut off: \(outcomes)")
        let rssAfter = residentMegabytes(relay.process.processIdentifier)
        print("pipelining non-readers: fresh health served after \(served); requests pipelined per client \(outcomes.map { $0.sent * 1000 }); relay RSS \(rssBefore) MB before, \(rssAfter) MB after")
    }

    @Test("THREATS 37: deposits in flight are bounded across connections: past the budget, 503 busy with Retry-After before the body", arguments: TestStore.all)
    func depositBytesInFlight(store: TestStore) async throws {
        let megabyte = 1 << 20
        try await withRelay(store: store, configure: {
            $0.limits.maximumEnvelopeBytes = megabyte
            $0.limits.maximumBodyBytesInFlight = 2 * megabyte
            $0.limits.perAddress = nil
        }) { relay, _ in
            // Two deposits of 1 MiB each, half sent: the budget is spent.
            let bodies = [envelope(size: megabyte), envelope(size: megabyte)]
            // Generous timeouts: on a loaded machine (a full run starts relays and 16 MiB uploads
            // beside this test) the relay was once slower than a minute to take half a body.
            let open = try bodies.map { _ in try RawConnection(port: relay.port, readTimeout: 240) }
            defer { open.forEach { $0.close() } }
            for (connection, body) in zip(open, bodies) {
                #expect(await connection.send(depositHead(relay, body: body, extra: [("Content-Length", "\(megabyte)")])))
                #expect(await connection.send(Array(body[..<(megabyte / 2)])))
            }
            try await Task.sleep(for: .milliseconds(500))

            // A third is refused from its head: nothing of its body is read.
            let third = try RawConnection(port: relay.port, readTimeout: 240)
            defer { third.close() }
            #expect(await third.send(depositHead(relay, body: envelope(size: megabyte), extra: [("Content-Length", "\(megabyte)")])))
            let refused = try #require(await third.readResponse())
            #expect(refused.head.hasPrefix("HTTP/1.1 503"), "\(refused.head)")
            #expect(refused.head.lowercased().contains("retry-after: "))
            #expect(RelayJSON.decode(RelayProblem.self, from: refused.body)?.error == RelayErrorCode.busy)
            #expect(await third.waitForClose().closed, "the relay hangs up rather than read the upload")

            // A chunked one is refused as it passes the budget.
            let chunked = try RawConnection(port: relay.port, readTimeout: 240)
            defer { chunked.close() }
            #expect(await chunked.send(depositHead(relay, body: envelope(size: megabyte), extra: [("Transfer-Encoding", "chunked")])))
            async let chunkedAnswer = chunked.readResponse()
            let chunk = Array("2000\r\n".utf8) + [UInt8](repeating: 0x41, count: 8192) + Array("\r\n".utf8)
            for _ in 0..<(megabyte / 8192) { if !(await chunked.send(chunk)) { break } }
            let chunkedRefusal = try #require(await chunkedAnswer)
            #expect(chunkedRefusal.head.hasPrefix("HTTP/1.1 503"), "\(chunkedRefusal.head)")

            // The two finish and are stored; their bytes go back to the budget, and the next deposit is taken.
            for (connection, body) in zip(open, bodies) {
                #expect(await connection.send(Array(body[(megabyte / 2)...])))
                let stored = try #require(await connection.readResponse())
                #expect(stored.head.hasPrefix("HTTP/1.1 201"), "\(stored.head)")
            }
            let school = SignedClient(relay, as: Party.school)
            #expect(try await school.deposit(envelope(size: megabyte), to: [Party.mash]).status == 201)
            #expect(Set(try await SignedClient(relay, as: Party.mash).waiting()).isSuperset(of: bodies.map(idOf)))
        }
    }

    @Test("THREATS 37: sixteen 16 MiB deposits at once stay within the budget: the relay's memory grows by far less than their size")
    func depositMemory() async throws {
        let folder = try TemporaryFolder("relay-inflight")
        defer { folder.remove() }
        let home = try RelayProcess.makeHome(in: folder)
        let relay = try RelayProcess(["serve", "--home", home.path, "--port", "0", "--db", folder.file("relay.sqlite"),
                                      "--max-inflight-bytes", "\(32 << 20)", "--agency-rate", "0"])
        let port = try #require(await relay.listeningPort() ?? nil, "the relay did not start: \(relay.standardError)")
        defer { relay.kill(SIGKILL) }
        let pid = relay.process.processIdentifier
        // Sixteen connections at once (the shared client would open eight).
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                              configuration: .init(connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 16)))
        var school = SignedClient(baseURL: "http://127.0.0.1:\(port)", identity: Party.school)
        school.http = http
        #expect(try await school.send(.GET, RelayAPI.Path.health, headers: []).status == 200)
        let baseline = residentMegabytes(pid)

        let peak = Locked(baseline)
        let sampling = Task {
            while !Task.isCancelled {
                let now = residentMegabytes(pid)
                peak.update { $0 = max($0, now) }
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
        let bodies = (0..<16).map { _ in envelope(size: 16 << 20) }
        let client = school
        // -1: the relay refused and hung up while the client was still sending, before it read the 503.
        let statuses = await withTaskGroup(of: Int.self) { group in
            for body in bodies { group.addTask { (try? await client.deposit(body, to: [Party.mash]).status) ?? -1 } }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        sampling.cancel()
        try await http.shutdown()
        let growth = peak.value - baseline
        print("16 deposits of 16 MiB at once, 32 MiB in flight at most: statuses \(statuses.sorted()), relay RSS \(baseline) MB before, peak \(peak.value) MB (+\(growth) MB)")
        #expect(statuses.allSatisfy { [201, 503, -1].contains($0) }, "\(statuses)")
        #expect(statuses.contains(201))
        // Unbounded, 16 deposits held at once cost about twice their 256 MiB.
        #expect(growth < 250, "the relay grew by \(growth) MB")
    }

    @Test("THREATS 37: a deposit body cut short by a half-close or by the body timeout is the client's 400, not an internal error",
          arguments: TestStore.all)
    func truncatedBodies(store: TestStore) async throws {
        let body = envelope(size: 4096)
        // The client closes its side after 1000 of 4096 bytes: the relay still answers, on the open half.
        try await withRelay(store: store, configure: { $0.metricsPort = 0 }) { relay, _ in
            let halfClosed = try RawConnection(port: relay.port)
            defer { halfClosed.close() }
            #expect(await halfClosed.send(depositHead(relay, body: body, extra: [("Content-Length", "4096")])))
            #expect(await halfClosed.send(Array(body[..<1000])))
            halfClosed.shutdownWrite()
            let answer = try #require(await halfClosed.readResponse(), "the relay answers a half-closed deposit")
            #expect(answer.head.hasPrefix("HTTP/1.1 400"), "\(answer.head)")
            #expect(RelayJSON.decode(RelayProblem.self, from: answer.body)?.error == RelayErrorCode.badRequest)
            try await expectClientFailures(relay)
        }
        // The client stops sending: the body timeout closes the connection (no answer can be sent).
        try await withRelay(store: store, configure: {
            $0.limits.bodyTimeout = .seconds(1)
            $0.metricsPort = 0
        }) { relay, _ in
            let slow = try RawConnection(port: relay.port)
            defer { slow.close() }
            #expect(await slow.send(depositHead(relay, body: body, extra: [("Content-Length", "4096")])))
            #expect(await slow.send(Array(body[..<1000])))
            #expect(await slow.waitForClose().closed, "the body timeout closes the connection")
            try await expectClientFailures(relay)
        }
    }

    /// The relay's metrics count one deposit refused 400, none failed 500, and nothing was stored.
    func expectClientFailures(_ relay: RunningRelay) async throws {
        let refused = #"route="/v1/envelopes",method="POST",status="400"} 1"#
        var text = ""
        for _ in 0..<100 {
            text = try await metricsText(relay)
            if text.contains(refused) { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(text.contains(refused), "\(text)")
        #expect(!text.contains(#"status="500""#), "\(text)")
        #expect(try await SignedClient(relay, as: Party.mash).waiting().isEmpty)
    }

    @Test("THREATS 37: an HTTP/1.0 request without keep-alive, or any Connection: close, is closed after its answer (RFC 9112 §9.3)", arguments: TestStore.all)
    func connectionPersistence(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            for request in ["GET /v1/health HTTP/1.0\r\n\r\n",
                            "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Close\r\n\r\n"] {
                let connection = try RawConnection(port: relay.port, readTimeout: 30)
                defer { connection.close() }
                #expect(await connection.send(request))
                let answer = try #require(await connection.readResponse())
                #expect(answer.head.hasPrefix("HTTP/1.1 200"))
                #expect(answer.head.lowercased().contains("connection: close"), "\(answer.head)")
                #expect(await connection.waitForClose().closed, "closed after the answer: \(request)")
            }
            // HTTP/1.0 asking for keep-alive keeps its connection.
            let kept = try RawConnection(port: relay.port, readTimeout: 30)
            defer { kept.close() }
            for _ in 0..<2 {
                #expect(await kept.send("GET /v1/health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"))
                let answer = try #require(await kept.readResponse())
                #expect(answer.head.hasPrefix("HTTP/1.1 200"))
            }
        }
    }

    @Test("THREATS 37: Expect: 100-continue gets 100 Continue once the head is accepted, and the final refusal at once when it is not", arguments: TestStore.all)
    func expectContinue(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let body = envelope(size: 64 * 1024)
            let connection = try RawConnection(port: relay.port, readTimeout: 30)
            defer { connection.close() }
            #expect(await connection.send(depositHead(relay, body: body, extra: [("Content-Length", "\(body.count)"),
                                                                                 ("Expect", "100-continue")])))
            // No body byte yet: the relay must speak first.
            let interim = try #require(await connection.readResponse())
            #expect(interim.head.hasPrefix("HTTP/1.1 100"), "\(interim.head)")
            #expect(await connection.send(body))
            let final = try #require(await connection.readResponse())
            #expect(final.head.hasPrefix("HTTP/1.1 201"), "\(final.head)")

            // A head the relay refuses gets its final answer, and no 100.
            let refused = try RawConnection(port: relay.port, readTimeout: 30)
            defer { refused.close() }
            #expect(await refused.send(depositHead(relay, body: body, to: "nobody", extra: [("Content-Length", "\(body.count)"),
                                                                                             ("Expect", "100-continue")])))
            let answer = try #require(await refused.readResponse())
            #expect(answer.head.hasPrefix("HTTP/1.1 400"), "\(answer.head)")
            #expect(RelayJSON.decode(RelayProblem.self, from: answer.body)?.error == RelayErrorCode.unknownRecipient)
        }
    }

    @Test("THREATS 37: health refuses unknown query parameters with 400, as every route does", arguments: TestStore.all)
    func healthQuery(store: TestStore) async throws {
        try await withRelay(store: store) { relay, _ in
            let client = SignedClient(relay, as: Party.school)
            for target in [RelayAPI.Path.health + "?x=1", RelayAPI.Path.health + "?x"] {
                let reply = try await client.send(.GET, target, headers: [])
                #expect(reply.status == 400, "\(target)")
                #expect(reply.problem?.error == RelayErrorCode.badRequest, "\(target)")
            }
            #expect(try await client.send(.GET, RelayAPI.Path.health, headers: []).status == 200)
        }
    }
}

/// The resident memory of process `pid` in MB, from /proc (0 when it cannot be read).
func residentMegabytes(_ pid: Int32) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
          let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
          let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return 0 }
    return kilobytes / 1024
}
