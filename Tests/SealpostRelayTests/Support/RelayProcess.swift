import Foundation
import SealpostAgreement
import SealpostCore
import SealpostSodium
#if canImport(Glibc)
import Glibc
#endif

/// The built `sealpost-relay` binary run as a separate process, as an operator would run it.
final class RelayProcess: @unchecked Sendable {
    /// The folder holding the built products: the test bundle sits beside them.
    static let binDirectory: URL = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("sealpost-relay").path), url.path != "/" {
            url.deleteLastPathComponent()
        }
        return url
    }()

    static var binary: String { binDirectory.appendingPathComponent("sealpost-relay").path }
    static let passphrase = "relay test passphrase"

    /// A relay home in `folder`: the relay operator's identity (cheap key derivation) and the agreement.
    static func makeHome(in folder: TemporaryFolder, agreement: SignedAgreement = Party.agreement()) throws -> Home {
        let home = Home(path: folder.file("relay-home"))
        try home.create(Party.relay, passphrase: SecureBytes(copying: passphrase.utf8), cost: .interactive)
        try Data(agreement.fileBytes).write(to: URL(fileURLWithPath: home.path + "/agreement.json"))
        return home
    }

    let process = Process()
    private let stderrPipe = Pipe()
    private let lock = NSLock()
    private var stderrText = ""
    private var portWaiters: [CheckedContinuation<Int?, Never>] = []
    private var port: Int?
    private var ended = false
    /// The process has exited (set by its termination handler).
    private var exited = false
    /// Signalled once standard error reaches its end (and again by each exitStatus, for the next caller).
    private let drained = DispatchSemaphore(value: 0)

    /// Starts `sealpost-relay` with `arguments`, the passphrase in its environment.
    init(_ arguments: [String], environment extra: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SEALPOST_PASSPHRASE"] = Self.passphrase
        for (key, value) in extra { environment[key] = value.isEmpty ? nil : value }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderrPipe
        stderrPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.received(data)
        }
        // Foundation on Linux does not always call the handler at the pipe's end, so the process's
        // exit is a second way to learn that no port is coming (after a moment for its last lines).
        process.terminationHandler = { [weak self] _ in
            guard let self else { return }
            if self.drained.wait(timeout: .now() + 2) == .success { self.drained.signal() }
            self.lock.lock()
            self.exited = true
            let waiters = self.portWaiters
            self.portWaiters = []
            let value = self.port
            self.lock.unlock()
            for waiter in waiters { waiter.resume(returning: value) }
        }
        try process.run()
    }

    private func received(_ data: Data) {
        lock.lock()
        if data.isEmpty {
            if !ended { drained.signal() }
            ended = true
        } else {
            stderrText += String(decoding: data, as: UTF8.self)
        }
        if port == nil, let line = stderrText.split(separator: "\n").first(where: { $0.contains("relay listening") }),
           let range = line.range(of: #"port=(\d+)"#, options: .regularExpression) {
            port = Int(line[range].dropFirst(5))
        }
        let ready = port != nil || ended || exited
        let waiters = ready ? portWaiters : []
        if ready { portWaiters = [] }
        let value = port
        lock.unlock()
        for waiter in waiters { waiter.resume(returning: value) }
    }

    /// The port once the relay logs that it listens; nil if it exits first.
    func listeningPort() async -> Int? {
        await withCheckedContinuation { continuation in
            lock.lock()
            if port != nil || ended || exited {
                let value = port
                lock.unlock()
                continuation.resume(returning: value)
            } else {
                portWaiters.append(continuation)
                lock.unlock()
            }
        }
    }

    var standardError: String {
        lock.lock()
        defer { lock.unlock() }
        return stderrText
    }

    func kill(_ signal: Int32) {
        Glibc.kill(process.processIdentifier, signal)
    }

    /// Waits for the process to end (off Swift's cooperative pool) and for everything it wrote to
    /// standard error to be read, then returns its status.
    func exitStatus() async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                self.process.waitUntilExit()
                // The pipe's end is seen a moment after the exit; without this wait a test could
                // read standard error before the relay's last lines arrived.
                _ = self.drained.wait(timeout: .now() + 30)
                self.drained.signal()
                continuation.resume(returning: self.process.terminationStatus)
            }
        }
    }
}
