#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// Every output flag of `sealpost` against a FIFO and a character device made in the test's folder
/// (THREATS row 36): a device stays a device (never renamed over), a FIFO's reader gets exactly
/// what a regular file would hold, a symbolic link is refused with its target untouched, and
/// `open` puts nothing into a FIFO unless the signature verified. mknod needs root, as CI has.
struct OutputCLITests {
    /// Output destinations for one flag, made fresh in the CLI's folder.
    struct Targets {
        let cli: CLI
        let device: String
        let fifo: String
        let reader: Int32

        init(_ cli: CLI, _ label: String) throws {
            self.cli = cli
            device = cli.path("\(label).null")
            fifo = cli.path("\(label).fifo")
            #expect(mknod(device, S_IFCHR | 0o666, (1 << 8) | 3) == 0, "mknod (needs root): \(String(cString: strerror(errno)))")
            #expect(mkfifo(fifo, 0o600) == 0)
            // The read end is open before the command runs, so its open for writing does not wait;
            // outputs here are far below a pipe's 64 KiB, so the command never waits to write.
            reader = open(fifo, O_RDONLY | O_NONBLOCK)
            #expect(reader >= 0)
        }

        /// Everything written into the FIFO so far (the command has exited).
        func drained() -> Data {
            var out = Data()
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let n = read(reader, &buffer, buffer.count)
                if n <= 0 { break }
                out.append(contentsOf: buffer[0..<n])
            }
            return out
        }

