import SealpostRecord

/// Why an agreement could not be read, changed, signed, installed or used. Messages name the
/// field (as a JSON path) or the party, and say how to fix it.
public struct AgreementError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public let hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    init(at path: JSONPath, _ problem: String, fix: String? = nil) {
        self.init("\(path): \(problem)", hint: fix)
    }

    public var description: String { message }
}
