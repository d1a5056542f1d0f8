import SealpostRecord

/// A received record shown readably: sections, the narrative as paragraphs, statements as a
/// table, the concern as tags, other people as the tokens the sender's redaction left. Built from
/// the record's JSON as received, so whatever the sender's minimisation left out is simply absent.
struct RecordView {
    struct Row {
        let key: String
        let value: String
    }

    struct Person {
        let heading: String
        let rows: [Row]
    }

    struct StatementRow {
        let text: String
        let kind: String
        let time: String
        let source: String
    }

    let reference: String
    let childName: String
    /// Who made the referral and how to reach them (the record's `author`), when the sender shared it.
    let author: [Row]
    let subject: [Row]
    let household: [Person]
    let parties: [Person]
    let paragraphs: [String]
    let statements: [StatementRow]
    let concernTags: [String]
    let concern: [Row]
    let sharing: [Row]

    init(_ value: JSONValue) {
        let o = value.objectValue ?? JSONObject()
        reference = o["id"]?.stringValue ?? "(no reference)"
        author = Self.rows(o["author"]?.objectValue ?? JSONObject(), labels: [
            ("name", "Name"), ("job_title", "Job title"), ("organisation", "Organisation"), ("phone", "Phone"), ("email", "Email")])
        let subjectObject = o["subject"]?.objectValue ?? JSONObject()
        childName = subjectObject["name"]?.stringValue ?? "(name not shared)"
        subject = Self.rows(subjectObject, labels: [
            ("name", "Name"), ("aka", "Other names"), ("dob", "Date of birth"), ("gender", "Gender"), ("nhs_number", "NHS number"),
            ("address", "Address"), ("school", "School")])
        household = (o["household"]?.arrayValue ?? []).compactMap(\.objectValue).map { m in
            Person(heading: m["relationship"]?.stringValue ?? "Household member", rows: Self.rows(m, labels: [
                ("name", "Name"), ("aka", "Other names"), ("dob", "Date of birth"), ("address", "Address"), ("phone", "Phone"),
                ("email", "Email"), ("alleged_perpetrator", "Alleged to have caused harm")]))
        }
        parties = (o["parties"]?.arrayValue ?? []).compactMap(\.objectValue).map { p in
            let role = p["role"]?.stringValue.map { $0.replacingOccurrences(of: "_", with: " ") } ?? "Person named"
            return Person(heading: role.prefix(1).uppercased() + role.dropFirst(), rows: Self.rows(p, labels: [
                ("name", "Name"), ("relationship", "Relationship"), ("address", "Address"), ("phone", "Phone"), ("email", "Email"),
                ("dob", "Date of birth"), ("is_referrer", "Made the referral")]))
        }
        paragraphs = (o["narrative"]?.stringValue ?? "").split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        statements = (o["statements"]?.arrayValue ?? []).compactMap(\.objectValue).map { s in
            StatementRow(text: s["text"]?.stringValue ?? "", kind: s["kind"]?.stringValue ?? "", time: s["time"]?.stringValue ?? "",
                         source: s["source"]?.stringValue ?? "")
        }
        let concernObject = o["concern"]?.objectValue ?? JSONObject()
        concernTags = (concernObject["categories"]?.arrayValue ?? []).compactMap(\.stringValue).map { $0.replacingOccurrences(of: "_", with: " ") }
        concern = Self.rows(concernObject, labels: [("risk_level", "Risk"), ("urgency", "Urgency")])
        var sharing = Self.rows(o, labels: [("purpose", "Purpose")])
        if let basis = o["lawful_basis"]?.objectValue {
            sharing += Self.rows(basis, labels: [("article_6", "Lawful basis (Article 6)"), ("article_9", "Condition (Article 9)")])
        }
        if let consent = o["consent"]?.objectValue {
            sharing += Self.rows(consent, labels: [("status", "Consent"), ("reason", "Consent reason")])
        }
        self.sharing = sharing
    }

    static func rows(_ o: JSONObject, labels: [(String, String)]) -> [Row] {
        labels.compactMap { key, label in
            guard let value = o[key], !value.isNull else { return nil }
            let text: String
            switch value {
            case .string(let s) where key == "dob": text = Format.date(s)
            case .string(let s): text = ["name", "address", "email", "job_title", "organisation"].contains(key) ? s : s.replacingOccurrences(of: "_", with: " ")
            case .bool(let b): text = b ? "Yes" : "No"
            case .array(let items): text = items.compactMap(\.stringValue).joined(separator: ", ")
            default: text = String(decoding: value.serialized(), as: UTF8.self)
            }
            return text.isEmpty ? nil : Row(key: label, value: text)
        }
    }
}

extension RecordView: ViewModel {
    var computed: [String: Any] {
        ["hasAuthor": !author.isEmpty, "hasHousehold": !household.isEmpty, "hasParties": !parties.isEmpty, "hasStatements": !statements.isEmpty,
         "hasConcern": !concern.isEmpty || !concernTags.isEmpty]
    }
}
