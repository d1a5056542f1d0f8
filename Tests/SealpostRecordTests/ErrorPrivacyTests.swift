import Foundation
import Testing
@testable import SealpostRecord

/// No error message may repeat a value from the record: values hold the identities Sealpost
/// exists to protect, and messages end up in terminals, logs and support tickets.
@Suite("Error messages never contain record values")
struct ErrorPrivacyTests {
    /// Each example with every string value, in turn, replaced by something invalid for its field
    /// in a way that keeps the value's text in the document.
    @Test func invalidatingEachValueNeverEchoesIt() throws {
        var checked = 0
        for example in exampleRecords {
            let value = try JSONParser.parse(example.bytes)
            let sensitive = sensitiveValues(in: value)
            for (path, original) in stringLeaves(value) {
                let corruptions: [JSONValue] = [
                    .number(JSONNumber(7)),
                    .array([.string(original)]),
                    .object(JSONObject([.init(key: original, value: .string(original))])),
                    .string(original + "\u{0}"),
                    .string(original + "\u{202E}"),
                    .string(original + " 2 @@"),
                    .string(String(repeating: original, count: 400)),
                ]
                for corrupt in corruptions {
                    let issues = recordIssues(set(value, at: path, to: corrupt))
                    for issue in issues {
                        checked += 1
                        for secret in sensitive {
                            #expect(!issue.description.contains(secret), "\(example.name) \(path): \(issue.path)")
                        }
                    }
                }
            }
        }
        #expect(checked > 500)
    }

    @Test func jsonErrorsInsideValuesNeverEchoThem() throws {
        for example in exampleRecords {
            let text = String(decoding: example.bytes, as: UTF8.self)
            let value = try JSONParser.parse(example.bytes)
            let sensitive = sensitiveValues(in: value)
            for secret in sensitive where secret.count >= 4 {
                guard let range = text.range(of: "\"" + secret + "\"") else { continue }
                // Unquote the value, drop its closing quote, and cut a raw line feed into it.
                for damaged in [
                    text.replacingCharacters(in: range, with: secret),
                    text.replacingCharacters(in: range, with: "\"" + secret),
                    text.replacingCharacters(in: range, with: "\"" + secret.prefix(2) + "\n" + secret.dropFirst(2) + "\""),
                    text.replacingCharacters(in: range, with: "\"" + secret + "\" \"" + secret + "\""),
                ] {
                    let issues = recordIssues(Array(damaged.utf8))
                    #expect(issues.count == 1)
                    for issue in issues {
                        #expect(!issue.description.contains(secret), "\(example.name): \(issue.path)")
                    }
                }
            }
        }
    }

    func stringLeaves(_ value: JSONValue, at path: [JSONPath.Component] = []) -> [([JSONPath.Component], String)] {
        switch value {
        case .string(let s): return [(path, s)]
        case .array(let elements): return elements.enumerated().flatMap { stringLeaves($0.element, at: path + [.index($0.offset)]) }
        case .object(let object): return object.members.flatMap { stringLeaves($0.value, at: path + [.key($0.key)]) }
        default: return []
        }
    }

    func set(_ value: JSONValue, at path: [JSONPath.Component], to newValue: JSONValue) -> JSONValue {
        guard let first = path.first else { return newValue }
        let rest = Array(path.dropFirst())
        switch (first, value) {
        case (.key(let key), .object(var object)):
            object[key] = set(object[key] ?? .null, at: rest, to: newValue)
            return .object(object)
        case (.index(let n), .array(var elements)) where elements.indices.contains(n):
            elements[n] = set(elements[n], at: rest, to: newValue)
            return .array(elements)
        default:
            return value
        }
    }
}
