import Foundation
import SealpostCore
import SealpostRecord

/// Where an agency keeps the records its practitioners are writing: `HOME/drafts/<id>.sealed`,
/// each an envelope sealed to the agency's own key and signed by it (as the pseudonym maps are), so
/// a draft is encrypted at rest, only this agency can read it, and a file changed or swapped in
/// by anyone without the key does not open. The file name is a random id that says nothing of the
/// record; the envelope's only attribute is the draft format.
///
/// Saving replaces the whole file atomically (AtomicFile), so a draft is either the old or the new
/// one, never half of each. A send deletes its draft once the envelopes are in the outbox.
/// A draft's documents are sealed beside it (DraftDocuments) and deleted with it.
public struct Drafts: Sendable {
    public let home: Home
    public static let contentType = "application/vnd.sealpost.draft+json"
    /// The most drafts a home keeps: past it, starting another is refused with the fix.
    public static let maximumCount = 1_000

    public init(home: Home) { self.home = home }

    func path(_ id: String) -> String { home.draftsDirectory + "/" + id + ".sealed" }

    /// The ids of the drafts held, from the file names alone (nothing is opened).
    public func ids() -> [String] {
        StoreFiles.names(in: home.draftsDirectory).filter { $0.hasSuffix(".sealed") }.map { String($0.dropLast(7)) }.filter(Draft.isID)
    }

    public var count: Int { ids().count }

    /// Seals `draft` to `identity` and stores it, replacing any earlier version. The plaintext is
    /// wiped from memory once sealed.
    public func save(_ draft: Draft, identity: Identity) throws(ExchangeError) {
        guard Draft.isID(draft.id) else { throw ExchangeError(.record, "a draft id must be 32 hex digits") }
        if !StoreFiles.exists(path(draft.id)), count >= Self.maximumCount {
            throw ExchangeError(.storage, "this home already holds \(Self.maximumCount) drafts",
                                hint: "send or delete drafts that are no longer needed, then start again")
        }
        try StoreFiles.makeDirectory(home.draftsDirectory)
        var content = JSONWriter().bytes(draft.jsonValue)
        defer { for i in content.indices { content[i] = 0 } }
        let envelope: [UInt8]
        do {
            envelope = try EnvelopeSealer(sender: identity).seal(
                content, recipients: [identity.boxKey.publicKey], contentType: Self.contentType,
                attributes: ["format": Draft.format], createdAt: UInt64(max(0, draft.updatedAt))).envelope
        } catch {
            throw ExchangeError(.storage, "cannot seal the draft", hint: "nothing was changed; try again")
        }
        do { try AtomicFile.write(envelope, to: path(draft.id), mode: 0o600) } catch { throw .storage(error, doing: "save the draft") }
    }

    /// The draft `id`, opened with `identity`; nil when there is no such draft.
    public func load(_ id: String, identity: Identity) throws(ExchangeError) -> Draft? {
        guard Draft.isID(id), let bytes = StoreFiles.bytes(at: path(id)) else { return nil }
        let opener = EnvelopeOpener(identity: identity, senders: CardDirectory(cards: [identity.card]))
        var content: [UInt8]
        do {
            let (plain, opened) = try opener.open(bytes)
            guard opened.manifest.contentType == Self.contentType else {
                throw ExchangeError(.storage, "the file for draft \(id) is not a draft", hint: "move it out of \(home.draftsDirectory)")
            }
            content = plain
        } catch let error as ExchangeError {
            throw error
        } catch {
            throw ExchangeError(.storage, "draft \(id) does not open with this agency's key: it was damaged or not written here",
                                hint: "move \(path(id)) aside; other drafts are unaffected")
        }
        defer { for i in content.indices { content[i] = 0 } }
        let value: JSONValue
        do { value = try JSONParser.parse(content) } catch {
            throw ExchangeError(.storage, "draft \(id) is damaged (not JSON)", hint: "move \(path(id)) aside")
        }
        let draft = try Draft(parsing: value, source: "draft \(id)")
        guard draft.id == id else { throw ExchangeError(.storage, "draft \(id) holds another draft's content", hint: "move \(path(id)) aside") }
        return draft
    }

    /// Every draft that opens, most recently changed first, and how many would not open.
    public func list(identity: Identity) -> (drafts: [Draft], damaged: Int) {
        var drafts: [Draft] = []
        var damaged = 0
        for id in ids() {
            if let draft = try? load(id, identity: identity) { drafts.append(draft) } else { damaged += 1 }
        }
        return (drafts.sorted { ($0.updatedAt, $0.id) > ($1.updatedAt, $1.id) }, damaged)
    }

    /// Deletes draft `id` and its documents (nothing if there is none).
    public func delete(_ id: String) throws(ExchangeError) {
        guard Draft.isID(id) else { return }
        try DraftDocuments(home: home).removeAll(of: id)
        guard StoreFiles.exists(path(id)) else { return }
        do { try FileManager.default.removeItem(atPath: path(id)) } catch {
            throw ExchangeError(.storage, "cannot delete draft \(id)", hint: "check that \(home.draftsDirectory) is writable")
        }
    }
}
