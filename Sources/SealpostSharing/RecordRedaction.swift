import SealpostRecord
import SealpostRedaction

/// Connects the record to the redactor: who the record's people are, which of its fields are
/// free text, and how the redactor's output goes back into the record.
public enum RecordRedaction {
    /// The free-text fields scanned for identities, by field path in the record.
    static func texts(of record: SafeguardingRecord) -> [TextField] {
        var texts = [TextField(path: "narrative", text: record.narrative)]
        for (i, statement) in (record.statements ?? []).enumerated() {
            texts.append(TextField(path: "statements[\(i)].text", text: statement.text))
            if let source = statement.source { texts.append(TextField(path: "statements[\(i)].source", text: source)) }
        }
        for (i, member) in record.household.enumerated() {
            texts.append(TextField(path: "household[\(i)].relationship", text: member.relationship))
        }
        for (i, party) in record.parties.enumerated() {
            if let relationship = party.relationship { texts.append(TextField(path: "parties[\(i)].relationship", text: relationship)) }
        }
        // Who will tell the family is free text that travels with the consent decision to every recipient.
        if let by = record.consent?.family?.by { texts.append(TextField(path: "consent.family.by", text: by)) }
        return texts
    }

    /// The id the author goes by in the redactor's input: not a record identifier (those start
    /// with a letter or digit), so no household member or party can share it.
    public static let authorID = "@author"

    /// The redactor's input for `record`: its people with their identifiers, and its texts.
    ///
    /// The author is a professional acting in their role: a party the redactor keeps
    /// (`protect: false`), so the author's name and contact details in the narrative are
    /// recognised as the author's and never replaced as a third party's.
    public static func input(for record: SafeguardingRecord, decisions: [PractitionerDecision] = []) -> RedactionInput {
        var people: [RedactionPerson] = []
        if let a = record.author {
            people.append(RedactionPerson(id: authorID, category: .party, role: .professional, protect: false,
                                          identifiers: PersonIdentifiers(name: a.name, phone: a.phone, email: a.email)))
        }
        let s = record.subject
        people.append(RedactionPerson(id: "subject", category: .subject, identifiers: PersonIdentifiers(
            name: s.name, aka: s.aka, address: s.address, dob: s.dob?.description, nhsNumber: s.nhsNumber?.description)))
        for m in record.household {
            people.append(RedactionPerson(id: m.id, category: .household, identifiers: PersonIdentifiers(
                name: m.name, aka: m.aka, address: m.address, phone: m.phone, email: m.email, dob: m.dob?.description)))
        }
        for p in record.parties {
            people.append(RedactionPerson(id: p.id, category: .party, role: p.role.flatMap { PartyRole(rawValue: $0.rawValue) },
                                          protect: p.protect, identifiers: PersonIdentifiers(
                name: p.name, aka: p.aka, address: p.address, phone: p.phone, email: p.email, dob: p.dob?.description,
                nhsNumber: p.nhsNumber?.description, niNumber: p.niNumber?.description)))
        }
        return RedactionInput(people: people, texts: texts(of: record), decisions: decisions)
    }

    /// `json` (the record, possibly already minimised) with the redacted texts in place, each
    /// protected party's name replaced by its token and its other identifiers withheld (null). Returns the field paths whose values
    /// were replaced for third-party protection (paths only).
    public static func apply(_ redaction: RedactedRecord, to json: JSONValue) -> (record: JSONValue, protected: [FieldPath]) {
        guard case .object(var root) = json else { return (json, []) }
        var protected: Set<FieldPath> = []
        for text in redaction.texts where !text.replacements.isEmpty {
            if set(&root, path: text.path, to: .string(text.text)) {
                if let field = FieldPath(catalogueForm(text.path)) { protected.insert(field) }
            }
        }
        if case .array(var parties)? = root["parties"] {
            for (i, element) in parties.enumerated() {
                guard case .object(var party) = element, let id = party["id"]?.stringValue,
                      let person = redaction.person(id: id), person.isProtected, let token = person.token else { continue }
                // The name becomes the pseudonym; every other identifier is withheld (null), which
                // keeps the record valid against its own schema (a date field never holds a token).
                if let value = party["name"], !value.isNull {
                    party["name"] = .string(token)
                    if let field = FieldPath("parties[].name") { protected.insert(field) }
                }
                for key in ["address", "phone", "email", "dob", "nhs_number", "ni_number"] {
                    if let value = party[key], !value.isNull {
                        party[key] = .null
                        if let field = FieldPath("parties[].\(key)") { protected.insert(field) }
                    }
                }
                if case .array(let aka)? = party["aka"], !aka.isEmpty {
                    party["aka"] = .array([])
                    if let field = FieldPath("parties[].aka") { protected.insert(field) }
                }
                parties[i] = .object(party)
            }
            root["parties"] = .array(parties)
        }
        return (.object(root), protected.sorted())
    }

    /// `statements[2].text` -> `statements[].text`.
    static func catalogueForm(_ path: String) -> String {
        var out = ""
        var skipping = false
        for c in path {
            if c == "[" { out.append("[]"); skipping = true } else if c == "]" { skipping = false } else if !skipping { out.append(c) }
        }
        return out
    }

    /// Sets the string at an element path such as `statements[2].text`; false if it is not there
    /// (a field minimisation removed stays removed).
    static func set(_ root: inout JSONObject, path: String, to value: JSONValue) -> Bool {
        let parts = path.split(separator: ".").map(String.init)
        return set(&root, parts: parts[...], to: value)
    }

    private static func set(_ object: inout JSONObject, parts: ArraySlice<String>, to value: JSONValue) -> Bool {
        guard let head = parts.first else { return false }
        if let open = head.firstIndex(of: "["), let close = head.firstIndex(of: "]"),
           let index = Int(head[head.index(after: open)..<close]) {
            let key = String(head[..<open])
            guard case .array(var elements)? = object[key], elements.indices.contains(index),
                  case .object(var inner) = elements[index] else { return false }
            guard set(&inner, parts: parts.dropFirst(), to: value) else { return false }
            elements[index] = .object(inner)
            object[key] = .array(elements)
            return true
        }
        if parts.count == 1 {
            guard object[head] != nil else { return false }
            object[head] = value
            return true
        }
        guard case .object(var inner)? = object[head], set(&inner, parts: parts.dropFirst(), to: value) else { return false }
        object[head] = .object(inner)
        return true
    }
}
