import Foundation

/// A strict RFC 8259 parser over raw UTF-8 bytes.
///
/// Beyond the grammar it enforces what Sealpost's inputs need: well-formed UTF-8 everywhere
/// (`UTF8Validation`), no unpaired `\u` surrogate escapes, unique keys in every object, no leading
/// zeros, numbers in range (integers in `Int64`, everything else finite as `Double`), and the
/// `Limits`. No byte order mark, no comments, no trailing commas, nothing after the value but
/// whitespace (space, tab, line feed, carriage return). Any JSON value may be the document.
///
/// The first problem found stops the parse with a `JSONError` naming the path and byte offset.
/// The parser never traps on any input; its recursion is bounded by `Limits.maxDepth`.
public enum JSONParser {
    public struct Limits: Sendable, Hashable {
        /// Deepest nesting of arrays and objects; the outermost container is depth 1.
        public var maxDepth: Int
        /// Longest string (member key or value), counted in UTF-8 bytes after unescaping.
        public var maxStringBytes: Int
        /// Largest document, in bytes.
        public var maxDocumentBytes: Int

        public init(maxDepth: Int = 64, maxStringBytes: Int = 1 << 20, maxDocumentBytes: Int = 16 << 20) {
            (self.maxDepth, self.maxStringBytes, self.maxDocumentBytes) = (maxDepth, maxStringBytes, maxDocumentBytes)
        }

        /// Depth 64, strings of 1 MiB, documents of 16 MiB.
        public static let standard = Limits()
    }

    public static func parse(_ bytes: [UInt8], limits: Limits = .standard) throws(JSONError) -> JSONValue {
        let result: Result<JSONValue, JSONError> = bytes.withUnsafeBufferPointer { buffer in
            parseResult(buffer, limits: limits)
        }
        return try result.get()
    }

    public static func parse(_ data: Data, limits: Limits = .standard) throws(JSONError) -> JSONValue {
        let result: Result<JSONValue, JSONError> = data.withUnsafeBytes { raw in
            parseResult(raw.bindMemory(to: UInt8.self), limits: limits)
        }
        return try result.get()
    }

    public static func parse(_ text: String, limits: Limits = .standard) throws(JSONError) -> JSONValue {
        var text = text
        let result: Result<JSONValue, JSONError> = text.withUTF8 { buffer in
            parseResult(buffer, limits: limits)
        }
        return try result.get()
    }

    /// Parses bytes the caller keeps alive for the duration of the call.
    public static func parse(_ buffer: UnsafeBufferPointer<UInt8>, limits: Limits = .standard) throws(JSONError) -> JSONValue {
        try parseResult(buffer, limits: limits).get()
    }

    static func parseResult(_ buffer: UnsafeBufferPointer<UInt8>, limits: Limits) -> Result<JSONValue, JSONError> {
        var parser = ByteParser(bytes: buffer, limits: limits)
        do {
            return .success(try parser.parseDocument())
        } catch {
            return .failure(error)
        }
    }
}

