import Foundation
import SealpostRelay
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// CPU time over the bench's measured window, split by who spent it: the agencies' client threads,
/// the relay (the rest of this process), the PostgreSQL server's processes when they run on this
/// machine, and the machine as a whole (so that what other people's work took shows too).
///
/// Read from Linux: each client thread's CPU clock (`pthread_getcpuclockid`, nanoseconds), the
/// process's from `getrusage`, each server process's time on CPU from `/proc/PID/schedstat`, and
/// the machine's busy time from `/proc/stat`. A part that cannot be read is nil and is not printed.
///
/// What this cannot split: on loopback the kernel does much of a segment's receiving in the
/// sender's system call, so some of the relay's network receive work is counted to the clients
/// and some of theirs to the relay (and likewise between the relay and the server).
struct CPUAccounting: Sendable {
    /// Seconds of CPU at one instant, each as counted since some start of its own.
    struct Sample: Sendable {
        var process: Double
        var clients: Double
        var server: Double?
        /// Busy time summed over the machine's cores.
        var machineBusy: Double?
    }

    /// What each used between two samples, in CPU-seconds.
    struct Use: Sendable {
        var clients: Double
        /// This process less its client threads: the relay running in process.
        var relay: Double
        var server: Double?
        var machineBusy: Double?
        /// CPU-seconds the machine had: wall seconds times its cores.
        var machineCapacity: Double
        /// The machine's busy time that was neither this process nor the server.
        var others: Double? {
            machineBusy.map { max(0, $0 - clients - relay - (server ?? 0)) }
        }
    }

    let clientThreads = ClientThreadClocks()
    let server: PostgresServerProcesses?

    init(server: PostgresServerProcesses?) {
        self.server = server
    }

    func sample() -> Sample {
        Sample(process: Self.processSeconds(), clients: clientThreads.total(), server: server?.seconds(),
               machineBusy: Self.machineBusySeconds())
    }

    static func use(from start: Sample, to end: Sample, wallSeconds: Double) -> Use {
        let clients = end.clients - start.clients
        var server: Double?
        if let a = start.server, let b = end.server { server = b - a }
        var busy: Double?
        if let a = start.machineBusy, let b = end.machineBusy { busy = b - a }
        return Use(clients: clients, relay: (end.process - start.process) - clients, server: server, machineBusy: busy,
                   machineCapacity: wallSeconds * Double(ProcessInfo.processInfo.activeProcessorCount))
    }

    /// User and system time of this whole process, threads that have ended included.
    static func processSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// User and system time of this process's children that have been waited for (pgbench).
    static func childrenSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    private static func seconds(_ time: timeval) -> Double {
        Double(time.tv_sec) + Double(time.tv_usec) / 1e6
    }

    /// The machine's busy time over all cores, from the first line of /proc/stat (clock ticks):
    /// user, nice, system, irq, softirq and steal; idle and iowait are not busy.
    static func machineBusySeconds() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = text.split(separator: "\n").first, line.hasPrefix("cpu ") else { return nil }
        let fields = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard fields.count >= 8 else { return nil }
        let busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7]
        return busy / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}

/// The CPU clocks of the agencies' threads. A thread enters when it starts and leaves before it
/// ends; a thread that has left counts with the CPU it had used when it left. The lock is held
/// while a live thread's clock is read, so the thread cannot end (it would first have to leave)
/// while its clock is in use.
final class ClientThreadClocks: Sendable {
    private struct Entry {
        var clock: clockid_t?
        var final: Double
    }

    private let entries = Mutex([Entry]())

    /// Registers the calling thread; returns its slot for `leave`.
    func enter() -> Int {
        var clock = clockid_t()
        let found = pthread_getcpuclockid(pthread_self(), &clock) == 0
        return entries.withLock { entries in
            entries.append(Entry(clock: found ? clock : nil, final: 0))
            return entries.count - 1
        }
    }

    /// Called by the thread of `slot` before it ends.
    func leave(_ slot: Int) {
        let used = Self.read(CLOCK_THREAD_CPUTIME_ID) ?? 0
        entries.withLock { entries in
            entries[slot] = Entry(clock: nil, final: used)
        }
    }

    /// The CPU-seconds the client threads have used so far.
    func total() -> Double {
        entries.withLock { entries in
            entries.reduce(0) { sum, entry in sum + (entry.clock.flatMap(Self.read) ?? entry.final) }
        }
    }

    private static func read(_ clock: clockid_t) -> Double? {
        var time = timespec()
        guard clock_gettime(clock, &time) == 0 else { return nil }
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// The processes of a PostgreSQL server on this machine: its postmaster and the postmaster's
/// children (backends, WAL writer, checkpointer, ...), found through the checkpointer's pid.
/// Their CPU is their time on CPU (`/proc/PID/schedstat`, nanoseconds; PostgreSQL's processes
/// have one thread each) plus what the postmaster's children that ended had used.
struct PostgresServerProcesses: Sendable {
    let postmaster: Int32

    /// Nil when the server is not on this machine or cannot be found.
    init?(url: PostgresURL) {
        guard ["127.0.0.1", "localhost", "::1"].contains(url.host),
              let text = try? PgbenchCeiling.value(url, "SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'"),
              let checkpointer = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)),
              let stat = Self.stat(checkpointer), let parent = Int32(stat[1]) else { return nil }
        postmaster = parent
    }

    /// CPU-seconds used so far by the server's processes, those that ended included.
    func seconds() -> Double? {
        guard let root = Self.stat(postmaster), root.count > 14,
              let childrenUser = Double(root[13]), let childrenSystem = Double(root[14]),
              let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return nil }
        var total = (childrenUser + childrenSystem) / Double(sysconf(Int32(_SC_CLK_TCK)))
        for entry in entries {
            guard let pid = Int32(entry) else { continue }
            guard pid == postmaster || Self.stat(pid).flatMap({ Int32($0[1]) }) == postmaster else { continue }
            guard let text = try? String(contentsOfFile: "/proc/\(pid)/schedstat", encoding: .utf8),
                  let onCPU = text.split(separator: " ").first.flatMap({ Double($0) }) else { continue }
            total += onCPU / 1e9
        }
        return total
    }

    /// The fields of /proc/PID/stat after the command name: state, ppid, ... (so index 1 is the
    /// parent, 11 and 12 user and system time, 13 and 14 the waited-for children's).
    private static func stat(_ pid: Int32) -> [Substring]? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].split(separator: " ")
    }
}
