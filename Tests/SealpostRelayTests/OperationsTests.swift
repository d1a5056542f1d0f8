import AsyncHTTPClient
import Foundation
import PostgresNIO
import Testing
import SealpostCore
import SealpostProtocol
@testable import SealpostRelay
#if canImport(Glibc)
import Glibc
#endif

/// Operating a relay (issue 12 §4): health that checks the database, online backups, TLS
/// certificates reloaded without a restart, and metrics that match spec/relay.md.
@Suite("Relay operations", .serialized, .timeLimit(.minutes(10)))
struct OperationsTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func health(_ port: Int) async throws -> Reply {
        try await SignedClient(baseURL: "http://127.0.0.1:\(port)", identity: Party.school).send(.GET, RelayAPI.Path.health, headers: [])
    }

    @Test("health answers 503 with a plain reason once the SQLite file is gone, and says why in the log")
    func healthSQLiteFileGone() async throws {
        let folder = try TemporaryFolder("relay-health")
        defer { folder.remove() }
        let home = try RelayProcess.makeHome(in: folder)
        let relay = try RelayProcess(["serve", "--home", home.path, "--port", "0", "--db", folder.file("relay.sqlite")])
        let port = try #require(await relay.listeningPort() ?? nil, "the relay did not start: \(relay.standardError)")
        #expect(try await Self.health(port).status == 200)
        try FileManager.default.removeItem(atPath: folder.file("relay.sqlite"))
        let down = try await Self.health(port)
        #expect(down.status == 503)
        #expect(down.problem?.error == "unavailable")
        #expect(down.problem?.message.contains("database does not answer") == true)
        #expect(!down.text.contains(folder.path), "the public answer names no file")
        #expect(down.header("Retry-After") == "5")
        try await relay.waitForLog("relay.sqlite is gone")
        relay.kill(SIGTERM)
        _ = await relay.exitStatus()
    }

    @Test("health answers 503 while the PostgreSQL database refuses connections, and 200 once it takes them again")
    func healthPostgresDown() async throws {
        guard TestStore.all.contains(.postgres) else { return }
        // The test run's server is shared by other tests, so this test's own database is taken away
        // instead of the server: no new connections, and every open one ended, as when the server
        // stops. (A server started from the test would inherit a descriptor by which Foundation's
        // Process tells that its child has exited, so the test could never see cluster.sh end.)
        let folder = try TemporaryFolder("relay-health-pg")
        defer { folder.remove() }
        let database = try await PostgresTestServer.createDatabase()
        let home = try RelayProcess.makeHome(in: folder)
        let relay = try RelayProcess(["serve", "--home", home.path, "--port", "0", "--database", database.urlText])
        let port = try #require(await relay.listeningPort() ?? nil, "the relay did not start: \(relay.standardError)")
        #expect(try await Self.health(port).status == 200)
        let admin = try PostgresTestServer.admin()
        try await admin.query(PostgresQuery(unsafeSQL: "ALTER DATABASE \(database.name) WITH ALLOW_CONNECTIONS false"))
        try await admin.query(PostgresQuery(unsafeSQL: "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database.name)'"))
        let down = try await Self.health(port)
        #expect(down.status == 503, "\(down.text)")
        #expect(down.problem?.error == "unavailable")
        try await relay.waitForLog("health check: the relay database does not answer")

        try await admin.query(PostgresQuery(unsafeSQL: "ALTER DATABASE \(database.name) WITH ALLOW_CONNECTIONS true"))
        var up = try await Self.health(port).status
        for _ in 0..<50 where up != 200 {
            try await Task.sleep(for: .milliseconds(200))
            up = try await Self.health(port).status
        }
        #expect(up == 200, "health recovers with the database")
        try await relay.waitForLog("the relay database answers again")
        relay.kill(SIGTERM)
        #expect(await relay.exitStatus() == 0)
        await database.drop()
    }

    @Test("backup copies the SQLite file while the relay takes deposits, refuses to overwrite, and the copy serves")
    func backupWhileServing() async throws {
        let folder = try TemporaryFolder("relay-backup")
        defer { folder.remove() }
        let home = try RelayProcess.makeHome(in: folder)
        let database = folder.file("relay.sqlite")
        let relay = try RelayProcess(["serve", "--home", home.path, "--port", "0", "--db", database, "--agency-rate", "0"])
        let port = try #require(await relay.listeningPort() ?? nil, "the relay did not start: \(relay.standardError)")
        let school = SignedClient(baseURL: "http://127.0.0.1:\(port)", identity: Party.school)
        var before: [[UInt8]] = []
        for _ in 0..<20 {
            let bytes = envelope(size: 2048)
            #expect(try await school.deposit(bytes, to: [Party.mash]).status == 201)
            before.append(bytes)
        }
        // Deposits go on throughout the backup.
        let going = Locked(true), during = Locked(0)
        let load = Task {
            while going.value {
                if (try? await school.deposit(envelope(size: 2048), to: [Party.police]).status) == 201 { during.update { $0 += 1 } }
            }
        }
        let copy = folder.file("backup.sqlite")
        let made = try await runTool([RelayProcess.binary, "backup", "--db", database, "--to", copy])
        going.update { $0 = false }
        await load.value
        #expect(made.status == 0, "\(made.output)")
        #expect(made.output.contains("integrity check ok"))
        #expect(during.value > 0)

        let again = try await runTool([RelayProcess.binary, "backup", "--db", database, "--to", copy])
        #expect(again.status == 1)
        #expect(again.output.contains("exists; a backup never overwrites a file"), "\(again.output)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("partial") }
        #expect(leftovers.isEmpty)

        // The copy is a relay database holding everything acknowledged before it began.
        let restored = try SQLiteRelayRepository(path: copy, startedAt: 0)
        for bytes in before {
            #expect(try await restored.fetchWhole(EnvelopeID(of: bytes), mailbox: Party.mash.agencyID, now: RelayConfiguration.systemClock()) == bytes)
        }
        let police = try await restored.usage(mailbox: Party.police.agencyID).count
        #expect(police <= during.value)
        try await restored.close()

        let postgres = try await runTool([RelayProcess.binary, "backup", "--database", "postgres://relay@db.example:5432/relay", "--to", folder.file("pg")])
        #expect(postgres.status == 1)
        #expect(postgres.output.contains("pg_dump") && postgres.output.contains("point-in-time"), "\(postgres.output)")
        relay.kill(SIGTERM)
        #expect(await relay.exitStatus() == 0)
    }

    @Test("SIGHUP reloads the TLS certificate for new connections; a key that does not fit is refused and the certificate in force stays",
          .enabled(if: opensslPresent, "needs the openssl tool to make certificates"))
    func tlsReload() async throws {
        let folder = try TemporaryFolder("relay-tls-reload")
        defer { folder.remove() }
        let cert = folder.file("cert.pem"), key = folder.file("key.pem")
        func makeCertificate(_ name: String, cert: String, key: String) async throws {
            let made = try await runTool(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                          "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=\(name)",
                                          "-addext", "subjectAltName=IP:127.0.0.1"])
            try #require(made.status == 0, "openssl req: \(made.output)")
        }
        func subject(_ port: Int) async throws -> String {
            let shown = try await runTool(["openssl", "s_client", "-connect", "127.0.0.1:\(port)", "-tls1_3", "-servername", "127.0.0.1"],
                                          input: "")
            return shown.output.split(separator: "\n").first { $0.hasPrefix("subject=") }.map(String.init) ?? shown.output
        }
        try await makeCertificate("relay-first", cert: cert, key: key)
        let home = try RelayProcess.makeHome(in: folder)
        let relay = try RelayProcess(["serve", "--home", home.path, "--port", "0", "--db", folder.file("relay.sqlite"),
                                      "--tls-cert", cert, "--tls-key", key])
        let port = try #require(await relay.listeningPort() ?? nil, "the relay did not start: \(relay.standardError)")
        #expect(try await subject(port).contains("relay-first"))

        try await makeCertificate("relay-second", cert: cert, key: key)
        relay.kill(SIGHUP)
        try await relay.waitForLog("TLS certificate reloaded")
        #expect(try await subject(port).contains("relay-second"))

        // A new certificate with the old key beside it: refused, the second stays.
        try await makeCertificate("relay-third", cert: cert, key: folder.file("other-key.pem"))
        relay.kill(SIGHUP)
        try await relay.waitForLog("TLS reload refused: the TLS key")
        #expect(try await subject(port).contains("relay-second"))
        relay.kill(SIGTERM)
        #expect(await relay.exitStatus() == 0)
    }

    @Test("every metric spec/relay.md lists is exposed, and every metric exposed is listed")
    func metricsMatchTheSpec() async throws {
        let spec = try String(contentsOf: Self.repositoryRoot.appendingPathComponent("spec/relay.md"), encoding: .utf8)
        let section = spec.components(separatedBy: "## Metrics")[1].components(separatedBy: "\n## ")[0]
        var documented = Set<String>()
        for line in section.split(separator: "\n") where line.hasPrefix("| `sealpost_relay_") {
            let cell = line.split(separator: "|")[0]
            for part in cell.split(separator: "`").enumerated() where part.offset % 2 == 1 {
                documented.insert(String(part.element.split(separator: "{")[0]))
            }
        }
        #expect(documented.count >= 15)
        try await withRelay(store: .sqlite, configure: { $0.metricsPort = 0 }) { relay, _ in
            #expect(try await SignedClient(relay, as: Party.school).deposit(envelope(), to: [Party.mash]).status == 201)
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(relay.metricsPort!)/metrics"),
                                                               timeout: .seconds(10))
            let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
            var exposed = Set<String>()
            for line in text.split(separator: "\n") where line.hasPrefix("# TYPE sealpost_relay_") {
                exposed.insert(String(line.split(separator: " ")[2]))
            }
            #expect(documented == exposed, "listed only: \(documented.subtracting(exposed).sorted()); exposed only: \(exposed.subtracting(documented).sorted())")
            #expect(text.contains("sealpost_relay_agreement_version 1"))
            #expect(text.contains("sealpost_relay_database_up 1"))
        }
    }
}

