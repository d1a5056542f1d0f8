/// Untrusted text made safe to echo in an error or log line: printable ASCII passes, anything
/// else becomes `\u{hex}`, and only the first 80 characters are kept. No terminal escape,
/// bidi override or line break from an input can reach the user's screen this way.
public enum Printable {
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(80) {
            if (0x20...0x7e).contains(scalar.value) { out.unicodeScalars.append(scalar) } else { out += "\\u{\(String(scalar.value, radix: 16))}" }
        }
        return out
    }

    /// Text that is shown to people (agency and agreement names, titles): 1-200 bytes of UTF-8 on
    /// one line, with no control (Cc), format (Cf), line or paragraph separator characters, so
    /// nothing in it can move the cursor, recolour or hide text.
    public static func isDisplayable(_ text: String) -> Bool {
        (1...200).contains(text.utf8.count) && !text.unicodeScalars.contains {
            switch $0.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }

    public static let displayableRule = "must be 1-200 bytes of text on one line, with no control or formatting characters"
}
