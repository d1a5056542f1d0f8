@testable import SealpostRedaction

/// Small builders for the unit tests.
enum Fixture {
    static func person(_ id: String, _ category: PersonCategory, _ role: PartyRole?, protect: Bool? = nil,
                       _ ids: PersonIdentifiers) -> RedactionPerson {
        RedactionPerson(id: id, category: category, role: role, protect: protect, identifiers: ids)
    }

    static func person(_ id: String, _ category: PersonCategory, _ ids: PersonIdentifiers) -> RedactionPerson {
        RedactionPerson(id: id, category: category, identifiers: ids)
    }

    static let child = person("s", .subject, PersonIdentifiers(
        name: "Amira Khan", address: "12 Mill Lane, Kingsbridge KB1 4XY", dob: "02/03/2014", nhsNumber: "943 476 5919"))
    static let mother = person("m", .household, PersonIdentifiers(name: "KHAN, Farah", phone: "07700 900111", email: "farah.k@example.com"))
    static let neighbour = person("n", .party, .neighbour, PersonIdentifiers(
        name: "Mr Kevin O'Neill", aka: ["Big Kev"], address: "14 Mill Lane, Kingsbridge KB1 4XY", phone: "07700 900222",
        email: "kev.oneill@example.org", workplace: "Kingsbridge Fire Station", vehicle: "AB12 CDE", handle: "@bigkev_99"))
    static let uncle = person("u", .party, .relative, PersonIdentifiers(name: "Tariq Khan", dob: "1985-04-03", niNumber: "QQ 12 34 56 C"))
    static let teacher = person("t", .party, .professional, protect: false, PersonIdentifiers(name: "Mrs Jane Patel", phone: "01632 960100"))

    static let people = [child, mother, neighbour, uncle, teacher]

    static func redact(_ text: String, people: [RedactionPerson] = people, path: String = "narrative") throws -> Redaction {
        try Redactor().redact(RedactionInput(people: people, texts: [TextField(path: path, text: text)]))
    }

    static func redacted(_ text: String, people: [RedactionPerson] = people) throws -> String {
        try redact(text, people: people).record.texts[0].text
    }
}
