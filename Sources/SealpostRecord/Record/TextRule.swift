/// The rules for a text field, each giving a problem and a fix that never repeat the text.
///
/// Every text field refuses characters that hide or disguise text in a preview and so defeat a
/// practitioner's check of what is about to leave: control characters (U+0000-U+001F except where a
/// rule allows line breaks and tabs, U+007F-U+009F), the bidirectional embedding, override and
/// isolate controls (U+202A-U+202E, U+2066-U+2069), the zero-width space U+200B, the byte order
/// mark U+FEFF, and the line and paragraph separators U+2028 and U+2029 in one-line fields.
enum TextRule: Sendable {
    /// `[A-Za-z0-9][A-Za-z0-9._:/-]*`, at most `RecordLimits.identifierLength` characters.
    case identifier
    /// One line of free text.
    case line
    /// Free text over several lines (line feeds, carriage returns and tabs allowed).
    case multiline(maxLength: Int?)
    /// A person's name, parsed by `PersonName`; letters, no digits.
    case name
    /// `YYYY-MM-DD`, see `CalendarDate`.
    case date
    case nhsNumber
    case niNumber
    case phone
    case email

    struct Failure {
        let code: RecordIssue.Code
        let problem: String
        let fix: String
    }

    func check(_ text: String) -> Failure? {
        let allowsBreaks: Bool
        let maxLength: Int?
        switch self {
        case .multiline(let max): allowsBreaks = true; maxLength = max
        case .identifier: allowsBreaks = false; maxLength = RecordLimits.identifierLength
        default: allowsBreaks = false; maxLength = RecordLimits.lineLength
        }
        var count = 0
        var hasVisible = false
        for scalar in text.unicodeScalars {
            count += 1
            let v = scalar.value
            // Printable ASCII needs no table lookups: the common case, by far.
            if v >= 0x21 && v <= 0x7E {
                hasVisible = true
                continue
            }
            if let name = TextRule.forbiddenName(scalar, allowsBreaks: allowsBreaks) {
                return Failure(code: .forbiddenCharacter,
                               problem: "contains \(name) at character \(count)",
                               fix: allowsBreaks
                                   ? "remove it; text may hold line breaks and tabs but no other control or invisible formatting characters"
                                   : "remove it; this field is one line of visible text")
            }
            if !hasVisible, v > 0x7E, !scalar.properties.isWhitespace { hasVisible = true }
        }
        guard hasVisible else {
            return Failure(code: .emptyText, problem: text.isEmpty ? "is empty" : "holds only whitespace",
                           fix: "give a value, or use null when it is not known")
        }
        if let maxLength, count > maxLength {
            return Failure(code: .tooLong, problem: "is \(count) characters long, more than the limit of \(maxLength)",
                           fix: "shorten it")
        }
        return checkFormat(text)
    }

    /// "[Third party N (role)]": the token redaction puts in place of a protected person's name.
    static func isPseudonym(_ text: String) -> Bool {
        let prefix = "[Third party "
        guard text.hasPrefix(prefix), text.hasSuffix(")]") else { return false }
        let rest = text.dropFirst(prefix.count).dropLast(2)
        guard let open = rest.firstIndex(of: "(") else { return false }
        let number = rest[..<open].dropLast()  // the space before "("
        let role = rest[rest.index(after: open)...]
        return rest[rest.index(before: open)] == " " && !number.isEmpty && number.count <= 6
            && number.allSatisfy { $0.isASCII && $0.isNumber } && !role.isEmpty && role.allSatisfy { $0.isASCII && $0.isLowercase }
    }

