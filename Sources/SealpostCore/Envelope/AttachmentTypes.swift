/// The attachment types Sealpost sends and the file extensions that go with each: PDF, images,
/// office documents and plain text (spec/exchange.md §Attachments).
///
/// The recipient uses the table to make sure a stored attachment's extension agrees with the
/// type the sender signed, so that a file typed `application/pdf` but named `report.exe` is not
/// stored where a double click would run it.
public enum AttachmentTypes {
    /// Type to its extensions, the first being the one appended when a name has none of them.
    public static let extensions: [String: [String]] = [
        "application/pdf": ["pdf"],
        "image/png": ["png"],
        "image/jpeg": ["jpg", "jpeg"],
        "image/gif": ["gif"],
        "image/webp": ["webp"],
        "image/tiff": ["tif", "tiff"],
        "image/heic": ["heic"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ["docx"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["xlsx"],
        "application/vnd.openxmlformats-officedocument.presentationml.presentation": ["pptx"],
        "application/msword": ["doc"],
        "application/vnd.ms-excel": ["xls"],
        "application/vnd.ms-powerpoint": ["ppt"],
        "application/vnd.oasis.opendocument.text": ["odt"],
        "application/vnd.oasis.opendocument.spreadsheet": ["ods"],
        "application/vnd.oasis.opendocument.presentation": ["odp"],
        "application/rtf": ["rtf"],
        "text/plain": ["txt", "text", "log"],
        "text/csv": ["csv"],
        "text/markdown": ["md"],
    ]

    /// The extension stored for a type outside the table: inert on every common system.
    public static let unknownExtension = "bin"

    /// The extensions a stored attachment of `type` may keep (lower case).
    public static func allowedExtensions(for type: String) -> [String] {
        extensions[type.lowercased()] ?? [unknownExtension]
    }
}
