import Foundation
import SealpostCore
import SealpostProtocol
import SealpostRelay
import SealpostSodium
import Synchronization

/// Drives a relay over loopback with N agencies at once, each depositing 4 KiB envelopes for the
/// next, then listing its mailbox, fetching and deleting what is sent to it (a full cycle), every
/// request signed; measures deposits and cycles per second and deposit latency, and beside them, in
/// the same run, what libsodium alone does with the same cryptography and what the store alone does
/// with inserts of the same size (pgbench, or a bare SQLite group-commit loop).
///
/// The relay runs in this process (own temporary SQLite file, or the PostgreSQL `database`, durable
/// commits either way) unless `url` names one prepared with `prepare(at:)`. Either way the signing
/// clients share the machine's cores with it.
public struct RelayBenchmark: Sendable {
    public struct Options: Sendable {
        public var seconds: Double = 10
        public var warmUpSeconds: Double = 1
        public var agencies: Int = 64
        public var size: Int = 4096
        public var url: String?
        /// Deposits only, nobody collecting: the deposit path's capacity, not the exchange's.
        public var depositOnly = false
        /// Run the in-process relay on this PostgreSQL database instead of a temporary SQLite file.
        public var database: PostgresURL?
        /// Seconds for the raw ceiling measured after the load (pgbench, or the bare SQLite loop); 0 for none.
        public var rawSeconds: Double = 5
        /// Cycles per agency whose requests are signed before the timed phase (`BenchLoad`); nil
        /// for enough at a generous rate (12 000 deposits/s, or 3 000 full cycles/s), 0 to sign
        /// every request as it is sent.
        public var presign: Int?
        public init() {}

        /// The stock of cycles each agency signs beforehand.
        var presignedCycles: Int {
            if let presign { return max(0, presign) }
            let rate: Double = depositOnly ? 12_000 : 3_000
            return Int(((warmUpSeconds + seconds) * rate / Double(max(1, agencies))).rounded(.up))
        }
    }

    public struct Report: Sendable {
        public var seconds: Double
        public var agencies: Int
        public var size: Int
        public var deposits: Int
        public var fetches: Int
        public var deletes: Int
        public var lists: Int
        public var failures: Int
        public var depositLatencyP50: Duration
        public var depositLatencyP99: Duration
        public var depositLatencyMax: Duration
        /// Mean writes per group commit, when the relay ran in process.
        public var meanBatchSize: Double?
        /// CPU time (user + system) this process used in the measured window, relay and clients
        /// together, when the relay ran in process: what the run got of the machine.
        public var processCPUSeconds: Double?
        /// CPU-seconds in the measured window by who used them: the client threads, the relay (the
        /// rest of this process, when it ran in process), the PostgreSQL server (when on this
        /// machine), the machine's busy time (`CPUAccounting`).
        public var cpu: CPUUse?
        /// One core doing a deposit cycle's cryptography and nothing else (see `cycleCrypto`).
        public var sodiumCyclesPerSecondPerCore: Double
        /// The store's bare insert rate measured in the same run (`RawCeiling`), when asked for.
        public var rawCeiling: RawCeiling?
        /// Requests the agencies signed before the timed phase, and signed as they sent them.
        public var presigned: Int
        public var signedLive: Int
        public var depositsPerSecond: Double { Double(deposits) / seconds }
        /// Full cycles (deposit, list, fetch, delete) completed per second: deletes, one per cycle.
        public var cyclesPerSecond: Double { Double(deletes) / seconds }
    }

    /// What the store does alone: rows of the envelope's size inserted durably per second.
    public struct RawCeiling: Sendable {
        /// How it was measured, for the report.
        public var method: String
        public var insertsPerSecond: Double
        /// CPU-seconds per insert: the store's client (pgbench, or the bare loop in this process)
        /// and, for PostgreSQL on this machine, the server.
        public var clientCPUPerInsert: Double?
        public var serverCPUPerInsert: Double?
    }

    /// CPU-seconds by who used them over the measured window (see `CPUAccounting`).
    public struct CPUUse: Sendable {
        public var clients: Double
        /// Nil when the relay ran elsewhere (`--url`); its CPU is then not this process's.
        public var relay: Double?
        public var server: Double?
        public var machineBusy: Double?
        public var others: Double?
        /// Wall seconds times the machine's cores.
        public var machineCapacity: Double
    }