    private func checkFormat(_ text: String) -> Failure? {
        let strict: Bool
        switch self {
        case .identifier, .date, .nhsNumber, .niNumber, .phone, .email: strict = true
        default: strict = false
        }
        if strict, let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
           first.properties.isWhitespace || last.properties.isWhitespace {
            return Failure(code: .surroundingWhitespace, problem: "starts or ends with whitespace",
                           fix: "remove the spaces before and after the value")
        }
        switch self {
        case .line, .multiline:
            return nil
        case .identifier:
            return TextRule.isIdentifier(text) ? nil : Failure(
                code: .invalidIdentifier, problem: "is not an identifier",
                fix: "use letters, digits and . _ : / - only, starting with a letter or digit")
        case .name:
            // A redacted party's name is its pseudonym, such as "[Third party 1 (neighbour)]".
            if TextRule.isPseudonym(text) { return nil }
            if text.unicodeScalars.contains(where: {
                $0.isASCII ? ($0.value >= 0x30 && $0.value <= 0x39) : $0.properties.generalCategory == .decimalNumber
            }) {
                return Failure(code: .invalidName, problem: "contains a digit",
                               fix: "give the name alone; put reference numbers such as collar numbers in another field")
            }
            if text.unicodeScalars.contains(where: { $0 == "@" }) {
                return Failure(code: .invalidName, problem: "contains '@'", fix: "give the name alone; put email addresses in email")
            }
            guard let parsed = PersonName(parsing: text), parsed.familyName != nil || !parsed.givenNames.isEmpty else {
                return Failure(code: .invalidName, problem: "is not a name (no letters, only a title, or more than one comma)",
                               fix: "write it as \"First Last\", \"First Middle Last\", \"SURNAME, First\", \"Surname, First\" or with a title such as \"Mrs First Last\"")
            }
            return nil
        case .date:
            return CalendarDate(iso: text) != nil ? nil : Failure(
                code: .invalidDate, problem: "is not a valid date in the form YYYY-MM-DD",
                fix: "write four digits for the year, two for the month and two for the day, joined by hyphens (YYYY-MM-DD); the day must exist and the year be from \(CalendarDate.years.lowerBound) to \(CalendarDate.years.upperBound)")
        case .nhsNumber:
            switch NHSNumber.check(text) {
            case .success: return nil
            case .failure(.format):
                return Failure(code: .invalidNHSNumber, problem: "is not ten digits in the form 9999999999 or 999 999 9999",
                               fix: "copy the ten-digit NHS number exactly, or use null when it is not known")
            case .failure(.checkDigit):
                return Failure(code: .invalidNHSNumber, problem: "fails the NHS number check digit (modulus 11), so a digit is wrong",
                               fix: "check the number against the source record; use null when it cannot be confirmed")
            }
        case .niNumber:
            return NationalInsuranceNumber(text) != nil ? nil : Failure(
                code: .invalidNINumber, problem: "is not a National Insurance number",
                fix: "write two letters, six digits and a letter A-D, in the form QQ 12 34 56 C, or use null when it is not known")
        case .phone:
            return TextRule.checkPhone(text)
        case .email:
            return TextRule.isEmail(text) ? nil : Failure(
                code: .invalidEmail, problem: "is not an email address",
                fix: "write one address in the form local-part@domain, or use null")
        }
    }

    /// A UK number (0 then 9 or 10 digits) or an international one (+ then 7 to 15 digits),
    /// with optional spaces, hyphens and parentheses between digits.
    static func checkPhone(_ text: String) -> Failure? {
        var digits = 0
        var plus = false
        var firstDigit: UInt8? = nil
        for (n, b) in text.utf8.enumerated() {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                if firstDigit == nil { firstDigit = b }
            case UInt8(ascii: "+") where n == 0:
                plus = true
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"):
                continue
            default:
                return Failure(code: .invalidPhone, problem: "contains a character that is not a digit, space, hyphen, parenthesis or leading +",
                               fix: "give the number alone: digits, with spaces, hyphens or parentheses between them and + before a country code")
            }
        }
        let ok = plus ? (7...15).contains(digits) : (firstDigit == UInt8(ascii: "0") && (10...11).contains(digits))
        return ok ? nil : Failure(
            code: .invalidPhone, problem: "has \(digits) digits, which is not a UK or international phone number",
            fix: "write a UK number as 10 or 11 digits starting with 0, or an international one as + and the country code")
    }

    static func isIdentifier(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard let first = utf8.first, isAlphanumeric(first) else { return false }
        return utf8.allSatisfy { isAlphanumeric($0) || ".-_:/".utf8.contains($0) }
    }

    static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }

    /// One `@`; a local part of 1 to 64 visible characters without spaces; a domain of at least
    /// two dot-separated labels of letters, digits and hyphens (not starting or ending with one).
    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 64,
              !parts[0].unicodeScalars.contains(where: { $0.properties.isWhitespace || $0 == "," || $0 == ";" }) else {
            return false
        }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            guard let first = label.utf8.first, let last = label.utf8.last, label.utf8.count <= 63 else { return false }
            return first != UInt8(ascii: "-") && last != UInt8(ascii: "-")
                && label.utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
        }
    }

    /// A name for a forbidden scalar (its code point), or nil when it is allowed.
    static func forbiddenName(_ scalar: Unicode.Scalar, allowsBreaks: Bool) -> String? {
        let v = scalar.value
        switch v {
        case 0x0A, 0x0D, 0x09:
            return allowsBreaks ? nil : (v == 0x09 ? "a tab" : "a line break")
        case 0x00...0x1F, 0x7F...0x9F:
            return "the control character \(codePoint(v))"
        case 0x202A...0x202E, 0x2066...0x2069:
            return "the bidirectional formatting character \(codePoint(v))"
        case 0x200B, 0xFEFF:
            return "the invisible character \(codePoint(v))"
        case 0x2028, 0x2029:
            return allowsBreaks ? nil : "the separator \(codePoint(v))"
        default:
            return nil
        }
    }

    static func codePoint(_ v: UInt32) -> String {
        let hex = String(v, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
