import Dispatch
import Foundation
import SealpostCore
#if canImport(Glibc)
import Glibc
#endif

/// How `sealpost-relay reload` reaches a running relay: the relay writes its process id to a pid
/// file (`serve --pid-file FILE`) and takes SIGHUP as the order to reload; `reload --pid-file FILE`
/// sends it. Under systemd, `ExecReload=/bin/kill -HUP $MAINPID` does the same without a file.
/// SIGHUP can only be sent by the relay's own user (or root), so the pid file's folder should be
/// writable by that user alone.
public enum RelayProcessControl {
    /// SIGHUP as a stream: each signal yields once (signals arriving during a reload fold into one
    /// more reload). The signal's default action, ending the process, is turned off.
    public static func reloadSignals() -> AsyncStream<Void> {
        signal(SIGHUP, SIG_IGN)
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        source.setEventHandler { continuation.yield() }
        source.resume()
        nonisolated(unsafe) let held = source
        continuation.onTermination = { _ in held.cancel() }
        return stream
    }

    /// Writes this process's id to `path`, refusing when the file names another relay process
    /// that is still running (two relays sharing one pid file could not be told apart).
    public static func writePidFile(_ path: String) throws(RelayConfigurationError) {
        if let other = try? readPid(path), other != getpid(), isRelay(other) {
            throw RelayConfigurationError("\(path) names sealpost-relay process \(other), which is still running",
                                          hint: "give each relay process its own --pid-file")
        }
        do { try AtomicFile.write(Array("\(getpid())\n".utf8), to: path, mode: 0o644) } catch {
            throw RelayConfigurationError("cannot write the pid file \(path): \(error.reason)",
                                          hint: "--pid-file needs a folder the relay's user can write")
        }
    }

    /// Removes `path` if it still names this process.
    public static func removePidFile(_ path: String) {
        if (try? readPid(path)) == getpid() { unlink(path) }
    }

    /// Sends SIGHUP to the relay whose pid `path` holds; returns its pid.
    public static func signalReload(pidFile path: String) throws(RelayConfigurationError) -> Int32 {
        let pid = try readPid(path)
        guard isRelay(pid) else {
            throw RelayConfigurationError("process \(pid) named in \(path) is not a running sealpost-relay",
                                          hint: "the relay has stopped, or the pid file is stale; start it with serve --pid-file \(path)")
        }
        guard kill(pid, SIGHUP) == 0 else {
            throw RelayConfigurationError("cannot signal process \(pid): \(String(cString: strerror(errno)))",
                                          hint: "run reload as the relay's own user")
        }
        return pid
    }

    static func readPid(_ path: String) throws(RelayConfigurationError) -> Int32 {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RelayConfigurationError("cannot read the pid file \(path)",
                                          hint: "pass the file the relay was started with (serve --pid-file FILE)")
        }
        let text = String(decoding: data.prefix(32), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let pid = Int32(text), pid > 1 else {
            throw RelayConfigurationError("\(path) does not hold a process id", hint: "it should hold one decimal number, as serve --pid-file writes it")
        }
        return pid
    }

    /// Whether `pid` is a running process whose program is sealpost-relay (so a stale pid file
    /// never makes us signal some other program that now has the number).
    static func isRelay(_ pid: Int32) -> Bool {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        guard let program = data.split(separator: 0).first else { return false }
        return String(decoding: program, as: UTF8.self).hasSuffix("sealpost-relay")
    }
}
