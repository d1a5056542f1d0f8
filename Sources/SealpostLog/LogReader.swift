import SealpostCore
import SealpostJSON

/// One entry as read back for display, with its details when they are still there and match.
public struct LogRecord: Sendable {
    public let entry: LogEntry
    public let details: LogDetails?
    /// Details are held for this entry but sealed, and were read without the identity.
    public let detailsSealed: Bool
    /// The entry's facts, parsed once.
    public let facts: JSONObject?

    public init(entry: LogEntry, details: LogDetails?, detailsSealed: Bool = false) {
        self.entry = entry
        self.details = details
        self.detailsSealed = detailsSealed
        facts = entry.facts
    }

    /// A fact by key, looked for at the top of the facts and inside a `receipt` object.
    public func fact(_ key: String) -> JSONValue? {
        guard let facts else { return nil }
        return facts[key] ?? facts["receipt"]?.objectValue?[key]
    }

    public func text(_ key: String) -> String? { fact(key)?.stringValue }
}

/// Reads a log for listing, showing and exporting. It does not verify (that is `LogVerifier`):
/// a line that does not parse is skipped and reported, so a damaged log can still be looked at.
public enum LogReader {
    public struct Contents: Sendable {
        public var records: [LogRecord] = []
        /// Line numbers of lines that are not entries.
        public var damagedLines: [Int] = []
        public var tornTail = 0
    }

    /// Reads the log in `directory`; sealed details are opened with `atRest` (without it, or
    /// with a public key only, entries show their facts and `detailsSealed`).
    public static func read(directory: String, atRest: AtRest? = nil) throws(LogError) -> Contents {
        var contents = Contents()
        let chainPath = directory + "/" + ReceiptLog.chainFileName
        let detailsPath = directory + "/" + ReceiptLog.detailsFileName
        let chain: MappedFile
        do { chain = try MappedFile(path: chainPath) } catch {
            throw LogError("there is no receipt log at \(directory)", hint: "the log starts with the first send or receipt")
        }
        var details: [Int64: [LogDetails]] = [:]
        var sealed = Set<Int64>()
        if let file = try? MappedFile(path: detailsPath) {
            let lines = file.lines().lines
            let stored = LogVerifier.parallelMap(lines) { range -> (Int64, LogDetails?, Bool)? in
                guard let line = StoredDetails.parse(line: file.slice(range)) else { return nil }
                return (line.seq, line.open(with: atRest), line.isSealed)
            }
            for case let (seq, opened, isSealed)? in stored {
                if let opened { details[seq, default: []].append(opened) } else if isSealed { sealed.insert(seq) }
            }
        }
        let (lines, torn) = chain.lines()
        contents.tornTail = torn
        for (index, range) in lines.enumerated() {
            guard let entry = try? LogEntry.parse(line: chain.slice(range)) else {
                contents.damagedLines.append(index + 1)
                continue
            }
            let matching = details[entry.seq]?.last { $0.commitment == entry.commitment }
            contents.records.append(LogRecord(entry: entry, details: matching, detailsSealed: matching == nil && sealed.contains(entry.seq)))
        }
        return contents
    }
}
