import Foundation
import Testing

/// One file of a vector set in the shared field format (spec/envelope.md §"Test vectors"): lines of
/// `key: value`, an empty line, then the bytes under test to the end of the file.
struct FieldVectorFile: CustomStringConvertible, Sendable {
    let set: String
    let name: String
    let fields: [(String, String)]
    let body: [UInt8]

    func values(_ key: String) -> [String] { fields.filter { $0.0 == key }.map(\.1) }
    func value(_ key: String) -> String? { values(key).first }
    func require(_ key: String) throws -> String { try #require(value(key), "\(set)/\(name): no \(key)") }
    var description: String { "\(set)/\(name)" }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("spec/vectors")

    /// Every vector of the set in spec/vectors/`set` (files ending .md are not vectors).
    static func load(_ set: String) throws -> [FieldVectorFile] {
        let folder = root.appendingPathComponent(set)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasSuffix(".md") }.sorted()
        return try names.map { name in
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
            let split = try #require(bytes.indices.dropLast().first { bytes[$0] == 0x0a && bytes[$0 + 1] == 0x0a },
                                     "\(set)/\(name): no empty line after the fields")
            let fields = String(decoding: bytes[0..<split], as: UTF8.self).split(separator: "\n").map { line -> (String, String) in
                let parts = line.split(separator: ":", maxSplits: 1)
                return (String(parts[0]), parts.count > 1 ? String(parts[1].dropFirst()) : "")
            }
            return FieldVectorFile(set: set, name: name, fields: fields, body: Array(bytes[(split + 2)...]))
        }
    }
}
