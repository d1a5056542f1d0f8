import SealpostRecord

/// One question on a referral page: the form field, the record member it writes (a key path
/// under the page's object), and how a record issue at that member reads to a practitioner.
struct Question: Sendable {
    struct Choice: Sendable {
        let value: String
        let label: String
        var hint: String? = nil
    }

    enum Kind: Sendable {
        case text(width: String?)
        /// Several lines; `names` keeps one name a line as an array.
        case textarea(rows: Int)
        case names
        /// Day, month and year fields, stored as YYYY-MM-DD.
        case date
        /// `yesNo` radios store true and false.
        case radios([Choice], yesNo: Bool = false)
        case checkboxes([Choice])
        case select([Choice])
    }

    /// The form field's name and id, such as `subject-nhs_number`.
    let name: String
    /// Where it is stored, under the page's object.
    let keys: [String]
    let label: String
    var hint: String? = nil
    let kind: Kind
    /// What to say when a required answer is missing.
    var missing: String? = nil
    /// For a text input: the browser's autocomplete and input mode hints.
    var autocomplete: String? = nil
    var inputmode: String? = nil

    init(_ keys: [String], _ label: String, _ kind: Kind, hint: String? = nil, missing: String? = nil,
         autocomplete: String? = nil, inputmode: String? = nil) {
        self.keys = keys
        name = keys.joined(separator: "-")
        self.label = label
        self.kind = kind
        self.hint = hint
        self.missing = missing
        self.autocomplete = autocomplete
        self.inputmode = inputmode
    }

    /// The id the error summary links to: the first input of a date or a group of choices.
    var anchor: String {
        switch kind {
        case .date: name + "-day"
        case .radios(let choices, _), .checkboxes(let choices): choices.isEmpty ? name : name + "-1"
        default: name
        }
    }

    /// A record issue at this question's member, as a sentence a practitioner can act on.
    func message(for issue: RecordIssue) -> String {
        switch issue.code {
        case .missingField, .nullNotAllowed, .emptyText, .consentReasonMissing, .familyDetailMissing, .authorContactMissing,
             .specialCategoryConditionMissing:
            return missing ?? "Enter \(label.lowercased())"
        case .invalidDate:
            return "\(label) must be a real date, for example 27 3 2016"
        case .dateOfBirthInFuture:
            return "\(label) must be today or in the past"
        case .invalidNHSNumber:
            return issue.problem.contains("check digit")
                ? "Check the NHS number: its last digit does not match the others, so a digit is wrong"
                : "NHS number must be 10 digits, like 943 476 5919"
        case .invalidPhone:
            return "Enter a phone number, like 01632 960 001 or 07700 900 982"
        case .invalidEmail:
            return "Enter an email address in the correct format, like name@example.org"
        case .invalidName:
            return "\(label) \(issue.problem): \(issue.fix)"
        default:
            return "\(label) \(issue.problem)"
        }
    }

    // MARK: - Reading the form into the record, and the record back into the form

    /// The JSON this question's answer in `fields` stores (nil: not given, so removed).
    func value(from fields: FormBody.Fields) -> JSONValue? {
        switch kind {
        case .text:
            return fields.text(name).map(JSONValue.string)
        case .textarea:
            guard let text = fields[name]?.replacingOccurrences(of: "\r\n", with: "\n")
                .trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
            return .string(text)
        case .names:
            let lines = (fields[name] ?? "").replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return lines.isEmpty ? nil : .array(lines.map(JSONValue.string))
        case .date:
            let day = fields.text(name + "-day") ?? "", month = fields.text(name + "-month") ?? "", year = fields.text(name + "-year") ?? ""
            if day.isEmpty && month.isEmpty && year.isEmpty { return nil }
            func pad(_ s: String) -> String { s.count == 1 && s.allSatisfy(\.isNumber) ? "0" + s : s }
            return .string("\(year)-\(pad(month))-\(pad(day))")
        case .radios(let choices, let yesNo):
            guard let chosen = fields[name], choices.contains(where: { $0.value == chosen }), !chosen.isEmpty else { return nil }
            return yesNo ? .bool(chosen == "yes") : .string(chosen)
        case .select(let choices):
            guard let chosen = fields[name], !chosen.isEmpty, choices.contains(where: { $0.value == chosen }) else { return nil }
            return .string(chosen)
        case .checkboxes(let choices):
            let chosen = fields.values(name)
            return .array(choices.filter { chosen.contains($0.value) }.map { .string($0.value) })
        }
    }

    /// What the form shows for the stored `value`: the text, or the chosen values.
    func shown(_ value: JSONValue?) -> (text: String, chosen: [String], date: (day: String, month: String, year: String)) {
        var text = "", chosen: [String] = [], date = ("", "", "")
        switch value {
        case .string(let s)?:
            text = s
            chosen = [s]
            if case .date = kind {
                let parts = s.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
                if parts.count == 3 { date = (parts[2], parts[1], parts[0]) } else { date = ("", "", s) }
            }
        case .bool(let b)?:
            chosen = [b ? "yes" : "no"]
        case .array(let items)?:
            chosen = items.compactMap(\.stringValue)
            text = chosen.joined(separator: "\n")
        default:
            break
        }
        return (text, chosen, date)
    }
}

extension JSONValue {
    /// The value at `keys` under this object.
    func value(at keys: [String]) -> JSONValue? {
        var current: JSONValue? = self
        for key in keys { current = current?[key] }
        return current.flatMap { $0.isNull ? nil : $0 }
    }

    /// This object with the value at `keys` set, or removed when nil (an object left empty by a
    /// removal is removed too).
    func setting(_ keys: [String], to value: JSONValue?) -> JSONValue {
        guard let key = keys.first else { return value ?? .null }
        var o = objectValue ?? JSONObject()
        if keys.count == 1 {
            o[key] = value
        } else {
            let inner = (o[key] ?? .object(JSONObject())).setting(Array(keys.dropFirst()), to: value)
            o[key] = inner.objectValue?.isEmpty == true ? nil : inner
        }
        return .object(o)
    }
}
