import Foundation
import SealpostRecord
import SealpostSharing
@testable import SealpostRedaction

/// Scores the redactor on held-out records through the path `sealpost redact --jsonl` takes
/// (record JSON → `SafeguardingRecord` → `RecordRedaction.input` → `Redactor` →
/// `RecordRedaction.apply`). Offsets are UTF-8 bytes of the field text throughout.
///
/// - removed (strict): every letter and digit of a protected span lies inside a replacement;
/// - removed or flagged: each lies inside a replacement or an uncertain finding;
/// - keep damaged: a replacement overlaps a must-keep span;
/// - clean record: every protected span removed, and no word (three letters or more, not a kept
///   person's, not a must-keep span's, not an ordinary word) nor the last nine digits of a
///   protected span in anything the redacted record would send;
/// - needless flags: findings that overlap no protected span.
///
/// `details` collects each miss with its context; it is set for the development half only,
/// so nothing of a test record is ever printed.
struct HeldOutMetrics {
    let details: Bool
    var records = 0
    var protectedTotal = 0
    var removed = 0
    var removedOrFlagged = 0
    var keepTotal = 0
    var keepDamaged = 0
    var cleanRecords = 0
    var flags = 0
    var needlessFlags = 0
    var missesByCategory: [String: Int] = [:]
    var lines: [String] = []

    init(details: Bool) { self.details = details }

    func percent(_ n: Int, _ d: Int) -> Double { d == 0 ? 100 : Double(n) * 100 / Double(d) }
    var removedRate: Double { percent(removed, protectedTotal) }
    var removedOrFlaggedRate: Double { percent(removedOrFlagged, protectedTotal) }
    var damagedRate: Double { keepTotal == 0 ? 0 : percent(keepDamaged, keepTotal) }
    var cleanRate: Double { percent(cleanRecords, records) }
    var needlessPerRecord: Double { records == 0 ? 0 : Double(needlessFlags) / Double(records) }

    var report: String {
        String(format: "records %d, protected %d: removed %.2f%%, removed or flagged %.2f%%; keep %d: damaged %.2f%%; "
               + "clean records %.2f%%; flags %d, needless %d (%.2f per record)",
               records, protectedTotal, removedRate, removedOrFlaggedRate, keepTotal, damagedRate, cleanRate,
               flags, needlessFlags, needlessPerRecord)
    }

    static func redact(_ r: HeldOutRecord) throws -> Redaction {
        try Redactor().redact(RecordRedaction.input(for: try SafeguardingRecord(json: r.json, mode: .forRedaction)))
    }

    mutating func add(_ r: HeldOutRecord) throws {
        let record = try SafeguardingRecord(json: r.json, mode: .forRedaction)
        let input = RecordRedaction.input(for: record)
        let redaction = try Redactor().redact(input)
        let sent = JSONWriter().string(RecordRedaction.apply(redaction.record, to: record.jsonValue).record)
        records += 1
        var clean = true
        for (path, marked) in r.spans.sorted(by: { $0.key < $1.key }) {
            let out = redaction.record.text(at: path)
            let bytes = Array((input.texts.first { $0.path == path }?.text ?? "").utf8)
            let replaced = out?.replacements.map(\.originalRange) ?? []
            let flagged = redaction.record.uncertain.filter { $0.path == path }.map(\.originalRange)
            for span in marked.protected {
                protectedTotal += 1
                let isRemoved = out != nil && Self.covered(span, bytes, replaced)
                if isRemoved { removed += 1 }
                if isRemoved || (out != nil && Self.covered(span, bytes, replaced + flagged)) { removedOrFlagged += 1 }
                if !isRemoved {
                    clean = false
                    missesByCategory[span.category, default: 0] += 1
                    note("MISS \(r.id) \(path) [\(span.category) \(span.person ?? "")] «\(span.text)»"
                         + (out == nil ? " (field not scanned)" : "\(Self.covered(span, bytes, replaced + flagged) ? " (flagged)" : "") in …\(Self.context(bytes, span.start, span.end))…"))
                }
            }
            for span in marked.keep {
                keepTotal += 1
                if replaced.contains(where: { $0.overlaps(span.start..<span.end) }) {
                    keepDamaged += 1
                    note("DAMAGE \(r.id) \(path) [\(span.category)] «\(span.text)» in …\(Self.context(bytes, span.start, span.end))…")
                }
            }
        }
        for finding in redaction.record.uncertain {
            flags += 1
            let marked = r.spans[finding.path]?.protected ?? []
            if !marked.contains(where: { ($0.start..<$0.end).overlaps(finding.originalRange) }) {
                needlessFlags += 1
                let text = input.texts.first { $0.path == finding.path }?.text ?? ""
                let b = Array(text.utf8)
                note("NEEDLESS \(r.id) \(finding.path) \(finding.reason.rawValue) «\(String(decoding: b[finding.originalRange], as: UTF8.self))» in …\(Self.context(b, finding.originalRange.lowerBound, finding.originalRange.upperBound))…")
            }
        }
        if clean && leaks(r, input: input, sent: sent) { clean = false }
        if clean { cleanRecords += 1 }
    }

    /// True when a word or number of a protected span is still in what would be sent.
    mutating func leaks(_ r: HeldOutRecord, input: RedactionInput, sent: String) -> Bool {
        var kept = Set<String>()
        for p in input.people where !p.isProtected {
            for (_, v) in p.identifiers.values { kept.formUnion(CorpusMetrics.words(v)) }
        }
        for (_, marked) in r.spans { for k in marked.keep { kept.formUnion(CorpusMetrics.words(k.text)) } }
        let outWords = Set(CorpusMetrics.words(sent))
        let outDigits = String(sent.filter(\.isNumber))
        var leaked = false
        for (_, marked) in r.spans {
            for span in marked.protected {
                for word in CorpusMetrics.words(span.text) where word.count >= 3 && word.contains(where: \.isLetter)
                    && !kept.contains(word) && outWords.contains(word) && !Lexicon.shared.isOrdinary(Array(word.utf8))
                {
                    leaked = true
                    note("LEAK \(r.id): «\(word)» still appears in the output")
                }
                let digits = span.text.filter(\.isNumber)
                if digits.count >= 9 && outDigits.contains(String(digits.suffix(9))) {
                    leaked = true
                    note("LEAK \(r.id): digits of «\(span.text)» still appear in the output")
                }
            }
        }
        return leaked
    }

    mutating func note(_ line: @autoclosure () -> String) {
        if details { lines.append(line()) }
    }

    static func covered(_ span: CorpusSpan, _ bytes: [UInt8], _ ranges: [Range<Int>]) -> Bool {
        guard span.end <= bytes.count else { return false }
        for i in span.start..<span.end where CorpusMetrics.isAlnum(bytes[i]) {
            if !ranges.contains(where: { $0.contains(i) }) { return false }
        }
        return true
    }

    static func context(_ bytes: [UInt8], _ start: Int, _ end: Int) -> String {
        let a = max(0, start - 50), b = min(bytes.count, end + 50)
        return String(decoding: bytes[a..<b], as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
    }
}
