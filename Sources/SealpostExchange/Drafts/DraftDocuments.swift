import Foundation
import SealpostCore
import SealpostSodium

/// The documents a practitioner adds to a draft (the web app's "Documents" task), kept sealed
/// until the draft is sent with them as attachments:
///
///     HOME/drafts/<draft id>.documents/<document id>.sealed
///
/// Each file is an envelope sealed to the agency's own key and signed by it, as a draft is, so
/// no document is ever on disk as plaintext and only this agency can open it. Its name is a random
/// id; its name, type and hash are in the (sealed) draft, and bytes that do not hash to what the
/// draft says are refused, so a document cannot be swapped for another even by this agency's key.
///
/// Limits (the app holds a draft's documents in memory to send them, so they are kept small):
/// at most `maximumCount` documents of at most `maximumFileBytes` each, `maximumTotalBytes` in all
/// (never more than one send can carry, OutgoingAttachment.maximumTotalBytes). The types are the
/// command line's (AttachmentKind): PDF, images, office documents and text.
///
/// A document file is written before the draft that names it is saved, and removed after the
/// draft that no longer names it is saved, so a crash leaves at most an unnamed file, removed
/// with its draft (`Drafts.delete`).
public struct DraftDocuments: Sendable {
    public let home: Home
    public static let contentType = "application/vnd.sealpost.draft-document"
    public static let format = "sealpost-draft-document/v1"
    public static let maximumFileBytes = 10 << 20
    public static var maximumTotalBytes: Int { min(15 << 20, OutgoingAttachment.maximumTotalBytes) }
    public static let maximumCount = 10

    public init(home: Home) { self.home = home }

    func folder(_ draftID: String) -> String { home.draftsDirectory + "/" + draftID + ".documents" }
    func path(_ documentID: String, of draftID: String) -> String { folder(draftID) + "/" + documentID + ".sealed" }

    /// Checks `bytes` (uploaded as `name`) as a send would, seals them to `identity` and adds
    /// them to `draft` (which the caller then saves). The name is made safe and unique in the draft
    /// (AttachmentName, as a recipient would store it); the error says what is wrong and the fix.
    @discardableResult
    public func add(_ bytes: [UInt8], named name: String, to draft: inout Draft, by who: String, at now: Int64,
                    identity: Identity) throws(ExchangeError) -> DraftDocument {
        guard draft.documents.count < Self.maximumCount else {
            throw ExchangeError(.record, "this referral already has \(Self.maximumCount) documents, the most it can carry",
                                hint: "remove one first, or combine documents into one PDF")
        }
        guard bytes.count <= Self.maximumFileBytes else {
            throw ExchangeError(.record, "the file is \(Self.size(bytes.count)), over the \(Self.size(Self.maximumFileBytes)) one document may be",
                                hint: "send a smaller file (a scan as a compressed PDF)")
        }
        let total = draft.documents.reduce(0) { $0 + Int($1.length) } + bytes.count
        guard total <= Self.maximumTotalBytes else {
            throw ExchangeError(.record, "with this file the documents would come to \(Self.size(total)), over the \(Self.size(Self.maximumTotalBytes)) one referral can carry",
                                hint: "remove a document or send a smaller file")
        }
        let base = Self.baseName(name)
        let checked = try OutgoingAttachment.inMemory(name: base, bytes: bytes, position: draft.documents.count + 1)
        var taken = Set(draft.documents.map { $0.name.lowercased() })
        let safe = AttachmentName.safe(base, type: checked.type, index: draft.documents.count, taken: &taken)
        let document = DraftDocument(id: Draft.newID(), name: safe, type: checked.type, length: UInt64(bytes.count),
                                     hash: Hex.encode(checked.attachment.hash), addedAt: now, addedBy: who)
        try StoreFiles.makeDirectory(home.draftsDirectory)
        try StoreFiles.makeDirectory(folder(draft.id))
        let envelope: [UInt8]
        do {
            envelope = try EnvelopeSealer(sender: identity).seal(
                bytes, recipients: [identity.boxKey.publicKey], contentType: Self.contentType, attributes: ["format": Self.format],
                createdAt: UInt64(max(0, now))).envelope
        } catch {
            throw ExchangeError(.storage, "cannot seal the document", hint: "nothing was changed; try again")
        }
        do { try AtomicFile.write(envelope, to: path(document.id, of: draft.id), mode: 0o600) } catch { throw .storage(error, doing: "save the document") }
        draft.documents.append(document)
        return document
    }

    /// The bytes of `document` of `draft`, opened with `identity` and checked against its hash.
    public func bytes(of document: DraftDocument, in draft: Draft, identity: Identity) throws(ExchangeError) -> [UInt8] {
        let file = path(document.id, of: draft.id)
        guard let sealed = StoreFiles.bytes(at: file) else {
            throw ExchangeError(.storage, "document \(Printable.escape(document.name)) of this draft is missing", hint: "remove it and add it again")
        }
        let opener = EnvelopeOpener(identity: identity, senders: CardDirectory(cards: [identity.card]))
        let plain: [UInt8]
        do {
            let (content, opened) = try opener.open(sealed)
            guard opened.manifest.contentType == Self.contentType else { throw ExchangeError(.storage, "") }
            plain = content
        } catch {
            throw ExchangeError(.storage, "document \(Printable.escape(document.name)) does not open with this agency's key: it was damaged or not written here",
                                hint: "remove it and add it again; nothing was sent")
        }
        guard UInt64(plain.count) == document.length, Hex.encode(BLAKE2b.hash(plain)) == document.hash else {
            throw ExchangeError(.storage, "document \(Printable.escape(document.name)) is not the file that was added (its hash differs)",
                                hint: "remove it and add it again; nothing was sent")
        }
        return plain
    }

    /// Every document of `draft` as an attachment to send, in order, each checked again.
    public func attachments(of draft: Draft, identity: Identity) throws(ExchangeError) -> [OutgoingAttachment] {
        var out: [OutgoingAttachment] = []
        for (i, document) in draft.documents.enumerated() {
            out.append(try OutgoingAttachment.inMemory(name: document.name, bytes: try bytes(of: document, in: draft, identity: identity),
                                                       position: i + 1))
        }
        return out
    }

    /// Removes the sealed file of document `id` (after the draft that no longer names it is saved).
    public func removeFile(_ id: String, of draftID: String) {
        guard Draft.isID(id), Draft.isID(draftID) else { return }
        try? FileManager.default.removeItem(atPath: path(id, of: draftID))
    }

    /// Removes every document of draft `draftID` (with the draft).
    func removeAll(of draftID: String) throws(ExchangeError) {
        guard Draft.isID(draftID), FileManager.default.fileExists(atPath: folder(draftID)) else { return }
        do { try FileManager.default.removeItem(atPath: folder(draftID)) } catch {
            throw ExchangeError(.storage, "cannot delete the documents of draft \(draftID)", hint: "check that \(home.draftsDirectory) is writable")
        }
    }

    /// The last component of a name a browser gave (some send a whole Windows path).
    static func baseName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        return last.isEmpty ? "document" : String(last.prefix(200))
    }

    /// A size as practitioners read it: "850 KB", "2.4 MB" (of 1,024 bytes and 1,024 KB, rounded up).
    public static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) bytes" }
        if bytes < 1 << 20 { return "\((bytes + 1023) / 1024) KB" }
        let tenths = (bytes * 10 + (1 << 20) - 1) >> 20
        return tenths % 10 == 0 ? "\(tenths / 10) MB" : "\(tenths / 10).\(tenths % 10) MB"
    }
}
