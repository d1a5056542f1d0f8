import Foundation
import Testing
@testable import SealpostRecord

/// THREATS.md row 14, by fuzzing: 20,000 seeded mutations of the example records. Every mutant
/// must parse and validate, or fail with issues whose paths start at `$`, with a byte offset inside
/// the document for malformed JSON, and with no value from the record in any message. A crash
/// (any trap) fails the whole run.
@Suite("Record fuzzing: seeded mutations of the examples")
struct RecordFuzzTests {
    static let mutations = 20_000
    static let seed: UInt64 = 0x5EA1_9057_2026_0003

    /// Bytes that steer mutations towards the interesting edges of the grammar and of UTF-8.
    static let interesting: [UInt8] = Array("{}[]:,\"\\/-+.0123456789eEtfnu \n\t".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
    static let fragments: [[UInt8]] = [
        "null", "true", "[]", "{}", "\"\"", "\\u", "\\ud800", "\\udc00", "\\u0000", "1e999", "-0", "01",
        "9223372036854775808", "\"aka\": 1,", "\"extra\": {},", "[[[[[[[[[[", "]]]]]]]]]]", "{\"a\":{\"a\":",
        "\"id\": \"x\",", "\"protect\": \"yes\",", "\"dob\": \"2023-02-29\",",
    ].map { Array($0.utf8) } + [[0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xEF, 0xBB, 0xBF]]

    static func mutate(_ input: [UInt8], using rng: inout SeededGenerator) -> [UInt8] {
        var bytes = input
        let rounds = Int.random(in: 1...4, using: &rng)
        for _ in 0..<rounds {
            guard !bytes.isEmpty else { bytes = [interesting.randomElement(using: &rng)!]; continue }
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<9, using: &rng) {
            case 0: bytes[at] = UInt8.random(in: 0...255, using: &rng)
            case 1: bytes[at] = interesting.randomElement(using: &rng)!
            case 2: bytes.remove(at: at)
            case 3: bytes.insert(interesting.randomElement(using: &rng)!, at: at)
            case 4: bytes.insert(contentsOf: fragments.randomElement(using: &rng)!, at: at)
            case 5:
                let length = Int.random(in: 1...min(64, bytes.count - at), using: &rng)
                bytes.removeSubrange(at..<at + length)
            case 6:
                let length = Int.random(in: 1...min(64, bytes.count - at), using: &rng)
                let span = Array(bytes[at..<at + length])
                bytes.insert(contentsOf: span, at: Int.random(in: 0...bytes.count, using: &rng))
            case 7: bytes = Array(bytes.prefix(at))
            default:
                let other = Int.random(in: 0..<bytes.count, using: &rng)
                bytes.swapAt(at, other)
            }
        }
        return bytes
    }

    @Test func mutantsParseOrGiveAPathBearingIssue() throws {
        let examples = exampleRecords
        #expect(examples.count >= 3)
        let sensitive = try examples.map { sensitiveValues(in: try JSONParser.parse($0.bytes)) }
        var rng = SeededGenerator(seed: RecordFuzzTests.seed)
        var outcomes: [String: Int] = [:]
        var failures = 0
        for n in 0..<RecordFuzzTests.mutations {
            let which = n % examples.count
            let mutant = RecordFuzzTests.mutate(examples[which].bytes, using: &rng)
            for mode in RecordValidation.Mode.allCases {
                let issues = recordIssues(mutant, mode: mode)
                outcomes[issues.first?.code.rawValue ?? "valid", default: 0] += 1
                for issue in issues {
                    var ok = issue.path.description.hasPrefix("$") && !issue.problem.isEmpty && !issue.fix.isEmpty
                    if issue.code == .malformedJSON {
                        ok = ok && issue.offset.map { (0...mutant.count).contains($0) } == true
                    }
                    for value in sensitive[which] where issue.description.contains(value) {
                        ok = false
                    }
                    if !ok {
                        failures += 1
                        if failures <= 5 { Issue.record("mutation \(n) (\(mode)): \(issue) [\(issue.code)]") }
                    }
                }
            }
        }
        #expect(failures == 0)
        // The mutations reach both the parser and the validator.
        #expect(outcomes["malformed_json", default: 0] > 1_000)
        #expect(outcomes.keys.filter { $0 != "malformed_json" && $0 != "valid" }.count >= 5)
    }

    @Test func mutatedParsedValuesProjectAndWriteWithoutTrapping() throws {
        var rng = SeededGenerator(seed: RecordFuzzTests.seed ^ 0xFFFF)
        let everything = Set(FieldPath.catalogue)
        var parsed = 0
        for n in 0..<2_000 {
            let example = exampleRecords[n % exampleRecords.count]
            guard let value = try? JSONParser.parse(RecordFuzzTests.mutate(example.bytes, using: &rng)) else { continue }
            parsed += 1
            let written = value.serialized(options: .prettyPrinted)
            #expect(try JSONParser.parse(written) == value)
            let allowed = Set(FieldPath.catalogue.filter { _ in Bool.random(using: &rng) })
            _ = FieldProjection(projecting: value, allowing: allowed)
            if case .object(let object) = value, object.members.allSatisfy({ SafeguardingRecord.fields.contains($0.key) }) {
                let all = FieldProjection(projecting: value, allowing: everything)
                #expect(all.withheld.isEmpty)
            }
        }
        #expect(parsed > 100)
    }
}
