import Foundation
import SealpostAgreement
import SealpostCore
import SealpostExchange
import SealpostProtocol
import SealpostRelay
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// spec/exchange.md §"Several relays": the client tries the agreement's relay instances in turn,
/// passing over the unreachable ones and never the relay's own answers. Real relays on 127.0.0.1
/// (each over its own SQLite file here; the same over one PostgreSQL database through the binaries
/// is RelayFailoverCLITests), the real client.
@Suite("Failover over the agreement's relay instances", .serialized)
struct RelayFailoverTests {
    /// The fixture's agreement listing `urls` as its relays, signed by every party.
    static func agreement(listing urls: [String], relay: Identity = Fixture.relay, id: String = "kingsbridge-dsa") throws -> SignedAgreement {
        var signed = Fixture.agreement(relay: relay, id: id)
        try signed.edit { $0.relays = urls }
        for identity in [Fixture.school, Fixture.mash, Fixture.police, relay] { try signed.sign(as: identity) }
        return signed
    }

    /// A loopback URL where nothing listens.
    static func deadURL() throws -> String { "http://127.0.0.1:\(try freePort())" }

    static let access = RelayAccess(retry: RetryPolicy(attempts: 2, baseDelay: 0.05))

    /// Seals the disclosure for the MASH and deposits it through `RelaySession.run`, as `sealpost send` does.
    static func send(_ school: AgencyHome, access: RelayAccess = access) async throws -> [OutboxEntry] {
        let recipients = [Fixture.mash.agencyID]
        let decisions = try decisionsClearing("disclosure.json", purpose: Fixture.s47, recipients: recipients, context: school.context)
        let preparation = try Send.prepare(try Fixture.record(), purpose: Fixture.s47, recipients: recipients,
                                           context: school.context, decisions: decisions)
        let entries = try Send.seal(preparation, context: school.context)
        return try await RelaySession.run(school.context, access: access, finishPending: false) { session in
            var deposited: [OutboxEntry] = []
            for entry in entries { deposited.append(try await Send.deposit(entry, session: session)) }
            return deposited
        }
    }

    /// A new, empty database on the test run's PostgreSQL (SEALPOST_TEST_POSTGRES_URL, which
    /// Tests/test.sh provides), made and dropped with `psql`; nil, with a note, when there is none
    /// (under CI=true, an error instead: CI never leaves it out).
    struct PostgresDatabase {
        let url: String
        let server: String
        let name: String

        static func create() throws -> PostgresDatabase? {
            let environment = ProcessInfo.processInfo.environment
            guard let server = environment["SEALPOST_TEST_POSTGRES_URL"], !server.isEmpty else {
                if environment["CI"] == "true" {
                    throw ExchangeError(.storage, "SEALPOST_TEST_POSTGRES_URL is not set: the failover over PostgreSQL cannot be tested (CI=true)",
                                        hint: "run Tests/test.sh, which starts a throwaway PostgreSQL on 127.0.0.1")
                }
                FileHandle.standardError.write(Data("note: SEALPOST_TEST_POSTGRES_URL is not set, so the retried-deposit failover test over PostgreSQL is left out\n".utf8))
                return nil
            }
            let name = "sealpost_failover_" + UUID().uuidString.prefix(8).lowercased()
            let base = server.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            let database = PostgresDatabase(url: base + "/" + name, server: server, name: name)
            try database.psql("CREATE DATABASE \(name)")
            return database
        }

        func drop() { try? psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }

        private func psql(_ sql: String) throws {
            let run = try runProgram("/usr/bin/env", ["psql", server, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql])
            guard run.status == 0 else { throw ExchangeError(.storage, "psql could not run \(sql): \(run.stderr)") }
        }
    }

    /// What waits in the MASH's mailbox at exactly `relay` (a MASH home made in `folder` for the look).
    static func waiting(at relay: TestRelay, folder: TemporaryFolder) async throws -> [String] {
        let mash = try AgencyHome(Fixture.mash, in: folder)
        return try await mash.withSession(relay) { try await $0.client.mailbox().map(\.envelopeID) }
    }

