import Foundation
import Testing

/// Issue 11 §4: "address already in use" at relay start is said plainly, with the port.
@Suite(.serialized) struct RelayStartCLITests {
    @Test func aPortInUseIsSaidPlainly() throws {
        let p = try ExchangeCLITests.Partnership(); defer { p.stop() }
        // The partnership's own relay already listens on p.port.
        let second = try p.cli.run(["serve", "--home", p.cli.path("relay"), "--agreement", p.cli.path("dsa.json"),
                                    "--port", String(p.port), "--db", p.cli.path("second.sqlite"), "--log-level", "critical"],
                                   program: "sealpost-relay")
        #expect(second.status == 1)
        #expect(second.stderr.contains("sealpost-relay: error: cannot listen on 127.0.0.1:\(p.port): the address is already in use"),
                "\(second.stderr)")
        #expect(second.stderr.contains("sealpost-relay: hint: stop that program, or choose another port with --port"))
    }
}
