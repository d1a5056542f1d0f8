import Foundation
import Testing
import SealpostProtocol
import SealpostRelay

/// Runs a tool, feeding `input`; returns its status and everything it printed.
func runTool(_ arguments: [String], input: String = "") async throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let stdin = Pipe(), output = Pipe()
    process.standardInput = stdin
    process.standardOutput = output
    process.standardError = output
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try? stdin.fileHandleForWriting.close()
    return await withCheckedContinuation { continuation in
        Thread.detachNewThread {
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            continuation.resume(returning: (process.terminationStatus, String(decoding: data, as: UTF8.self)))
        }
    }
}

let opensslPresent = FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/openssl")

@Suite("TLS")
struct TLSTests {
    @Test("with a certificate the relay speaks TLS 1.3 and nothing older", .enabled(if: opensslPresent, "needs the openssl tool to make a self-signed certificate"))
    func tls13Only() async throws {
        let folder = try TemporaryFolder("relay-tls")
        defer { folder.remove() }
        let cert = folder.file("cert.pem"), key = folder.file("key.pem")
        let made = try await runTool(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                      "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1",
                                      "-addext", "subjectAltName=IP:127.0.0.1"])
        try #require(made.status == 0, "openssl req: \(made.output)")
        let config = relayConfiguration(folder) { $0.tls = .init(certificatePath: cert, privateKeyPath: key) }
        let relay = try await RunningRelay.start(config)
        #expect(relay.baseURL.hasPrefix("https://127.0.0.1:"))

        // TLS 1.3, the certificate verified against itself, then a health request through it.
        let request = "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1:\(relay.port)\r\nConnection: close\r\n\r\n"
        let good = try await runTool(["openssl", "s_client", "-connect", "127.0.0.1:\(relay.port)", "-tls1_3", "-CAfile", cert,
                                      "-verify_return_error", "-ign_eof", "-servername", "127.0.0.1"], input: request)
        #expect(good.output.contains("TLSv1.3"), "\(good.output)")
        #expect(good.output.contains("Verify return code: 0 (ok)"))
        #expect(good.output.contains("HTTP/1.1 200"))
        #expect(good.output.contains("\"relay\":\"relay-kingsbridge\""))

        // A client offering only TLS 1.2 gets no session.
        let old = try await runTool(["openssl", "s_client", "-connect", "127.0.0.1:\(relay.port)", "-tls1_2", "-CAfile", cert], input: request)
        #expect(old.status != 0)
        #expect(!old.output.contains("HTTP/1.1 200"))
        #expect(old.output.lowercased().contains("alert protocol version") || old.output.contains("no protocols available")
                || old.output.contains("Cipher is (NONE)"), "\(old.output)")

        // Plain HTTP to the TLS port is not served.
        let plain = try RawConnection(port: relay.port)
        defer { plain.close() }
        _ = await plain.send(request)
        #expect(!String(decoding: await plain.readToEnd(), as: UTF8.self).contains("200"))
        await relay.stop()
    }

    @Test("a certificate or key that cannot be read stops the relay from starting, saying which")
    func badFiles() async throws {
        let folder = try TemporaryFolder("relay-tls-bad")
        defer { folder.remove() }
        let config = relayConfiguration(folder) { $0.tls = .init(certificatePath: folder.file("absent.pem"), privateKeyPath: folder.file("absent.key")) }
        do {
            let relay = try await RunningRelay.start(config)
            await relay.stop()
            Issue.record("the relay started without its certificate")
        } catch let error as RelayConfigurationError {
            #expect(error.message.contains("absent.pem"))
        }
    }
}
