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
/// Memory is shown against the attachment's size: each process's peak RSS with the large attachment
/// is compared with its peak with a 100 KiB one, and may have grown by a fixed 48 MiB at most, half
/// the 96 MiB attachment: a program holding the envelope would grow by at least its size, and
/// streaming costs buffers (and what glibc keeps of them) whatever the size (measured: 2-23 MiB,
/// no more for 200 MiB than for 40 MiB). The figures are printed. Unlocking a key costs Argon2id's memory (64 MiB at `--kdf interactive`, sometimes twice
/// at once), which would hide an attachment held whole: the two homes' keys are re-encrypted at
/// Argon2id's least memory (8 MiB) first, so that a peak is the transfer's. `SEALPOST_LARGE_ATTACHMENT_MIB`
/// sets the size (default 96; `examples/large-attachment.sh` runs 200 MiB with the binaries as a user has them).
@Suite(.serialized) struct LargeAttachmentCLITests {
    static let mebibyte = 1 << 20
    /// What streaming may cost beyond a small send, whatever the attachment's size.
    static let allowedGrowthKiB = 48 * 1024

    @Test func largeAttachmentTravelsInConstantMemory() async throws {
        let size = (ProcessInfo.processInfo.environment["SEALPOST_LARGE_ATTACHMENT_MIB"].flatMap(Int.init) ?? 96) * Self.mebibyte
        let p = try ExchangeCLITests.Partnership(); defer { p.stop() }
        for home in ["school", "mash"] { try Self.cheapenKey(p.cli.path(home), passphrase: p.cli.passphrase) }
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
        for (name, file) in [("small", small), ("large", large)] {
            let send = try await measured(p, "school", base + decide + ["--attach", file.path,
                                                         "--attachments-checked", ExchangeCLITests.disclosure], watching: relayPID)
            #expect(send.status == 0, "\(send.stderr)")
            let sentLine = try #require(send.stdout.split(separator: "\n").first { $0.hasPrefix("sent ") }, "\(send.stderr)")
            let envelopeID = String(sentLine.split(separator: " ")[1])
            let sync = try await measured(p, "mash", ["sync"], watching: relayPID)
            #expect(sync.status == 0, "\(sync.stderr)")
            let open = try await measured(p, "mash", ["open", String(envelopeID.prefix(12))], watching: relayPID)
            #expect(open.status == 0, "\(open.stderr)")
            // Stored sealed at rest (1.sealed), sealed a chunk at a time from the fetched file.
            let sealed = p.cli.path("mash/inbox/\(envelopeID)/attachments/1.sealed")
            #expect(open.stderr.contains("attachment: \(file.name) (application/pdf, \(file.size) bytes, hash checked): sealed in \(sealed)"),
                    "\(open.stderr)")
            // Written out a chunk at a time (measured too), the file stored is the one sent: its
            // BLAKE2b-256 is the hash the signed manifest states.
            let out = p.cli.path("\(name)-record.json")
            let written = try await measured(p, "mash", ["open", String(envelopeID.prefix(12)), "--output", out], watching: relayPID)
            #expect(written.status == 0, "\(written.stderr)")
            let path = out + ".attachments/" + file.name
            #expect(try Self.hash(path) == file.hash)
            let entry = try String(contentsOfFile: p.cli.path("mash/inbox/\(envelopeID)/entry.json"), encoding: .utf8)
            #expect(entry.contains(Hex.encode(file.hash)))
            // The relay's key costs it 64 MiB once at start (its peak); what it holds while it takes
            // and gives out the envelope is its resident set meanwhile.
            let relay = max(send.watchedKiB, sync.watchedKiB, open.watchedKiB)
            for (process, kib) in [("send", send.peakKiB), ("relay", relay), ("sync", sync.peakKiB), ("open", open.peakKiB),
                                    ("open --output", written.peakKiB)] {
                if name == "small" { figures[process] = (kib, 0) } else { figures[process]?.large = kib }
            }
        }
        let megabytes = { (kib: Int) in String(format: "%.1f", Double(kib) / 1024) }
        print("large attachment of \(size / Self.mebibyte) MiB: peak RSS in MiB (the relay's: its largest RSS during the transfers), "
              + "with a 100 KiB attachment -> with it: "
              + ["send", "relay", "sync", "open", "open --output"].map { "\($0) \(megabytes(figures[$0]!.small)) -> \(megabytes(figures[$0]!.large))" }
                  .joined(separator: ", "))
        for (process, peak) in figures {
            // Holding the envelope would cost its size at least; streaming costs a few buffers.
            #expect(peak.large - peak.small < Self.allowedGrowthKiB,
                    "\(process) grew by \(megabytes(peak.large - peak.small)) MiB for a \(size / Self.mebibyte) MiB attachment")
        }
    }

    /// Re-encrypts the home's key at Argon2id's least memory (8 MiB, one pass).
    static func cheapenKey(_ home: String, passphrase: String) throws {
        let path = home + "/identity.key"
        let secret = SecureBytes(copying: Array(passphrase.utf8))
        let identity = try KeyFile.decode(Array(try Data(contentsOf: URL(fileURLWithPath: path))), passphrase: secret, source: path)
        let bytes = try KeyFile.encode(identity, passphrase: secret, cost: KeyFile.Cost(opsLimit: 1, memLimit: 8 << 20))
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o600)
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

    /// The peak resident set (VmHWM) of a running process, in KiB; `field` "VmRSS:" for the current one.
    static func peakKiB(_ pid: Int32, field: String = "VmHWM:") -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) }) else { return -1 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
    }

    struct Measured {
        let status: Int32
        let stdout: String
        let stderr: String
        /// The child's peak resident set in KiB (wait4's ru_maxrss, as its parent saw it).
        let peakKiB: Int
        /// The largest resident set of the watched process seen meanwhile, in KiB.
        let watchedKiB: Int
    }

    /// Starts the child through Python, which forks it, waits for it and writes its peak resident
    /// set (KiB) to the file named first. A child spawned by this test process directly would
    /// count this process's memory as its own (Linux carries the peak across exec); forked from a
    /// fresh small process, it counts its own.
    static let reaper = """
        import os, sys
        pid = os.fork()
        if pid == 0:
            os.execv(sys.argv[2], sys.argv[2:])
        _, status, usage = os.wait4(pid, 0)
        open(sys.argv[1], "w").write(str(usage.ru_maxrss))
        sys.exit(os.waitstatus_to_exitcode(status) & 0xff)
        """

    /// Runs `sealpost` as `home` like `Partnership.run`, and measures its peak memory; meanwhile
    /// the largest resident set of process `other` (the relay) is sampled.
    func measured(_ p: ExchangeCLITests.Partnership, _ home: String, _ arguments: [String], watching other: Int32) async throws -> Measured {
        let out = p.cli.path("measured.out"), err = p.cli.path("measured.err"), peakFile = p.cli.path("measured.peak")
        var environment = ProcessInfo.processInfo.environment
        environment["SEALPOST_PASSPHRASE"] = p.cli.passphrase
        environment["SEALPOST_HOME"] = nil
        // glibc keeps freed memory for reuse, per thread, once a large block has raised its
        // thresholds: the peak would then count what glibc kept, not what the program held.
        // Fixed thresholds return large blocks when they are freed.
        environment["MALLOC_MMAP_THRESHOLD_"] = "131072"
        environment["MALLOC_TRIM_THRESHOLD_"] = "131072"
        environment["MALLOC_ARENA_MAX"] = "2"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.reaper, peakFile, CLI.binDirectory.appendingPathComponent("sealpost").path]
            + arguments + ["--home", p.cli.path(home)]
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        guard FileManager.default.createFile(atPath: out, contents: nil), FileManager.default.createFile(atPath: err, contents: nil) else {
            throw CLIFailure("cannot create \(out)")
        }
        let stdout = try FileHandle(forWritingTo: URL(fileURLWithPath: out)), stderr = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        defer { try? stdout.close(); try? stderr.close() }
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        var watched = 0
        while process.isRunning {
            watched = max(watched, Self.peakKiB(other, field: "VmRSS:"))
            try await Task.sleep(for: .milliseconds(10))  // not a blocked thread: other tests run meanwhile
        }
        process.waitUntilExit()
        guard let peak = (try? String(contentsOfFile: peakFile, encoding: .utf8)).flatMap({ Int($0) }) else {
            throw CLIFailure("python3 did not report the peak memory of sealpost \(arguments.first ?? "")")
        }
        let result = Measured(status: process.terminationStatus, stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                              stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "", peakKiB: peak, watchedKiB: watched)
        p.outputs.append(result.stdout + result.stderr)
        return result
    }
}
