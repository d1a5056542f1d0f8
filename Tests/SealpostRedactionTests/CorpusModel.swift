import Foundation
@testable import SealpostRedaction

/// An annotated span of a corpus text. Offsets are UTF-8 bytes; `text` repeats the span for
/// readers of the JSON (every identity in the corpus is fictional).
struct CorpusSpan: Codable, Hashable {
    var start: Int
    var end: Int
    var category: String
    /// For protected spans: the listed person's id, an unlisted person's label ("u1"), or "?" for
    /// a value that belongs to nobody.
    var person: String?
    var text: String
}

struct CorpusText: Codable, Hashable {
    var path: String
    var text: String
    /// Protected identifier occurrences: each must be replaced.
    var protected: [CorpusSpan]
    /// Spans that must come through untouched: kept people's identifiers, ordinary words that
    /// are also names, organisations, ordinary dates.
    var keep: [CorpusSpan]
}

struct CorpusRecord: Codable, Hashable {
    var id: String
    var style: String
    var notes: String?
    var people: [RedactionPerson]
    var texts: [CorpusText]

    var input: RedactionInput {
        RedactionInput(people: people, texts: texts.map { TextField(path: $0.path, text: $0.text) })
    }
}

struct CorpusFile: Codable {
    var description: String
    var seed: UInt64?
    var records: [CorpusRecord]
}

enum Corpus {
    static func load(_ name: String) throws -> CorpusFile {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Corpus") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(CorpusFile.self, from: Data(contentsOf: url))
    }

    /// The source folder of the corpus, for regenerating it.
    static var sourceFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")
    }

    static func encode(_ file: CorpusFile) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(file)
        data.append(0x0A)
        return data
    }
}

/// Inline annotation used to write corpus texts: `[[p:ID:category|text]]` marks a protected
/// identifier of person ID, `[[k:category|text]]` a span that must be kept.
enum Markup {
    struct ParseError: Error, CustomStringConvertible { var description: String }

    static func parse(_ source: String) throws -> (text: String, protected: [CorpusSpan], keep: [CorpusSpan]) {
        var out: [UInt8] = []
        var protected: [CorpusSpan] = []
        var keep: [CorpusSpan] = []
        let b = Array(source.utf8)
        var i = 0
        while i < b.count {
            if i + 1 < b.count && b[i] == UInt8(ascii: "[") && b[i + 1] == UInt8(ascii: "[") {
                guard let bar = b[(i + 2)...].firstIndex(of: UInt8(ascii: "|")),
                    let close = (bar..<(b.count - 1)).first(where: { b[$0] == UInt8(ascii: "]") && b[$0 + 1] == UInt8(ascii: "]") })
                else { throw ParseError(description: "unclosed markup at byte \(i)") }
                let head = String(decoding: b[(i + 2)..<bar], as: UTF8.self).split(separator: ":").map(String.init)
                let body = b[(bar + 1)..<close]
                let start = out.count
                out.append(contentsOf: body)
                let text = String(decoding: body, as: UTF8.self)
                switch head.first {
                case "p":
                    guard head.count == 3 else { throw ParseError(description: "protected markup needs p:ID:category") }
                    protected.append(CorpusSpan(start: start, end: out.count, category: head[2], person: head[1], text: text))
                case "k":
                    guard head.count == 2 else { throw ParseError(description: "keep markup needs k:category") }
                    keep.append(CorpusSpan(start: start, end: out.count, category: head[1], person: nil, text: text))
                default:
                    throw ParseError(description: "unknown markup kind at byte \(i)")
                }
                i = close + 2
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return (String(decoding: out, as: UTF8.self), protected, keep)
    }
}
