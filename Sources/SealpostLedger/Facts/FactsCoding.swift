import SealpostRecord

/// A receipt kind's facts as one type, written and read by that same type, so a member is named
/// in one place (spec/receipts.md §Kinds gives the members of each kind).
///
/// Reading is lenient about absence: a log written by an earlier version may lack a member, and
/// then the property is nil (or empty). Reading never fails: the statement's signature, not its
/// shape, is what the verifier checks.
public protocol ReceiptFacts: Sendable, Equatable {
    static var kind: Receipt.Kind { get }
    init(_ facts: FactsReader)
    func write(to facts: inout FactsWriter)
}

extension ReceiptFacts {
    /// Reads the facts from a receipt statement (or any object holding the kind's members).
    public init(statement: JSONObject) { self.init(FactsReader(statement)) }

    /// The facts as the members of a statement, without format, kind, by and at.
    public var json: JSONObject {
        var writer = FactsWriter()
        write(to: &writer)
        return writer.object
    }
}

/// Builds a facts object; a nil value leaves its member out.
public struct FactsWriter: Sendable {
    public private(set) var object = JSONObject()

    public init() {}

    public mutating func put(_ key: String, _ value: String?) {
        if let value { object[key] = .string(value) }
    }

    public mutating func put(_ key: String, _ value: Int64?) {
        if let value { object[key] = .number(JSONNumber(value)) }
    }

    public mutating func put(_ key: String, _ values: [String]?) {
        if let values { object[key] = .array(values.map { .string($0) }) }
    }

    public mutating func put(_ key: String, _ value: JSONValue?) {
        if let value { object[key] = value }
    }

    /// Writes `value`'s members into this object (for groups of members several kinds share).
    public mutating func put(_ value: some FactsGroup) { value.write(to: &self) }

    public mutating func put(_ key: String, _ value: some FactsGroup) {
        var inner = FactsWriter()
        value.write(to: &inner)
        object[key] = .object(inner.object)
    }

    public mutating func put(_ key: String, _ value: (some FactsGroup)?) {
        if let value { put(key, value) }
    }

    public mutating func put(_ key: String, _ values: [some FactsGroup]?) {
        guard let values else { return }
        object[key] = .array(values.map { value in
            var inner = FactsWriter()
            value.write(to: &inner)
            return .object(inner.object)
        })
    }
}

/// Reads members of a facts object by type; a member that is absent or of another type is nil.
public struct FactsReader: Sendable {
    public let object: JSONObject

    public init(_ object: JSONObject) { self.object = object }

    public func string(_ key: String) -> String? { object[key]?.stringValue }
    public func int(_ key: String) -> Int64? { object[key]?.numberValue?.int64Value }
    public func value(_ key: String) -> JSONValue? { object[key] }
    public func has(_ key: String) -> Bool { object[key] != nil }

    /// The strings of an array member (other elements skipped); nil when absent.
    public func strings(_ key: String) -> [String]? { object[key]?.arrayValue?.compactMap(\.stringValue) }

    public func group<G: FactsGroup>(_ key: String, as: G.Type = G.self) -> G? {
        object[key]?.objectValue.map { G(FactsReader($0)) }
    }

    public func groups<G: FactsGroup>(_ key: String, as: G.Type = G.self) -> [G]? {
        object[key]?.arrayValue?.compactMap { $0.objectValue.map { G(FactsReader($0)) } }
    }
}

/// A set of members that several kinds share, or an object nested in facts.
public protocol FactsGroup: Sendable, Equatable {
    init(_ facts: FactsReader)
    func write(to facts: inout FactsWriter)
}

extension FactsGroup {
    /// The group's members as an object.
    public var json: JSONObject {
        var writer = FactsWriter()
        write(to: &writer)
        return writer.object
    }
}