        func expectStillNodes(sourceLocation: SourceLocation = #_sourceLocation) {
            var info = stat()
            #expect(lstat(device, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR && info.st_rdev == (1 << 8) | 3,
                    "the character device was replaced", sourceLocation: sourceLocation)
            #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "the FIFO was replaced",
                    sourceLocation: sourceLocation)
        }

        func close() { _ = Glibc.close(reader) }
    }

    /// Runs `arguments` with the output flag pointed at a regular file, the device and the FIFO;
    /// the FIFO must receive exactly the regular file's bytes (or, with `same: false`, as many). Each run
    /// must exit with `status` (send exits 1 when it writes a decisions template).
    func check(_ cli: CLI, _ label: String, flag: String, same: Bool = true, status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation,
               _ arguments: [String]) throws {
        let targets = try Targets(cli, label)
        defer { targets.close() }
        let regular = cli.path("\(label).regular")
        let r = try cli.run(arguments + [flag, regular])
        #expect(r.status == status, "\(label) to a file: \(r.stderr)", sourceLocation: sourceLocation)
        let expected = try Data(contentsOf: URL(fileURLWithPath: regular))
        #expect(!expected.isEmpty, sourceLocation: sourceLocation)
        let d = try cli.run(arguments + [flag, targets.device])
        #expect(d.status == status, "\(label) to a character device: \(d.stderr)", sourceLocation: sourceLocation)
        let f = try cli.run(arguments + [flag, targets.fifo])
        #expect(f.status == status, "\(label) to a FIFO: \(f.stderr)", sourceLocation: sourceLocation)
        let piped = targets.drained()
        if same { #expect(piped == expected, "\(label): the FIFO got other bytes", sourceLocation: sourceLocation) }
        else { #expect(piped.count == expected.count, "\(label): the FIFO got \(piped.count) bytes", sourceLocation: sourceLocation) }
        targets.expectStillNodes(sourceLocation: sourceLocation)

        // A symbolic link is refused, whatever it points at, and what it points at is untouched.
        let victim = cli.path("\(label).victim"), link = cli.path("\(label).link")
        try Data("someone else's".utf8).write(to: URL(fileURLWithPath: victim))
        #expect(symlink(victim, link) == 0)
        let l = try cli.run(arguments + [flag, link])
        #expect(l.status == 1 && l.stderr.contains("symbolic link"), "\(label): \(l.stderr)", sourceLocation: sourceLocation)
        #expect(try Data(contentsOf: URL(fileURLWithPath: victim)) == Data("someone else's".utf8), sourceLocation: sourceLocation)
    }

    @Test func sealExportCardOpenAndAgreementCreate() throws {
        let cli = try CLI(); defer { cli.remove() }
        try cli.makeIdentity("school", agency: "school-a", name: "School A")
        try cli.makeIdentity("mash", agency: "mash-b", name: "MASH B")
        let content = Data((0..<3_000).map { UInt8(truncatingIfNeeded: $0 &* 13) })
        try content.write(to: URL(fileURLWithPath: cli.path("record.bin")))

        try check(cli, "export-card", flag: "--output", ["export-card", "--home", cli.path("school")])
        // Every envelope differs (fresh keys), so only its length can match.
        try check(cli, "seal", flag: "--output", same: false,
                  ["seal", "--home", cli.path("school"), "--to", cli.path("mash.card.json"), cli.path("record.bin")])
        let sealed = cli.path("seal.regular")
        try check(cli, "open", flag: "--output",
                  ["open", "--home", cli.path("mash"), "--from", cli.path("school.card.json"), sealed])
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.path("open.regular"))) == content)
        try check(cli, "agreement", flag: "-o",
                  ["agreement", "create", "--id", "out-dsa", "--title", "Output test", "--valid-from", "2026-04-01",
                   "--valid-until", "2027-03-31"])

        // The envelope that went into the FIFO opens to the same content.
        let envelope = try Targets(cli, "seal-fifo")
        defer { envelope.close() }
        #expect(try cli.run(["seal", "--home", cli.path("school"), "--to", cli.path("mash.card.json"), "--output", envelope.fifo,
                             cli.path("record.bin")]).status == 0)
        let opened = try cli.run(["open", "--home", cli.path("mash"), "--from", cli.path("school.card.json")], input: envelope.drained())
        #expect(opened.status == 0 && opened.stdout == content, "\(opened.stderr)")

        // open releases nothing into a FIFO or device unless the signature verifies.
        var tampered = try Data(contentsOf: URL(fileURLWithPath: sealed))
        tampered[tampered.count - 1] ^= 1
        try tampered.write(to: URL(fileURLWithPath: cli.path("tampered.sealed")))
        let refused = try Targets(cli, "refused")
        defer { refused.close() }
        for destination in [refused.fifo, refused.device] {
            let r = try cli.run(["open", "--home", cli.path("mash"), "--from", cli.path("school.card.json"), "--output", destination,
                                 cli.path("tampered.sealed")])
            #expect(r.status != 0 && r.stderr.contains("payload"), "\(r.stderr)")
        }
        #expect(refused.drained().isEmpty, "a tampered envelope put bytes into the FIFO")
        refused.expectStillNodes()
        // Nothing is left in the home: the staging file is removed.
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.path("mash")).allSatisfy { !$0.hasPrefix(".") })
    }

    /// The output flags of the exchange: log checkpoints -o, log export -o, send --write-decisions, and
    /// open ENVELOPE_ID --output (the record fetched from the relay, already verified).
    @Test func exchangeOutputs() throws {
        let p = try ExchangeCLITests.Partnership(); defer { p.stop() }
        let cli = p.cli
        try check(cli, "checkpoints", flag: "-o", ["log", "checkpoints", "--home", cli.path("mash"), "--of", "school-st-annes"])
        try check(cli, "decisions", flag: "--write-decisions", status: 1,
                  ["send", "--home", cli.path("school"), "--to", "kingsbridge-mash", "--purpose", "mash_screening", "--preview",
                   CLI.packageRoot.appendingPathComponent("examples/records/neighbour-call.json").path])
        let sent = try ExchangeCLITests().send(p)
        #expect(sent.status == 0, "\(sent.stderr)")
        let id = String(try #require(sent.out.split(separator: "\n").first { $0.hasPrefix("sent ") }).split(separator: " ")[1].prefix(12))
        try check(cli, "open-id", flag: "--output", ["open", "--home", cli.path("mash"), id])
        try check(cli, "log-export", flag: "-o", ["log", "export", "--home", cli.path("mash"), "--format", "json"])
    }
}
