import Foundation
import Testing

/// Runs the built `sealpost` binaries as a person would, in a temporary folder.
struct CLI {
    struct Result {
        let status: Int32
        let stdout: Data
        let stderr: String
        var out: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// The folder holding the built products: the test bundle sits beside them.
    static let binDirectory: URL = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("sealpost").path), url.path != "/" {
            url.deleteLastPathComponent()
        }
        return url
    }()

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let directory: URL
    let passphrase = "correct horse battery staple"

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sealpost-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Runs `program` with `arguments`, feeding `input` on standard input.
    @discardableResult
    func run(_ arguments: [String], input: Data = Data(), environment extra: [String: String]? = nil,
             program: String = "sealpost") throws -> Result {
        let process = Process()
        process.executableURL = program.hasPrefix("/") ? URL(fileURLWithPath: program) : CLI.binDirectory.appendingPathComponent(program)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["SEALPOST_PASSPHRASE"] = passphrase
        environment["SEALPOST_HOME"] = nil
        for (k, v) in extra ?? [:] { environment[k] = v.isEmpty ? nil : v }
        process.environment = environment
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Read both pipes concurrently so a full pipe never blocks the child. The semaphore orders
        // the reader's write of errData before the read below (ThreadSanitizer found polling
        // isFinished does not).
        nonisolated(unsafe) var errData = Data()
        let errRead = DispatchSemaphore(value: 0)
        let errThread = Thread {
            errData = stderr.fileHandleForReading.readDataToEndOfFile()
            errRead.signal()
        }
        errThread.start()
        let writer = Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let outData = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        errRead.wait()
        return Result(status: process.terminationStatus, stdout: outData, stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Creates an identity in `home` with a fast key derivation.
    func makeIdentity(_ home: String, agency: String, name: String) throws {
        let r = try run(["init", "--home", path(home), "--agency", agency, "--name", name, "--kdf", "interactive"])
        #expect(r.status == 0, "init failed: \(r.stderr)")
        let e = try run(["export-card", "--home", path(home), "--output", path("\(home).card.json")])
        #expect(e.status == 0, "export-card failed: \(e.stderr)")
    }
}
