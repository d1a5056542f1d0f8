import Foundation
import Testing

/// `sealpost redact`, driven through the built binary.
@Suite(.serialized) struct RedactCLITests {
    static let records = CLI.packageRoot.appendingPathComponent("examples/records")

    /// The protected parties' names and contact details in an example record (protect is not false).
    static func protectedValues(_ file: String) throws -> [String] {
        let json = try JSONSerialization.jsonObject(with: try Data(contentsOf: records.appendingPathComponent(file))) as! [String: Any]
        let parties = json["parties"] as? [[String: Any]] ?? []
        return parties.filter { ($0["protect"] as? Bool) != false }
            .flatMap { p in ["name", "phone", "email"].compactMap { p[$0] as? String } }
    }

    @Test func redactsOneRecordAndPrintsASummaryWithoutIdentities() throws {
        let cli = try CLI(); defer { cli.remove() }
        let file = "police-notification.json"
        let secrets = try Self.protectedValues(file)
        try #require(!secrets.isEmpty)
        let r = try cli.run(["redact", Self.records.appendingPathComponent(file).path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.out.contains("[Third party 1"))
        #expect(r.stderr.contains("redaction summary:"))
        for secret in secrets {
            #expect(!r.out.contains(secret), "a protected identity is in the redacted record")
            #expect(!r.stderr.contains(secret), "a protected identity is in the summary")
        }
        // What redact prints is itself a valid record.
        try r.stdout.write(to: URL(fileURLWithPath: cli.path("redacted.json")))
        #expect(try cli.run(["redact", cli.path("redacted.json")]).status == 0)
    }

    @Test func jsonLinesGiveOneLinePerRecordAndNameBadLines() throws {
        let cli = try CLI(); defer { cli.remove() }
        let files = ["disclosure.json", "health-visitor-concern.json", "police-notification.json"]
        var lines: [Data] = []
        for f in files {
            let object = try JSONSerialization.jsonObject(with: try Data(contentsOf: Self.records.appendingPathComponent(f)))
            lines.append(try JSONSerialization.data(withJSONObject: object))
        }
        lines.insert(Data("{\"subject\": 5}".utf8), at: 1)
        let input = lines.reduce(Data()) { $0 + $1 + Data("\n".utf8) }
        let r = try cli.run(["redact", "--jsonl", "-"], input: input)
        #expect(r.status == 1, "a bad line makes the run fail")
        #expect(r.stderr.contains("line 2"))
        let out = r.out.split(separator: "\n")
        #expect(out.count == 3, "the three good records are still written")
        for line in out {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["id"] is String)
            #expect(object?["record"] is [String: Any])
        }
        for secret in try files.flatMap(Self.protectedValues) { #expect(!r.out.contains(secret)) }
    }

    /// Each line carries the record's uncertain findings: path, offsets in Unicode scalars of the
    /// original field text, category and reason, never the text.
    @Test func jsonLinesCarryUncertainFindingsInScalarOffsets() throws {
        let cli = try CLI(); defer { cli.remove() }
        let narrative = "Café ☕ visit, Zoë’s note: Amira mentioned Zyxwell yesterday."
        let record: [String: Any] = ["id": "r1", "subject": ["name": "Amira Khan"], "narrative": narrative]
        let input = try JSONSerialization.data(withJSONObject: record) + Data("\n".utf8)
        let r = try cli.run(["redact", "--jsonl", "-"], input: input)
        #expect(r.status == 0, "\(r.stderr)")
        let line = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let findings = try #require(line["findings"] as? [[String: Any]])
        try #require(findings.count == 1)
        let f = findings[0]
        #expect(f["path"] as? String == "$.narrative")
        #expect(f["category"] as? String == "name")
        #expect(f["reason"] as? String == "possible_name")
        #expect(Set(f.keys) == ["path", "start", "end", "category", "reason"], "no text in a finding")
        let scalars = Array(narrative.unicodeScalars)
        let start = try #require(f["start"] as? Int), end = try #require(f["end"] as? Int)
        try #require(start >= 0 && start <= end && end <= scalars.count)
        #expect(String(String.UnicodeScalarView(scalars[start..<end])) == "Zyxwell")
        // A record with nothing uncertain has an empty list.
        let plain = try JSONSerialization.data(withJSONObject: ["subject": ["name": "Amira Khan"], "narrative": "Amira is well."])
        let r2 = try cli.run(["redact", "--jsonl", "-"], input: plain + Data("\n".utf8))
        let line2 = try #require(try JSONSerialization.jsonObject(with: Data(r2.out.utf8)) as? [String: Any])
        #expect((line2["findings"] as? [Any])?.isEmpty == true)
    }

    /// The safety net's last rule (words nothing accounts for) reaches the line like any finding:
    /// adjacent unknown words as one finding, in a statement's text as in the narrative, with
    /// scalar offsets after letters and symbols of more than one byte.
    @Test func jsonLinesCarryUnaccountedWordsInScalarOffsets() throws {
        let cli = try CLI(); defer { cli.remove() }
        let narrative = "Zoë’s café ☕: amira said she was off with kezzo mottz after school."
        let statement = "amira 😢 says drevin waits outside most nights"
        let record: [String: Any] = [
            "id": "r2", "subject": ["name": "Amira Khan"], "narrative": narrative,
            "statements": [["text": statement, "kind": "fact", "time": "current", "source": "class teacher"]],
        ]
        let input = try JSONSerialization.data(withJSONObject: record) + Data("\n".utf8)
        let r = try cli.run(["redact", "--jsonl", "-"], input: input)
        #expect(r.status == 0, "\(r.stderr)")
        let line = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let findings = try #require(line["findings"] as? [[String: Any]])
        func text(_ f: [String: Any]) throws -> String {
            let field = f["path"] as? String == "$.narrative" ? narrative : statement
            let scalars = Array(field.unicodeScalars)
            let start = try #require(f["start"] as? Int), end = try #require(f["end"] as? Int)
            try #require(start >= 0 && start <= end && end <= scalars.count)
            return String(String.UnicodeScalarView(scalars[start..<end]))
        }
        let unaccounted = findings.filter { $0["reason"] as? String == "unaccounted_word" }
        #expect(try unaccounted.map(text).sorted() == ["drevin", "kezzo mottz"], "\(findings)")
        #expect(Set(unaccounted.compactMap { $0["path"] as? String }) == ["$.narrative", "$.statements[0].text"])
        #expect(unaccounted.allSatisfy { $0["category"] as? String == "name" })
    }

    @Test func savedMapIsSealedToTheSender() throws {
        let cli = try CLI(); defer { cli.remove() }
        try cli.makeIdentity("school", agency: "school-a", name: "School A")
        let file = "disclosure.json"
        let r = try cli.run(["redact", "--save-map", "--home", cli.path("school"), Self.records.appendingPathComponent(file).path])
        #expect(r.status == 0, "\(r.stderr)")
        let folder = cli.path("school/pseudonyms")
        let stored = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(stored.count == 1)
        let sealed = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + stored[0]))
        #expect(sealed.prefix(8) == Data("SEALPOST".utf8))
        for secret in try Self.protectedValues(file) { #expect(sealed.range(of: Data(secret.utf8)) == nil) }
        // The map opens for the sender only.
        let opened = try cli.run(["open", "--home", cli.path("school"), folder + "/" + stored[0]])
        #expect(opened.status == 0, "\(opened.stderr)")
        #expect(try Self.protectedValues(file).allSatisfy { opened.out.contains($0) })
    }
}