/// The parser's state: a cursor over the bytes and the path to the value being read.
private struct ByteParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let limits: JSONParser.Limits
    var i = 0
    var path: [JSONPath.Component] = []
    /// Reused buffer for strings that contain escapes.
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, limits: JSONParser.Limits) {
        self.bytes = bytes
        self.limits = limits
    }

    // MARK: Document

    mutating func parseDocument() throws(JSONError) -> JSONValue {
        guard bytes.count <= limits.maxDocumentBytes else {
            throw error(.documentTooLarge, at: limits.maxDocumentBytes,
                        "the document is \(bytes.count) bytes, more than the limit of \(limits.maxDocumentBytes)",
                        "split it into smaller records, or move large attachments out of the record")
        }
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            throw error(.byteOrderMark, at: 0, "the document starts with a UTF-8 byte order mark",
                        "save the file as UTF-8 without a byte order mark (BOM)")
        }
        skipWhitespace()
        guard i < bytes.count else {
            throw error(.emptyDocument, at: i, "the document is empty",
                        "supply a JSON value, for a record an object starting with '{'")
        }
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard i == bytes.count else {
            throw error(.trailingData, at: i, "found \(describe(bytes[i])) after the end of the JSON value",
                        "remove everything after the value; a file holds exactly one JSON document")
        }
        return value
    }

    // MARK: Values

    mutating func parseValue(depth: Int) throws(JSONError) -> JSONValue {
        guard i < bytes.count else {
            throw error(.unexpectedEnd, at: i, "the document ends where a value was expected",
                        "the file may be truncated; supply the rest of the document")
        }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default:
            throw unexpected("a value")
        }
    }

    mutating func parseObject(depth: Int) throws(JSONError) -> JSONValue {
        try checkDepth(depth)
        i += 1  // {
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            i += 1
            return .object(JSONObject())
        }
        var members: [JSONObject.Member] = []
        var seen: Set<String>? = nil
        while true {
            guard i < bytes.count else { throw endInside("object") }
            guard bytes[i] == UInt8(ascii: "\"") else {
                throw unexpected("a member key (a string in double quotes)",
                                 fix: members.isEmpty ? nil : "remove the comma after the last member, or add the next member")
            }
            let keyOffset = i
            let key = try parseString()
            if isDuplicate(key, in: members, seen: &seen) {
                path.append(.key(key))
                defer { path.removeLast() }
                throw error(.duplicateKey, at: keyOffset, "this key appears more than once in the same object",
                            "keep one member with this key and remove the others")
            }
            path.append(.key(key))
            skipWhitespace()
            guard i < bytes.count else { throw endInside("object") }
            guard bytes[i] == UInt8(ascii: ":") else {
                throw unexpected("':' after the member key")
            }
            i += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            path.removeLast()
            members.append(JSONObject.Member(key: key, value: value))
            if try anotherFollows(closedBy: "}", in: "object", after: "an object member") { continue }
            return .object(JSONObject(uniqueMembers: members))
        }
    }

    /// After an object member or array element: a ',' says another follows (true, with the
    /// white space after it skipped), the container's closing bracket says it ends (false);
    /// anything else, or the end of the input, is an error saying what was expected.
    mutating func anotherFollows(closedBy close: Unicode.Scalar, in container: String,
                                 after item: String) throws(JSONError) -> Bool {
        skipWhitespace()
        guard i < bytes.count else { throw endInside(container) }
        if bytes[i] == UInt8(ascii: ",") {
            i += 1
            skipWhitespace()
            return true
        }
        if bytes[i] == UInt8(ascii: close) {
            i += 1
            return false
        }
        throw unexpected("',' or '\(close)' after \(item)")
    }

    /// Small objects compare linearly; from 16 members on, a set keeps the check linear overall.
    func isDuplicate(_ key: String, in members: [JSONObject.Member], seen: inout Set<String>?) -> Bool {
        if seen == nil, members.count < 16 {
            for member in members where member.key == key { return true }
            return false
        }
        if seen == nil { seen = Set(members.map(\.key)) }
        return !seen!.insert(key).inserted
    }

    mutating func parseArray(depth: Int) throws(JSONError) -> JSONValue {
        try checkDepth(depth)
        i += 1  // [
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            i += 1
            return .array([])
        }
        var elements: [JSONValue] = []
        while true {
            guard i < bytes.count else { throw endInside("array") }
            if bytes[i] == UInt8(ascii: "]"), !elements.isEmpty {
                throw unexpected("a value", fix: "remove the comma before ']'")
            }
            path.append(.index(elements.count))
            let value = try parseValue(depth: depth)
            path.removeLast()
            elements.append(value)
            if try anotherFollows(closedBy: "]", in: "array", after: "an array element") { continue }
            return .array(elements)
        }
    }

    func checkDepth(_ depth: Int) throws(JSONError) {
        guard depth <= limits.maxDepth else {
            throw error(.tooDeep, at: i, "arrays and objects are nested more than \(limits.maxDepth) deep",
                        "flatten the structure; no Sealpost document needs more than \(limits.maxDepth) levels")
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        let count = literal.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        var k = 0
        while k < count {
            guard i + k < bytes.count else {
                i += k
                throw error(.unexpectedEnd, at: i, "the document ends inside a literal",
                            "the file may be truncated; supply the rest of the document")
            }
            guard bytes[i + k] == expected[k] else {
                i += k
                throw unexpected("a value", fix: "write text in double quotes; the only bare words are true, false and null")
            }
            k += 1
        }
        i += count
    }

    // MARK: Strings

    /// Reads the string at `i` (an opening quote) and leaves `i` after its closing quote.
    mutating func parseString() throws(JSONError) -> String {
        let open = i
        i += 1
        let start = i
        // Fast path: no escapes, so the value is the bytes themselves, checked as we go.
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let length = i - start
                guard length <= limits.maxStringBytes else { throw tooLong(length, openedAt: open) }
                let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                i += 1
                return value
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw controlCharacter(b) }
            if b < 0x80 {
                i += 1
            } else {
                i += try utf8Sequence()
            }
            if i - start > limits.maxStringBytes { throw tooLong(i - start, openedAt: open) }
        }
        guard i < bytes.count else { throw unterminatedString(openedAt: open) }
        // Slow path: copy runs of plain bytes and decode escapes into the scratch buffer.
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let value = String(decoding: scratch, as: UTF8.self)
                i += 1
                return value
            }
            if b == UInt8(ascii: "\\") {
                try unescape()
            } else {
                let runStart = i
                while i < bytes.count {
                    let c = bytes[i]
                    if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") { break }
                    if c < 0x20 { throw controlCharacter(c) }
                    if c < 0x80 { i += 1 } else { i += try utf8Sequence() }
                }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
            }
            if scratch.count > limits.maxStringBytes { throw tooLong(scratch.count, openedAt: open) }
        }
        throw unterminatedString(openedAt: open)
    }

    /// The length of the well-formed UTF-8 sequence at `i`, or the error for it.
    func utf8Sequence() throws(JSONError) -> Int {
        switch UTF8Validation.sequenceLength(in: bytes, at: i) {
        case .success(let length):
            return length
        case .failure(let failure):
            throw error(.invalidUTF8, at: i, "the string is not valid UTF-8 (\(failure.explanation))",
                        "re-export the data as UTF-8; the file may be in another encoding such as Windows-1252, or damaged")
        }
    }

    /// Decodes the escape at `i` (a backslash) into `scratch`.
    mutating func unescape() throws(JSONError) {
        let escapeStart = i
        guard i + 1 < bytes.count else { throw unterminatedString(openedAt: escapeStart) }
        let c = bytes[i + 1]
        i += 2
        switch c {
        case UInt8(ascii: "\""): scratch.append(0x22)
        case UInt8(ascii: "\\"): scratch.append(0x5C)
        case UInt8(ascii: "/"): scratch.append(0x2F)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try hex4(escapeStart: escapeStart)
            var scalar = UInt32(unit)
            if (0xDC00...0xDFFF).contains(unit) {
                throw error(.invalidSurrogate, at: escapeStart,
                            "a \\u escape is a low surrogate (DC00-DFFF) with no high surrogate before it",
                            "escape characters outside the Basic Multilingual Plane as a high and low surrogate pair, or write them as UTF-8")
            }
            if (0xD800...0xDBFF).contains(unit) {
                guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                    throw error(.invalidSurrogate, at: escapeStart,
                                "a \\u escape is a high surrogate (D800-DBFF) not followed by a low surrogate escape",
                                "follow it with its low surrogate (\\uDC00-\\uDFFF), or write the character as UTF-8")
                }
                let lowStart = i
                i += 2
                let low = try hex4(escapeStart: lowStart)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error(.invalidSurrogate, at: lowStart,
                                "a high surrogate escape is followed by a \\u escape that is not a low surrogate (DC00-DFFF)",
                                "pair each high surrogate with a low surrogate, or write the character as UTF-8")
                }
                scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            }
            appendUTF8(scalar)
        default:
            throw error(.invalidEscape, at: escapeStart, "a backslash is followed by a character that does not start an escape",
                        "write a literal backslash as \\\\; the escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX")
        }
    }

    mutating func hex4(escapeStart: Int) throws(JSONError) -> UInt16 {
        guard bytes.count - i >= 4 else { throw unterminatedString(openedAt: escapeStart) }
        var value: UInt16 = 0
        for k in 0..<4 {
            let c = bytes[i + k]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default:
                throw error(.invalidEscape, at: escapeStart, "a \\u escape is not followed by four hexadecimal digits",
                            "write \\u and exactly four hexadecimal digits, such as \\u00e9")
            }
            value = value << 4 | UInt16(digit)
        }
        i += 4
        return value
    }

    mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | (scalar >> 6)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | (scalar >> 12)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            scratch.append(UInt8(0xF0 | (scalar >> 18)))
            scratch.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    // MARK: Numbers

    mutating func parseNumber() throws(JSONError) -> JSONNumber {
        let start = i
        var isInteger = true
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, isDigit(bytes[i]) else {
            throw error(.invalidNumber, at: i, "a minus sign is not followed by a digit",
                        "write a number such as -1 or -0.5, or put text in double quotes")
        }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < bytes.count, isDigit(bytes[i]) {
                throw error(.leadingZero, at: start, "a number has a leading zero",
                            "remove the leading zeros, or put the value in double quotes if it is an identifier or phone number")
            }
        } else {
            skipDigits()
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            isInteger = false
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else {
                throw error(.invalidNumber, at: i, "a decimal point is not followed by a digit",
                            "write digits after the decimal point, such as 1.0")
            }
            skipDigits()
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            isInteger = false
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else {
                throw error(.invalidNumber, at: i, "an exponent has no digits",
                            "write digits after the 'e', such as 1e3")
            }
            skipDigits()
        }
        let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        if isInteger {
            guard Int64(literal) != nil else {
                throw error(.numberOverflow, at: start, "an integer of \(i - start) characters does not fit in a signed 64-bit integer",
                            "put long identifiers in double quotes as strings")
            }
        } else {
            guard let d = Double(literal), d.isFinite else {
                throw error(.numberOverflow, at: start, "a number is too large to represent as a 64-bit floating point value",
                            "use a smaller number, or put the value in double quotes")
            }
        }
        return JSONNumber(uncheckedLiteral: literal)
    }

    mutating func skipDigits() {
        while i < bytes.count, isDigit(bytes[i]) { i += 1 }
    }

    func isDigit(_ b: UInt8) -> Bool {
        b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
    }

    // MARK: Whitespace and errors

    mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    func error(_ code: JSONError.Code, at offset: Int, _ problem: String, _ fix: String) -> JSONError {
        JSONError(code, path: JSONPath(path), offset: offset, problem: problem, fix: fix)
    }

    func unexpected(_ expected: String, fix: String? = nil) -> JSONError {
        let found = describe(bytes[i])
        let defaultFix: String
        switch bytes[i] {
        case UInt8(ascii: "'"): defaultFix = "JSON strings use double quotes, not single quotes"
        case UInt8(ascii: "/"), UInt8(ascii: "#"): defaultFix = "JSON has no comments; remove them"
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
            defaultFix = "put text in double quotes; the only bare words are true, false and null"
        default: defaultFix = "check the punctuation around this point"
        }
        return error(.unexpectedCharacter, at: i, "expected \(expected) but found \(found)", fix ?? defaultFix)
    }

    func endInside(_ container: String) -> JSONError {
        error(.unexpectedEnd, at: i, "the document ends inside an \(container)",
              "the file may be truncated; close every '{' with '}' and every '[' with ']'")
    }

    func unterminatedString(openedAt open: Int) -> JSONError {
        error(.unexpectedEnd, at: bytes.count, "the string that starts at byte \(open) is never closed",
              "end the string with a double quote; write a double quote inside a string as \\\"")
    }

    func controlCharacter(_ b: UInt8) -> JSONError {
        let name: String
        switch b {
        case 0x0A: name = "a line feed"
        case 0x0D: name = "a carriage return"
        case 0x09: name = "a tab"
        default: name = "the control character " + hexByte(b)
        }
        return error(.controlCharacter, at: i, "a string contains \(name), which JSON does not allow unescaped",
                     "escape it: \\n for a line feed, \\r for a carriage return, \\t for a tab, \\u00XX for others")
    }

    func tooLong(_ length: Int, openedAt open: Int) -> JSONError {
        error(.stringTooLong, at: open, "a string is longer than the limit of \(limits.maxStringBytes) bytes",
              "shorten it; attach long documents separately rather than inside the record")
    }

    /// Names a byte for a message without revealing text: structural characters by themselves,
    /// letters and digits by class, other bytes in hexadecimal.
    func describe(_ b: UInt8) -> String {
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"): return "a letter"
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return "a digit"
        case 0x21...0x7E: return "'\(Character(Unicode.Scalar(b)))'"
        case 0x20: return "a space"
        case 0x80...0xFF: return "a non-ASCII byte"
        default: return "the control character " + hexByte(b)
        }
    }

    func hexByte(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "0x" + String(digits[Int(b >> 4)]) + String(digits[Int(b & 0x0F)])
    }
}
