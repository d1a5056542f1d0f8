import Foundation
import SealpostRecord
@testable import SealpostRedaction

/// A record of the held-out corpus (`HeldOut/<style>.jsonl`, written by someone who has not read
/// the redactor; see `HeldOut/README.md` and spec/redaction.md §Quality). Each line is
/// `{"id", "style", "split": "dev"|"test", "notes", "record"}` with `[[p:WHO:CATEGORY|text]]` and
/// `[[k:CATEGORY|text]]` marked inline in the record's strings. The markup is stripped to make
/// the record the redactor sees; the spans it marked are kept per field path, in UTF-8 bytes of
/// the stripped field text (the offsets the redactor's replacements and findings use).
struct HeldOutRecord {
    enum Split: String { case dev, test }

    var id: String
    var style: String
    var split: Split
    /// The record as `sealpost redact --jsonl` would read it: JSON with the markup removed.
    var json: [UInt8]
    /// Field path (`narrative`, `statements[1].text`) → the spans marked in it.
    var spans: [String: (protected: [CorpusSpan], keep: [CorpusSpan])]
}

enum HeldOut {
    struct LoadError: Error, CustomStringConvertible { var description: String }

    /// Every held-out record, in file then line order. Reading a test record is only to score it:
    /// callers print aggregate test figures, never its text or its misses.
    static func load() throws -> [HeldOutRecord] {
        guard let folder = Bundle.module.url(forResource: "HeldOut", withExtension: nil) else { return [] }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".jsonl") }.sorted()
        var out: [HeldOutRecord] = []
        for file in files {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            for (n, line) in data.split(separator: 0x0A).enumerated() where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
                do {
                    out.append(try record(Array(line)))
                } catch {
                    throw LoadError(description: "\(file) line \(n + 1): \(error)")
                }
            }
        }
        return out
    }

    static func record(_ line: [UInt8]) throws -> HeldOutRecord {
        let value = try JSONParser.parse(line)
        guard let id = value["id"]?.stringValue, let style = value["style"]?.stringValue,
            let split = value["split"]?.stringValue.flatMap(HeldOutRecord.Split.init(rawValue:)),
            let record = value["record"], record.objectValue != nil
        else { throw LoadError(description: "needs id, style, split (dev or test) and record") }
        var spans: [String: (protected: [CorpusSpan], keep: [CorpusSpan])] = [:]
        let stripped = try strip(record, path: "", into: &spans)
        return HeldOutRecord(id: id, style: style, split: split, json: JSONWriter().bytes(stripped), spans: spans)
    }

    /// `value` with the markup removed from every string, collecting the spans by element path.
    static func strip(_ value: JSONValue, path: String,
                      into spans: inout [String: (protected: [CorpusSpan], keep: [CorpusSpan])]) throws -> JSONValue {
        switch value {
        case .string(let s):
            guard s.contains("[[") else { return value }
            let parsed = try Markup.parse(s)
            if !parsed.protected.isEmpty || !parsed.keep.isEmpty { spans[path] = (parsed.protected, parsed.keep) }
            return .string(parsed.text)
        case .array(let elements):
            return .array(try elements.enumerated().map { try strip($1, path: "\(path)[\($0)]", into: &spans) })
        case .object(let object):
            return .object(JSONObject(try object.members.map {
                .init(key: $0.key, value: try strip($0.value, path: path.isEmpty ? $0.key : "\(path).\($0.key)", into: &spans))
            }))
        default:
            return value
        }
    }
}
