import SealpostRecord

/// A set of facts members: a receipt kind's facts, a group several kinds share, or an object
/// nested in facts. Its `members` table is the one place that names each member as
/// spec/receipts.md §Kinds spells it and the property that holds it; reading and writing both
/// follow the table, so what a type writes is what it reads back.
///
/// Reading is lenient about absence: a log written by an earlier version may lack a member, and
/// then the property keeps its default (nil, empty, zero). Reading never fails: the statement's
/// signature, not its shape, is what the verifier checks.
public protocol FactsGroup: Sendable, Equatable {
    /// Every member at its default, where reading starts.
    init()
    /// The members, in the order spec/receipts.md gives them.
    static var members: [FactsMember<Self>] { get }
}

/// A receipt kind's facts: the members of its statement besides format, kind, by and at.
public protocol ReceiptFacts: FactsGroup {
    static var kind: Receipt.Kind { get }
}

extension FactsGroup {
    /// Reads the members from an object (a statement, or the object a group is nested as).
    public init(_ facts: FactsReader) {
        self.init()
        for member in Self.members { member.read(facts, &self) }
    }

    /// Reads the facts from a receipt statement (or any object holding the members).
    public init(statement: JSONObject) { self.init(FactsReader(statement)) }

    public func write(to facts: inout FactsWriter) {
        for member in Self.members { member.write(self, &facts) }
    }

    /// The members as an object.
    public var json: JSONObject {
        var writer = FactsWriter()
        write(to: &writer)
        return writer.object
    }
}

/// One row of a `members` table: how a member is read into, and written from, a property.
public struct FactsMember<Root> {
    let read: (FactsReader, inout Root) -> Void
    let write: (Root, inout FactsWriter) -> Void

    /// A member read and written by hand, for one whose spelling differs from its property's type.
    public init(read: @escaping (FactsReader, inout Root) -> Void, write: @escaping (Root, inout FactsWriter) -> Void) {
        (self.read, self.write) = (read, write)
    }

    private init<Value>(_ key: String, _ path: WritableKeyPath<Root, Value>, read: @escaping (FactsReader) -> Value?,
                        write: @escaping (inout FactsWriter, Value) -> Void) {
        self.init(read: { f, root in if let value = read(f) { root[keyPath: path] = value } },
                  write: { root, f in write(&f, root[keyPath: path]) })
    }

    public static func member(_ key: String, _ path: WritableKeyPath<Root, String>) -> Self {
        Self(key, path, read: { $0.string(key) }, write: { $0.put(key, $1) })
    }

    public static func member(_ key: String, _ path: WritableKeyPath<Root, String?>) -> Self {
        Self(key, path, read: { $0.string(key) }, write: { $0.put(key, $1) })
    }

    public static func member(_ key: String, _ path: WritableKeyPath<Root, Int64>) -> Self {
        Self(key, path, read: { $0.int(key) }, write: { $0.put(key, $1) })
    }

    public static func member(_ key: String, _ path: WritableKeyPath<Root, Int64?>) -> Self {
        Self(key, path, read: { $0.int(key) }, write: { $0.put(key, $1) })
    }

    public static func member(_ key: String, _ path: WritableKeyPath<Root, [String]>) -> Self {
        Self(key, path, read: { $0.strings(key) }, write: { $0.put(key, $1) })
    }

    public static func member<G: FactsGroup>(_ key: String, _ path: WritableKeyPath<Root, G>) -> Self {
        Self(key, path, read: { $0.group(key) }, write: { $0.put(key, $1) })
    }

    public static func member<G: FactsGroup>(_ key: String, _ path: WritableKeyPath<Root, G?>) -> Self {
        Self(key, path, read: { $0.group(key) }, write: { f, value in if let value { f.put(key, value) } })
    }

    public static func member<G: FactsGroup>(_ key: String, _ path: WritableKeyPath<Root, [G]>) -> Self {
        Self(key, path, read: { $0.groups(key) }, write: { $0.put(key, $1) })
    }

    public static func member<G: FactsGroup>(_ key: String, _ path: WritableKeyPath<Root, [G]?>) -> Self {
        Self(key, path, read: { $0.groups(key) }, write: { f, value in if let value { f.put(key, value) } })
    }

    /// A group whose members stand among this object's own, with no member name of its own.
    public static func inline<G: FactsGroup>(_ path: WritableKeyPath<Root, G>) -> Self {
        Self(read: { f, root in root[keyPath: path] = G(f) }, write: { root, f in root[keyPath: path].write(to: &f) })
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

    public mutating func put(_ key: String, _ value: some FactsGroup) {
        object[key] = .object(value.json)
    }

    public mutating func put(_ key: String, _ values: [some FactsGroup]) {
        object[key] = .array(values.map { .object($0.json) })
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
