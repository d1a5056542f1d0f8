import Foundation

/// One file of a vector set in the shared field format (spec/envelope.md §"Test vectors"): lines of
/// `key: value`, an empty line, then the bytes under test to the end of the file. Shared by every
/// test target that reads a set (cards, key files, relay, receipts, agreements).
public struct FieldVectorFile: CustomStringConvertible, Sendable {
    /// A vector file that does not have the shape the format gives, or lacks a field a test needs.
    public struct Malformed: Error, CustomStringConvertible {
        public let description: String
    }

    public let set: String
    public let name: String
    public let fields: [(String, String)]
    public let body: [UInt8]

    public func values(_ key: String) -> [String] { fields.filter { $0.0 == key }.map(\.1) }
    public func value(_ key: String) -> String? { values(key).first }
    public func require(_ key: String) throws -> String {
        guard let value = value(key) else { throw Malformed(description: "\(set)/\(name): no \(key)") }
        return value
    }
    public var description: String { "\(set)/\(name)" }

    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("spec/vectors")

    /// Every vector of the set in spec/vectors/`set` (files ending .md are not vectors).
    public static func load(_ set: String) throws -> [FieldVectorFile] {
        let folder = root.appendingPathComponent(set)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasSuffix(".md") }.sorted()
        return try names.map { name in
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
            guard let split = bytes.indices.dropLast().first(where: { bytes[$0] == 0x0a && bytes[$0 + 1] == 0x0a }) else {
                throw Malformed(description: "\(set)/\(name): no empty line after the fields")
            }
            let fields = String(decoding: bytes[0..<split], as: UTF8.self).split(separator: "\n").map { line -> (String, String) in
                let parts = line.split(separator: ":", maxSplits: 1)
                return (String(parts[0]), parts.count > 1 ? String(parts[1].dropFirst()) : "")
            }
            return FieldVectorFile(set: set, name: name, fields: fields, body: Array(bytes[(split + 2)...]))
        }
    }
}
