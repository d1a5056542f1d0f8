import SealpostJSON

/// Why an agreement could not be read, changed, signed, installed or used. Messages name the
/// field (as a JSON path) or the party, and say how to fix it.
public struct AgreementError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public let hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    /// A document that is not the shape of an agreement: the path and problem, with the fix as hint.
    init(_ error: JSONShapeError) {
        self.init("\(error.path): \(error.problem)", hint: error.fix)
    }

    public var description: String { message }
}