    @Test("a dead instance listed first is passed over at once, and the instance that answered is tried first from then on")
    func deadFirst() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let dead = try Self.deadURL()
            let signed = try Self.agreement(listing: [dead, relay.url])
            let school = try AgencyHome(Fixture.school, in: folder, agreement: signed)
            let mash = try AgencyHome(Fixture.mash, in: folder, agreement: signed)
            let started = Date()
            let sent = try await Self.send(school)
            let seconds = Date().timeIntervalSince(started)
            #expect(sent.map(\.state) == [.deposited])
            print("failover past a refused connection: send took \(String(format: "%.3f", seconds)) s in all")
            let waiting = try await RelaySession.run(mash.context, access: Self.access) { try await $0.client.mailbox() }
            #expect(waiting.map(\.envelopeID) == sent.map(\.envelopeID))

            // This process remembers which instance answered: a new client for the same list starts there.
            let endpoints = try RelayEndpoint.resolve(override: nil, agreement: signed.agreement)
            try await RelayClient.with(.init(endpoints: endpoints), identity: Fixture.school, logger: ExchangeLog.silent) { client in
                #expect(client.endpoint.description == relay.url)
            }
            // What passing over a refused connection costs: a checked session (health, then one signed
            // listing) straight to the relay, and with a fresh dead port listed first (a new list each
            // time, so the process has no memory of it). Printed, not asserted (figures in the report).
            func session(_ urls: [String]) async throws -> Double {
                let listed = try Self.agreement(listing: urls).agreement
                let configuration = RelayClient.Configuration(endpoints: try RelayEndpoint.resolve(override: nil, agreement: listed),
                                                              retry: RetryPolicy(attempts: 2, baseDelay: 0.05))
                let started = Date()
                try await RelayClient.with(configuration, identity: Fixture.mash, logger: ExchangeLog.silent, clock: mash.context.clock) { client in
                    _ = try await RelaySession.connect(mash.context, client: client).client.mailbox()
                }
                return Date().timeIntervalSince(started)
            }
            _ = try await session([relay.url, try Self.deadURL()])
            var direct: [Double] = [], past: [Double] = []
            for _ in 0..<7 {
                direct.append(try await session([relay.url, try Self.deadURL()]))
                past.append(try await session([try Self.deadURL(), relay.url]))
            }
            let ms = { (times: [Double]) in String(format: "%.1f", times.sorted()[3] * 1000) }
            print("health + signed listing, median of 7 (interleaved): \(ms(direct)) ms to the first instance, \(ms(past)) ms past a refused one")
            // --relay names one URL, used alone.
            let overridden = await exchangeError {
                _ = try await RelaySession.run(mash.context, access: RelayAccess(override: dead, retry: RetryPolicy(attempts: 1))) { _ in }
            }
            #expect(overridden?.message == "cannot reach the relay at \(dead): the connection was refused")
        }
    }

    @Test("a deposit A stored but whose answer was lost, retried through B over the same database, is the same deposit")
    func retriedDepositIsTheSameDeposit() async throws {
        guard let database = try PostgresDatabase.create() else { return }
        defer { database.drop() }
        let folder = try TemporaryFolder(); defer { folder.remove() }
        var configuration = RelayConfiguration(databasePath: folder.sub("unused.sqlite"), agreement: Fixture.agreement(),
                                               identity: Fixture.relay)
        configuration.database = try PostgresURL(database.url)
        let a = try await RunningRelay.start(configuration)
        let b = try await RunningRelay.start(configuration)
        let signed = try Self.agreement(listing: [a.baseURL, b.baseURL])
        let school = try AgencyHome(Fixture.school, in: folder, agreement: signed)
        let mash = try AgencyHome(Fixture.mash, in: folder, agreement: signed)
        let recipients = [Fixture.mash.agencyID]
        let decisions = try decisionsClearing("disclosure.json", purpose: Fixture.s47, recipients: recipients, context: school.context)
        let entry = try #require(try Send.seal(try Send.prepare(try Fixture.record(), purpose: Fixture.s47, recipients: recipients,
                                                                context: school.context, decisions: decisions), context: school.context).first)
        // A stores it, and the answer never reaches the school's outbox (as if A died before answering).
        let bytes = try #require(school.context.outbox.envelope(entry.envelopeID))
        let first = try await RelayClient.with(.init(endpoint: try RelayEndpoint(parsing: a.baseURL)), identity: Fixture.school,
                                               logger: ExchangeLog.silent) { try await $0.deposit(bytes, to: recipients) }
        #expect(first.duplicate == false)
        #expect(try school.context.outbox.entries().map(\.state) == [.sealed])
        await a.stop()

        // The next run deposits it again: A refuses the connection, B finds the id in the shared database.
        let deposited = try await RelaySession.run(school.context, access: Self.access, finishPending: false) { session in
            let again = try await session.client.deposit(bytes, to: recipients)
            #expect(again.duplicate, "B knows the id A stored")
            #expect(again.receipt == first.receipt)
            let deposited = try await Send.deposit(entry, session: session)
            #expect(session.client.endpoint.description == b.baseURL)
            return deposited
        }
        #expect(deposited.state == .deposited)
        #expect(deposited.receipt?.depositedAt == first.receipt.depositedAt, "B answered with A's original receipt")
        #expect(deposited.receipt?.signature == first.signature)
        let waiting = try await RelaySession.run(mash.context, access: Self.access) { try await $0.client.mailbox() }
        #expect(waiting.map(\.envelopeID) == [entry.envelopeID], "one copy, not two")
        await b.stop()
    }

    @Test("an instance that answers 503, or fails TLS, is passed over; one that answers with a refusal is not")
    func whatIsPassedOver() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        let busy = try StatusServer(status: 503)
        defer { busy.stop() }
        // A: a relay that takes envelopes of at most 100 bytes; B: the same relay identity with the usual limit.
        var small = RelayConfiguration(databasePath: folder.sub("a.sqlite"), agreement: Fixture.agreement(), identity: Fixture.relay)
        small.limits.maximumEnvelopeBytes = 100
        let a = try await RunningRelay.start(small)
        try await withRelay { b in
            // https to a plain-http relay: the TLS handshake fails.
            let tls = "https://localhost:\(a.port)"
            let signed = try Self.agreement(listing: ["http://127.0.0.1:\(busy.port)", tls, a.baseURL, b.url])
            let school = try AgencyHome(Fixture.school, in: folder, agreement: signed)
            let error = await exchangeError { _ = try await Self.send(school) }
            // A's limit is authoritative, so B was never asked. A states it in its health answer,
            // so the client refuses before uploading, with the 413 the relay would have given.
            #expect(error?.status == 413)
            #expect(error?.message.contains("takes envelopes of at most 100 bytes") == true, "\(String(describing: error))")
            #expect(busy.requests >= 1, "the busy instance was asked first")
            #expect(try await Self.waiting(at: b, folder: folder).isEmpty, "nothing was deposited at the next instance")
            #expect(try school.context.outbox.entries().map(\.state) == [.sealed])
        }
        await a.stop()
    }

    @Test("a name that does not resolve, an instance that closes without answering, and one that never answers are passed over")
    func unreachableInEveryWay() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        let closing = try StatusServer(status: 0), silent = try StatusServer(status: nil)
        defer { closing.stop(); silent.stop() }
        let mash = try AgencyHome(Fixture.mash, in: folder)
        let broken = try ["https://relay.invalid:8443", "http://127.0.0.1:\(closing.port)", "http://127.0.0.1:\(silent.port)"]
            .map { try RelayEndpoint(parsing: $0) }
        // Five seconds for an answer, so the instance that never answers costs seconds, not two
        // minutes, while the real relay still answers in time on a loaded machine (at one second it
        // did not, under ThreadSanitizer and at load 24).
        func configuration(_ endpoints: [RelayEndpoint]) -> RelayClient.Configuration {
            RelayClient.Configuration(endpoints: endpoints, retry: .none, connectTimeout: 5, requestTimeout: 5)
        }
        try await withRelay { relay in
            let listed = broken + [try RelayEndpoint(parsing: relay.url)]
            try await RelayClient.with(configuration(listed), identity: Fixture.mash, logger: ExchangeLog.silent) { client in
                let session = try await RelaySession.connect(mash.context, client: client)
                #expect(try await session.client.mailbox().isEmpty)
                #expect(client.endpoint.description == relay.url)
            }
        }
        #expect(closing.requests >= 1 && silent.requests >= 1, "each was tried")
        let error = await exchangeError {
            try await RelayClient.with(configuration(broken), identity: Fixture.mash, logger: ExchangeLog.silent) { _ = try await $0.health() }
        }
        #expect(error?.code == .unreachable)
        let message = error?.message ?? ""
        #expect(message.hasPrefix("cannot reach any of the relay's 3 instances: https://relay.invalid:8443 ("), "\(message)")
        #expect(message.contains("; http://127.0.0.1:\(closing.port) (") && message.contains("; http://127.0.0.1:\(silent.port) ("), "\(message)")
        print("every way unreachable: \(message)")
    }

    @Test("when no instance answers, the error names each one and what happened there")
    func noneAnswers() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        let busy = try StatusServer(status: 502)
        defer { busy.stop() }
        let dead = try Self.deadURL()
        let signed = try Self.agreement(listing: [dead, "http://127.0.0.1:\(busy.port)"])
        let school = try AgencyHome(Fixture.school, in: folder, agreement: signed)
        let error = await exchangeError {
            _ = try await RelaySession.run(school.context, access: RelayAccess(retry: RetryPolicy(attempts: 2, baseDelay: 0.01))) { _ in }
        }
        #expect(error?.code == .unreachable)
        #expect(error?.message == "cannot reach any of the relay's 2 instances: \(dead) (the connection was refused); http://127.0.0.1:\(busy.port) (HTTP 502) (each tried 2 times)")
        #expect(error?.hint?.contains("sealpost agreement show") == true)
    }

    @Test("an instance that shows another relay's identity is refused, not passed over, and is sent nothing")
    func anotherIdentityIsRefused() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay(agreement: Fixture.agreement(relay: Fixture.otherRelay, id: "other-dsa"), identity: Fixture.otherRelay) { other in
            try await withRelay { ours in
                let signed = try Self.agreement(listing: [ours.url, other.url])
                let school = try AgencyHome(Fixture.school, in: folder, agreement: signed)
                // The run begins at our relay; then it stops, and the next instance is someone else's.
                let error = await exchangeError {
                    _ = try await RelaySession.run(school.context, access: RelayAccess(retry: .none), finishPending: false) { session in
                        await ours.stop()
                        _ = try await session.client.mailbox()
                    }
                }
                #expect(error?.code == .relayIdentity)
                #expect(error?.message.contains("the relay at \(other.url) presents itself as relay-elsewhere") == true, "\(String(describing: error))")
                #expect(error?.hint?.contains("nothing was sent") == true)
            }
        }
    }
}

