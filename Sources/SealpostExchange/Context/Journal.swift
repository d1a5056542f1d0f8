import SealpostCore

/// A folder of journalled replies (acknowledgements, outcomes, declines): one JSON file per entry,
/// named by the entry's id and rewritten atomically at each step, so a command killed at any
/// point finds what it had begun on its next run (spec/exchange.md §Acknowledging).
public protocol ExchangeJournal: Sendable {
    associatedtype Entry: JournalEntry
    var directory: String { get }
}

/// One journalled reply.
public protocol JournalEntry: Codable, Sendable {
    /// The id that names its file.
    var journalID: String { get }
    /// Unix seconds.
    var journalledAt: Int64 { get }
    /// True when no step is left to do.
    var isDone: Bool { get }
    /// What writing it does, for an error message ("journal the outcome").
    static var journalling: String { get }
}

extension ExchangeJournal {
    func path(_ id: String) -> String { "\(directory)/\(id).json" }

    public func entry(_ id: String) throws(ExchangeError) -> Entry? { try StoreFiles.read(Entry.self, from: path(id)) }

    public func write(_ entry: Entry) throws(ExchangeError) {
        try StoreFiles.makeDirectory(directory)
        try StoreFiles.write(entry, to: path(entry.journalID), doing: Entry.journalling)
    }

    /// Every entry, oldest first.
    public func entries() throws(ExchangeError) -> [Entry] {
        var out: [Entry] = []
        for id in StoreFiles.jsonIDs(in: directory) {
            if let entry = try entry(id) { out.append(entry) }
        }
        return out.sorted { ($0.journalledAt, $0.journalID) < ($1.journalledAt, $1.journalID) }
    }

    /// Entries with a step still to do.
    public func unfinished() throws(ExchangeError) -> [Entry] { try entries().filter { !$0.isDone } }
}
