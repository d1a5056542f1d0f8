/// A record field as a data-sharing agreement names it: `subject.dob`, `household[].phone`, `narrative`.
///
/// Syntax: member names joined by `.`; a name followed by `[]` stands for every element of that
/// array of objects, and is always followed by the element's member (`parties[].name`). A path
/// names a whole field with everything under it: `subject` covers `subject.name` and the rest,
/// `parties` covers every member of every party. Fields whose values are scalars or lists of
/// scalars (`subject.aka`, `concern.categories`) are leaves. Only paths in `catalogue` exist.
public struct FieldPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// The path, when `rawValue` is in the catalogue.
    public init?(_ rawValue: String) {
        guard FieldCatalogue.shared.index[rawValue] != nil else { return nil }
        self.rawValue = rawValue
    }

    init(known rawValue: String) {
        self.rawValue = rawValue
    }

    /// Every field path of a record, parents before their children, in the order of `spec/record.md`.
    public static var catalogue: [FieldPath] { FieldCatalogue.shared.paths }

    /// The leaves only: the fields that hold values.
    public static var leaves: [FieldPath] { catalogue.filter(\.isLeaf) }

    /// The enclosing field: `household` for `household[].phone`, nil at the top level.
    public var parent: FieldPath? {
        FieldCatalogue.shared.parent[rawValue].map(FieldPath.init(known:))
    }

    /// The fields directly under this one.
    public var children: [FieldPath] {
        FieldCatalogue.shared.children[rawValue, default: []].map(FieldPath.init(known:))
    }

    public var isLeaf: Bool { children.isEmpty }

    /// Whether `other` is this field or lies under it.
    public func covers(_ other: FieldPath) -> Bool {
        var current: FieldPath? = other
        while let path = current {
            if path == self { return true }
            current = path.parent
        }
        return false
    }

    /// Catalogue order.
    public static func < (lhs: FieldPath, rhs: FieldPath) -> Bool {
        let index = FieldCatalogue.shared.index
        return index[lhs.rawValue, default: .max] < index[rhs.rawValue, default: .max]
    }

    public var description: String { rawValue }
}

/// The shape of the record as the field paths see it, and the catalogue derived from it.
struct FieldCatalogue: Sendable {
    indirect enum Shape: Sendable {
        case leaf
        /// An object with these members.
        case object([Node])
        /// An array of objects with these members.
        case objects([Node])
    }

    struct Node: Sendable {
        let name: String
        let shape: Shape
        init(_ name: String, _ shape: Shape = .leaf) {
            self.name = name
            self.shape = shape
        }
    }

    /// The record's members. Must agree with the model's `fields` lists (a test checks).
    static let record: [Node] = [
        Node("id"),
        Node("author", .object(["name", "job_title", "organisation", "phone", "email"].map { Node($0) })),
        Node("subject", .object(["name", "aka", "gender", "dob", "address", "school", "nhs_number"].map { Node($0) })),
        Node("household", .objects(["id", "relationship", "name", "aka", "dob", "address", "phone", "email",
                                    "alleged_perpetrator"].map { Node($0) })),
        Node("parties", .objects(["id", "role", "relationship", "name", "aka", "address", "phone", "email", "dob",
                                  "nhs_number", "ni_number", "is_referrer", "protect"].map { Node($0) })),
        Node("narrative"),
        Node("statements", .objects(["text", "kind", "time", "source"].map { Node($0) })),
        Node("concern", .object(["categories", "risk_level", "urgency"].map { Node($0) })),
        Node("purpose"),
        Node("lawful_basis", .object(["article_6", "article_9"].map { Node($0) })),
        Node("consent", .object(["status", "reason"].map { Node($0) } + [Node("family", .object(["status", "by", "reason"].map { Node($0) }))])),
    ]

    static let shared = FieldCatalogue()

    let paths: [FieldPath]
    let index: [String: Int]
    let parent: [String: String]
    let children: [String: [String]]

    private init() {
        var paths: [FieldPath] = []
        var parent: [String: String] = [:]
        var children: [String: [String]] = [:]
        func walk(_ nodes: [Node], prefix: String, parentPath: String?) {
            for node in nodes {
                let path = prefix + node.name
                paths.append(FieldPath(known: path))
                if let parentPath {
                    parent[path] = parentPath
                    children[parentPath, default: []].append(path)
                }
                switch node.shape {
                case .leaf: break
                case .object(let members): walk(members, prefix: path + ".", parentPath: path)
                case .objects(let members): walk(members, prefix: path + "[].", parentPath: path)
                }
            }
        }
        walk(FieldCatalogue.record, prefix: "", parentPath: nil)
        (self.paths, self.parent, self.children) = (paths, parent, children)
        index = Dictionary(uniqueKeysWithValues: paths.enumerated().map { ($0.element.rawValue, $0.offset) })
    }
}
