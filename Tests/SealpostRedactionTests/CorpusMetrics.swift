import Foundation
@testable import SealpostRedaction

/// Scores the redactor against annotated records: protected occurrences removed, must-keep
/// spans damaged, and records with no protected identifier left anywhere.
struct CorpusMetrics {
    var protectedTotal = 0
    var protectedRemoved = 0
    var keepTotal = 0
    var keepDamaged = 0
    var records = 0
    var cleanRecords = 0
    var uncertain = 0
    var misses: [String] = []
    var damages: [String] = []
    /// Each uncertain finding with its text, for the report (the regression corpus is not held out).
    var findings: [String] = []
    var leaks: [String] = []

    var removalRate: Double { protectedTotal == 0 ? 1 : Double(protectedRemoved) / Double(protectedTotal) }
    var damageRate: Double { keepTotal == 0 ? 0 : Double(keepDamaged) / Double(keepTotal) }
    var cleanRate: Double { records == 0 ? 1 : Double(cleanRecords) / Double(records) }

    var report: String {
        String(format: "records %d, protected %d (removed %.2f%%), keep %d (damaged %.2f%%), clean records %.2f%%, uncertain findings %d",
               records, protectedTotal, removalRate * 100, keepTotal, damageRate * 100, cleanRate * 100, uncertain)
    }

    static func isAlnum(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || (b | 0x20 >= 97 && b | 0x20 <= 122) || b >= 0x80 }

    /// Every letter and digit of the span lies inside a replacement.
    static func covered(_ span: CorpusSpan, _ bytes: [UInt8], _ replacements: [Replacement]) -> Bool {
        for i in span.start..<span.end where isAlnum(bytes[i]) {
            if !replacements.contains(where: { $0.originalRange.contains(i) }) { return false }
        }
        return true
    }

    /// The original with each replacement applied must be exactly the redacted text.
    static func consistent(_ original: String, _ redacted: RedactedText) -> Bool {
        let b = Array(original.utf8)
        var out: [UInt8] = []
        var cursor = 0
        for r in redacted.replacements {
            guard r.originalRange.lowerBound >= cursor else { return false }
            out += b[cursor..<r.originalRange.lowerBound]
            guard out.count == r.range.lowerBound else { return false }
            out += Array(r.token.utf8)
            cursor = r.originalRange.upperBound
        }
        out += b[cursor...]
        return out == Array(redacted.text.utf8)
    }

    static func words(_ s: String) -> [String] {
        s.lowercased().folding(options: .diacriticInsensitive, locale: nil)
            .split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    mutating func add(_ record: CorpusRecord) throws {
        let redaction = try Redactor().redact(record.input)
        records += 1
        uncertain += redaction.record.uncertain.count
        for f in redaction.record.uncertain {
            let text = record.input.texts.first { $0.path == f.path }?.text ?? ""
            let b = Array(text.utf8)
            findings.append("\(record.id) \(f.path) \(f.reason.rawValue) «\(String(decoding: b[f.originalRange], as: UTF8.self))»")
        }
        var clean = true
        // Words of kept identities and must-keep spans may legitimately remain.
        var keptWords = Set<String>()
        for p in record.people where !p.isProtected {
            for (_, v) in p.identifiers.values { keptWords.formUnion(Self.words(v)) }
        }
        for t in record.texts { for k in t.keep { keptWords.formUnion(Self.words(k.text)) } }
        var outputText = ""
        for t in record.texts {
            guard let out = redaction.record.text(at: t.path) else { clean = false; continue }
            guard Self.consistent(t.text, out) else {
                clean = false
                misses.append("\(record.id) \(t.path): replacements do not reproduce the redacted text")
                continue
            }
            outputText += out.text + "\n"
            let bytes = Array(t.text.utf8)
            for span in t.protected {
                protectedTotal += 1
                if Self.covered(span, bytes, out.replacements) {
                    protectedRemoved += 1
                } else {
                    clean = false
                    misses.append("\(record.id) \(t.path) [\(span.category)] «\(span.text)» in …\(context(bytes, span))…")
                }
            }
            for span in t.keep {
                keepTotal += 1
                if out.replacements.contains(where: { $0.originalRange.overlaps(span.start..<span.end) }) {
                    keepDamaged += 1
                    damages.append("\(record.id) \(t.path) [\(span.category)] «\(span.text)» in …\(context(bytes, span))…")
                }
            }
        }
        // Structured values of protected people: nothing of the original may remain.
        for p in record.people where p.isProtected {
            guard let out = redaction.record.person(id: p.id), let token = out.token else { clean = false; continue }
            for (_, v) in out.identifiers.values where v != token {
                clean = false
                leaks.append("\(record.id) \(p.id): a structured value was not replaced")
            }
        }
        // Search everything that would be sent for the protected identities the fixtures hold.
        let outWords = Set(Self.words(outputText + redaction.record.people.flatMap { $0.identifiers.values.map(\.value) }.joined(separator: " ")))
        let outDigits = String(outputText.filter(\.isNumber))
        for t in record.texts {
            for span in t.protected {
                let w = Self.words(span.text)
                for word in w where word.count >= 3 && !keptWords.contains(word) && outWords.contains(word) && word.contains(where: \.isLetter) {
                    // A protected word also used elsewhere in its ordinary sense is not a leak.
                    if Lexicon.shared.isOrdinary(Array(word.utf8)) { continue }
                    clean = false
                    leaks.append("\(record.id): «\(word)» still appears in the output")
                }
                let digits = span.text.filter(\.isNumber)
                if digits.count >= 9 && outDigits.contains(String(digits.suffix(9))) {
                    clean = false
                    leaks.append("\(record.id): digits of a protected number still appear in the output")
                }
            }
        }
        if clean { cleanRecords += 1 }
    }

    func context(_ bytes: [UInt8], _ span: CorpusSpan) -> String {
        let a = max(0, span.start - 40), b = min(bytes.count, span.end + 40)
        return String(decoding: bytes[a..<b], as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
    }
}
