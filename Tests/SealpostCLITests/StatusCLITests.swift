import Foundation
import Testing

/// `sealpost status` through the binary, over a real exchange: what waits on whom at each step.
@Suite(.serialized) struct StatusCLITests {
    @Test func statusFollowsAnExchange() throws {
        let p = try ExchangeCLITests.Partnership(); defer { p.stop() }
        let sent = try ExchangeCLITests().send(p)
        #expect(sent.status == 0, "\(sent.stderr)")
        let id = String(try #require(sent.out.split(separator: "\n").first { $0.hasPrefix("sent ") }).split(separator: " ")[1].prefix(12))

        var school = try p.run("school", ["status"])
        #expect(school.status == 0, "\(school.stderr)")
        #expect(school.out.contains("Waiting on others: 1 send not yet acknowledged"))
        let row = try #require(school.out.split(separator: "\n").first { $0.hasPrefix(id) })
        #expect(row.contains("kingsbridge-mash") && row.contains("urgent") && row.contains("due in"))
        #expect(school.out.contains("Waiting on us: 0 records"))

        #expect(try p.run("mash", ["open", id]).status == 0)
        var mash = try p.run("mash", ["status"])
        #expect(mash.out.contains("Waiting on us: 1 record opened here but not yet acknowledged"))
        #expect(mash.out.contains("sealpost ack \(id)"))

        #expect(try p.run("mash", ["ack", id]).status == 0)
        mash = try p.run("mash", ["status"])
        #expect(mash.out.contains("Waiting on us: 0 records"))

        #expect(try p.run("school", ["sync"]).status == 0)
        school = try p.run("school", ["status"])
        #expect(school.out.contains("Waiting on others: 0 sends"))
    }
}
