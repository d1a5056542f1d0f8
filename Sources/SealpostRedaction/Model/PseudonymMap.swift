import Foundation

/// The mapping from tokens to the identities they stand for. It stays with the sender: encrypt
/// `encoded()` before storing it, and never send, log or print it. Its descriptions and mirror
/// are deliberately empty of identities, so `print`, string interpolation and `dump` are safe.
public struct PseudonymMap: Sendable, Hashable, Codable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public struct Entry: Sendable, Hashable, Codable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
        public var token: String
        /// The listed person's id; nil for people found only in the text and for withheld values.
        public var personID: String?
        /// The role, "unlisted", or the category of a withheld value.
        public var label: String
        /// The names or values the token replaced (as first seen).
        public var identities: [String]

        public var description: String { "PseudonymMap.Entry(\(token), identities withheld)" }
        public var debugDescription: String { description }
        public var customMirror: Mirror { Mirror(self, children: ["token": token], displayStyle: .struct) }
    }

    public private(set) var entries: [Entry]

    init(entries: [Entry]) { self.entries = entries }

    public func entry(for token: String) -> Entry? { entries.first { $0.token == token } }

    /// JSON bytes for the caller to encrypt.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    public static func decoded(from data: Data) throws -> PseudonymMap {
        try JSONDecoder().decode(PseudonymMap.self, from: data)
    }

    public var description: String {
        "PseudonymMap(\(entries.count) token(s); identities withheld: encrypt before storing)"
    }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["count": entries.count], displayStyle: .struct) }
}
