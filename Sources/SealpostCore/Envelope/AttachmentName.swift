/// A safe file name for a received attachment (THREATS.md row 39, spec/exchange.md §Attachments).
///
/// The name in a manifest is the sender's and is signed, but it is still untrusted input: a
/// careless or hostile sender can name an attachment `../../.bashrc`, `CON`, a name with a
/// terminal escape, a right-to-left override that shows `report‮fdp.exe` as `reportexe.pdf`, or
/// a thousand bytes. The stored name is made from it so that:
///
/// - it is one path component: `/` and `\` become `_`, so nothing can climb out of the folder;
/// - it holds no control (Cc), format (Cf, including bidi overrides and zero-width characters),
///   line or paragraph separator characters, nor `: * ? " < > |` (forbidden on Windows, `:` also
///   opens an NTFS alternate data stream); each becomes `_`;
/// - it does not start with `.` (no hidden file, no `.` or `..`), `-` (no option to a command) or a
///   space, nor end with `.` or a space (which Windows drops);
/// - its part before the first `.` is not a Windows device name (`CON`, `PRN`, `AUX`, `NUL`,
///   `COM0`-`COM9`, `LPT0`-`LPT9`, in any case), which gets a `_` in front;
/// - its extension is one that the signed type allows (AttachmentTypes), else the type's own is
///   appended, so that the type the sender signed decides how the file opens;
/// - it is at most `maximumBytes` bytes of UTF-8, cut at a character boundary, extension kept;
/// - it differs, ignoring case, from every name already in the folder: ` (2)`, ` (3)`, ... is
///   added before the extension.
///
/// An empty result becomes `attachment-N`. The original name is kept in the inbox entry as text,
/// never as a path.
public enum AttachmentName {
    public static let maximumBytes = 120

    /// The stored name for `name` (attachment `index`, 0-based, of `type`), unique among `taken`
    /// (lower-cased names), which it joins.
    public static func safe(_ name: String, type: String, index: Int, taken: inout Set<String>) -> String {
        var text = String(String.UnicodeScalarView(name.unicodeScalars.map(replacingForbidden)))
        text = trimmed(text)
        let allowed = AttachmentTypes.allowedExtensions(for: type)
        var stem = text
        var ext = allowed[0]
        if let dot = text.lastIndex(of: "."), allowed.contains(text[text.index(after: dot)...].lowercased()) {
            stem = trimmed(String(text[..<dot]))
            ext = String(text[text.index(after: dot)...])
        }
        if stem.isEmpty { stem = "attachment-\(index + 1)" }
        if isReservedDeviceName(stem) { stem = "_" + stem }
        var n = 1
        while true {
            let suffix = n == 1 ? "" : " (\(n))"
            let candidate = fitted(stem, suffix: suffix + "." + ext)
            if taken.insert(candidate.lowercased()).inserted { return candidate }
            n += 1
        }
    }

    static func replacingForbidden(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned: return "_"
        default: break
        }
        return "/\\:*?\"<>|".unicodeScalars.contains(scalar) ? "_" : scalar
    }

    /// Without leading `.`, `-` and white space, or trailing `.` and white space.
    static func trimmed(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, first == "." || first == "-" || first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last == "." || last.properties.isWhitespace { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Windows treats `CON`, `con.txt` and `Con .tar.gz` alike: the part before the first dot,
    /// without trailing spaces, names a device.
    static func isReservedDeviceName(_ stem: String) -> Bool {
        let head = stem.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? stem
        let word = trimmed(head).uppercased()
        if ["CON", "PRN", "AUX", "NUL"].contains(word) { return true }
        guard word.count == 4, word.hasPrefix("COM") || word.hasPrefix("LPT"), let last = word.last else { return false }
        return last.isNumber   // COM0-9, LPT0-9 and the superscript digits Windows also reserves
    }

    /// `stem + tail`, cutting whole characters off the stem until it fits in `maximumBytes`.
    static func fitted(_ stem: String, suffix tail: String) -> String {
        let budget = maximumBytes - tail.utf8.count
        var kept = ""
        var used = 0
        for character in stem {
            let size = character.utf8.count
            guard used + size <= budget else { break }
            kept.append(character)
            used += size
        }
        return trimmed(kept).isEmpty ? "attachment" + tail : kept + tail
    }
}
