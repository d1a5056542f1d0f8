// The file format shared by the vector sets added for issue 14 (cards/, key-files/, primitives/,
// relay/, receipts/): lines of `key: value`, an empty line, then the bytes under test (possibly
// none) to the end of the file. A key may repeat; order is kept.

import Foundation

struct FieldVector {
    let name: String
    var fields: [(String, String)]
    var body: [UInt8] = []

    init(_ name: String, _ fields: [(String, String)], body: [UInt8] = []) {
        self.name = name
        self.fields = fields
        self.body = body
    }

    var fileBytes: [UInt8] {
        let text = fields.map { "\($0.0): \($0.1)\n" }.joined()
        precondition(!fields.contains { $0.1.contains("\n") || $0.0.contains(":") }, "\(name): a field breaks the format")
        return Array((text + "\n").utf8) + body
    }
}

/// Writes `vectors` into DIRECTORY/`set`, or compares them; returns the names that differ.
func writeOrCheck(_ vectors: [FieldVector], set: String, directory: String, check: Bool) -> [String] {
    precondition(Set(vectors.map(\.name)).count == vectors.count, "two \(set) vectors share a name")
    let folder = "\(directory)/\(set)"
    var mismatches: [String] = []
    if !check { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
    for vector in vectors {
        let path = "\(folder)/\(vector.name)"
        if check {
            if FileManager.default.contents(atPath: path).map(Array.init) != vector.fileBytes { mismatches.append("\(set)/\(vector.name)") }
        } else {
            try! Data(vector.fileBytes).write(to: URL(fileURLWithPath: path))
        }
    }
    if check {
        let existing = Set((try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { !$0.hasSuffix(".md") } ?? [])
        mismatches += existing.subtracting(vectors.map(\.name)).map { "\(set)/\($0) (not generated)" }
    }
    return mismatches
}
