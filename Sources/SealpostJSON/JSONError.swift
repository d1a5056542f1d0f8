/// Why a document is not acceptable JSON, where, and how to fix it.
///
/// `path` is the innermost value being read (`$` for the document), `offset` the byte offset (from
/// 0) of the offending byte. `problem` and `fix` name types, byte values of structural or control
/// characters, lengths and limits, and never repeat text from the document: a record's strings can
/// hold the identities that Sealpost exists to protect.
public struct JSONError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, CaseIterable {
        case emptyDocument = "empty_document"
        case documentTooLarge = "document_too_large"
        case byteOrderMark = "byte_order_mark"
        case unexpectedEnd = "unexpected_end"
        case unexpectedCharacter = "unexpected_character"
        case trailingData = "trailing_data"
        case invalidUTF8 = "invalid_utf8"
        case controlCharacter = "control_character"
        case invalidEscape = "invalid_escape"
        case invalidSurrogate = "invalid_surrogate"
        case stringTooLong = "string_too_long"
        case duplicateKey = "duplicate_key"
        case invalidNumber = "invalid_number"
        case leadingZero = "leading_zero"
        case numberOverflow = "number_overflow"
        case tooDeep = "too_deep"
    }

    public let code: Code
    public let path: JSONPath
    public let offset: Int
    /// What is wrong, without document content.
    public let problem: String
    /// What to do about it.
    public let fix: String

    public init(_ code: Code, path: JSONPath, offset: Int, problem: String, fix: String) {
        (self.code, self.path, self.offset, self.problem, self.fix) = (code, path, offset, problem, fix)
    }

    /// `$.parties[2].name (byte 812): problem; fix`
    public var description: String {
        "\(path) (byte \(offset)): \(problem); \(fix)"
    }
}
