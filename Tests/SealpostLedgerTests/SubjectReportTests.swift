import SealpostLedger
import SealpostLog
import Testing

/// A child's history read from a real log: matched by name, NHS number or record id; what the log
/// says, in words; other people as tokens only; free-text reasons never shown.
@Suite("Subject report and filters")
struct SubjectReportTests {
    static let privateReason = "Mr Hollins next door said so"

    func filledLog() throws -> LedgerFixture {
        let f = try LedgerFixture()
        try f.append(f.sent(1, minutes: 1), counterpart: LedgerFixture.mash, minutes: 1)
        var refusal = LedgerFixture.jayden
        refusal.reason = "the agreement has no purpose \"wrong-purpose\""
        try f.append(RefusedFacts(sender: LedgerFixture.school, recipient: LedgerFixture.police, basis: LedgerFixture.basis),
                     counterpart: LedgerFixture.police, details: refusal, minutes: 2)
        var kept = LedgerFixture.jayden
        kept.reason = Self.privateReason
        try f.append(RedactionClearedFacts(sender: LedgerFixture.school, basis: LedgerFixture.basis, recipients: [LedgerFixture.mash],
                                           finding: "narrative@1-5", field: "narrative", category: "name"),
                     counterpart: nil, details: kept, minutes: 3)
        let other = ReceiptDetails(subject: SubjectDetails(name: "Amira Okafor-Lee", nhsNumber: "943 476 5919"), recordID: "rec-other")
        try f.append(f.sent(2, minutes: 4), counterpart: LedgerFixture.mash, details: other, minutes: 4)
        try f.append(f.acknowledged(1), counterpart: LedgerFixture.mash, minutes: 5)
        return f
    }

    @Test("matches by every name word in any order, by NHS number however spaced, and by record id; not by part of a word")
    func matching() throws {
        let f = try filledLog(); defer { f.remove() }
        let ledger = try f.read()
        for query in ["okafor jayden", "JAYDEN", "9990001006", "999 000 1006", "rec-2026-0042"] {
            let report = SubjectReport(query: query, ledger: ledger, owner: LedgerFixture.school, agreement: nil)
            #expect(report.events.map(\.seq) == [1, 2, 3, 5], "\(query)")
            #expect(report.subject?.name == "Jayden Emeka Okafor")
        }
        #expect(SubjectReport(query: "Jay", ledger: ledger, owner: LedgerFixture.school, agreement: nil).events.isEmpty)
        // "Okafor-Lee" is two name words, one of them "okafor": a surname alone matches both children.
        #expect(SubjectReport(query: "Okafor", ledger: ledger, owner: LedgerFixture.school, agreement: nil).events.count == 5)
        #expect(!SubjectQuery("  -- ").isUsable)
    }

    @Test("says what the log says: shared, acknowledged, tokens, the agreement's reason for a refusal; never a practitioner's words")
    func inWords() throws {
        let f = try filledLog(); defer { f.remove() }
        let report = SubjectReport(query: "Jayden Okafor", ledger: try f.read(), owner: LedgerFixture.school, agreement: nil)
        let sent = try #require(report.events.first)
        #expect(sent.headline == "Shared with \(LedgerFixture.mash)")
        #expect(sent.status?.hasPrefix("acknowledged ") == true)
        #expect(sent.protectedTokens == ["[Third party 1 (neighbour)]"])
        #expect(sent.withheld == [HistoryEvent.Withheld(path: "parties[].phone", reason: "third party protection")])
        #expect(sent.lawfulBasis == "article_6 public_task" && sent.consent == "not_sought" && sent.urgency == "urgent")
        #expect(report.events[1].headline == "Not shared with \(LedgerFixture.police): the agreement has no purpose \"wrong-purpose\"")
        let everything = report.events.map { "\($0)" }.joined()
        #expect(!everything.contains("Hollins"), "a practitioner's reason must never reach the report")
    }

    @Test("erased details cannot be matched and are counted")
    func erased() throws {
        let f = try filledLog(); defer { f.remove() }
        let erased = try f.log.eraseDetails(before: LedgerFixture.day + 3 * 60_000, rule: "6 years", at: LedgerFixture.day + 10 * 60_000)
        #expect(erased == 2)
        let ledger = try f.read()
        let report = SubjectReport(query: "Jayden Okafor", ledger: ledger, owner: LedgerFixture.school, agreement: nil)
        #expect(report.events.map(\.seq) == [3, 5])
        #expect(report.erasedEntries == 2)
        #expect(ledger.entries.last.map { if case .erased(_, _, let n) = $0.facts { n == 2 } else { false } } == true)
    }

    @Test("filters combine kinds, counterpart, child and dates; CSV cells cannot run as formulas")
    func filtersAndExport() throws {
        let f = try filledLog(); defer { f.remove() }
        let ledger = try f.read()
        #expect(LedgerFilter(kinds: ["sent"]).apply(to: ledger.entries).map(\.seq) == [1, 4])
        #expect(LedgerFilter(counterpart: LedgerFixture.police).apply(to: ledger.entries).map(\.seq) == [2])
        #expect(LedgerFilter(child: "amira").apply(to: ledger.entries).map(\.seq) == [4])
        #expect(LedgerFilter(since: LedgerFixture.day + 2 * 60_000, until: LedgerFixture.day + 4 * 60_000).apply(to: ledger.entries).map(\.seq) == [2, 3])
        let csv = String(decoding: LedgerExport.csv(ledger.entries, owner: LedgerFixture.school, status: MessageStatus(ledger.entries)), as: UTF8.self)
        let lines = csv.split(separator: "\r\n")
        #expect(lines.count == 6 && lines[1].hasSuffix(",acknowledged") && lines[4].hasSuffix(",waiting"))
        #expect(LedgerExport.csvField("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(LedgerExport.csvField("-1") == "'-1")
        let json = String(decoding: LedgerExport.json(ledger.entries, agency: LedgerFixture.school, withDetails: false), as: UTF8.self)
        #expect(!json.contains("Jayden"), "an export without details holds no identity")
        #expect(json.contains("\"sent\"") && json.contains(LedgerFixture.envelope(1).envelopeID))
    }
}
