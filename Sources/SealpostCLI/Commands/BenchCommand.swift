import ArgumentParser
import Foundation
import SealpostBenchmarks
import SealpostCore
import SealpostLog
import SealpostRedaction
import SealpostSodium
import SealpostWebBenchmarks

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure seal and open throughput against raw libsodium, record sealing, and memory.",
        discussion: """
        `sealpost bench` (or `sealpost bench envelope`): figures are medians over --rounds; ratios compare \
        Sealpost with libsodium measured in the same run. `sealpost bench redaction`: redaction speed on \
        one core over 1x, 4x and 16x a 1 MiB narrative for a fixed party list, to show it is linear. \
        `sealpost bench log`: durable receipt-log appends by batch size beside raw signing and fsync, \
        and `log verify` of a --entries log (1,000,000 by default) beside raw BLAKE2b and Ed25519. \
        `sealpost bench web`: the app's render time (p50, p99) for its home, inbox and log pages over a \
        home built in the run (1,000 received records, 10,000 log entries), beside a trivial page and \
        reading the same files.
        """)

    @Argument(help: "What to measure: envelope (default), redaction, log or web.")
    var what = "envelope"

    @Option(help: "Megabytes (MiB) of content for the throughput rounds (at least 256 for the published figures).")
    var size = 256

    @Option(help: "Rounds per figure; the median is reported.")
    var rounds = 5

    @Option(help: "1 KiB records sealed per round.")
    var records = 2000

    @Option(help: "GiB to seal and open through files for the memory figure; 0 skips it.")
    var memoryGib = 1

    @Option(help: "Folder for the memory figure's and the log benchmark's temporary files.")
    var directory = NSTemporaryDirectory()

    @Option(help: "Entries in the log that `bench log` verifies.")
    var entries = 1_000_000

    @Option(help: "With `bench log`: keep appending batches of --batch entries to a log in this folder until killed (for crash tests).")
    var appendUntilKilled: String?

    @Option(help: "Entries per append with --append-until-killed.")
    var batch = 10

    @Option(help: "With `bench web`: requests measured for each page.")
    var requests = 200

    func run() async throws {
        switch what {
        case "envelope": break
        case "web":
            guard requests > 0 else { throw CLIError("--requests must be positive") }
            let scratch = directory + "/sealpost-bench-web-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            printError("web: building a home of 1,000 received records and 10,000 log entries, then \(requests) requests a page")
            let figures = try await WebBenchmark(requests: requests, directory: scratch).run(log: { printError("  \($0)") })
            print("sealpost bench web (one request at a time over 127.0.0.1)")
            print(figures.description)
            return
        case "log":
            if let folder = appendUntilKilled { try appendForever(folder) }
            let scratch = directory + "/sealpost-bench-log-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            printError("log: durable appends for 2 s per batch size, then verify of \(entries) entries, median of \(rounds)")
            let figures = try LogBenchmark(directory: scratch, verifyEntries: entries, rounds: rounds).run(log: { printError("  \($0)") })
            print("sealpost bench log (libsodium \(sodiumVersionString), median of \(rounds))")
            print(figures.description)
            return
        case "redaction":
            printError("redaction: \(rounds) rounds at 1x, 4x and 16x 1 MiB of narrative")
            let figures = RedactionBenchmark.run(rounds: rounds, log: { printError("  \($0)") })
            print("sealpost bench redaction (one core, median of \(rounds))")
            print(figures.description)
            return
        default:
            throw CLIError("unknown benchmark \(what)", hint: "use envelope, redaction, log or web")
        }
        guard size > 0, rounds > 0, records > 0, memoryGib >= 0 else { throw CLIError("--size, --rounds and --records must be positive") }
        let bench = EnvelopeBenchmark(megabytes: size, rounds: rounds, records: records)
        let log: (String) -> Void = { printError("  \($0)") }
        var memory: (seal: Double, open: Double)? = nil
        if memoryGib > 0 {
            printError("memory: sealing and opening \(memoryGib) GiB through files in \(directory)")
            memory = try bench.measureMemory(directory: directory, gibibytes: memoryGib, log: log)
        }
        printError("throughput: \(rounds) rounds over \(size) MiB in 64 KiB chunks")
        let f = try bench.measureThroughput(log: log)
        func fmt(_ v: Double, _ digits: Int = 0) -> String { String(format: "%.\(digits)f", v) }
        print("sealpost bench (libsodium \(sodiumVersionString), \(size) MiB, median of \(rounds))")
        print("  raw secretstream push      \(fmt(f.rawPushMBps)) MB/s")
        print("  raw secretstream pull      \(fmt(f.rawPullMBps)) MB/s")
        print("  raw BLAKE2b                \(fmt(f.rawBlake2bMBps)) MB/s")
        print("  sealpost seal              \(fmt(f.sealMBps)) MB/s   ratio to raw push \(fmt(f.sealMBps / f.rawPushMBps, 2))")
        print("  sealpost open              \(fmt(f.openMBps)) MB/s   ratio to raw pull \(fmt(f.openMBps / f.rawPullMBps, 2))")
        let bound = 1 / (1 / f.rawPushMBps + 1 / f.rawBlake2bMBps)
        print("  (one core doing push + BLAKE2b at raw speed would reach \(fmt(bound)) MB/s, ratio \(fmt(bound / f.rawPushMBps, 2)))")
        print("  1 KiB records, 1 recipient \(fmt(f.recordsPerSecond)) records/s")
        print("  primitives per record      box seal \(fmt(f.boxSealMicroseconds, 1)) us + signature \(fmt(f.signMicroseconds, 1)) us + BLAKE2b 1 KiB \(fmt(f.hashMicroseconds, 1)) us = \(fmt(f.primitiveRecordsPerSecond)) records/s")
        print("  record ratio               \(fmt(f.recordsPerSecond / f.primitiveRecordsPerSecond, 2))")
        if let memory {
            print("  peak resident, \(memoryGib) GiB      seal \(fmt(memory.seal, 1)) MiB, open \(fmt(memory.open, 1)) MiB")
        }
    }

    /// Appends to the log of a throwaway home `folder/home` until the process is killed: the crash
    /// test kills it at random points and checks that the log still verifies.
    private func appendForever(_ folder: String) throws -> Never {
        // A throwaway identity in folder/home, so that each run continues the same log.
        let home = Home(path: folder + "/home")
        let passphrase = SecureBytes(copying: Array("crash test only".utf8))
        if !home.exists {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try home.create(try Identity.generate(agencyID: "crash-test", name: "Crash test"), passphrase: passphrase, cost: .interactive)
        }
        let identity = try home.unlock(passphrase: passphrase)
        let receiptLog = try ReceiptLog(directory: home.logDirectory, identity: identity)
        FileHandle.standardOutput.write(Data("appending\n".utf8))
        var n = 0
        while true {
            try receiptLog.append((0..<max(1, batch)).map { LogBenchmark.draft(n + $0) }, at: Int64(n))
            n += max(1, batch)
        }
    }
}