    public let options: Options

    public init(_ options: Options) {
        self.options = options
    }

    /// Writes a relay home for the bench's partnership to `path` (passphrase: "sealpost bench").
    public static func prepare(at path: String, agencies: Int) throws {
        try BenchPartnership(agencies: agencies).write(to: path)
    }

    public func run(progress: @escaping @Sendable (String) -> Void = { _ in }) async throws -> Report {
        let partnership = try BenchPartnership(agencies: options.agencies)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sealpost-bench-\(UUID().uuidString)").path
        var relay: RunningRelay?
        let baseURL: String
        if let url = options.url {
            baseURL = url
        } else {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            var config = RelayConfiguration(databasePath: folder + "/relay.sqlite", agreement: partnership.agreement,
                                            identity: partnership.relay, metricsPort: 0)
            config.database = options.database
            // Deposit-only runs leave everything waiting; repeated runs on one PostgreSQL database add up.
            config.limits.mailboxQuota = MailboxQuota(maximumCount: 100_000_000, maximumBytes: 1 << 50)
            config.limits.perAgency = nil
            config.limits.perAddress = nil
            config.limits.maximumEnvelopeBytes = max(options.size, 64 * 1024)
            relay = try await RunningRelay.start(config)
            baseURL = relay!.baseURL
            if let database = options.database {
                progress("relay: in process at \(baseURL), database \(database.redacted) (synchronous_commit=on)")
            } else {
                progress("relay: in process at \(baseURL), database \(folder)/relay.sqlite (WAL, synchronous=FULL)")
            }
        }
        defer {
            if options.url == nil { try? FileManager.default.removeItem(atPath: folder) }
        }

        progress("libsodium baseline: one core, a deposit cycle's cryptography ...")
        let sodium = Self.measureSodium(size: options.size, seconds: 1)

        guard let endpoint = BenchConnection.Endpoint(baseURL: baseURL) else {
            throw RelayConfigurationError("the bench drives a relay over plain HTTP on this machine, such as http://127.0.0.1:8443; not \(baseURL)")
        }
        let presign = options.presignedCycles
        let accounting = CPUAccounting(server: options.database.flatMap { PostgresServerProcesses(url: $0) })
        let load = BenchLoad(agencies: partnership.agencies, endpoint: endpoint, size: options.size, collect: !options.depositOnly,
                             presign: presign, clocks: accounting.clientThreads)
        if presign > 0 {
            progress("signing: each agency signs its first \(presign) cycles' requests before the timed phase (the relay verifies every one)")
        }
        progress("load: \(options.agencies) agencies, one connection and one thread each, \(options.size)-byte envelopes, \(options.warmUpSeconds) s warm-up then \(options.seconds) s measured")
        let samples = Mutex<(start: CPUAccounting.Sample?, end: CPUAccounting.Sample?)>((nil, nil))
        let sampled = DispatchSemaphore(value: 0)
        await load.run(warmUp: .milliseconds(Int64(options.warmUpSeconds * 1000)), measured: .milliseconds(Int64(options.seconds * 1000))) {
            measureFrom, until in
            progress("signed: warm-up, then the measured window")
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: Self.seconds(measureFrom - ContinuousClock.now))
                let start = accounting.sample()
                Thread.sleep(forTimeInterval: Self.seconds(until - ContinuousClock.now))
                let end = accounting.sample()
                samples.withLock { $0 = (start, end) }
                sampled.signal()
            }
        }
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                sampled.wait()
                done.resume()
            }
        }
        var cpu: CPUUse?
        let taken = samples.withLock { $0 }
        if let start = taken.start, let end = taken.end {
            let use = CPUAccounting.use(from: start, to: end, wallSeconds: options.seconds)
            let inProcess = options.url == nil
            cpu = CPUUse(clients: use.clients, relay: inProcess ? use.relay : nil, server: use.server, machineBusy: use.machineBusy,
                         others: inProcess ? use.others : nil, machineCapacity: use.machineCapacity)
        }

        var meanBatch: Double?
        if let relay, let metricsPort = relay.metricsPort {
            meanBatch = Self.meanBatchSize(metricsPort: metricsPort)
        }
        await relay?.stop()
        var raw: RawCeiling?
        if options.rawSeconds > 0 {
            if let database = options.database {
                progress("raw ceiling: pgbench, \(options.agencies) clients, one \(options.size)-byte INSERT per transaction ...")
                let result = try PgbenchCeiling.run(url: database, clients: options.agencies, size: options.size,
                                                    seconds: max(1, Int(options.rawSeconds)), server: accounting.server)
                raw = RawCeiling(method: "pgbench: \(options.agencies) clients, one \(options.size)-byte INSERT per transaction, synchronous_commit=on, prepared",
                                 insertsPerSecond: result.transactionsPerSecond,
                                 clientCPUPerInsert: result.clientCPUPerTransaction, serverCPUPerInsert: result.serverCPUPerTransaction)
            } else {
                let batch = max(1, Int((meanBatch ?? 1).rounded()))
                progress("raw ceiling: bare SQLite loop, \(options.size)-byte rows, \(batch) per transaction ...")
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                let before = CPUAccounting.processSeconds()
                let rate = try RawInsertCeiling.sqlite(folder: folder, size: options.size, batch: batch, seconds: options.rawSeconds)
                raw = RawCeiling(method: "bare SQLite loop: \(options.size)-byte rows, \(batch) per transaction (the relay's mean group commit), WAL, synchronous=FULL",
                                 insertsPerSecond: rate,
                                 clientCPUPerInsert: (CPUAccounting.processSeconds() - before) / (rate * options.rawSeconds))
            }
        }
        let tally = load.tally.withLock { $0 }
        let sorted = tally.latencies.sorted()
        func percentile(_ p: Double) -> Duration {
            guard !sorted.isEmpty else { return .zero }
            return .nanoseconds(sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)])
        }
        return Report(seconds: options.seconds, agencies: options.agencies, size: options.size, deposits: tally.deposits,
                      fetches: tally.fetches, deletes: tally.deletes, lists: tally.lists, failures: tally.failures,
                      depositLatencyP50: percentile(0.50), depositLatencyP99: percentile(0.99),
                      depositLatencyMax: .nanoseconds(sorted.last ?? 0), meanBatchSize: meanBatch,
                      processCPUSeconds: cpu.flatMap { cpu in cpu.relay.map { $0 + cpu.clients } }, cpu: cpu,
                      sodiumCyclesPerSecondPerCore: sodium, rawCeiling: raw, presigned: tally.presigned, signedLive: tally.signedLive)
    }

    /// The cryptography of one deposit-fetch-delete cycle, client and relay together: three request
    /// signatures made and verified, the body hashed by both sides, and the receipt signed.
    static let cycleCrypto = "3 Ed25519 request signatures + 3 verifications, 2 BLAKE2b-256 of the envelope, 1 receipt signature"

    static func measureSodium(size: Int, seconds: Double) -> Double {
        let key = Ed25519.SigningKey.generate()
        let body = RandomBytes.make(count: size)
        let request = Array(repeating: UInt8(0x61), count: 200)
        var cycles = 0
        let start = ContinuousClock.now
        let until = start + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < until {
            for _ in 0..<3 {
                let signature = key.signature(for: request)
                precondition(key.publicKey.isValidSignature(signature, for: request))
            }
            _ = BLAKE2b.hash(body)
            _ = BLAKE2b.hash(body)
            _ = key.signature(for: request)
            cycles += 1
        }
        let elapsed = ContinuousClock.now - start
        return Double(cycles) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }

    static func seconds(_ duration: Duration) -> Double {
        max(0, Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18)
    }

    /// The mean of the relay's commit-batch histogram, read from its Prometheus listener on loopback.
    static func meanBatchSize(metricsPort: Int) -> Double? {
        guard let endpoint = BenchConnection.Endpoint(baseURL: "http://127.0.0.1:\(metricsPort)") else { return nil }
        let connection = BenchConnection(endpoint)
        defer { connection.close() }
        guard let response = connection.get(RelayAPI.Path.metrics), response.status == 200 else { return nil }
        let text = String(decoding: response.body, as: UTF8.self)
        func value(_ name: String) -> Double? {
            text.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Double($0.split(separator: " ")[1]) }
        }
        guard let sum = value("sealpost_relay_commit_batch_size_sum"), let count = value("sealpost_relay_commit_batch_size_count"), count > 0 else { return nil }
        return sum / count
    }
}
