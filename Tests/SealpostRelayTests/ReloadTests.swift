import Foundation
import Testing
import SealpostAgreement
import SealpostCore
import SealpostProtocol
import SealpostRelay
#if canImport(Glibc)
import Glibc
#endif

/// Live agreement editions (issue 12 §3; spec/relay.md §Agreement editions), with real relay
/// processes: `sealpost-relay reload` (SIGHUP through the pid file) takes a newer, complete edition;
/// a rollback or a forgery is refused with a log line and the edition in force stays; a request in
/// flight finishes under the edition it started with; instances over one database converge.
@Suite("Agreement editions reloaded without a restart", .serialized, .timeLimit(.minutes(10)))
struct ReloadTests {
    /// Version 1 revokes the police; version 2 makes them active; version 3 revokes them again.
    static func edition(_ version: Int64) -> SignedAgreement {
        let revoked: Set<String> = version == 2 ? [Party.health.agencyID] : [Party.health.agencyID, Party.police.agencyID]
        return Party.agreement(revoked: revoked, version: version)
    }

    static func install(_ agreement: SignedAgreement, at path: String) throws {
        try Data(agreement.fileBytes).write(to: URL(fileURLWithPath: path))
    }

    /// `sealpost-relay reload --pid-file FILE`, as an operator runs it.
    static func reload(pidFile: String) async throws {
        let result = try await runTool([RelayProcess.binary, "reload", "--pid-file", pidFile])
        #expect(result.status == 0, "reload: \(result.output)")
        #expect(result.output.contains("sent SIGHUP"))
    }

    @Test("reload takes a newer edition (the police become a mailbox, then stop being one); a rollback and a forgery are refused and the edition in force stays",
          arguments: TestStore.all)
    func newerTakenRollbackAndForgeryRefused(store: TestStore) async throws {
        let folder = try TemporaryFolder("relay-reload")
        defer { folder.remove() }
        let home = try RelayProcess.makeHome(in: folder, agreement: Self.edition(1))
        let pidFile = folder.file("relay.pid")
        let (storeFlags, database) = try await storeArguments(store, in: folder)
        let relay = try RelayProcess(["serve", "--home", home.path, "--port", "0", "--pid-file", pidFile, "--agency-rate", "0"] + storeFlags)
        let port = try #require(await relay.listeningPort() ?? nil, "the relay did not start: \(relay.standardError)")
        let base = "http://127.0.0.1:\(port)"
        let police = SignedClient(baseURL: base, identity: Party.police)
        let school = SignedClient(baseURL: base, identity: Party.school)
        let agreementPath = home.path + "/agreement.json"

        #expect(try await police.list().problem?.error == RelayErrorCode.unknownAgency, "revoked in version 1")
        #expect(try await school.deposit(envelope(), to: [Party.police]).problem?.error == RelayErrorCode.unknownRecipient)

        // Version 2 puts the police in.
        try Self.install(Self.edition(2), at: agreementPath)
        try await Self.reload(pidFile: pidFile)
        try await relay.waitForLog("agreement edition adopted")
        #expect(try await police.list().status == 200)
        #expect(try await school.deposit(envelope(), to: [Party.police]).status == 201)

        // Rolling back to version 1 is refused; version 2 stays.
        try Self.install(Self.edition(1), at: agreementPath)
        try await Self.reload(pidFile: pidFile)
        try await relay.waitForLog("agreement reload refused: refusing to roll agreement kingsbridge-dsa back from version 2 to 1; version 2 stays in force")
        #expect(try await police.list().status == 200)

        // Version 3 with the police revoked, but its bytes altered after signing: refused.
        let genuine3 = String(decoding: Self.edition(3).fileBytes, as: UTF8.self)
        let forged = genuine3.replacingOccurrences(of: "Kingsbridge data-sharing agreement", with: "Kingsbridge data-sharing agreement (amended)")
        try Data(forged.utf8).write(to: URL(fileURLWithPath: agreementPath))
        try await Self.reload(pidFile: pidFile)
        try await relay.waitForLog("agreement reload refused: agreement kingsbridge-dsa version 3 has signatures that do not verify")
        #expect(try await police.list().status == 200, "the forged edition changed nothing")

        // The genuine version 3 is taken: the police are refused again.
        try Self.install(Self.edition(3), at: agreementPath)
        try await Self.reload(pidFile: pidFile)
        try await relay.waitForLog("agreement edition adopted", count: 2)
        #expect(try await police.list().problem?.error == RelayErrorCode.unknownAgency)
        #expect(try await school.deposit(envelope(), to: [Party.police]).problem?.error == RelayErrorCode.unknownRecipient)
        #expect(!relay.standardError.contains("\"passphrase\""))

        relay.kill(SIGTERM)
        #expect(await relay.exitStatus() == 0)
        #expect(!FileManager.default.fileExists(atPath: pidFile), "the pid file is removed at the end")
        await database?.drop()
    }

