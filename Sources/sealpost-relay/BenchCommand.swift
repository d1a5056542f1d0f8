import ArgumentParser
import Foundation
import SealpostRelay
import SealpostRelayBenchmarks

/// `sealpost-relay bench`: drives a real relay with many signed agencies and reports deposits/s.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the relay: concurrent agencies depositing, fetching and deleting, every request signed.",
        discussion: """
            Without --url the relay runs in this process on loopback, over its own temporary SQLite file with \
            durable commits. To bench a separate relay, prepare its home with --prepare DIR, run \
            'SEALPOST_PASSPHRASE="sealpost bench" sealpost-relay serve --home DIR --agency-rate 0 --address-rate 0', \
            then pass --url. The clients share this machine's cores with the relay either way.
            """)

    @Option(name: .long, help: "Seconds to measure, after a one-second warm-up.")
    var seconds: Double = 10
    @Option(name: .long, help: "Agencies sending at once.")
    var agencies: Int = 64
    @Option(name: .long, help: "Envelope size in bytes.")
    var size: Int = 4096
    @Option(name: .long, help: "Drive the relay at this URL instead of one in process.")
    var url: String?
    @Flag(name: .long, help: "Deposit only, with nobody fetching or deleting: the deposit path's capacity alone.")
    var depositOnly = false
    @Option(name: .long, help: ArgumentHelp("Write a relay home for the bench's agencies to DIR and exit.", valueName: "DIR"))
    var prepare: String?
    @Option(name: .long, help: ArgumentHelp("Run the in-process relay on this PostgreSQL database (its tables are created; bench data is left in them) and measure pgbench beside it.", valueName: "URL"))
    var database: String?
    @Option(name: .long, help: "Seconds for the store's raw insert ceiling measured after the load (0 for none).")
    var rawSeconds: Double = 5
    @Option(name: .long, help: ArgumentHelp("Cycles per agency whose requests are signed before the timed phase (default: enough for 12 000 deposits/s or 3 000 full cycles/s); past them requests are signed as they are sent.", valueName: "N"))
    var presign: Int?
    @Flag(name: .long, help: "Sign every request as it is sent, in the timed phase (the clients' signing then competes with the relay for the cores).")
    var signLive = false

    func validate() throws {
        guard seconds > 0, agencies >= 2, size >= 64 else { throw ValidationError("need --seconds > 0, --agencies >= 2, --size >= 64") }
        guard rawSeconds >= 0 else { throw ValidationError("--raw-seconds must not be negative") }
        guard presign.map({ $0 >= 0 }) ?? true else { throw ValidationError("--presign must not be negative") }
        guard !signLive || presign == nil else { throw ValidationError("--sign-live signs nothing beforehand: leave out --presign") }
        guard url == nil || database == nil else { throw ValidationError("--url drives a relay already running; --database runs one in process: pass one") }
    }

    func run() async throws {
        if let prepare {
            try RelayBenchmark.prepare(at: prepare, agencies: agencies)
            print("wrote a relay home for \(agencies) bench agencies to \(prepare) (passphrase: sealpost bench)")
            return
        }
        var options = RelayBenchmark.Options()
        options.seconds = seconds
        options.agencies = agencies
        options.size = size
        options.url = url
        options.depositOnly = depositOnly
        options.rawSeconds = rawSeconds
        options.presign = signLive ? 0 : presign
        if let database {
            do { options.database = try PostgresURL(database) } catch { throw ValidationError(error.message) }
        }
        let report = try await RelayBenchmark(options).run { line in print(line) }
        func ms(_ d: Duration) -> String {
            String(format: "%.2f ms", Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
        }
        let sodiumTwoCores = report.sodiumCyclesPerSecondPerCore * 2
        print(String(format: "deposits: %d in %.1f s = %.0f deposits/s (durable, signed)",
                     report.deposits, report.seconds, report.depositsPerSecond))
        print("deposit latency: p50 \(ms(report.depositLatencyP50)), p99 \(ms(report.depositLatencyP99)), "
              + "max \(ms(report.depositLatencyMax))")
        print("also: \(report.fetches) fetches, \(report.deletes) deletes, \(report.lists) listings, "
              + "\(report.failures) failures")
        print("signing: \(report.presigned) requests signed before the timed phase, \(report.signedLive) as they were sent; "
              + "the relay verified every one")
        if !depositOnly {
            print(String(format: "full cycles (deposit, list, fetch, delete; 4 signed requests): %.0f/s", report.cyclesPerSecond))
        }
        if let raw = report.rawCeiling {
            print(String(format: "store alone (%@): %.0f inserts/s; relay deposits/s / that = %.2f",
                         raw.method, raw.insertsPerSecond, report.depositsPerSecond / raw.insertsPerSecond))
            var perInsert: [String] = []
            if let client = raw.clientCPUPerInsert { perInsert.append(String(format: "its client %.3f ms", client * 1000)) }
            if let server = raw.serverCPUPerInsert { perInsert.append(String(format: "the server %.3f ms", server * 1000)) }
            if !perInsert.isEmpty { print("store alone, CPU per insert: " + perInsert.joined(separator: ", ")) }
        }
        if let cpu = report.cpu { printCPU(cpu, report: report) }
        if let batch = report.meanBatchSize {
            print(String(format: "group commit: %.1f writes per transaction on average", batch))
        }
        print(String(format: "libsodium alone (%@): %.0f cycles/s on one core, %.0f on two; "
                     + "relay cycles/s / that = %.2f",
                     "3 sign + 3 verify + 2 BLAKE2b of the envelope + 1 receipt sign",
                     report.sodiumCyclesPerSecondPerCore, sodiumTwoCores, report.depositsPerSecond / sodiumTwoCores))
    }

    /// The measured window's CPU by who used it, per deposit (and per full cycle) and as a share
    /// of the machine.
    private func printCPU(_ cpu: RelayBenchmark.CPUUse, report: RelayBenchmark.Report) {
        func ms(_ seconds: Double, per count: Int) -> String {
            count > 0 ? String(format: "%.3f ms", seconds * 1000 / Double(count)) : "-"
        }
        func share(_ seconds: Double) -> String { String(format: "%.0f%%", 100 * seconds / cpu.machineCapacity) }
        var parts: [(String, Double)] = []
        if let relay = cpu.relay { parts.append(("relay", relay)) }
        parts.append(("clients", cpu.clients))
        if let server = cpu.server { parts.append(("PostgreSQL", server)) }
        print("cpu per deposit: " + parts.map { "\($0.0) \(ms($0.1, per: report.deposits))" }.joined(separator: ", ")
              + String(format: " (%.2f s of CPU in all for %d deposits)", parts.reduce(0) { $0 + $1.1 }, report.deposits))
        if !depositOnly {
            print("cpu per full cycle: " + parts.map { "\($0.0) \(ms($0.1, per: report.deletes))" }.joined(separator: ", "))
        }
        var machine = parts.map { "\($0.0) \(share($0.1))" }
        if let others = cpu.others { machine.append("other processes \(share(others))") }
        if let busy = cpu.machineBusy { machine.append("idle \(share(max(0, cpu.machineCapacity - busy)))") }
        print(String(format: "cpu of the machine (%.1f CPU-seconds: %d cores x %.1f s): ", cpu.machineCapacity,
                     ProcessInfo.processInfo.activeProcessorCount, report.seconds) + machine.joined(separator: ", "))
    }
}
