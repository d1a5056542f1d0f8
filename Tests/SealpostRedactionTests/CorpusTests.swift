import Foundation
import Testing
@testable import SealpostRedaction

@Suite("Redaction corpus")
struct CorpusTests {
    static let seed: UInt64 = 0x5EA1_2025_0003
    static let generatedCount = 150

    static func generate() throws -> (generated: CorpusFile, handwritten: CorpusFile) {
        var generator = CorpusGenerator(seed: seed)
        let generated = CorpusFile(
            description: "Generated referrals (CorpusGenerator, fixed seed). All people, numbers and places are fictional: Ofcom drama numbers, invented postcodes, NHS numbers with valid check digits, NI prefixes never issued. Offsets are UTF-8 bytes.",
            seed: seed, records: try generator.records(count: generatedCount))
        let handwritten = CorpusFile(
            description: "Hand-written tricky referrals (HandwrittenReferrals.swift). All fictional. Offsets are UTF-8 bytes.",
            seed: nil, records: try HandwrittenReferrals.records())
        return (generated, handwritten)
    }

    /// The committed JSON is exactly what the generator and the hand-written sources produce.
    /// Set SEALPOST_WRITE_CORPUS=1 to rewrite it (then rebuild, so the bundle picks it up).
    @Test func committedCorpusIsReproducible() throws {
        let (generated, handwritten) = try Self.generate()
        if ProcessInfo.processInfo.environment["SEALPOST_WRITE_CORPUS"] == "1" {
            try Corpus.encode(generated).write(to: Corpus.sourceFolder.appendingPathComponent("generated.json"))
            try Corpus.encode(handwritten).write(to: Corpus.sourceFolder.appendingPathComponent("handwritten.json"))
            return
        }
        let committedGenerated = try Corpus.load("generated")
        let committedHandwritten = try Corpus.load("handwritten")
        #expect(try Corpus.encode(committedGenerated) == Corpus.encode(generated))
        #expect(try Corpus.encode(committedHandwritten) == Corpus.encode(handwritten))
    }

    @Test func corpusIsLargeAndVaried() throws {
        let generated = try Corpus.load("generated"), handwritten = try Corpus.load("handwritten")
        #expect(generated.records.count >= 100)
        #expect(handwritten.records.count >= 20)
        let styles = Set((generated.records + handwritten.records).map(\.style))
        #expect(styles.isSuperset(of: ["school", "gp", "health_visitor", "police", "neighbour_call", "online_form"]))
        let categories = Set((generated.records + handwritten.records).flatMap { $0.texts.flatMap { $0.protected.map(\.category) } })
        #expect(categories.isSuperset(of: ["name", "phone", "email", "postcode", "nhs_number", "ni_number", "dob", "address", "vehicle", "handle", "workplace"]))
        // Every annotation points at the text it quotes.
        for r in generated.records + handwritten.records {
            for t in r.texts {
                let b = Array(t.text.utf8)
                for s in t.protected + t.keep {
                    #expect(String(decoding: b[s.start..<s.end], as: UTF8.self) == s.text, "\(r.id) \(t.path)")
                }
            }
        }
    }

    @Test func qualityTargets() throws {
        var metrics = CorpusMetrics()
        for file in ["generated", "handwritten"] {
            for record in try Corpus.load(file).records { try metrics.add(record) }
        }
        print("redaction corpus: \(metrics.report)")
        if ProcessInfo.processInfo.environment["SEALPOST_CORPUS_REPORT"] == "1" {
            for m in metrics.misses { print("MISS \(m)") }
            for d in metrics.damages { print("DAMAGE \(d)") }
            for l in metrics.leaks { print("LEAK \(l)") }
            for f in metrics.findings { print("FINDING \(f)") }
        }
        #expect(metrics.removalRate >= 0.99, "\(metrics.report)")
        #expect(metrics.damageRate <= 0.01, "\(metrics.report)")
        #expect(metrics.cleanRate >= 0.99, "\(metrics.report)")
    }
}
