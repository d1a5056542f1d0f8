/// A JSON number, kept as the exact text that was parsed or written.
///
/// Keeping the literal means a number survives a parse-and-write round trip byte for byte and no
/// precision is lost or invented. Invariant: `literal` matches the RFC 8259 number grammar
/// without leading zeros; an integer literal (no fraction, no exponent) fits in `Int64`; any
/// other literal is finite as a `Double`. Equality compares literals, so `1` and `1.0` differ.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    public let literal: String

    /// Trusted: the parser has already checked the grammar and the range.
    init(uncheckedLiteral literal: String) {
        self.literal = literal
    }

    public init(_ value: Int64) {
        literal = String(value)
    }

    public init(_ value: Int) {
        literal = String(value)
    }

    /// A finite `Double`, written in Swift's shortest round-tripping form (which is valid JSON).
    /// Returns nil for infinities and NaN, which JSON cannot represent.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        if value == value.rounded(), abs(value) < 1e15 {
            literal = String(Int64(value))
        } else {
            literal = "\(value)"
        }
    }

    /// The value as a `Double` (exact for integers up to 2^53, nearest otherwise).
    public var doubleValue: Double { Double(literal) ?? 0 }

    /// The value as an `Int64`, when the literal is an integer.
    public var int64Value: Int64? { Int64(literal) }

    public var description: String { literal }
}
