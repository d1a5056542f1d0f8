import Foundation
import Testing
import SealpostRecord
import SealpostSharing
@testable import SealpostRedaction

/// Writes every redaction of the regression corpus and the held-out development half (never the
/// test half) to the file `SEALPOST_REDACTION_DUMP` names, so that a change meant only to make the
/// redactor faster can be shown to leave its output unchanged, byte for byte (`cmp` two dumps).
/// Without the variable it checks that the dump is deterministic on a few records.
@Suite("Redaction output dump")
struct OutputDumpTests {
    static func lines(limit: Int? = nil) throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var out: [String] = []
        var records = try Corpus.load("generated").records + Corpus.load("handwritten").records
        if let limit { records = Array(records.prefix(limit)) }
        for r in records {
            let redaction = try Redactor().redact(r.input)
            out.append("corpus \(r.id) " + String(decoding: try encoder.encode(redaction.record), as: UTF8.self)
                       + " " + String(decoding: try redaction.pseudonyms.encoded(), as: UTF8.self))
        }
        var dev = try HeldOut.load().filter { $0.split == .dev }
        if let limit { dev = Array(dev.prefix(limit)) }
        for r in dev {
            let redaction = try HeldOutMetrics.redact(r)
            out.append("dev \(r.id) " + String(decoding: try encoder.encode(redaction.record), as: UTF8.self)
                       + " " + String(decoding: try redaction.pseudonyms.encoded(), as: UTF8.self))
        }
        return out
    }

    @Test func dump() throws {
        if let file = ProcessInfo.processInfo.environment["SEALPOST_REDACTION_DUMP"] {
            try (Self.lines().joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        } else {
            let a = try Self.lines(limit: 5), b = try Self.lines(limit: 5)
            #expect(a.count == 10)
            #expect(a == b)
        }
    }
}
