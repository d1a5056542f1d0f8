#if canImport(Glibc)
import Glibc
#endif
import SealpostCore
import SealpostLedger

/// A file a practitioner attaches to a record (`sealpost send --attach FILE`; spec/exchange.md
/// §Attachments): read once here to learn its type and to hash it, and again when sealed, when it
/// must still be the same bytes.
///
/// The name sent is the file's own name (its last path component). Its type is told from its
/// content and extension (AttachmentKind): PDF, images, office documents and text only.
/// Attachments are not redacted: the practitioner confirms each was checked, and that is logged.
public struct OutgoingAttachment: Sendable, Equatable {
    public let path: String
    /// Name, type, length and BLAKE2b-256, as the signed manifest will state them.
    public let attachment: ManifestAttachment
    /// The bytes, for an attachment held in memory instead of read from `path` (`inMemory`: the
    /// web app's documents, which are kept sealed with their draft and never as plaintext files).
    var held: [UInt8]? = nil

    public var name: String { attachment.name }
    public var type: String { attachment.type }
    public var length: UInt64 { attachment.length }

    /// Reads `path` (attachment number `position`, from 1, for messages), refusing what cannot be sent.
    public static func read(_ path: String, position: Int) throws(ExchangeError) -> OutgoingAttachment {
        let what = "attachment \(position) (\(Printable.escape(path)))"
        func refuse(_ problem: String, hint: String) -> ExchangeError { ExchangeError(.record, "\(what) \(problem); nothing was sealed", hint: hint) }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard (1...ManifestAttachment.maximumNameLength).contains(name.utf8.count) else {
            throw refuse("has a name longer than \(ManifestAttachment.maximumNameLength) bytes", hint: "rename the file to something shorter")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw refuse("cannot be read: \(String(cString: strerror(errno)))", hint: "check the path and that you may read it") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw refuse("is not a regular file", hint: "attach files, not folders or devices")
        }
        guard info.st_size > 0 else { throw refuse("is empty", hint: "attach the document itself") }
        var head = [UInt8](repeating: 0, count: 4096)
        let got = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard got > 0 else { throw refuse("cannot be read: \(String(cString: strerror(errno)))", hint: "check that you may read it") }
        let type: String
        switch AttachmentKind.detect(name: name, head: Array(head[0..<got])) {
        case .success(let detected): type = detected
        case .failure(let refusal): throw refuse("cannot be sent: \(refusal.reason)", hint: refusal.hint)
        }
        var reader = FileDescriptorReader(descriptor: fd, name: path)
        do {
            return OutgoingAttachment(path: path, attachment: try ManifestAttachment.measuring(name: name, type: type, reader: &reader))
        } catch {
            throw refuse("cannot be read: \(error.reason)", hint: "check the file and try again")
        }
    }

    /// An attachment whose bytes are already in memory, named `name` (attachment number
    /// `position`, from 1), checked as `read` checks a file: a name that fits, not empty, a type
    /// Sealpost sends (AttachmentKind) that agrees with its extension. `path` is then its name.
    public static func inMemory(name: String, bytes: [UInt8], position: Int) throws(ExchangeError) -> OutgoingAttachment {
        let what = "attachment \(position) (\(Printable.escape(name)))"
        func refuse(_ problem: String, hint: String) -> ExchangeError { ExchangeError(.record, "\(what) \(problem); nothing was sealed", hint: hint) }
        guard (1...ManifestAttachment.maximumNameLength).contains(name.utf8.count) else {
            throw refuse("has a name longer than \(ManifestAttachment.maximumNameLength) bytes", hint: "rename the file to something shorter")
        }
        guard !bytes.isEmpty else { throw refuse("is empty", hint: "attach the document itself") }
        let type: String
        switch AttachmentKind.detect(name: name, head: Array(bytes.prefix(4096))) {
        case .success(let detected): type = detected
        case .failure(let refusal): throw refuse("cannot be sent: \(refusal.reason)", hint: refusal.hint)
        }
        var reader = MemoryReader(bytes)
        do {
            let measured = try ManifestAttachment.measuring(name: name, type: type, reader: &reader)
            return OutgoingAttachment(path: name, attachment: measured, held: bytes)
        } catch {
            throw refuse("cannot be read: \(error.reason)", hint: "try again")
        }
    }

    /// Reads every path, in order, refusing more than the format carries.
    public static func read(_ paths: [String]) throws(ExchangeError) -> [OutgoingAttachment] {
        guard paths.count <= EnvelopeFormat.maximumAttachments else {
            throw ExchangeError(.record, "\(paths.count) attachments; a record carries at most \(EnvelopeFormat.maximumAttachments)",
                                hint: "send the rest with another record, or combine documents into one PDF")
        }
        // Far too large is refused from the files' sizes, before a byte is read or hashed
        // (Send.prepare checks the measured lengths again).
        var total: Int64 = 0
        for path in paths {
            var info = stat()
            if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG { total += Int64(info.st_size) }
        }
        guard total <= Int64(maximumTotalBytes) else { throw tooLarge(UInt64(total)) }
        var out: [OutgoingAttachment] = []
        for (i, path) in paths.enumerated() { out.append(try read(path, position: i + 1)) }
        return out
    }

    /// The refusal of attachments that together pass `maximumTotalBytes` (THREATS row 39).
    static func tooLarge(_ total: UInt64) -> ExchangeError {
        ExchangeError(.record, "the attachments come to \(total) bytes, over the \(maximumTotalBytes) bytes one send can carry (the relay's \(ExchangeLimits.maximumEnvelopeBytes)-byte envelope limit, less room for the record); nothing was sealed",
                      hint: "send fewer or smaller files (a scan as a compressed PDF), or spread them over several sends")
    }

    /// The most attachment bytes one send carries: the envelope limit the relay enforces, less
    /// room for the record, the manifest and the framing (a record is refused before sealing if
    /// its envelope would not fit).
    public static var maximumTotalBytes: Int { ExchangeLimits.maximumEnvelopeBytes - 1 << 20 }

    /// How the sent receipt lists it.
    var facts: AttachmentFacts {
        AttachmentFacts(hash: Hex.encode(attachment.hash), length: Int64(clamping: attachment.length), type: attachment.type)
    }

    /// The finding id the practitioner's check is logged under: `attachments[i]@0-<length>`.
    static func findingID(_ index: Int, length: UInt64) -> String { "attachments[\(index)]@0-\(length)" }
}
