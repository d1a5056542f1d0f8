import Foundation
import Testing

/// Issue 11 §4: inbox rows carried no record reference or child, re-sends of one record were
/// scattered, and `outbox` named envelopes while `log` named messages. Now: after the envelope is
/// checked the row shows the record id and the child; re-sends of a record are grouped; `log`
/// names the envelope as `outbox` does; `inbox --json` and `log --json` give the same for scripts.
@Suite(.serialized) struct InboxRowsCLITests {
    @Test func inboxShowsTheRecordAndChildAndGroupsResends() throws {
        let p = try ExchangeCLITests.Partnership(); defer { p.stop() }
        let first = try ExchangeCLITests().send(p)
        #expect(first.status == 0, "\(first.stderr)")
        let second = try ExchangeCLITests().send(p)  // the same record again: a re-send
        #expect(second.status == 0, "\(second.stderr)")
        let ids = (first.out + second.out).split(separator: "\n").filter { $0.hasPrefix("sent ") }.map { String($0.split(separator: " ")[1]) }
        try #require(ids.count == 2)

        let inbox = try p.run("mash", ["inbox"])
        #expect(inbox.status == 0, "\(inbox.stderr)")
        let lines = inbox.out.split(separator: "\n").map(String.init)
        let header = try #require(lines.first)
        #expect(header.hasPrefix("ENVELOPE ") && header.contains(" RECORD ") && header.contains(" CHILD "), "\(header)")
        let rows = lines.filter { $0.hasPrefix(ids[0].prefix(12)) || $0.hasPrefix(ids[1].prefix(12)) }
        #expect(rows.count == 2)
        for row in rows { #expect(row.contains("SA-2026-0142") && row.contains("Jayden Emeka Okafor"), "\(row)") }
        #expect(rows[1].contains("re-send of \(ids[0].prefix(12))"), "\(rows)")
        #expect(lines.firstIndex(of: rows[1]) == lines.firstIndex(of: rows[0])! + 1, "re-sends are listed together")

        let json = try p.run("mash", ["inbox", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let listing = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        #expect(listing["agency"] as? String == "kingsbridge-mash")
        let items = try #require(listing["items"] as? [[String: Any]])
        #expect(items.map { $0["envelope_id"] as? String } == ids)
        #expect(items.allSatisfy { $0["record_id"] as? String == "SA-2026-0142" && $0["child"] as? String == "Jayden Emeka Okafor" })
        #expect(items[0]["state"] as? String == "new" && items[0]["sender"] as? String == "school-st-annes")
        #expect(items[1]["resend_of"] as? String == ids[0])
        #expect(items[0]["deposited_at"] is NSNumber && items[0]["size"] is NSNumber)
        #expect(listing["acknowledgements_waiting"] as? Int == 0)

        // One id throughout: the log names each envelope exactly as outbox does.
        let outbox = try p.run("school", ["outbox"])
        let log = try p.run("school", ["log", "--kind", "sent"])
        #expect(log.out.split(separator: "\n").first?.contains("ENVELOPE") == true, "\(log.out)")
        for id in ids {
            #expect(outbox.out.contains(id.prefix(12)))
            #expect(log.out.contains(id.prefix(12)), "\(log.out)")
        }
        let logJSON = try p.run("school", ["log", "--json", "--kind", "sent"])
        let entries = try #require(try JSONSerialization.jsonObject(with: logJSON.stdout) as? [[String: Any]])
        #expect(Set(entries.compactMap { $0["envelope_id"] as? String }) == Set(ids))
        #expect(entries.allSatisfy { $0["kind"] as? String == "sent" && $0["record_id"] as? String == "SA-2026-0142"
                                     && $0["status"] as? String == "waiting" && $0["seq"] is NSNumber && $0["message_id"] is String })
        #expect(!String(decoding: logJSON.stdout, as: UTF8.self).contains("Okafor"), "log --json holds no details")
    }
}
