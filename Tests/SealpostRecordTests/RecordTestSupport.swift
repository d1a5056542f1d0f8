import Foundation
@testable import SealpostRecord

/// The issues for `json` as a record; a parse failure gives its single issue.
func recordIssues(_ json: [UInt8], mode: RecordValidation.Mode = .full) -> [RecordIssue] {
    do {
        _ = try SafeguardingRecord(json: json, mode: mode)
        return []
    } catch {
        return error.issues
    }
}

func recordIssues(_ value: JSONValue, mode: RecordValidation.Mode = .full) -> [RecordIssue] {
    SafeguardingRecord.issues(in: value, mode: mode)
}

/// A small valid record in full mode, for tests to alter one thing at a time.
func minimalRecord() -> JSONValue {
    [
        "id": "T-1",
        "author": ["name": "Sam Okoro", "job_title": "Designated safeguarding lead", "organisation": "Hillside School",
                   "phone": "01632 960 001"],
        "subject": ["name": "Alex Carter"],
        "narrative": "A short account.",
        "statements": [],
        "concern": ["categories": ["neglect"], "urgency": "routine"],
        "purpose": "early_help",
        "lawful_basis": ["article_6": "public_task"],
        "consent": ["status": "given"],
    ]
}

/// `value` with the member at `keys` replaced (or removed with nil), creating objects on the way.
func replacing(_ value: JSONValue, _ keys: [String], with newValue: JSONValue?) -> JSONValue {
    guard let key = keys.first, case .object(var object) = value else { return newValue ?? .null }
    if keys.count == 1 {
        object[key] = newValue
    } else {
        object[key] = replacing(object[key] ?? .object(JSONObject()), Array(keys.dropFirst()), with: newValue)
    }
    return .object(object)
}

/// Every personal value in a record (names and their words, nicknames, addresses, phone numbers,
/// emails, dates of birth, NHS and NI numbers), for checking that no message repeats one.
func sensitiveValues(in value: JSONValue) -> Set<String> {
    var found: Set<String> = []
    let personal: Set<String> = ["name", "aka", "address", "phone", "email", "dob", "nhs_number", "ni_number"]
    func collect(_ v: JSONValue, key: String?) {
        switch v {
        case .string(let s):
            guard let key, personal.contains(key) else { return }
            found.insert(s)
            if key == "name" || key == "aka" {
                // Every word of three or more letters, except titles (Mrs, Miss), which identify no one.
                for word in s.split(whereSeparator: { $0 == " " || $0 == "," }) where word.count >= 3 && !PersonName.isTitle(String(word)) {
                    found.insert(String(word))
                }
            }
        case .array(let elements): elements.forEach { collect($0, key: key) }
        case .object(let object): object.members.forEach { collect($0.value, key: $0.key) }
        default: break
        }
    }
    collect(value, key: nil)
    return found
}
