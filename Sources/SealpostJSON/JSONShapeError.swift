/// A document that parsed as JSON but is not what its format requires: a member missing, unknown
/// or of the wrong type, or a value out of range. Raised by `JSONObjectReader` and by the formats
/// that read through it.
///
/// `path` names the offending value (`$.parties[2].status`); `problem` reads after it
/// ("is missing \"status\"", "must be a string, not a number"); `fix` says what to write instead.
/// Like `JSONError`, neither repeats text from the document: a key that does not look like a
/// Sealpost member name is shown by its length only (see `JSONPath`).
public struct JSONShapeError: Error, Sendable, Hashable, CustomStringConvertible {
    public let path: JSONPath
    public let problem: String
    public let fix: String?

    public init(at path: JSONPath, _ problem: String, fix: String? = nil) {
        (self.path, self.problem, self.fix) = (path, problem, fix)
    }

    /// `$.parties[2].status: must be active or revoked` and, with a fix, `; ` and the fix.
    public var description: String {
        fix.map { "\(path): \(problem); \($0)" } ?? "\(path): \(problem)"
    }
}
