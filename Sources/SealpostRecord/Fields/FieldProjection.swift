import SealpostJSON

/// A record cut down to the fields a recipient may receive, with what was shared and withheld.
///
/// Rules (`spec/record.md` §"Field paths"):
/// - a member is kept, whole, when its field path or an enclosing one is allowed;
/// - a member with allowed fields under it is kept with only those; an object or array element
///   left with nothing is dropped, and so is an array left with no elements (a list of empty
///   objects would still tell the recipient how many people there are);
/// - every other member is dropped, as are members the catalogue does not know.
///
/// `shared` lists the allowed paths under which the record held something; `withheld` lists, for
/// each part of the record that held something and was dropped, the widest field path that covers
/// it and nothing allowed (`parties`, or `parties[].phone` when other party fields were allowed).
/// "Held something" means a value other than null, an empty array or an object of such values.
/// Both lists are paths only, in catalogue order, each path once, never values.
public struct FieldProjection: Sendable, Hashable {
    /// The record with only the allowed fields, members in their original order.
    public let record: JSONValue
    public let shared: [FieldPath]
    public let withheld: [FieldPath]
    /// Members the catalogue does not know, dropped (zero for a record that validated).
    public let unknownMembersDropped: Int

    public init(projecting record: JSONValue, allowing allowed: Set<FieldPath>) {
        var walker = Walker(allowed: allowed)
        if case .object(let object) = record {
            self.record = .object(walker.project(object, nodes: FieldCatalogue.record, prefix: ""))
        } else {
            self.record = .object(JSONObject())
        }
        shared = walker.shared.sorted()
        withheld = walker.withheld.sorted()
        unknownMembersDropped = walker.unknown
    }

    public init(projecting record: SafeguardingRecord, allowing allowed: Set<FieldPath>) {
        self.init(projecting: record.jsonValue, allowing: allowed)
    }

    private struct Walker {
        let allowed: Set<FieldPath>
        /// Paths with an allowed path strictly under them.
        let enclosingAllowed: Set<FieldPath>
        var shared: Set<FieldPath> = []
        var withheld: Set<FieldPath> = []
        var unknown = 0

        init(allowed: Set<FieldPath>) {
            self.allowed = allowed
            var enclosing: Set<FieldPath> = []
            for path in allowed {
                var current = path.parent
                while let p = current {
                    enclosing.insert(p)
                    current = p.parent
                }
            }
            enclosingAllowed = enclosing
        }

        mutating func project(_ object: JSONObject, nodes: [FieldCatalogue.Node], prefix: String) -> JSONObject {
            var kept = JSONObject()
            for member in object.members {
                guard let node = nodes.first(where: { $0.name == member.key }) else {
                    unknown += 1
                    continue
                }
                let path = FieldPath(known: prefix + member.key)
                if allowed.contains(path) {
                    if Walker.holdsSomething(member.value) { shared.insert(path) }
                    kept[member.key] = member.value
                    continue
                }
                guard enclosingAllowed.contains(path) else {
                    if Walker.holdsSomething(member.value) { withheld.insert(path) }
                    continue
                }
                switch (node.shape, member.value) {
                case (.object(let children), .object(let inner)):
                    let projected = project(inner, nodes: children, prefix: path.rawValue + ".")
                    if !projected.isEmpty { kept[member.key] = .object(projected) }
                case (.objects(let children), .array(let elements)):
                    var keptElements: [JSONValue] = []
                    for element in elements {
                        if case .object(let inner) = element {
                            let projected = project(inner, nodes: children, prefix: path.rawValue + "[].")
                            if !projected.isEmpty { keptElements.append(.object(projected)) }
                        } else if Walker.holdsSomething(element) {
                            withheld.insert(path)
                        }
                    }
                    if !keptElements.isEmpty { kept[member.key] = .array(keptElements) }
                default:
                    // A value of the wrong shape (never in a validated record): nothing under it can be allowed.
                    if Walker.holdsSomething(member.value) { withheld.insert(path) }
                }
            }
            return kept
        }

        static func holdsSomething(_ value: JSONValue) -> Bool {
            switch value {
            case .null: return false
            case .array(let elements): return elements.contains(where: holdsSomething)
            case .object(let object): return object.members.contains { holdsSomething($0.value) }
            default: return true
            }
        }
    }
}

extension SafeguardingRecord {
    /// This record with only the fields in `allowed`; see `FieldProjection`.
    public func projected(allowing allowed: Set<FieldPath>) -> FieldProjection {
        FieldProjection(projecting: self, allowing: allowed)
    }
}
