import SealpostCore

/// What an attachment is, told from its first bytes and its extension (spec/exchange.md
/// §Attachments): PDF, images, office documents and text. Anything else is refused, and so is a
/// file whose content contradicts its extension (a `.pdf` that is not a PDF), so that the type the
/// sender signs is what the file is.
enum AttachmentKind {
    /// The MIME type of a file named `name` that starts with `head` (its first bytes), or why not.
    static func detect(name: String, head: [UInt8]) -> Result<String, AttachmentRefusal> {
        let ext = name.split(separator: ".").count > 1 ? name.split(separator: ".").last!.lowercased() : ""
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<offset + magic.count]) == magic
        }
        func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }
        func expecting(_ type: String, _ extensions: [String]) -> Result<String, AttachmentRefusal> {
            extensions.contains(ext) || ext.isEmpty ? .success(type)
                : .failure(.init("its content is \(type), but its name ends .\(ext)", hint: "rename it to end ." + extensions[0]))
        }
        if starts(ascii("%PDF-")) { return expecting("application/pdf", ["pdf"]) }
        if starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) { return expecting("image/png", ["png"]) }
        if starts([0xff, 0xd8, 0xff]) { return expecting("image/jpeg", ["jpg", "jpeg"]) }
        if starts(ascii("GIF87a")) || starts(ascii("GIF89a")) { return expecting("image/gif", ["gif"]) }
        if starts(ascii("RIFF")) && starts(ascii("WEBP"), at: 8) { return expecting("image/webp", ["webp"]) }
        if starts([0x49, 0x49, 0x2a, 0x00]) || starts([0x4d, 0x4d, 0x00, 0x2a]) { return expecting("image/tiff", ["tif", "tiff"]) }
        if starts(ascii("ftypheic"), at: 4) || starts(ascii("ftypheix"), at: 4) || starts(ascii("ftypmif1"), at: 4) {
            return expecting("image/heic", ["heic"])
        }
        if starts(ascii("{\\rtf")) { return expecting("application/rtf", ["rtf"]) }
        // Office formats are containers: a ZIP (OOXML, OpenDocument) or an OLE compound file
        // (older Office). The container is checked; the extension says which document it holds.
        let zipped: [String: String] = [
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "odt": "application/vnd.oasis.opendocument.text",
            "ods": "application/vnd.oasis.opendocument.spreadsheet",
            "odp": "application/vnd.oasis.opendocument.presentation",
        ]
        let compound: [String: String] = ["doc": "application/msword", "xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint"]
        if starts([0x50, 0x4b, 0x03, 0x04]) {
            guard let type = zipped[ext] else {
                return .failure(.init("it is a ZIP archive, which is not sent as an attachment unless it is an office document (.docx, .xlsx, .pptx, .odt, .ods, .odp)",
                                      hint: "attach the documents themselves, not an archive of them"))
            }
            return .success(type)
        }
        if starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) {
            guard let type = compound[ext] else {
                return .failure(.init("it is an old-style Office file, but its name does not end .doc, .xls or .ppt", hint: "rename it to its document's extension"))
            }
            return .success(type)
        }
        let textTypes = ["txt": "text/plain", "text": "text/plain", "log": "text/plain", "csv": "text/csv", "md": "text/markdown"]
        if let type = textTypes[ext] {
            guard !head.contains(0), String(validating: trimmedToCharacter(head), as: UTF8.self) != nil else {
                return .failure(.init("its name ends .\(ext) but it is not UTF-8 text", hint: "save it as UTF-8 text, or attach it as a PDF"))
            }
            return .success(type)
        }
        let known = (zipped.keys.sorted() + compound.keys.sorted() + textTypes.keys.sorted()).joined(separator: ", ")
        return .failure(.init("its type is not one Sealpost sends (PDF; PNG, JPEG, GIF, WebP, TIFF or HEIC images; RTF; \(known))",
                              hint: "convert it to PDF, or attach one of those types"))
    }

    /// `head` without a UTF-8 sequence cut off at its end by the read.
    static func trimmedToCharacter(_ head: [UInt8]) -> [UInt8] {
        var end = head.count
        var back = 0
        while end > 0, back < 3, head[end - 1] & 0xc0 == 0x80 { end -= 1; back += 1 }
        if end > 0, head[end - 1] >= 0xc0 { end -= 1 } else { end = head.count }
        return Array(head[0..<end])
    }
}

/// Why a file cannot be attached.
struct AttachmentRefusal: Error {
    let reason: String
    let hint: String
    init(_ reason: String, hint: String) { self.reason = reason; self.hint = hint }
}
