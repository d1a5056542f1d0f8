/// One attachment an envelope carries (spec/envelope.md §"Attachments"): a file the sender named,
/// typed and hashed in the signed manifest, whose bytes travel in the content stream before the
/// body, in manifest order.
///
///     name length (u16, 1-255) | name (UTF-8) | type length (u8, 1-100) | type (printable ASCII)
///     | length (u64) | BLAKE2b-256 of the bytes (32)
///
/// The name is the sender's and is not trusted: it may hold path separators, control characters
/// or a reserved device name. A recipient never uses it as a path; `AttachmentName` makes a safe
/// file name from it.
public struct ManifestAttachment: Equatable, Sendable {
    public var name: String
    /// A MIME type such as `application/pdf`.
    public var type: String
    public var length: UInt64
    /// BLAKE2b-256 of the attachment's bytes: `b2sum -l 256 FILE` prints it.
    public var hash: [UInt8]

    public static let maximumNameLength = 255
    public static let hashLength = 32

    public init(name: String, type: String, length: UInt64, hash: [UInt8]) {
        self.name = name
        self.type = type
        self.length = length
        self.hash = hash
    }

    func encode(into out: inout [UInt8]) throws(ManifestError) {
        let nameBytes = Array(name.utf8)
        guard (1...Self.maximumNameLength).contains(nameBytes.count) else {
            throw ManifestError("an attachment name must be 1-\(Self.maximumNameLength) bytes, not \(nameBytes.count)")
        }
        try Manifest.checkContentType(type)
        guard hash.count == Self.hashLength else { throw ManifestError("an attachment hash must be 32 bytes") }
        out.appendBigEndian(UInt16(nameBytes.count)); out += nameBytes
        out.append(UInt8(type.utf8.count)); out += Array(type.utf8)
        out.appendBigEndian(length)
        out += hash
    }

    init(reading r: inout ByteCursor) throws(ManifestError) {
        let nameLength = Int(try r.u16())
        guard (1...Self.maximumNameLength).contains(nameLength) else { throw ManifestError("attachment name length out of range") }
        name = try r.string(length: nameLength)
        type = try r.string(length: Int(try r.u8()))
        try Manifest.checkContentType(type)
        length = try r.u64()
        hash = try r.take(Self.hashLength)
    }

    /// Checks a list of attachments as a version 2 manifest carries it: 1 to 32, and lengths whose
    /// sum fits in 64 bits (the content is at least that long).
    static func checkList(_ list: [ManifestAttachment]) throws(ManifestError) {
        guard (1...EnvelopeFormat.maximumAttachments).contains(list.count) else {
            throw ManifestError("an envelope carries 1 to \(EnvelopeFormat.maximumAttachments) attachments, not \(list.count)")
        }
        var total: UInt64 = 0
        for a in list {
            let (sum, overflow) = total.addingReportingOverflow(a.length)
            guard !overflow else { throw ManifestError("the attachments' lengths add up to more than 2^64 - 1 bytes") }
            total = sum
        }
    }
}

extension Manifest {
    /// The envelope version these facts need: 2 with attachments, 1 without (one encoding each).
    public var formatVersion: UInt8 {
        attachments.isEmpty ? EnvelopeFormat.version : EnvelopeFormat.attachmentsVersion
    }

    /// Total bytes of the attachments, which come before the body in the content stream.
    public var attachmentsLength: UInt64 { attachments.reduce(0) { $0 &+ $1.length } }
}
