import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 12 §2 through the binaries: the agreement lists a dead port, then relay instance A, then B,
/// two `sealpost-relay serve` processes over one PostgreSQL database (spec/exchange.md §"Several
/// relays"). Sends and syncs go through whichever instance answers; when A is killed the next send
/// goes through B, and the MASH receives every record exactly once; with every instance down the
/// error names each one, and a later sync deposits what was kept.
///
/// PostgreSQL comes from `Tests/test.sh` (SEALPOST_TEST_POSTGRES_URL, as the relay suite's
/// TestStore takes it). Without it the test is left out with a note, except under `CI=true`, where it
/// fails saying what is missing.
@Suite(.serialized, .timeLimit(.minutes(10))) struct RelayFailoverCLITests {
    static let s47 = ExchangeCLITests.s47

    /// A new, empty database on the test run's PostgreSQL, made and dropped with `psql`.
    struct Database {
        let server: String
        let name: String
        var url: String {
            // postgres://USER@HOST:PORT/postgres -> the same server, this database.
            let base = server.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            return base + "/" + name
        }

        static func create() throws -> Database? {
            let environment = ProcessInfo.processInfo.environment
            guard let server = environment["SEALPOST_TEST_POSTGRES_URL"], !server.isEmpty else {
                if environment["CI"] == "true" {
                    throw CLIFailure("SEALPOST_TEST_POSTGRES_URL is not set: run Tests/test.sh, which starts a throwaway PostgreSQL on 127.0.0.1")
                }
                FileHandle.standardError.write(Data("note: SEALPOST_TEST_POSTGRES_URL is not set, so the relay failover test through two instances over PostgreSQL is left out (Tests/test.sh starts one)\n".utf8))
                return nil
            }
            let database = Database(server: server, name: "sealpost_failover_" + UUID().uuidString.prefix(8).lowercased())
            try database.psql("CREATE DATABASE \(database.name)")
            return database
        }

        func drop() { try? psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }

        private func psql(_ sql: String) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["psql", server, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw CLIFailure("psql could not run: \(sql)") }
        }
    }

    /// One `sealpost-relay serve` instance on `port` over `database`.
    static func startInstance(_ cli: CLI, agreement: String, port: Int, database: Database) throws -> Process {
        try ExchangeCLITests.Partnership.startRelay(cli, agreement: agreement, port: port, store: ["--database", database.url])
    }

    /// The envelope ids (12 digits) the MASH's inbox lists, each as often as it is listed.
    static func listed(_ result: CLI.Result) -> [String] {
        result.out.split(separator: "\n").compactMap { (line: Substring) -> String? in
            let first = String(line.prefix(12))
            return first.count == 12 && first.allSatisfy({ $0.isHexDigit }) ? first : nil
        }
    }

    @Test func sendAndSyncGoToTheNextInstanceWhenOneIsDown() throws {
        guard let database = try Database.create() else { return }
        defer { database.drop() }
        let cli = try CLI()
        defer { cli.remove() }
        for (home, agency, name) in [("school", "school-st-annes", "St Anne's Primary School"), ("mash", "kingsbridge-mash", "Kingsbridge MASH"),
                                     ("relay", "relay-kingsbridge", "Kingsbridge Relay")] {
            try cli.makeIdentity(home, agency: agency, name: name)
        }
        let free = ExchangeCLITests.Partnership.freePort
        let (dead, portA, portB) = (try free(), try free(), try free())
        let urls = [dead, portA, portB].map { "http://127.0.0.1:\($0)" }
        let year: TimeInterval = 365 * 86_400
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        let ag = cli.path("dsa.json")
        func ok(_ result: CLI.Result, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
        }
        ok(try cli.run(["agreement", "create", "--id", "test-dsa", "--title", "Test partnership",
                        "--valid-from", day.string(from: Date().addingTimeInterval(-year)), "--valid-until", day.string(from: Date().addingTimeInterval(year)),
                        "-o", ag] + urls.flatMap { ["--relay", $0] }))
        for (home, role) in [("school", "school"), ("mash", "mash"), ("relay", "relay_operator")] {
            ok(try cli.run(["agreement", "add-party", ag, "--card", cli.path("\(home).card.json"), "--role", role]))
        }
        ok(try cli.run(["agreement", "add-purpose", ag, "--id", Self.s47, "--name", "Child protection enquiry (s47)", "--lawful-basis", "public_task",
                        "--recipient", "mash=id,subject,household,parties,narrative,statements,concern"]))
        for home in ["school", "mash", "relay"] { ok(try cli.run(["agreement", "sign", "--home", cli.path(home), ag])) }
        for home in ["school", "mash"] { ok(try cli.run(["agreement", "install", "--home", cli.path(home), ag])) }
        #expect(try cli.run(["agreement", "show", ag]).out.contains("relays (in order) \(urls.joined(separator: ", "))"))

        var a = try Self.startInstance(cli, agreement: ag, port: portA, database: database)
        var b: Process? = try Self.startInstance(cli, agreement: ag, port: portB, database: database)
        defer {
            for process in [a, b].compactMap({ $0 }) where process.isRunning { process.terminate(); process.waitUntilExit() }
        }
        let decisions = cli.path("decisions.json")
        func send() throws -> (CLI.Result, Double) {
            let started = Date()
            var sent = try cli.run(["send", "--yes", "--to", "kingsbridge-mash", "--purpose", Self.s47, "--home", cli.path("school"),
                                    "--write-decisions", decisions, ExchangeCLITests.disclosure])
            if sent.status != 0, sent.stderr.contains("must be redacted or kept") {
                let template = try String(contentsOfFile: decisions, encoding: .utf8)
                try template.replacingOccurrences(of: "\"undecided\"", with: "\"redact\"").write(toFile: decisions, atomically: true, encoding: .utf8)
                sent = try cli.run(["send", "--yes", "--to", "kingsbridge-mash", "--purpose", Self.s47, "--home", cli.path("school"),
                                    "--decisions", decisions, ExchangeCLITests.disclosure])
            }
            return (sent, Date().timeIntervalSince(started))
        }
        func mash(_ arguments: [String]) throws -> CLI.Result { try cli.run(arguments + ["--home", cli.path("mash")]) }

        // The dead port is passed over; A takes the first send.
        let (first, firstSeconds) = try send()
        #expect(first.status == 0, "\(first.stderr)")
        // A dies mid-run: the next send (a new process, starting again at the first URL) goes through B.
        kill(a.processIdentifier, SIGKILL)
        a.waitUntilExit()
        let (second, secondSeconds) = try send()
        #expect(second.status == 0, "\(second.stderr)")
        print("send past a dead port: \(String(format: "%.2f", firstSeconds)) s; past a dead port and a killed instance: \(String(format: "%.2f", secondSeconds)) s")

        // The MASH, through B, finds each record once, opens and acknowledges it; the school collects the acknowledgements.
        let inbox = try mash(["inbox"])
        #expect(inbox.status == 0, "\(inbox.stderr)")
        let ids = Self.listed(inbox)
        #expect(ids.count == 2 && Set(ids).count == 2, "\(inbox.out)")
        for id in ids {
            #expect(try mash(["open", id]).status == 0)
            #expect(try mash(["ack", id]).status == 0)
        }
        #expect(try mash(["inbox"]).out.contains("no records waiting for kingsbridge-mash"))
        let synced = try cli.run(["sync", "--home", cli.path("school")])
        #expect(synced.status == 0, "\(synced.stderr)")
        #expect(synced.out.contains("nothing sent is waiting for an acknowledgement"), "\(synced.out)")

        // Every instance down: the send is kept, and the error names each instance and what happened there.
        b?.terminate()
        b?.waitUntilExit()
        b = nil
        let (third, thirdSeconds) = try send()
        #expect(third.status == 1)
        #expect(third.stderr.contains("sealed and kept in the outbox, but not deposited"), "\(third.stderr)")
        #expect(third.stderr.contains("cannot reach any of the relay's 3 instances: \(urls[0]) (the connection was refused); \(urls[1]) (the connection was refused); \(urls[2]) (the connection was refused) (each tried 2 times)"),
                "\(third.stderr)")
        #expect(third.stderr.contains("sealpost agreement show"))
        print("send with all three instances down failed after \(String(format: "%.2f", thirdSeconds)) s")

        // A comes back: sync deposits the kept send through it, and the MASH finds it once.
        a = try Self.startInstance(cli, agreement: ag, port: portA, database: database)
        let resumed = try cli.run(["sync", "--home", cli.path("school")])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("deposited an earlier send"), "\(resumed.stderr)")
        let last = Self.listed(try mash(["inbox"]))
        #expect(last.count == 1 && !ids.contains(last.first ?? ""), "\(last)")
        a.terminate()
        a.waitUntilExit()
    }

    @Test func agreementCreateTakesSeveralRelaysAndChecksEach() throws {
        let cli = try CLI()
        defer { cli.remove() }
        func create(_ relays: [String], from: String? = nil, to output: String = "dsa.json") throws -> CLI.Result {
            try cli.run(["agreement", "create", "--valid-from", "2026-04-01", "--valid-until", "2027-03-31", "-o", cli.path(output)]
                        + (from.map { ["--from", cli.path($0)] } ?? ["--id", "test-dsa", "--title", "Test"])
                        + relays.flatMap { ["--relay", $0] })
        }
        let two = ["https://relay-a.example:8443", "https://relay-b.example:8443"]
        #expect(try create(two).status == 0)
        let text = try String(contentsOfFile: cli.path("dsa.json"), encoding: .utf8)
        #expect(text.contains(#""relays": ["#) && !text.contains(#""relay":"#), "\(text)")
        #expect(try cli.run(["agreement", "show", cli.path("dsa.json")]).out.contains("relays (in order) https://relay-a.example:8443, https://relay-b.example:8443"))
        // The next edition keeps them, or takes new ones; one is written as relay.
        #expect(try create([], from: "dsa.json", to: "v2.json").status == 0)
        #expect(try String(contentsOfFile: cli.path("v2.json"), encoding: .utf8).contains(#""relays": ["#))
        #expect(try create(["https://relay.example"], from: "dsa.json", to: "v3.json").status == 0)
        let v3 = try String(contentsOfFile: cli.path("v3.json"), encoding: .utf8)
        #expect(v3.contains(#""relay": "https://relay.example""#) && !v3.contains("relays"))

        for (relays, message) in [
            (["https://relay-a.example", "http://relay-b.example"], "sealpost: error: refusing plain http to relay-b.example (--relay): records would cross the network without TLS"),
            (["https://relay-a.example", "https://Relay-A.example:443/"], "--relay https://Relay-A.example:443/ names the same relay as --relay https://relay-a.example (https://relay-a.example)"),
            (["ftp://relay.example"], "--relay uses ftp, not https"),
            ((1...9).map { "https://relay-\($0).example" }, "9 --relay options: an agreement names at most 8 relay instances"),
        ] {
            let refused = try create(relays, to: "bad.json")
            #expect(refused.status != 0)
            #expect(refused.stderr.contains(message), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: cli.path("bad.json")), "nothing is written")
        }
    }
}
