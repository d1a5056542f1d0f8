import SealpostJSON

/// One thing wrong with a record: where (a JSON path such as `$.parties[2].name`), what, and how
/// to fix it.
///
/// Like `JSONError`, an issue names paths, types, lengths, counts and allowed values, and never
/// repeats a value from the record.
public struct RecordIssue: Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, CaseIterable {
        /// The bytes are not acceptable JSON; `offset` says where.
        case malformedJSON = "malformed_json"
        case missingField = "missing_field"
        case nullNotAllowed = "null_not_allowed"
        case unknownField = "unknown_field"
        case wrongType = "wrong_type"
        case emptyText = "empty_text"
        case tooLong = "too_long"
        case tooMany = "too_many"
        case forbiddenCharacter = "forbidden_character"
        case surroundingWhitespace = "surrounding_whitespace"
        case invalidIdentifier = "invalid_identifier"
        case invalidName = "invalid_name"
        case invalidDate = "invalid_date"
        case invalidNHSNumber = "invalid_nhs_number"
        case invalidNINumber = "invalid_ni_number"
        case invalidPhone = "invalid_phone"
        case invalidEmail = "invalid_email"
        case notAllowedValue = "not_allowed_value"
        case duplicateValue = "duplicate_value"
        case duplicateID = "duplicate_id"
        case consentReasonMissing = "consent_reason_missing"
        case consentReasonNotApplicable = "consent_reason_not_applicable"
        case consentBasisWithoutConsent = "consent_basis_without_consent"
        case specialCategoryConditionMissing = "special_category_condition_missing"
        case authorContactMissing = "author_contact_missing"
        case familyDetailMissing = "family_detail_missing"
        case familyDetailNotApplicable = "family_detail_not_applicable"
        /// A date of birth after the sender's today (a sender's check: `futureBirthDates(in:today:)`).
        case dateOfBirthInFuture = "date_of_birth_in_future"
    }

    public let code: Code
    public let path: JSONPath
    /// Byte offset in the document, for `malformedJSON` only.
    public let offset: Int?
    public let problem: String
    public let fix: String

    public init(_ code: Code, path: JSONPath, offset: Int? = nil, problem: String, fix: String) {
        (self.code, self.path, self.offset, self.problem, self.fix) = (code, path, offset, problem, fix)
    }

    /// The issue for a document that did not parse.
    public init(_ error: JSONError) {
        self.init(.malformedJSON, path: error.path, offset: error.offset, problem: error.problem, fix: error.fix)
    }

    /// `$.parties[2].name: problem; fix`, with ` (byte N)` after the path for malformed JSON.
    public var description: String {
        let place = offset.map { "\(path) (byte \($0))" } ?? "\(path)"
        return "\(place): \(problem); \(fix)"
    }
}

/// A record that cannot be used as it is, with every issue found.
///
/// Malformed JSON stops at the first problem, so it gives exactly one issue; a well-formed
/// document is checked in full, so the practitioner sees everything to fix at once.
public struct RecordValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    public let issues: [RecordIssue]

    public init(issues: [RecordIssue]) {
        self.issues = issues
    }

    public var description: String {
        let noun = issues.count == 1 ? "problem" : "problems"
        return "the record has \(issues.count) \(noun):\n" + issues.map { "  \($0)" }.joined(separator: "\n")
    }
}

/// Issues as the command line shows them: one indented line each, `path: problem; fix`, every
/// one up to `limit`, then `and N more` so nothing is passed over silently (spec/record.md §Errors).
public enum RecordIssueList {
    public static let defaultLimit = 100

    public static func lines(_ issues: [RecordIssue], limit: Int = defaultLimit) -> String {
        var lines = issues.prefix(limit).map { "  \($0.path): \($0.problem); \($0.fix)" }
        if issues.count > limit { lines.append("  and \(issues.count - limit) more") }
        return lines.joined(separator: "\n")
    }
}
