/// Where a value sits in a JSON document, written `$.parties[2].name`.
///
/// `$` is the document. `.key` names an object member, `[n]` an array element (from 0). Only keys
/// that look like Sealpost field names (snake_case: a lower-case letter or `_`, then lower-case
/// letters, digits or `_`, at most 64 bytes, never three digits in a row) are written out; any
/// other key is shown as `[<key of N bytes>]`. A malformed document can put a value where a key
/// belongs (a dropped colon turns a name into a key), and a path must never repeat a value from
/// the document. Names are written with capitals and identifiers with long digit runs, so neither
/// passes; a value that is a lower-case word (such as `mother`) can.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public private(set) var components: [Component]

    public init(_ components: [Component] = []) {
        self.components = components
    }

    /// The document itself, `$`.
    public static let root = JSONPath()

    public func appending(_ key: String) -> JSONPath {
        var copy = self
        copy.components.append(.key(key))
        return copy
    }

    public func appending(_ index: Int) -> JSONPath {
        var copy = self
        copy.components.append(.index(index))
        return copy
    }

    /// Whether `self` is `other` or lies inside it.
    public func hasPrefix(_ other: JSONPath) -> Bool {
        components.count >= other.components.count
            && zip(components, other.components).allSatisfy { $0 == $1 }
    }

    public var description: String {
        var out = "$"
        for component in components {
            switch component {
            case .index(let n):
                out += "[\(n)]"
            case .key(let key):
                if JSONPath.isDisplayableKey(key) {
                    out += "." + key
                } else {
                    out += "[<key of \(key.utf8.count) bytes>]"
                }
            }
        }
        return out
    }

    /// snake_case, 1 to 64 bytes, `[a-z_][a-z0-9_]*`, with no run of more than two digits (so
    /// that no phone number, NHS number or date fused into a key is ever shown).
    static func isDisplayableKey(_ key: String) -> Bool {
        let utf8 = key.utf8
        guard let first = utf8.first, utf8.count <= 64 else { return false }
        guard first == UInt8(ascii: "_") || (first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z")) else {
            return false
        }
        var digitRun = 0
        for b in utf8 {
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                digitRun += 1
                if digitRun > 2 { return false }
            } else if b == UInt8(ascii: "_") || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) {
                digitRun = 0
            } else {
                return false
            }
        }
        return true
    }
}
