import SealpostRecord

/// Which entries a listing or export shows: every criterion given must hold.
public struct LedgerFilter: Sendable {
    /// Entry kinds (`sent`, `received`, ...); empty for all.
    public var kinds: [String] = []
    public var counterpart: String?
    /// Text searched, case-insensitively, in the entry's details (the child's name or identifiers).
    public var child: String?
    /// Unix milliseconds, inclusive.
    public var since: Int64?
    /// Unix milliseconds, exclusive.
    public var until: Int64?

    public init(kinds: [String] = [], counterpart: String? = nil, child: String? = nil, since: Int64? = nil, until: Int64? = nil) {
        (self.kinds, self.counterpart, self.child, self.since, self.until) = (kinds, counterpart, child, since, until)
    }

    public func matches(_ entry: LedgerEntry) -> Bool {
        if !kinds.isEmpty, !kinds.contains(entry.kind) { return false }
        if let counterpart, !entry.counterparts(owner: "").contains(counterpart) { return false }
        if let since, entry.at < since { return false }
        if let until, entry.at >= until { return false }
        if let child {
            guard let details = entry.detailsJSON else { return false }
            let text = String(decoding: JSONValue.object(details).serialized(), as: UTF8.self).lowercased()
            guard text.contains(child.lowercased()) else { return false }
        }
        return true
    }

    public func apply(to entries: [LedgerEntry]) -> [LedgerEntry] { entries.filter(matches) }
}
