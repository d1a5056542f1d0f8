import Foundation
import Testing

/// `sealpost send`, `inbox`, `open ID`, `ack`, `sync` and `outbox` through the built binaries,
/// with a real `sealpost-relay serve` on 127.0.0.1 named in the agreement itself.
@Suite(.serialized) struct ExchangeCLITests {
    static let disclosure = CLI.packageRoot.appendingPathComponent("examples/records/disclosure.json").path
    static let s47 = "child_protection_enquiry_s47"

    /// A partnership of a school, a MASH and a relay operator, signed and installed, with its relay running.
    final class Partnership {
        let cli: CLI
        let port: Int
        let relay: Process
        var outputs: [String] = []

        init() throws {
            cli = try CLI()
            for (home, agency, name) in [("school", "school-st-annes", "St Anne's Primary School"), ("mash", "kingsbridge-mash", "Kingsbridge MASH"),
                                         ("relay", "relay-kingsbridge", "Kingsbridge Relay")] {
                try cli.makeIdentity(home, agency: agency, name: name)
            }
            port = try Self.freePort()
            let year: TimeInterval = 365 * 86_400
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate]
            let ag = cli.path("dsa.json")
            try Self.expectSuccess(cli.run(["agreement", "create", "--id", "test-dsa", "--title", "Test partnership",
                                            "--valid-from", formatter.string(from: Date().addingTimeInterval(-year)),
                                            "--valid-until", formatter.string(from: Date().addingTimeInterval(year)),
                                            "--relay", "http://127.0.0.1:\(port)", "-o", ag]))
            for (home, role) in [("school", "school"), ("mash", "mash"), ("relay", "relay_operator")] {
                try Self.expectSuccess(cli.run(["agreement", "add-party", ag, "--card", cli.path("\(home).card.json"), "--role", role]))
            }
            try Self.expectSuccess(cli.run(["agreement", "add-purpose", ag, "--id", ExchangeCLITests.s47, "--name", "Child protection enquiry (s47)",
                                            "--lawful-basis", "public_task",
                                            "--recipient", "mash=id,subject,household,parties,narrative,statements,concern"]))
            try Self.expectSuccess(cli.run(["agreement", "add-purpose", ag, "--id", "mash_screening", "--name", "MASH screening",
                                            "--lawful-basis", "public_task",
                                            "--recipient", "mash=id,subject,household,parties,narrative,statements,concern"]))
            for home in ["school", "mash", "relay"] {
                try Self.expectSuccess(cli.run(["agreement", "sign", "--home", cli.path(home), ag]))
            }
            for home in ["school", "mash"] {
                try Self.expectSuccess(cli.run(["agreement", "install", "--home", cli.path(home), ag]))
            }
            relay = try Self.startRelay(cli, agreement: ag, port: port, store: ["--db", cli.path("relay.sqlite")])
        }

        /// Starts `sealpost-relay serve` as the relay home on `port` over `store` (its `--db` or
        /// `--database` arguments) and waits until it listens.
        static func startRelay(_ cli: CLI, agreement: String, port: Int, store: [String]) throws -> Process {
            let relay = Process()
            relay.executableURL = CLI.binDirectory.appendingPathComponent("sealpost-relay")
            relay.arguments = ["serve", "--home", cli.path("relay"), "--agreement", agreement, "--port", String(port)]
                + store + ["--log-level", "error"]
            var environment = ProcessInfo.processInfo.environment
            environment["SEALPOST_PASSPHRASE"] = cli.passphrase
            relay.environment = environment
            relay.standardOutput = FileHandle.nullDevice
            relay.standardError = FileHandle.nullDevice
            try relay.run()
            guard waitForListener(port: port) else { throw CLIFailure("sealpost-relay serve on port \(port) did not start listening") }
            return relay
        }

        func stop() {
            relay.terminate()
            relay.waitUntilExit()
            cli.remove()
        }

        /// Runs `sealpost` as one home, keeping everything it printed for the privacy check.
        @discardableResult
        func run(_ home: String, _ arguments: [String], environment: [String: String]? = nil) throws -> CLI.Result {
            let result = try cli.run(arguments + ["--home", cli.path(home)], environment: environment)
            outputs.append(result.out + result.stderr)
            return result
        }

        static func expectSuccess(_ result: CLI.Result, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
        }

        static func freePort() throws -> Int {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            guard bound == 0 else { throw CLIFailure("no free port") }
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
            return Int(UInt16(bigEndian: address.sin_port))
        }

