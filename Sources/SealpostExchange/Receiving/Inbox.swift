#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SealpostCore
import SealpostSodium

/// What this agency has received and opened: `HOME/inbox/` (spec/exchange.md §Inbox).
///
///     HOME/inbox/<envelope id>/record.sealed    the record as the sender sent it, sealed (AtRest)
///     HOME/inbox/<envelope id>/envelope.sealed  the envelope as fetched, signature and all
///     HOME/inbox/<envelope id>/entry.json       its InboxEntry: facts only (no attachment names)
///     HOME/inbox/<envelope id>/attachments/     N.sealed: attachment N (from 1), sealed; and
///                                               names.sealed: the sender's names and safe names
///
/// Everything that may name a person (the record, the attachments and their names) is sealed to
/// the agency's own key (AtRest: writing needs only its public key, reading the unlocked
/// identity); `entry.json` holds ids, agencies, purpose, times and hashes, which `sealpost status`
/// reads without the passphrase. Homes written before sealing held `record.json` and attachments
/// under their safe names in plaintext; the home's migration (HomeSealing) seals them in place.
///
/// A record is committed whole or not at all: the three files are written and fsynced in a
/// private folder `HOME/inbox/.incoming-…`, which is then renamed to `<envelope id>` and the inbox
/// folder fsynced. A crash or a full disk before the rename leaves only the private folder,
/// removed on the next store; after it, the record is there exactly once. The envelope id is the
/// hash of the envelope's bytes, so the same envelope delivered twice is found by its folder.
public struct Inbox: Sendable {
    public let directory: String
    /// The content file's base name in each folder: `record`, or `request` for requests.
    public let contentName: String
    /// Seals what is stored and, holding the identity, opens it; nil: entries (facts) only.
    public let atRest: AtRest?

    public init(home: Home, atRest: AtRest? = nil) {
        self.init(directory: home.inboxDirectory, contentName: "record", atRest: atRest)
    }

    /// The same layout in another folder, with another content file name.
    public init(directory: String, contentName: String, atRest: AtRest? = nil) {
        self.directory = directory
        self.contentName = contentName
        self.atRest = atRest
    }

    /// The requests other agencies sent this one (spec/exchange.md §Requests): `HOME/requests/in`,
    /// each folder holding `request.sealed`, `envelope.sealed` and `entry.json`.
    public static func requests(home: Home, atRest: AtRest? = nil) -> Inbox {
        Inbox(directory: home.requestsInDirectory, contentName: "request", atRest: atRest)
    }

    public func folder(_ id: String) -> String { "\(directory)/\(id)" }
    /// The stored content, sealed: the record (or the request, in the requests inbox).
    public func recordPath(_ id: String) -> String { folder(id) + "/" + contentName + ".sealed" }
    /// Where a home written before sealing held the content in plaintext (migration only).
    public func plaintextRecordPath(_ id: String) -> String { folder(id) + "/" + contentName + ".json" }

    /// The stored content (the record's or request's JSON) of an envelope opened here; nil when
    /// there is none, or it cannot be opened (no identity, or damaged: `readContent` says which).
    public func content(_ id: String) -> [UInt8]? { try? readContent(id) }

    /// The stored content, opened; nil when there is none.
    public func readContent(_ id: String) throws(ExchangeError) -> [UInt8]? {
        guard StoreFiles.exists(recordPath(id)) else { return nil }
        guard let atRest, atRest.canOpen else {
            throw ExchangeError(.locked, "the \(contentName) is sealed to this agency's key", hint: "unlock the home with its passphrase to read it")
        }
        do { return try atRest.read(recordPath(id), what: "the \(contentName) in \(folder(id))") } catch {
            throw ExchangeError(.storage, error.reason, hint: "restore \(folder(id)) from a backup, or open the envelope again from envelope.sealed")
        }
    }

    func envelopePath(_ id: String) -> String { folder(id) + "/envelope.sealed" }
    func entryPath(_ id: String) -> String { folder(id) + "/entry.json" }

    public enum StoreOutcome: Sendable, Equatable { case stored, duplicate }

    /// The folder of a stored record's attachments.
    public func attachmentsFolder(_ id: String) -> String { folder(id) + "/attachments" }
    /// Attachment `index` (from 0) of a stored record, sealed.
    public func attachmentPath(_ id: String, index: Int) -> String { attachmentsFolder(id) + "/\(index + 1).sealed" }
    func attachmentNamesPath(_ id: String) -> String { attachmentsFolder(id) + "/names.sealed" }

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
        guard let atRest else {
            try? FileManager.default.removeItem(atPath: staging)
            throw ExchangeError(.storage, "cannot store the received record: no key to seal it with", hint: "this is a bug; nothing was kept")
        }
        do throws(IOError) {
            try atRest.write(content, to: staging + "/" + contentName + ".sealed")
            try envelope.place(at: staging + "/envelope.sealed")
            // Its commit fsyncs the staging folder, which makes the envelope's rename durable too.
            try AtomicFile.write(StoreFiles.encode(entry.withoutNames), to: staging + "/entry.json", mode: 0o600)
            if !attachments.isEmpty {
                let folder = staging + "/attachments"
                guard mkdir(folder, 0o700) == 0 else { throw IOError(path: folder, errno: errno) }
                try Self.writeSealedAttachments(attachments.map(\.bytes), names: entry.attachments ?? [], into: folder, atRest: atRest)
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

    /// Writes attachments `1.sealed`, `2.sealed`, ... and `names.sealed` (the sender's names and
    /// the safe names, as JSON) into `folder`.
    static func writeSealedAttachments(_ files: [StagedBytes], names: [InboxEntry.ReceivedAttachment], into folder: String,
                                       atRest: AtRest) throws(IOError) {
        for (i, file) in files.enumerated() { try file.seal(at: folder + "/\(i + 1).sealed", with: atRest) }
        try atRest.write(StoreFiles.encode(names.map { [$0.name, $0.stored] }), to: folder + "/names.sealed")
    }

    /// The entry of envelope `id`; with the identity, its attachments' names filled in from
    /// `names.sealed` (without it they are empty).
    public func entry(_ id: String) throws(ExchangeError) -> InboxEntry? {
        guard var entry = try StoreFiles.read(InboxEntry.self, from: entryPath(id)) else { return nil }
        if let attachments = entry.attachments, let atRest, atRest.canOpen,
           let bytes = try? atRest.read(attachmentNamesPath(id), what: "the attachments' names"),
           let names = try? JSONDecoder().decode([[String]].self, from: Data(bytes)), names.count == attachments.count,
           names.allSatisfy({ $0.count == 2 }) {
            for i in attachments.indices {
                entry.attachments?[i].name = names[i][0]
                entry.attachments?[i].stored = names[i][1]
            }
        }
        return entry
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
