// The file format shared by the vector sets added for issue 14 (cards/, key-files/, primitives/,
// relay/, receipts/): lines of `key: value`, an empty line, then the bytes under test (possibly
// none) to the end of the file. A key may repeat; order is kept.

import Foundation

struct FieldVector: VectorFile {
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
