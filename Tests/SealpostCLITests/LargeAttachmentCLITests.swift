#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SealpostCore
import SealpostSodium
import Testing

/// A large attachment through the binaries and a real relay, in constant memory (spec/exchange.md
/// §Large envelopes, spec/relay.md §Storage): `sealpost send` seals it into the outbox and uploads
/// it from there, the relay streams it into its SQLite store in chunks and out again, and the
/// recipient's `sync` and `open` fetch it into a file and open it from there.
///
/// Memory is shown against the attachment's size: each process's peak RSS after the large send is
/// compared with its peak after a small one, and must have grown by far less than the attachment
/// (a program holding the envelope would grow by at least its size). The figures are printed.
/// `SEALPOST_LARGE_ATTACHMENT_MIB` sets the size (default 40; `examples/large-attachment.sh` runs 200).
@Suite(.serialized) struct LargeAttachmentCLITests {
    static let mebibyte = 1 << 20

    @Test func largeAttachmentTravelsInConstantMemory() throws {
        let size = (ProcessInfo.processInfo.environment["SEALPOST_LARGE_ATTACHMENT_MIB"].flatMap(Int.init) ?? 40) * Self.mebibyte
        let p = try ExchangeCLITests.Partnership(); defer { p.stop() }
        // The redaction decisions for the record, settled once, without attachments.
        let base = ["send", "--yes", "--to", "kingsbridge-mash", "--purpose", ExchangeCLITests.s47]
        let first = try p.run("school", base + ["--write-decisions", p.cli.path("decisions.json"), ExchangeCLITests.disclosure])
        var decide: [String] = []
        if first.status != 0 {
            #expect(first.stderr.contains("must be redacted or kept"), "\(first.stderr)")
            decide = ["--decisions", p.cli.path("decisions.json")]
            let template = try String(contentsOfFile: p.cli.path("decisions.json"), encoding: .utf8)
            try template.replacingOccurrences(of: "\"undecided\"", with: "\"redact\"")
                .write(toFile: p.cli.path("decisions.json"), atomically: true, encoding: .utf8)
        }
        let small = try Self.writePDF(p.cli.path("small.pdf"), size: 100 * 1024, seed: 1)
        let large = try Self.writePDF(p.cli.path("scan.pdf"), size: size, seed: 2)
        let relayPID = p.relay.processIdentifier

        var figures: [String: (small: Int, large: Int)] = [:]
        var stored: [String: String] = [:]
        for (name, file) in [("small", small), ("large", large)] {
            let send = try measured(p, "school", base + decide + ["--attach", file.path,
                                                         "--attachments-checked", ExchangeCLITests.disclosure])
            #expect(send.status == 0, "\(send.stderr)")
            let relayPeak = Self.peakKiB(relayPID)
            let sentLine = try #require(send.stdout.split(separator: "\n").first { $0.hasPrefix("sent ") }, "\(send.stderr)")
            let envelopeID = String(sentLine.split(separator: " ")[1])
            let sync = try measured(p, "mash", ["sync"])
            #expect(sync.status == 0, "\(sync.stderr)")
            let open = try measured(p, "mash", ["open", String(envelopeID.prefix(12))])
            #expect(open.status == 0, "\(open.stderr)")
            let path = p.cli.path("mash/inbox/\(envelopeID)/attachments/\(file.name)")
            #expect(open.stderr.contains("attachment: \(file.name) (application/pdf, \(file.size) bytes, hash checked): \(path)"), "\(open.stderr)")
            stored[name] = path
            // The file stored is the one sent: its BLAKE2b-256 is the hash the signed manifest states.
            #expect(try Self.hash(path) == file.hash)
            let entry = try String(contentsOfFile: p.cli.path("mash/inbox/\(envelopeID)/entry.json"), encoding: .utf8)
            #expect(entry.contains(Hex.encode(file.hash)))
            for (process, kib) in [("send", send.peakKiB), ("relay", relayPeak), ("sync", sync.peakKiB), ("open", open.peakKiB)] {
                if name == "small" { figures[process] = (kib, 0) } else { figures[process]?.large = kib }
            }
        }
        let megabytes = { (kib: Int) in String(format: "%.1f", Double(kib) / 1024) }
        print("large attachment of \(size / Self.mebibyte) MiB: peak RSS in MiB, after a 100 KiB attachment -> after it: "
              + ["send", "relay", "sync", "open"].map { "\($0) \(megabytes(figures[$0]!.small)) -> \(megabytes(figures[$0]!.large))" }
                  .joined(separator: ", "))
        for (process, peak) in figures {
            // Holding the envelope would cost its size at least; streaming costs a few buffers.
            #expect(peak.large - peak.small < size / 1024 / 4,
                    "\(process) grew by \(megabytes(peak.large - peak.small)) MiB for a \(size / Self.mebibyte) MiB attachment")
        }
    }

    /// A file `sealpost` takes as a PDF: the header, then `size` bytes in all of a pattern no two
    /// blocks share. Returns its name, size and BLAKE2b-256.
    static func writePDF(_ path: String, size: Int, seed: UInt64) throws -> (path: String, name: String, size: Int, hash: [UInt8]) {
        guard FileManager.default.createFile(atPath: path, contents: nil) else { throw CLIFailure("cannot create \(path)") }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let hasher = BLAKE2b.Hasher()
        var written = 0
        var block = [UInt8](repeating: 0, count: mebibyte)
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        while written < size {
            for i in stride(from: 0, to: block.count, by: 8) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                withUnsafeBytes(of: state) { block.replaceSubrange(i..<i + 8, with: $0) }
            }
            if written == 0 { block.replaceSubrange(0..<9, with: Array("%PDF-1.7\n".utf8)) }
            let part = Array(block[0..<min(block.count, size - written)])
            handle.write(Data(part))
            hasher.update(part)
            written += part.count
        }
        return (path, URL(fileURLWithPath: path).lastPathComponent, size, hasher.finalize())
    }

    /// BLAKE2b-256 of a file, read a mebibyte at a time.
    static func hash(_ path: String) throws -> [UInt8] {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let hasher = BLAKE2b.Hasher()
        while let data = try handle.read(upToCount: mebibyte), !data.isEmpty { hasher.update(Array(data)) }
        return hasher.finalize()
    }

    /// The peak resident set (VmHWM) of a running process, in KiB.
    static func peakKiB(_ pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return -1 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
    }

    struct Measured {
        let status: Int32
        let stdout: String
        let stderr: String
        /// The child's peak resident set in KiB, as the kernel counted it (wait4's ru_maxrss).
        let peakKiB: Int
    }

    /// Runs `sealpost` as `home` like `Partnership.run`, spawned and reaped here so that the
    /// kernel's count of its peak memory can be read.
    func measured(_ p: ExchangeCLITests.Partnership, _ home: String, _ arguments: [String]) throws -> Measured {
        let out = p.cli.path("measured.out"), err = p.cli.path("measured.err")
        var environment = ProcessInfo.processInfo.environment
        environment["SEALPOST_PASSPHRASE"] = p.cli.passphrase
        environment["SEALPOST_HOME"] = nil
        let argv = [CLI.binDirectory.appendingPathComponent("sealpost").path] + arguments + ["--home", p.cli.path(home)]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cArgs + cEnv).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArgs, cEnv)
        guard spawned == 0 else { throw CLIFailure("cannot start sealpost: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let result = Measured(status: (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f),
                              stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                              stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "", peakKiB: usage.ru_maxrss)
        p.outputs.append(result.stdout + result.stderr)
        return result
    }
}
