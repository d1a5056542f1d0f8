import Foundation
import SealpostRelay
#if canImport(Glibc)
import Glibc
#endif

/// The bare PostgreSQL ceiling the relay bench compares its deposit rate with: `pgbench`, as many
/// clients as the bench has agencies, each transaction one INSERT of a row the envelope's size,
/// committed with `synchronous_commit=on` (a WAL flush per commit, which the server groups across
/// clients), prepared statements: the database's own best at the relay's one durable write per deposit.
/// The table is the bench's own (`sealpost_bench_raw`, dropped afterwards); its column is stored
/// uncompressed, so a constant payload writes as many bytes as a random envelope.
enum PgbenchCeiling {
    struct Result {
        let transactionsPerSecond: Double
        let latencyMilliseconds: Double?
        /// CPU-seconds per transaction of pgbench itself, and of the server when `server` was given.
        let clientCPUPerTransaction: Double?
        let serverCPUPerTransaction: Double?
    }

    static func run(url: PostgresURL, clients: Int, size: Int, seconds: Int, server: PostgresServerProcesses? = nil) throws -> Result {
        try psql(url, "DROP TABLE IF EXISTS sealpost_bench_raw; CREATE TABLE sealpost_bench_raw (seq BIGSERIAL PRIMARY KEY, bytes BYTEA NOT NULL); ALTER TABLE sealpost_bench_raw ALTER COLUMN bytes SET STORAGE EXTERNAL")
        defer { _ = try? psql(url, "DROP TABLE IF EXISTS sealpost_bench_raw") }
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("sealpost-pgbench-\(UUID().uuidString).sql").path
        defer { try? FileManager.default.removeItem(atPath: script) }
        try Data("INSERT INTO sealpost_bench_raw (bytes) VALUES (decode(repeat('5a', \(size)), 'hex'));\n".utf8)
            .write(to: URL(fileURLWithPath: script))
        let (serverBefore, childrenBefore) = (server?.seconds(), CPUAccounting.childrenSeconds())
        let output = try tool("pgbench", ["-n", "-M", "prepared", "-c", "\(clients)", "-j", "2", "-T", "\(seconds)", "-f", script]
                              + connection(url) + [url.database], url: url)
        let (serverAfter, childrenAfter) = (server?.seconds(), CPUAccounting.childrenSeconds())
        func number(after label: String) -> Double? {
            guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix(label) }) else { return nil }
            return Double(line.dropFirst(label.count).split(separator: " ").first ?? "")
        }
        guard let tps = number(after: "tps = ") else {
            throw RelayConfigurationError("pgbench printed no rate: \(output.suffix(500))")
        }
        let count = number(after: "number of transactions actually processed: ").flatMap { $0 > 0 ? $0 : nil }
        var serverCPU: Double?
        if let serverBefore, let serverAfter, let count { serverCPU = (serverAfter - serverBefore) / count }
        return Result(transactionsPerSecond: tps, latencyMilliseconds: number(after: "latency average = "),
                      clientCPUPerTransaction: count.map { (childrenAfter - childrenBefore) / $0 },
                      serverCPUPerTransaction: serverCPU)
    }

    /// The result of one query, unaligned and without headers (`psql -At`).
    static func value(_ url: PostgresURL, _ sql: String) throws -> String {
        try tool("psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql] + connection(url) + [url.database], url: url)
    }

    private static func connection(_ url: PostgresURL) -> [String] {
        ["-h", url.host, "-p", "\(url.port)", "-U", url.username]
    }

    @discardableResult
    private static func psql(_ url: PostgresURL, _ sql: String) throws -> String {
        try tool("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql] + connection(url) + [url.database], url: url)
    }

    /// Runs `name` (found on PATH), the password in PGPASSWORD, its output to a file that is then
    /// read. Spawned with an empty signal mask: threads of this process block most signals, a child
    /// inherits its spawner's mask, and pgbench ends a timed run (-T) on SIGALRM.
    private static func tool(_ name: String, _ arguments: [String], url: PostgresURL) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        if let password = url.password { environment["PGPASSWORD"] = password }
        environment["PGSSLMODE"] = url.sslMode == .disable ? "disable" : "prefer"
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("sealpost-pgbench-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: output) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGALRM, SIGINT, SIGTERM, SIGPIPE, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([name] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, name, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw RelayConfigurationError("cannot run \(name): \(String(cString: strerror(spawned)))",
                                          hint: "install the PostgreSQL client tools (apt-get install postgresql-client)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        let exited = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        guard exited == 0 else {
            throw RelayConfigurationError("\(name) failed (exit \(exited)): \(text.suffix(500))")
        }
        return text
    }
}
