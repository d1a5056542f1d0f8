/// Why a record could not be redacted. Messages name paths and positions, never content.
public struct RedactionError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case textTooLarge = "text_too_large"
        case duplicatePersonID = "duplicate_person_id"
        case duplicateTextPath = "duplicate_text_path"
        case unknownDecisionPath = "unknown_decision_path"
        case decisionOutOfRange = "decision_out_of_range"
    }

    public var code: Code
    public var message: String

    public var description: String { "redaction: \(message)" }

    public static func == (a: RedactionError, b: RedactionError) -> Bool { a.code == b.code }
    public func hash(into h: inout Hasher) { h.combine(code) }
}
