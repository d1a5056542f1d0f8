/// Reads the members of one JSON object by name and type, for the formats whose members are
/// fixed: agreements, identity cards, acknowledgements, declines, relay responses, checkpoints.
///
/// The parser has already refused duplicate members, a byte order mark and malformed text, so a
/// reader sees one value per key. Each accessor names the member's path in its error, and
/// `only(_:)` refuses any member the format does not define, so that two programs reading the
/// same document cannot read it differently (one using a member the other ignores).
///
/// An optional member that is absent and one that is `null` read the same: as nil.
public struct JSONObjectReader: Sendable {
    public let object: JSONObject
    public let path: JSONPath

    /// A reader over `value`, which must be an object; `path` is where it sits in its document.
    public init(_ value: JSONValue, at path: JSONPath = .root) throws(JSONShapeError) {
        guard let object = value.objectValue else {
            throw JSONShapeError(at: path, "must be an object, not \(value.typeDescription)")
        }
        self.object = object
        self.path = path
    }

    /// Parses `bytes` strictly (see `JSONParser`) and reads the object they hold. A parse
    /// failure is reported at its path with its byte offset.
    public init(parsing bytes: [UInt8], limits: JSONParser.Limits = .standard) throws(JSONShapeError) {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes, limits: limits) } catch {
            throw JSONShapeError(at: error.path, "(byte \(error.offset)) \(error.problem)", fix: error.fix)
        }
        try self.init(value, at: .root)
    }

    /// Refuses any member not in `allowed`, naming the first one found.
    public func only(_ allowed: [String]) throws(JSONShapeError) {
        for key in object.keys where !allowed.contains(key) {
            throw JSONShapeError(at: path, "has an unknown member (\(key.utf8.count) bytes long)",
                                 fix: "allowed members are \(allowed.sorted().joined(separator: ", "))")
        }
    }

    /// The error for a member whose value is present and typed right but not acceptable.
    public func invalid(_ key: String, _ problem: String, fix: String? = nil) -> JSONShapeError {
        JSONShapeError(at: path.appending(key), problem, fix: fix)
    }

    public func value(_ key: String) throws(JSONShapeError) -> JSONValue {
        guard let value = object[key] else { throw JSONShapeError(at: path, "is missing \"\(key)\"") }
        return value
    }

    /// The member's value, or nil when it is absent or `null`.
    public func optionalValue(_ key: String) -> JSONValue? {
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }

    public func string(_ key: String) throws(JSONShapeError) -> String {
        let value = try value(key)
        guard let s = value.stringValue else { throw invalid(key, "must be a string, not \(value.typeDescription)") }
        return s
    }

    public func optionalString(_ key: String) throws(JSONShapeError) -> String? {
        guard let value = optionalValue(key) else { return nil }
        guard let s = value.stringValue else { throw invalid(key, "must be a string or null") }
        return s
    }

    public func bool(_ key: String) throws(JSONShapeError) -> Bool {
        let value = try value(key)
        guard let b = value.boolValue else { throw invalid(key, "must be true or false, not \(value.typeDescription)") }
        return b
    }

    /// A whole number written as one: `7`, never `7.0` or `7e0` (those are other literals of the
    /// same number, and a format whose numbers have one spelling cannot be read two ways).
    public func integer(_ key: String) throws(JSONShapeError) -> Int64 {
        guard let n = try value(key).numberValue?.int64Value else { throw invalid(key, "must be a whole number") }
        return n
    }

    /// A whole number in `range`; `unit` names what it counts, for the message.
    public func integer(_ key: String, in range: ClosedRange<Int64>, _ unit: String) throws(JSONShapeError) -> Int64 {
        let n = try integer(key)
        guard range.contains(n) else {
            throw invalid(key, "must be \(unit) from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    public func array(_ key: String) throws(JSONShapeError) -> [JSONValue] {
        let value = try value(key)
        guard let a = value.arrayValue else { throw invalid(key, "must be an array, not \(value.typeDescription)") }
        return a
    }

    public func strings(_ key: String) throws(JSONShapeError) -> [String] {
        var out: [String] = []
        for (i, element) in try array(key).enumerated() {
            guard let s = element.stringValue else {
                throw JSONShapeError(at: path.appending(key).appending(i), "must be a string")
            }
            out.append(s)
        }
        return out
    }

    /// A reader over the member, which must be an object.
    public func object(_ key: String) throws(JSONShapeError) -> JSONObjectReader {
        try JSONObjectReader(try value(key), at: path.appending(key))
    }
}
