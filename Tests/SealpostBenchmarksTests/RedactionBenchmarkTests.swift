import Foundation
import Testing
@testable import SealpostBenchmarks
import SealpostRedaction

/// The speed figures, on demand: `SEALPOST_BENCH=1 swift test -c release --filter redactionBenchmark`.
/// Not a timed test: a shared machine's timings are not a pass or fail.
@Test(.enabled(if: ProcessInfo.processInfo.environment["SEALPOST_BENCH"] == "1"))
func redactionBenchmark() {
    let figures = RedactionBenchmark.run(baseBytes: 1 << 20, multiples: [1, 4, 16], rounds: 3)
    print(figures)
    #expect(figures.points.count == 3)
    #expect(figures.replacements > 0)
    #expect(figures.points.allSatisfy { $0.rawSeconds > 0 })
    #expect(figures.recordsPerSecond > 0 && figures.rawRecordsPerSecond > 0)
}

/// The benchmark's text is redacted like any other: its protected people do not survive.
@Test func benchmarkTextIsRedacted() throws {
    let text = RedactionBenchmark.narrative(bytes: 4096)
    let r = try Redactor().redact(RedactionInput(people: RedactionBenchmark.people, texts: [TextField(path: "narrative", text: text)]))
    let out = r.record.texts[0].text
    for identity in ["Kevin", "O'Neill", "Tariq", "Jodie", "Dwayne", "07700 900222", "AB12CDE", "jodie_m99", "07700 900999", "Greggs"] {
        #expect(!out.contains(identity), "\(identity)")
    }
    for kept in ["Amira", "Farah", "Mrs Patel", "Dr Grant", "07700 900111", "12 Mill Lane", "Marks and Spencer", "Summer term", "in May"] {
        #expect(out.contains(kept), "\(kept)")
    }
}