/// A loopback HTTP server that answers every request with one status and closes (a balancer in
/// front of a relay instance that is down: 502, 503, 504), or reads the request and closes without
/// answering (`status: 0`), or never answers (`status: nil`).
final class StatusServer: @unchecked Sendable {
    let port: Int
    private let fd: Int32
    private let lock = NSLock()
    private var count = 0
    private var stopped = false
    private var held: [Int32] = []

    var requests: Int { lock.lock(); defer { lock.unlock() }; return count }

    init(status: Int?) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw CancellationError() }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        port = Int(UInt16(bigEndian: address.sin_port))
        self.fd = fd
        let answer = Array("HTTP/1.1 \(status ?? 0) Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
        let listener = fd
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                var buffer = [UInt8](repeating: 0, count: 65_536)
                var head: [UInt8] = []
                while !head.suffix(4).elementsEqual([13, 10, 13, 10]) && head.count < 1 << 20 {
                    let n = read(client, &buffer, buffer.count)
                    guard n > 0 else { break }
                    head += buffer[0..<n]
                    if head.count >= 4, head.firstRange(of: [13, 10, 13, 10]) != nil { break }
                }
                lock.lock(); count += 1; lock.unlock()
                guard let status else {
                    lock.lock(); held.append(client); lock.unlock()
                    continue
                }
                if status > 0 { _ = answer.withUnsafeBytes { write(client, $0.baseAddress, $0.count) } }
                shutdown(client, Int32(SHUT_WR))
                close(client)
            }
        }
    }

    func stop() {
        lock.lock(); defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
        for client in held { close(client) }
    }
}
