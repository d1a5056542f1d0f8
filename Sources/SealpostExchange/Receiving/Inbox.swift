#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SealpostCore

/// What this agency has received and opened: `HOME/inbox/` (spec/exchange.md §Inbox).
///
///     HOME/inbox/<envelope id>/record.json      the record as the sender sent it (0600)
///     HOME/inbox/<envelope id>/envelope.sealed  the envelope as fetched, signature and all
///     HOME/inbox/<envelope id>/entry.json       its InboxEntry
///     HOME/inbox/<envelope id>/attachments/     the files sent with it, under safe names (0600)
///
/// A record is committed whole or not at all: the three files are written and fsynced in a
/// private folder `HOME/inbox/.incoming-…`, which is then renamed to `<envelope id>` and the inbox
/// folder fsynced. A crash or a full disk before the rename leaves only the private folder,
/// removed on the next store; after it, the record is there exactly once. The envelope id is the
/// hash of the envelope's bytes, so the same envelope delivered twice is found by its folder.
public struct Inbox: Sendable {
    public let directory: String
    /// The content file's name in each folder: `record.json`, or `request.json` for requests.
    public let contentName: String

    public init(home: Home) {
        directory = home.inboxDirectory
        contentName = "record.json"
    }

    /// The same layout in another folder, with another content file name.
    public init(directory: String, contentName: String) {
        self.directory = directory
        self.contentName = contentName
    }

    /// The requests other agencies sent this one (spec/exchange.md §Requests): `HOME/requests/in`,
    /// each folder holding `request.json`, `envelope.sealed` and `entry.json`.
    public static func requests(home: Home) -> Inbox { Inbox(directory: home.requestsInDirectory, contentName: "request.json") }

    public func folder(_ id: String) -> String { "\(directory)/\(id)" }
    /// The stored content: the record (or the request, in the requests inbox).
    public func recordPath(_ id: String) -> String { folder(id) + "/" + contentName }

    /// The stored content (the record's or request's JSON) of an envelope opened here.
    public func content(_ id: String) -> [UInt8]? { StoreFiles.bytes(at: recordPath(id)) }
    func envelopePath(_ id: String) -> String { folder(id) + "/envelope.sealed" }
    func entryPath(_ id: String) -> String { folder(id) + "/entry.json" }

    public enum StoreOutcome: Sendable, Equatable { case stored, duplicate }

    /// The folder of a stored record's attachments.
    public func attachmentsFolder(_ id: String) -> String { folder(id) + "/attachments" }

    /// Stores a verified record held in memory (`store(content:envelope:entry:attachments:)` with bytes).
    public func store(content: [UInt8], envelope: [UInt8], entry: InboxEntry,
                      attachments: [(name: String, bytes: [UInt8])] = []) throws(ExchangeError) -> StoreOutcome {
        try store(content: content, envelope: .bytes(envelope), entry: entry, attachments: attachments.map { ($0.name, .bytes($0.bytes)) })
    }

    /// Stores a verified record, with its verified attachments under the safe names given (each
    /// one path component, distinct: AttachmentName). The envelope and attachments are written
    /// from memory, or moved from the private files they were fetched into (FetchedEnvelope).
    /// Returns `.duplicate`, writing nothing, when it is already here.
    public func store(content: [UInt8], envelope: StagedBytes, entry: InboxEntry,
                      attachments: [(name: String, bytes: StagedBytes)]) throws(ExchangeError) -> StoreOutcome {
        if try self.entry(entry.envelopeID) != nil { return .duplicate }
        try StoreFiles.makeDirectory(directory)
        removeIncomplete()
        let staging = "\(directory)/.incoming-\(entry.envelopeID.prefix(16))-\(Hex.encode((0..<6).map { _ in UInt8.random(in: 0...255) }))"
        guard mkdir(staging, 0o700) == 0 else { throw .storage(IOError(path: staging, errno: errno), doing: "store the received record") }
        do throws(IOError) {
            try AtomicFile.write(content, to: staging + "/" + contentName, mode: 0o600)
            try envelope.place(at: staging + "/envelope.sealed")
            // Its commit fsyncs the staging folder, which makes the envelope's rename durable too.
            try AtomicFile.write(StoreFiles.encode(entry), to: staging + "/entry.json", mode: 0o600)
            if !attachments.isEmpty {
                let folder = staging + "/attachments"
                guard mkdir(folder, 0o700) == 0 else { throw IOError(path: folder, errno: errno) }
                for file in attachments {
                    precondition(!file.name.contains("/") && file.name != "." && file.name != "..", "attachment names are made safe before storing")
                    try file.bytes.place(at: folder + "/" + file.name)
                }
                try AtomicFile.syncDirectory(folder)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw .storage(error, doing: "store the received record (nothing was kept, and it was not acknowledged)")
        }
        CrashPoint.reached("inbox-staged")
        guard rename(staging, folder(entry.envelopeID)) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(atPath: staging)
            if code == EEXIST || code == ENOTEMPTY { return .duplicate }
            throw .storage(IOError(path: folder(entry.envelopeID), errno: code), doing: "store the received record")
        }
        do { try AtomicFile.syncDirectory(directory) } catch { throw .storage(error, doing: "make the stored record durable") }
        return .stored
    }

    /// Removes private folders left by a store that did not finish (a crash or a full disk).
    public func removeIncomplete() {
        for name in StoreFiles.names(in: directory) where name.hasPrefix(".incoming-") {
            try? FileManager.default.removeItem(atPath: "\(directory)/\(name)")
        }
    }

    public func entry(_ id: String) throws(ExchangeError) -> InboxEntry? {
        try StoreFiles.read(InboxEntry.self, from: entryPath(id))
    }

    public func envelope(_ id: String) -> [UInt8]? { StoreFiles.bytes(at: envelopePath(id)) }

    /// Every stored record's entry, oldest first.
    public func entries() throws(ExchangeError) -> [InboxEntry] {
        var out: [InboxEntry] = []
        for name in StoreFiles.names(in: directory) where EnvelopeID(hex: name) != nil {
            if let entry = try entry(name) { out.append(entry) }
        }
        return out.sorted { ($0.receivedAt, $0.envelopeID) < ($1.receivedAt, $1.envelopeID) }
    }
}
