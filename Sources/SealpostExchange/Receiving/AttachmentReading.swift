import SealpostCore
import SealpostSodium

/// A stored attachment read back a chunk at a time (the home at rest), so a 200 MiB document is
/// written out or downloaded in constant memory. Every chunk is authenticated before it is
/// returned, and the whole is checked against the hash the sender signed when the last chunk has
/// been read: `next()` returns nil only then, and throws when the file is damaged, cut short,
/// longer than signed (as soon as it is) or not the one received. What the chunks were written to
/// must therefore stay discardable (an uncommitted AtomicFile) until `next()` has returned nil, or
/// hold the last chunk back until then (a download: the response then ends short).
public struct AttachmentReading {
    /// The attachment as received: name, type, length and hash.
    public let attachment: InboxEntry.ReceivedAttachment
    private let file: ReadableFile
    private var opening: AtRest.Opening<FileDescriptorReader>
    private let hasher = BLAKE2b.Hasher()
    private var length: UInt64 = 0
    private let label: String
    private let folder: String

    init(attachment: InboxEntry.ReceivedAttachment, file: ReadableFile, opening: AtRest.Opening<FileDescriptorReader>,
         label: String, folder: String) {
        (self.attachment, self.file, self.opening, self.label, self.folder) = (attachment, file, opening, label, folder)
    }

    /// The next chunk of plaintext, or nil once the whole has been read and matches the signed hash.
    public mutating func next() throws(ExchangeError) -> [UInt8]? {
        let chunk: [UInt8]?
        do { chunk = try opening.next() } catch {
            throw ExchangeError(.storage, error.reason, hint: "restore \(folder) from a backup")
        }
        guard let chunk else {
            guard length == attachment.length, Hex.encode(hasher.finalize()) == attachment.hash else {
                throw ExchangeError(.storage, "\(label) is not what the sender signed", hint: "restore \(folder) from a backup")
            }
            return nil
        }
        length += UInt64(chunk.count)
        guard length <= attachment.length else {
            throw ExchangeError(.storage, "\(label) is longer than what the sender signed", hint: "restore \(folder) from a backup")
        }
        hasher.update(chunk)
        return chunk
    }

    /// Reads to the end without keeping anything: whether the stored file is whole and the one
    /// received, checked before a download starts (a download cannot be taken back once sent).
    public consuming func check() throws(ExchangeError) {
        while try next() != nil {}
    }
}

extension Inbox {
    /// Attachment `index` (from 0) of a stored record, to be read a chunk at a time and checked
    /// against the hash the sender signed (kept in the entry).
    public func reading(_ id: String, attachment index: Int) throws(ExchangeError) -> AttachmentReading {
        guard let entry = try entry(id), let attachments = entry.attachments, attachments.indices.contains(index) else {
            throw ExchangeError(.notFound, "record \(id.prefix(12)) has no attachment \(index + 1)")
        }
        guard let atRest, atRest.canOpen else {
            throw ExchangeError(.locked, "the attachments are sealed to this agency's key", hint: "unlock the home with its passphrase to read them")
        }
        let label = "attachment \(index + 1) of \(folder(id))"
        let file: ReadableFile?
        do { file = try ReadableFile(attachmentPath(id, index: index)) } catch {
            throw ExchangeError(.storage, "\(label) cannot be read: \(error.reason)", hint: "check the home's permissions")
        }
        guard let file else {
            throw ExchangeError(.storage, "\(label) is missing", hint: "restore \(folder(id)) from a backup")
        }
        do {
            let opening = try atRest.opening(file.reader, what: label)
            return AttachmentReading(attachment: attachments[index], file: file, opening: opening, label: label, folder: folder(id))
        } catch {
            throw ExchangeError(.storage, error.reason, hint: "restore \(folder(id)) from a backup")
        }
    }

    /// The bytes of attachment `index` (from 0), opened and checked against the hash the sender
    /// signed: for small attachments; large ones are read with `reading(_:attachment:)`.
    public func attachment(_ id: String, index: Int) throws(ExchangeError) -> [UInt8] {
        var reading = try reading(id, attachment: index)
        var bytes: [UInt8] = []
        while let chunk = try reading.next() { bytes += chunk }
        return bytes
    }
}
