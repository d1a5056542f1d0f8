import Foundation
import Testing

/// THREATS row 35 (issue 14 §2): a laptop holding an agency's home is lost. After a full exchange
/// through a real relay (a record with an attachment sent, received, opened, acknowledged, an outcome
/// told; a request made and declined; reports read), every byte of both homes is searched for the
/// fixtures' identities (the child's name, NHS number, date of birth and address, the household's and
/// third parties' names and contacts, the author, phrases of the narrative and the attachment, the
/// practitioners' reasons) as UTF-8, UTF-16 and case-folded: none is found. And what shows those
/// details refuses without the passphrase, while what shows only facts needs none.
@Suite(.serialized) struct HomeAtRestCLITests {
    static let outcomeReason = "Family agreed to early help; Ms Priya Nandakumar is the lead professional"
    static let nextSteps = "Early help assessment at Tanner Street within ten days"

    /// What must not be readable from a home without the passphrase.
    static let identities = [
        "Jayden", "Okafor", "Jayden Emeka Okafor", "999 000 1006", "9990001006", "2017-03-14",
        "27 Tanner Street", "KB4 2LT", "Grace Okafor", "grace.okafor@example.org", "07700 900481", "Dean Marsh", "Deano",
        "Amara Okafor", "Patricia Hollins", "Hollins", "07700 900159", "Hannah Webb", "h.webb@stannes", "Rachel Adeyemi",
        "did not want to go home", "pushed him into a door", "crying for a long time", "arrived without breakfast",
        "Arrived hungry, no coat", "Initial child protection conference",
        RequestCLITests.requestReason, RequestCLITests.declineReason, outcomeReason, nextSteps, "Nandakumar",
    ]