        /// Waits (up to about 20 s) for a listener on 127.0.0.1:`port`.
        static func waitForListener(port: Int) -> Bool {
            for _ in 0..<400 {
                let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_addr.s_addr = inet_addr("127.0.0.1")
                address.sin_port = UInt16(port).bigEndian
                let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
                close(fd)
                if connected == 0 { return true }
                usleep(50_000)
            }
            return false
        }
    }

    /// Sends the disclosure from the school to the MASH, settling any uncertain findings with a
    /// decisions file written by --write-decisions. Returns what send printed.
    func send(_ p: Partnership) throws -> CLI.Result {
        let base = ["send", "--yes", "--to", "kingsbridge-mash", "--purpose", Self.s47]
        var result = try p.run("school", base + ["--write-decisions", p.cli.path("decisions.json"), Self.disclosure])
        if result.status != 0, result.stderr.contains("must be redacted or kept") {
            let template = try String(contentsOfFile: p.cli.path("decisions.json"), encoding: .utf8)
            #expect(template.contains("\"undecided\""))
            try template.replacingOccurrences(of: "\"undecided\"", with: "\"redact\"")
                .write(toFile: p.cli.path("decisions.json"), atomically: true, encoding: .utf8)
            result = try p.run("school", base + ["--decisions", p.cli.path("decisions.json"), Self.disclosure])
        }
        return result
    }

    @Test func sendInboxOpenAckSyncThroughTheBinary() throws {
        let p = try Partnership(); defer { p.stop() }

        let sent = try send(p)
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stderr.contains("sealpost: preview: record SA-2026-0142 for \(Self.s47)"))
        #expect(sent.stderr.contains("to kingsbridge-mash (mash):"))
        #expect(sent.stderr.contains("withheld:"))
        #expect(sent.stderr.contains("[Third party 1"))
        let sentLine = try #require(sent.out.split(separator: "\n").first { $0.hasPrefix("sent ") })
        let envelopeID = String(sentLine.split(separator: " ")[1])
        #expect(envelopeID.count == 64)
        #expect(sentLine.contains("to kingsbridge-mash: message "))
        let short = String(envelopeID.prefix(12))

        let outbox = try p.run("school", ["outbox"])
        #expect(outbox.out.contains(short) && outbox.out.contains("at the relay, not yet acknowledged"))

        let inbox = try p.run("mash", ["inbox"])
        #expect(inbox.status == 0, "\(inbox.stderr)")
        let row = try #require(inbox.out.split(separator: "\n").first { $0.hasPrefix(short) })
        #expect(row.contains("school-st-annes") && row.contains(Self.s47) && row.contains("urgent") && row.contains("new"))
        // Issue 11 §4: once the envelope has verified, the MASH's own screen shows the record and the
        // child; that listing alone is left out of the check below that nothing printed names the child.
        #expect(row.contains("SA-2026-0142") && row.contains("Jayden Emeka Okafor"), "\(row)")
        p.outputs.removeLast()
        #expect(!FileManager.default.fileExists(atPath: p.cli.path("mash/inbox")), "inbox must not store anything")

        let opened = try p.run("mash", ["open", short])
        #expect(opened.status == 0, "\(opened.stderr)")
        let path = opened.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(path == p.cli.path("mash/inbox/\(envelopeID)/record.sealed"))
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(opened.stderr.contains("opened: envelope \(short) from school-st-annes"))
        #expect(opened.stderr.contains("sealpost ack \(short)"))

        let twice = try p.run("mash", ["open", short])
        #expect(twice.status == 0)
        #expect(twice.stderr.contains("already received"))

        let acked = try p.run("mash", ["ack", short])
        #expect(acked.status == 0, "\(acked.stderr)")
        #expect(acked.out.hasPrefix("acknowledged \(envelopeID) to school-st-annes"))
        let empty = try p.run("mash", ["inbox"])
        #expect(empty.out.contains("no records waiting for kingsbridge-mash"))

        let schoolInbox = try p.run("school", ["inbox"])
        #expect(schoolInbox.out.contains("1 acknowledgement waiting: run sealpost sync"))
        let synced = try p.run("school", ["sync"])
        #expect(synced.status == 0, "\(synced.stderr)")
        #expect(synced.out.contains("acknowledged: \(short) to kingsbridge-mash (\(Self.s47), urgent)"))
        #expect(synced.out.contains("nothing sent is waiting for an acknowledgement"))
        let after = try p.run("school", ["outbox"])
        #expect(after.out.contains("acknowledged 20"))

        // THREATS row 30: nothing printed anywhere carries a protected identity, record content or the passphrase.
        let printed = p.outputs.joined(separator: "\n")
        for secret in try Self.protectedAndContent() + [p.cli.passphrase] {
            #expect(!printed.contains(secret), "printed: \(secret)")
        }
    }

    @Test func previewRefusalAndErrorsSayWhatToDo() throws {
        let p = try Partnership(); defer { p.stop() }

        // The relay operator has no role in the purpose: refused before sealing, with the reason.
        let refused = try p.run("school", ["send", "--yes", "--to", "relay-kingsbridge", "--purpose", Self.s47, Self.disclosure])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("sealpost: error: refusing to send"))
        #expect(refused.stderr.contains("relay-kingsbridge (relay_operator) has no role in purpose \(Self.s47)"))
        #expect(refused.stderr.contains("nothing was sealed"))
        #expect(refused.stderr.contains("sealpost: hint: "))
        #expect(try p.run("school", ["outbox"]).out == "nothing sent yet\n")
        // A record sent for another purpose than its own is refused the same way.
        let otherPurpose = try p.run("school", ["send", "--yes", "--to", "kingsbridge-mash", "--purpose", "mash_screening", Self.disclosure])
        #expect(otherPurpose.status == 1)
        #expect(otherPurpose.stderr.contains("the record's purpose is \(Self.s47), not mash_screening"))
        let refusals = try String(contentsOfFile: p.cli.path("school/outbox/refusals.jsonl"), encoding: .utf8)
        #expect(refusals.split(separator: "\n").count == 2)

        // --preview shows what would leave and seals nothing.
        let decisions = p.cli.path("preview-decisions.json")
        var preview = try p.run("school", ["send", "--yes", "--to", "kingsbridge-mash", "--purpose", Self.s47, "--preview", "--write-decisions", decisions, Self.disclosure])
        if preview.status != 0 {
            #expect(preview.stderr.contains("before it is sent; nothing was sealed"))
            #expect(preview.stderr.contains("a template is in \(decisions)"))
            let template = try String(contentsOfFile: decisions, encoding: .utf8)
            try template.replacingOccurrences(of: "\"undecided\"", with: "\"keep\"").write(toFile: decisions, atomically: true, encoding: .utf8)
            preview = try p.run("school", ["send", "--yes", "--to", "kingsbridge-mash", "--purpose", Self.s47, "--preview", "--decisions", decisions, Self.disclosure])
            #expect(preview.stderr.contains("your decisions:"))
        }
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(preview.stderr.contains("shared:   "))
        #expect(preview.stderr.contains("redaction: "))
        #expect(preview.stderr.contains("preview only: nothing was sealed or sent"))
        #expect(try p.run("school", ["outbox"]).out == "nothing sent yet\n")

        // Errors that say what to do.
        let unknown = try p.run("mash", ["open", "abcdef123456"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no envelope abcdef123456… waits for this agency"))
        #expect(unknown.stderr.contains("sealpost: hint: list what is waiting with: sealpost inbox"))
        let notOpened = try p.run("mash", ["ack", "abcdef123456"])
        #expect(notOpened.stderr.contains("has been opened here"))
        let plain = try p.run("mash", ["inbox", "--relay", "http://relay.example"])
        #expect(plain.status == 1)
        #expect(plain.stderr.contains("refusing plain http to relay.example"))
        let nowhere = try p.run("mash", ["inbox", "--relay", "http://127.0.0.1:1"], environment: ["SEALPOST_RELAY_ATTEMPTS": "1"])
        #expect(nowhere.status == 1)
        #expect(nowhere.stderr.contains("cannot reach the relay at http://127.0.0.1:1"))

        let printed = p.outputs.joined(separator: "\n")
        for secret in try Self.protectedAndContent() { #expect(!printed.contains(secret), "printed: \(secret)") }
    }

    /// A send made while the relay is unreachable is kept in the outbox and deposited by sync.
    @Test func sendWhileTheRelayIsDownIsDepositedBySync() throws {
        let p = try Partnership(); defer { p.stop() }
        let decisions = p.cli.path("d.json")
        let base = ["send", "--yes", "--to", "kingsbridge-mash", "--purpose", Self.s47]
        let down = ["SEALPOST_RELAY_ATTEMPTS": "1"]
        var sent = try p.run("school", base + ["--relay", "http://127.0.0.1:1", "--write-decisions", decisions, Self.disclosure], environment: down)
        if sent.stderr.contains("must be redacted or kept") {
            let template = try String(contentsOfFile: decisions, encoding: .utf8)
            try template.replacingOccurrences(of: "\"undecided\"", with: "\"redact\"").write(toFile: decisions, atomically: true, encoding: .utf8)
            sent = try p.run("school", base + ["--relay", "http://127.0.0.1:1", "--decisions", decisions, Self.disclosure], environment: down)
        }
        #expect(sent.status == 1)
        #expect(sent.stderr.contains("sealed and kept in the outbox, but not deposited"))
        #expect(sent.stderr.contains("run sealpost sync"))
        #expect(try p.run("school", ["outbox"]).out.contains("not yet deposited"))

        let synced = try p.run("school", ["sync"])
        #expect(synced.status == 0, "\(synced.stderr)")
        #expect(synced.stderr.contains("deposited an earlier send"))
        #expect(try p.run("school", ["outbox"]).out.contains("at the relay, not yet acknowledged"))
        let inbox = try p.run("mash", ["inbox"])
        #expect(inbox.out.contains("school-st-annes"))
    }

    /// THREATS row 28 through the binary: a possible identity blocks the send until a decisions
    /// file settles it; the template names findings by position, and the decision is recorded.
    @Test func undecidedIdentityBlocksTheSendUntilDecided() throws {
        let p = try Partnership(); defer { p.stop() }
        let record = CLI.packageRoot.appendingPathComponent("examples/records/neighbour-call.json").path
        let decisions = p.cli.path("decisions.json")
        let base = ["send", "--yes", "--to", "kingsbridge-mash", "--purpose", "mash_screening"]

        let blocked = try p.run("school", base + ["--write-decisions", decisions, record])
        #expect(blocked.status == 1)
        #expect(blocked.stderr.contains("1 possible identity in the record must be redacted or kept before it is sent; nothing was sealed"))
        #expect(blocked.stderr.contains("  narrative@"))
        #expect(blocked.stderr.contains("a template is in \(decisions)"))
        #expect(try p.run("school", ["outbox"]).out == "nothing sent yet\n")
        let template = try String(contentsOfFile: decisions, encoding: .utf8)
        #expect(template.contains("\"finding\" : \"narrative@") || template.contains("\"finding\": \"narrative@"))

        // Still undecided: refused, naming the problem.
        let undecided = try p.run("school", base + ["--decisions", decisions, record])
        #expect(undecided.status == 1)
        #expect(undecided.stderr.contains("not redact or keep"))

        try template.replacingOccurrences(of: "\"undecided\"", with: "\"redact\"").write(toFile: decisions, atomically: true, encoding: .utf8)
        let sent = try p.run("school", base + ["--decisions", decisions, record])
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stderr.contains("your decisions: 1 (1 redact, 0 keep), recorded with the send"))
        let outbox = try FileManager.default.contentsOfDirectory(atPath: p.cli.path("school/outbox")).filter { $0.hasSuffix(".json") }
        #expect(outbox.count == 1)
        let entry = try String(contentsOfFile: p.cli.path("school/outbox/\(outbox[0])"), encoding: .utf8)
        #expect(entry.contains("\"action\" : \"redact\""))

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: record))) as! [String: Any]
        let protected = (json["parties"] as? [[String: Any]] ?? []).filter { ($0["protect"] as? Bool) != false }.compactMap { $0["name"] as? String }
        let printed = p.outputs.joined(separator: "\n")
        for name in protected { #expect(!printed.contains(name)) }
    }

    /// The subject's and protected parties' identities and bits of the narrative: none may be printed.
    static func protectedAndContent() throws -> [String] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: disclosure))) as! [String: Any]
        var values: [String] = []
        for party in json["parties"] as? [[String: Any]] ?? [] where (party["protect"] as? Bool) != false {
            values += ["name", "phone", "email", "address"].compactMap { party[$0] as? String }
        }
        let subject = json["subject"] as! [String: Any]
        values += ["name", "address", "nhs_number"].compactMap { subject[$0] as? String }
        let narrative = json["narrative"] as! String
        values.append(String(narrative.prefix(40)))
        values.append("Okafor")
        return values
    }
}

struct CLIFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
