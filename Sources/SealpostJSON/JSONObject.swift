/// A JSON object: members with unique keys, in the order they were written.
///
/// Member order is kept so that a record written back out (after minimisation or redaction) reads
/// in the order its author wrote it, and so that `JSONWriter` output is deterministic. Two objects
/// are equal only when they have the same members in the same order.
public struct JSONObject: Sendable, Hashable {
    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members in order. Keys are unique.
    public private(set) var members: [Member]

    public init() {
        members = []
    }

    /// An object with these members in order. A key that appears more than once keeps the
    /// position of its first appearance and the value of its last; building an object in code
    /// never traps. (The parser rejects duplicate keys before it gets here.)
    public init(_ members: [Member]) {
        self.members = []
        self.members.reserveCapacity(members.count)
        for member in members { self[member.key] = member.value }
    }

    /// Members already known to have unique keys (the parser checks as it goes).
    init(uniqueMembers: [Member]) {
        members = uniqueMembers
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    /// The value for `key`; setting `nil` removes the member, setting a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get {
            for member in members where member.key == key { return member.value }
            return nil
        }
        set {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
            }
        }
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// Members in literal order; a repeated key replaces the earlier value (see `init(_:)`).
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements.map { Member(key: $0.0, value: $0.1) })
    }
}
