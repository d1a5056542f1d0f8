import Foundation
import Testing

/// Issue 11 §4: with the relay down a command failed only after 6 tries (10-14 s). A refused
/// connection is now tried twice, 0.25 s apart, and reported; a server that is not a relay says so.
@Suite(.serialized) struct RelayDownCLITests {
    @Test func aRefusedConnectionIsReportedAfterTwoTries() throws {
        let p = try ExchangeCLITests.Partnership(); defer { p.stop() }
        let closed = try ExchangeCLITests.Partnership.freePort()
        let down = try p.run("school", ["sync", "--relay", "http://127.0.0.1:\(closed)"])
        #expect(down.status == 1)
        #expect(down.stderr.contains("cannot reach the relay at http://127.0.0.1:\(closed): the connection was refused (tried 2 times)"),
                "\(down.stderr)")
        #expect(down.stderr.contains("hint: check the relay URL and that the relay is running"))
    }

    @Test func aServerThatIsNotARelaySaysSo() throws {
        let p = try ExchangeCLITests.Partnership(); defer { p.stop() }
        let port = try ExchangeCLITests.Partnership.freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-m", "http.server", "--bind", "127.0.0.1", String(port)]
        server.currentDirectoryURL = URL(fileURLWithPath: p.cli.path("."))
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        // python3 ignores the SIGTERM that Process.terminate sends when started this way: SIGKILL.
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        try #require(ExchangeCLITests.Partnership.waitForListener(port: port), "python3 -m http.server did not start")
        let wrong = try p.run("school", ["sync", "--relay", "http://127.0.0.1:\(port)"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("the server at http://127.0.0.1:\(port) is not a Sealpost relay: it answered GET /v1/health with HTTP 404"),
                "\(wrong.stderr)")
        #expect(wrong.stderr.contains("hint: check the relay URL"))
    }
}