    /// Every regular file under `path`.
    static func files(under path: String) -> [String] {
        var out: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: path)
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue {
                out.append(path + "/" + name)
            }
        }
        return out
    }

    /// A file's bytes read every way an identity could be written in them: as UTF-8, case-folded,
    /// and as UTF-16 in either byte order and at either alignment, case-folded. Made once per file.
    struct Readings {
        let raw: [UInt8]
        let folded: [String]

        init(_ bytes: [UInt8]) {
            raw = bytes
            var folded = [String(decoding: bytes, as: UTF8.self).lowercased()]
            for start in 0..<2 {
                for littleEndian in [true, false] {
                    let units = stride(from: start, to: bytes.count - 1, by: 2).map { i -> UInt16 in
                        littleEndian ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])
                    }
                    folded.append(String(decoding: units, as: UTF16.self).lowercased())
                }
            }
            self.folded = folded
        }

        /// How `needle` occurs: "UTF-8", "case-folded" or "UTF-16"; nil when it does not.
        func find(_ needle: String) -> String? {
            let n = Array(needle.utf8)
            if raw.count >= n.count, (0...(raw.count - n.count)).contains(where: { raw[$0] == n[0] && Array(raw[$0..<($0 + n.count)]) == n }) {
                return "UTF-8"
            }
            let lowered = needle.lowercased()
            if folded[0].contains(lowered) { return "case-folded" }
            return folded.dropFirst().contains { $0.contains(lowered) } ? "UTF-16" : nil
        }
    }

    static func finds(_ needle: String, in haystack: [UInt8]) -> String? { Readings(haystack).find(needle) }

    @Test func aHomeAfterAFullExchangeHoldsNoIdentityInAnyByte() throws {
        let p = try ExchangeCLITests.Partnership(); defer { p.stop() }
        // The record, with the chronology attached.
        let sent = try AttachmentCLITests().send(p, ["--attach", AttachmentCLITests.chronology, "--attachments-checked"])
        #expect(sent.status == 0, "\(sent.stderr)")
        let id = String(try #require(sent.out.split(separator: "\n").first { $0.hasPrefix("sent ") }).split(separator: " ")[1].prefix(12))
        ExchangeCLITests.Partnership.expectSuccess(try p.run("mash", ["inbox"]))
        ExchangeCLITests.Partnership.expectSuccess(try p.run("mash", ["open", id]))
        // Written out on purpose, outside the home: the practitioner's own copy.
        ExchangeCLITests.Partnership.expectSuccess(try p.run("mash", ["open", id, "--output", p.cli.path("mash-copy.json")]))
        ExchangeCLITests.Partnership.expectSuccess(try p.run("mash", ["ack", id]))
        ExchangeCLITests.Partnership.expectSuccess(try p.run("mash", ["outcome", id, "--decision", "early_help", "--reason", Self.outcomeReason,
                                                                      "--next-steps", Self.nextSteps]))
        // A request for information, declined.
        let request = String(try RequestCLITests().request(p).prefix(12))
        ExchangeCLITests.Partnership.expectSuccess(try p.run("school", ["open", request]))
        ExchangeCLITests.Partnership.expectSuccess(try p.run("school", ["decline", request, "--reason", RequestCLITests.declineReason,
                                                                        "--reason-code", "not_necessary"]))
        ExchangeCLITests.Partnership.expectSuccess(try p.run("mash", ["sync"]))
        ExchangeCLITests.Partnership.expectSuccess(try p.run("school", ["sync"]))
        for home in ["school", "mash"] {
            let report = try p.run(home, ["report", "--subject", "Jayden Okafor"])
            #expect(report.status == 0 && report.out.contains("Jayden Emeka Okafor"), "\(home): \(report.stderr)")
            ExchangeCLITests.Partnership.expectSuccess(try p.run(home, ["status"]))
            ExchangeCLITests.Partnership.expectSuccess(try p.run(home, ["log", "show", "1"]))
        }
        let copy = try String(contentsOfFile: p.cli.path("mash-copy.json"), encoding: .utf8)
        #expect(copy.contains("Jayden Emeka Okafor"), "the search below can fail: the identities did travel")
        #expect(try String(contentsOfFile: p.cli.path("mash-copy.json.attachments/chronology.txt"), encoding: .utf8).contains("Arrived hungry, no coat"))

        // Every byte of both homes.
        var searched = 0
        for home in ["school", "mash"] {
            for file in Self.files(under: p.cli.path(home)) {
                let readings = Readings(try #require(FileManager.default.contents(atPath: file).map(Array.init)))
                searched += readings.raw.count
                for needle in Self.identities {
                    if let how = readings.find(needle) { Issue.record("\(file) holds \"\(needle)\" (\(how))") }
                }
            }
        }
        #expect(searched > 10_000, "the homes hold the exchange (\(searched) bytes searched)")
        // The same search finds them in the record as written (it can fail), in any of the three forms.
        let plain = try #require(FileManager.default.contents(atPath: ExchangeCLITests.disclosure).map(Array.init))
        for needle in ["Jayden Emeka Okafor", "999 000 1006", "Patricia Hollins", "pushed him into a door"] {
            #expect(Self.finds(needle, in: plain) == "UTF-8", "\(needle)")
        }
        #expect(Self.finds("mrs patricia hollins", in: plain) == "case-folded")
        #expect(Self.finds("Hollins", in: Array("x".utf8) + "MRS HOLLINS".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }) == "UTF-16")
        #expect(Self.finds("Okafor", in: "Okafor".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }) == "UTF-16")

        // Without the passphrase: what shows details refuses and says why; facts need none.
        let locked = ["SEALPOST_PASSPHRASE": ""]
        for home in ["school", "mash"] {
            let report = try p.run(home, ["report", "--subject", "Jayden Okafor"], environment: locked)
            #expect(report.status != 0, "\(home): report ran without the passphrase")
            #expect(report.stderr.contains("sealpost report shows what this home keeps sealed") && report.stderr.contains("needs the passphrase"),
                    "\(report.stderr)")
            #expect(!(report.out + report.stderr).contains("Jayden") && !(report.out + report.stderr).contains("999 000"))
            let show = try p.run(home, ["log", "show", "1"], environment: locked)
            #expect(show.status != 0 && show.stderr.contains("needs the passphrase"), "\(show.stderr)")
            for facts in [["log"], ["status"], ["outbox"], ["log", "verify"]] {
                let run = try p.run(home, facts, environment: locked)
                #expect(run.status == 0, "\(home) \(facts) asked for the passphrase: \(run.stderr)")
            }
            let verify = try p.run(home, ["log", "verify"], environment: locked)
            #expect(verify.out.contains("details sealed and not checked") && verify.out.contains("ok: the log verifies"), "\(verify.out)")
            let checked = try p.run(home, ["log", "verify", "--details"])
            #expect(checked.status == 0 && !checked.out.contains("not checked"), "\(checked.out)")
        }
    }
}