    @Test("a deposit in flight across a reload finishes under the edition it started with", arguments: TestStore.all)
    func inFlightKeepsItsEdition(store: TestStore) async throws {
        let folder = try TemporaryFolder("relay-reload-flight")
        defer { folder.remove() }
        let home = try RelayProcess.makeHome(in: folder, agreement: Self.edition(2))
        let pidFile = folder.file("relay.pid")
        let (storeFlags, database) = try await storeArguments(store, in: folder)
        let relay = try RelayProcess(["serve", "--home", home.path, "--port", "0", "--pid-file", pidFile] + storeFlags)
        let port = try #require(await relay.listeningPort() ?? nil, "the relay did not start: \(relay.standardError)")
        let school = SignedClient(baseURL: "http://127.0.0.1:\(port)", identity: Party.school)

        // The school starts a deposit for the police (a mailbox under version 2): head and half the body.
        let bytes = envelope(size: 8192)
        let target = RelayAPI.Path.envelopes + "?to=\(Party.police.agencyID)"
        let headers = school.signatureHeaders(method: "POST", target: target, body: bytes) + [("Content-Length", "\(bytes.count)")]
        let connection = try RawConnection(port: port, readTimeout: 30)
        defer { connection.close() }
        #expect(await connection.send(requestHead(method: "POST", target: target, port: port, headers: headers)))
        #expect(await connection.send(Array(bytes.prefix(4096))))
        try await Task.sleep(for: .milliseconds(200))

        // Version 3 (the police revoked) is taken while the body is still arriving.
        try Self.install(Self.edition(3), at: home.path + "/agreement.json")
        try await Self.reload(pidFile: pidFile)
        try await relay.waitForLog("agreement edition adopted")
        #expect(try await school.deposit(envelope(), to: [Party.police]).problem?.error == RelayErrorCode.unknownRecipient,
                "a deposit begun after the reload is judged by version 3")

        // The rest of the body: the deposit begun under version 2 is stored.
        #expect(await connection.send(Array(bytes.dropFirst(4096))))
        let answer = try #require(await connection.readResponse())
        #expect(answer.head.hasPrefix("HTTP/1.1 201"), "\(answer.head)")

        relay.kill(SIGTERM)
        #expect(await relay.exitStatus() == 0)
        await database?.drop()
    }

    @Test("two instances over one PostgreSQL database: an edition reloaded at A reaches B, and B restarted on the old file keeps the new one")
    func instancesConverge() async throws {
        guard TestStore.all.contains(.postgres) else { return }
        let folder = try TemporaryFolder("relay-reload-two")
        defer { folder.remove() }
        let home = try RelayProcess.makeHome(in: folder, agreement: Self.edition(1))
        let fileA = folder.file("agreement-a.json"), fileB = folder.file("agreement-b.json")
        try Self.install(Self.edition(1), at: fileA)
        try Self.install(Self.edition(1), at: fileB)
        let database = try await PostgresTestServer.createDatabase()
        func instance(_ file: String, pidFile: String) -> [String] {
            ["serve", "--home", home.path, "--agreement", file, "--port", "0", "--database", database.urlText,
             "--pid-file", pidFile, "--agreement-check-seconds", "1"]
        }
        let a = try RelayProcess(instance(fileA, pidFile: folder.file("a.pid")))
        let b = try RelayProcess(instance(fileB, pidFile: folder.file("b.pid")))
        let aPort = try #require(await a.listeningPort() ?? nil, "A did not start: \(a.standardError)")
        let bPort = try #require(await b.listeningPort() ?? nil, "B did not start: \(b.standardError)")
        let policeB = SignedClient(baseURL: "http://127.0.0.1:\(bPort)", identity: Party.police)
        #expect(try await policeB.list().status == 401)

        try Self.install(Self.edition(2), at: fileA)
        try await Self.reload(pidFile: folder.file("a.pid"))
        try await a.waitForLog("agreement edition adopted")
        try await b.waitForLog("from=database")
        #expect(try await policeB.list().status == 200, "B took version 2 from the database, its own file still at version 1")
        #expect(try await SignedClient(baseURL: "http://127.0.0.1:\(aPort)", identity: Party.police).list().status == 200)

        // B restarted on its version 1 file starts under version 2.
        b.kill(SIGTERM)
        #expect(await b.exitStatus() == 0)
        let again = try RelayProcess(instance(fileB, pidFile: folder.file("b.pid")))
        let againPort = try #require(await again.listeningPort() ?? nil, "B did not restart: \(again.standardError)")
        #expect(try await SignedClient(baseURL: "http://127.0.0.1:\(againPort)", identity: Party.police).list().status == 200)

        for relay in [a, again] { relay.kill(SIGTERM) }
        #expect(await a.exitStatus() == 0)
        #expect(await again.exitStatus() == 0)
        await database.drop()
    }

    @Test("reload without a pid file, or with one naming no relay, says so")
    func reloadRefusals() async throws {
        let folder = try TemporaryFolder("relay-reload-cli")
        defer { folder.remove() }
        let missing = try await runTool([RelayProcess.binary, "reload", "--pid-file", folder.file("none.pid")])
        #expect(missing.status == 1)
        #expect(missing.output.contains("cannot read the pid file"))
        try Data("\(getpid())\n".utf8).write(to: URL(fileURLWithPath: folder.file("other.pid")))
        let other = try await runTool([RelayProcess.binary, "reload", "--pid-file", folder.file("other.pid")])
        #expect(other.status == 1)
        #expect(other.output.contains("is not a running sealpost-relay"), "\(other.output)")
    }
}

extension RelayProcess {
    /// Waits until standard error holds `text` at least `count` times.
    func waitForLog(_ text: String, count: Int = 1, timeout: Duration = .seconds(30)) async throws {
        let deadline = ContinuousClock.now + timeout
        while standardError.components(separatedBy: text).count - 1 < count {
            guard ContinuousClock.now < deadline else {
                throw RawError("no '\(text)' in the relay's log within \(timeout): \(standardError)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
