import Foundation
import Testing
import SealpostAgreement
import SealpostCore
import SealpostRecord

/// THREATS.md row 14 for agreements: malformed or hostile files are refused with an error that
/// names the JSON path and the problem, and nothing traps.
@Suite("Reading agreement files")
struct AgreementParsingTests {
    let base = fileJSON(Fixture.signed(Fixture.agreement()))

    /// Expects `value` to be refused with a message that names `path` and says `phrase`.
    func expectRefused(_ value: JSONValue, at path: String, saying phrase: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        expectRefused(JSONWriter(options: [.prettyPrinted]).bytes(value), at: path, saying: phrase, sourceLocation: sourceLocation)
    }

    func expectRefused(_ bytes: [UInt8], at path: String, saying phrase: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error = parseError(bytes) else {
            Issue.record("accepted; expected a refusal at \(path)", sourceLocation: sourceLocation)
            return
        }
        let text = error.message
        #expect(text.contains("\(path): ") || text.contains("\(path) (byte "), "\(text)", sourceLocation: sourceLocation)
        #expect(text.contains(phrase), "\(text)", sourceLocation: sourceLocation)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f }, "control character in \(text)",
                sourceLocation: sourceLocation)
    }

    @Test("the fixture itself is read back whole")
    func control() throws {
        let signed = try parse(JSONWriter().bytes(base))
        #expect(signed == Fixture.signed(Fixture.agreement()))
        #expect(signed.verify().isComplete)
    }

    @Test("wrong JSON types name the member and the type found")
    func wrongTypes() {
        expectRefused(.array([]), at: "$", saying: "must be an object, not an array")
        expectRefused(base.setting(at("agreement"), to: "text"), at: "$.agreement", saying: "must be an object, not a string")
        expectRefused(base.setting(at("agreement", "version"), to: "2"), at: "$.agreement.version", saying: "must be a whole number")
        expectRefused(base.setting(at("agreement", "version"), to: .number(JSONNumber(1.5)!)), at: "$.agreement.version", saying: "must be a whole number")
        expectRefused(base.setting(at("agreement", "title"), to: 7), at: "$.agreement.title", saying: "must be a string, not a number")
        expectRefused(base.setting(at("agreement", "relay"), to: true), at: "$.agreement.relay", saying: "must be a string or null")
        expectRefused(base.setting(at("agreement", "parties"), to: [:]), at: "$.agreement.parties", saying: "must be an array, not an object")
        expectRefused(base.setting(at("agreement", "parties", 2), to: "kingsbridge-mash"), at: "$.agreement.parties[2]", saying: "must be an object, not a string")
        expectRefused(base.setting(at("agreement", "parties", 0, "status"), to: nil), at: "$.agreement.parties[0]", saying: "is missing \"status\"")
        expectRefused(base.setting(at("agreement", "parties", 1, "card"), to: ["x"]), at: "$.agreement.parties[1].card", saying: "must be an object, not an array")
        expectRefused(base.setting(at("agreement", "parties", 1, "card", "version"), to: "1"), at: "$.agreement.parties[1].card.version", saying: "must be a whole number")
        expectRefused(base.setting(at("agreement", "parties", 1, "card", "name"), to: nil), at: "$.agreement.parties[1].card", saying: "is missing \"name\"")
        expectRefused(base.setting(at("agreement", "purposes", 0, "lawful_bases", 1), to: 6), at: "$.agreement.purposes[0].lawful_bases[1]", saying: "must be a string")
        expectRefused(base.setting(at("agreement", "purposes", 0, "recipients", 0, "fields"), to: "subject"), at: "$.agreement.purposes[0].recipients[0].fields", saying: "must be an array, not a string")
        expectRefused(base.setting(at("signatures"), to: .null), at: "$.signatures", saying: "must be an array, not null")
        expectRefused(base.setting(at("signatures", 0, "signature"), to: 0), at: "$.signatures[0].signature", saying: "must be a string, not a number")
    }

    @Test("the version is a whole number of at least 1, written as an integer")
    func versions() {
        for text in ["1.0", "1e0", "10E1"] {
            let bytes = Array(JSONWriter().string(base).replacingOccurrences(of: "\"version\":1,", with: "\"version\":\(text),").utf8)
            #expect(bytes != JSONWriter().bytes(base))
            expectRefused(bytes, at: "$.agreement.version", saying: "must be a whole number")
        }
        expectRefused(base.setting(at("agreement", "version"), to: 0), at: "$.agreement.version", saying: "must be 1 or more")
        expectRefused(base.setting(at("agreement", "version"), to: -3), at: "$.agreement.version", saying: "must be 1 or more")
        let huge = Array(JSONWriter().string(base).replacingOccurrences(of: "\"version\":1,", with: "\"version\":99999999999999999999,").utf8)
        expectRefused(huge, at: "$.agreement.version", saying: "64-bit")
    }

    @Test("a key twice in one object is refused wherever it is")
    func duplicateKeys() {
        let text = JSONWriter().string(base)
        let cases: [(String, String, String)] = [
            ("\"version\":1,", "\"version\":1,\"version\":2,", "$.agreement.version"),
            ("{\"agreement\":", "{\"signatures\":[],\"agreement\":", "$.signatures"),
            ("\"role\":\"school\"", "\"role\":\"school\",\"role\":\"police\"", "$.agreement.parties[0].role"),
            ("\"id\":\"early_help\"", "\"id\":\"early_help\",\"id\":\"early_help\"", "$.agreement.purposes[1].id"),
        ]
        for (original, duplicated, path) in cases {
            #expect(text.contains(original))
            let bytes = Array(text.replacingOccurrences(of: original, with: duplicated).utf8)
            expectRefused(bytes, at: path, saying: "appears more than once")
        }
    }

    @Test("unknown members are refused in every object, the embedded cards included")
    func unknownMembers() {
        let places: [[Step]] = [
            at(), at("agreement"), at("agreement", "parties", 3), at("agreement", "parties", 3, "card"),
            at("agreement", "purposes", 0), at("agreement", "purposes", 0, "recipients", 1), at("signatures", 2),
        ]
        for place in places {
            let edited = base.setting(place + [.key("expires")], to: "2030-01-01")
            expectRefused(edited, at: JSONPath(place).description, saying: "has an unknown member (7 bytes long)")
        }
        // A key that is not a field name is not repeated in the message.
        let odd = base.setting(at("agreement", "Jayden Okafor 07700 900123"), to: 1)
        let error = parseError(odd)
        #expect(error?.message.contains("Jayden") == false)
        #expect(error?.message.contains("has an unknown member (26 bytes long)") == true)
    }

    @Test("nesting deeper than 64 is refused at the path where it starts")
    func deepNesting() {
        var deep: JSONValue = "x"
        for _ in 0..<100 { deep = .array([deep]) }
        let bytes = Array(JSONWriter().bytes(base.setting(at("agreement", "relay"), to: .null)))
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\"relay\":null", with: "\"relay\":\(JSONWriter().string(deep))")
        expectRefused(Array(text.utf8), at: "$.agreement.relay" + String(repeating: "[0]", count: 62), saying: "nested more than 64 deep")
    }

    @Test("huge strings are refused by the JSON layer, long ones by the member's own limit")
    func hugeStrings() {
        let megabyte = String(repeating: "a", count: (1 << 20) + 1)
        expectRefused(base.setting(at("agreement", "title"), to: .string(megabyte)), at: "$.agreement.title", saying: "longer than the limit of 1048576 bytes")
        expectRefused(base.setting(at("signatures", 0, "signing_key_id"), to: .string(megabyte)), at: "$.signatures[0].signing_key_id", saying: "longer than the limit")
        let long = String(repeating: "é", count: 101)  // 202 bytes
        expectRefused(base.setting(at("agreement", "title"), to: .string(long)), at: "$.agreement.title", saying: "must be 1-200 bytes")
        expectRefused(base.setting(at("agreement", "purposes", 2, "name"), to: .string(long)), at: "$.agreement.purposes[2].name", saying: "must be 1-200 bytes")
        expectRefused(base.setting(at("agreement", "id"), to: .string(String(repeating: "k", count: 65))), at: "$.agreement.id", saying: "must be 1-64 of a-z 0-9")
        expectRefused(base.setting(at("agreement", "relay"), to: .string("https://" + String(repeating: "r", count: 2041))), at: "$.agreement.relay", saying: "1-2048 bytes")
        expectRefused(base.setting(at("signatures", 1, "signing_key_id"), to: .string(String(repeating: "0", count: 4000))), at: "$.signatures[1].signing_key_id", saying: "32 lower-case hex digits")
        // A whole file over 16 MiB is refused before it is read.
        let padded = JSONWriter().bytes(base) + [UInt8](repeating: 0x20, count: 16 << 20)
        #expect(parseError(padded)?.message.contains("more than the limit of 16777216") == true)
    }

    @Test("bytes that are not UTF-8 are refused with the path of the string")
    func invalidUTF8() {
        let text = JSONWriter().string(base)
        for bad: [UInt8] in [[0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF], [0xE2, 0x82]] {
            var bytes = Array(text.utf8)
            let marker = Array("Early help assessment".utf8)
            let start = bytes.firstRange(of: marker)!.lowerBound
            bytes.replaceSubrange(start..<start + 5, with: bad)
            expectRefused(bytes, at: "$.agreement.purposes[1].name", saying: "not valid UTF-8")
        }
        expectRefused([0xEF, 0xBB, 0xBF] + Array(text.utf8), at: "$", saying: "byte order mark")
    }

    @Test("dates are YYYY-MM-DD days that exist, and the validity runs forwards")
    func badDates() {
        for bad: JSONValue in ["2026-02-29", "2026-4-1", "01/04/2026", "2026-04-01T00:00:00Z", "1899-12-31", "", 20260401] {
            let expected = bad.stringValue == nil ? "must be a string, not a number" : "is not a date"
            expectRefused(base.setting(at("agreement", "valid_from"), to: bad), at: "$.agreement.valid_from", saying: expected)
        }
        expectRefused(base.setting(at("agreement", "valid_until"), to: "2026-03-31"), at: "$.agreement.valid_until", saying: "is before valid_from")
        // One day is a valid period; 29 February exists in leap years.
        let oneDay = base.setting(at("agreement", "valid_from"), to: "2028-02-29").setting(at("agreement", "valid_until"), to: "2028-02-29")
        #expect(parseError(oneDay) == nil)
    }

    @Test("roles, statuses, lawful bases and field paths must be known ones")
    func unknownNames() {
        expectRefused(base.setting(at("agreement", "parties", 0, "role"), to: "teacher"), at: "$.agreement.parties[0].role", saying: "is not a known role")
        let capital = parseError(base.setting(at("agreement", "parties", 0, "role"), to: "School"))
        #expect(capital?.message == "$.agreement.parties[0].role: is not a known role")
        #expect(capital?.hint == "use one of " + SafeguardingRole.allCases.map(\.rawValue).joined(separator: ", "))
        #expect(capital?.hint?.hasPrefix("use one of school, early_years, childrens_social_care, mash, police, health") == true)
        expectRefused(base.setting(at("agreement", "parties", 4, "status"), to: "suspended"), at: "$.agreement.parties[4].status", saying: "must be active or revoked")
        expectRefused(base.setting(at("agreement", "purposes", 1, "recipients", 0, "role"), to: "social_worker"), at: "$.agreement.purposes[1].recipients[0].role", saying: "is not a known role")
        for basis: JSONValue in ["public_interest", "Public_Task", "safeguarding_of_children_and_individuals_at_risk", "6(1)(e)"] {
            expectRefused(base.setting(at("agreement", "purposes", 0, "lawful_bases", 1), to: basis), at: "$.agreement.purposes[0].lawful_bases[1]",
                          saying: "is not a UK GDPR Article 6 basis")
        }
        for field: JSONValue in ["subject.postcode", "parties.name", "household[]", "subject[].name", "Subject", "$.subject", ""] {
            expectRefused(base.setting(at("agreement", "purposes", 0, "recipients", 1, "fields", 2), to: field),
                          at: "$.agreement.purposes[0].recipients[1].fields[2]", saying: "is not a record field path")
        }
    }

    @Test("rules inside the document: format, ids, repeats, the relay operator, empty lists")
    func documentRules() {
        expectRefused(base.setting(at("agreement", "format"), to: "sealpost-agreement/v2"), at: "$.agreement.format", saying: "is not sealpost-agreement/v1")
        expectRefused(base.setting(at("agreement", "id"), to: "Kingsbridge DSA"), at: "$.agreement.id", saying: "must be 1-64 of a-z 0-9")
        expectRefused(base.setting(at("agreement", "title"), to: ""), at: "$.agreement.title", saying: "must be 1-200 bytes")
        expectRefused(base.setting(at("agreement", "title"), to: "Kingsbridge\u{1B}[2J"), at: "$.agreement.title", saying: "no control or formatting")
        expectRefused(base.setting(at("agreement", "purposes", 0, "name"), to: "s47\u{202E}enquiry"), at: "$.agreement.purposes[0].name", saying: "no control or formatting")
        expectRefused(base.setting(at("agreement", "relay"), to: "https://relay example"), at: "$.agreement.relay", saying: "printable ASCII with no spaces")
        expectRefused(base.setting(at("agreement", "parties", 0, "agency_id"), to: "school-st-marys"), at: "$.agreement.parties[0].agency_id", saying: "differs from the agency id in the party's card")
        let schoolParty = base.value(at: at("agreement", "parties", 0))!
        expectRefused(base.setting(at("agreement", "parties", 5), to: schoolParty), at: "$.agreement.parties[5]", saying: "lists agency school-st-annes twice")
        // Two agencies may not share a signing key (one could sign for the other).
        let twin = Identity(agencyID: "school-annexe", name: "St Anne's Annexe", signingKey: Fixture.school.signingKey, boxKey: Fixture.outsider.boxKey)
        let shared = agreementError {
            _ = try Agreement(id: "t", version: 1, title: "T", validFrom: date("2026-01-01"), validUntil: date("2026-12-31"),
                              parties: [AgreementParty(card: Fixture.school.card, role: .school), AgreementParty(card: twin.card, role: .school)])
        }
        #expect(shared?.message == "$.parties[1]: uses a signing key another party already uses")
        let purpose = base.value(at: at("agreement", "purposes", 0))!
        expectRefused(base.setting(at("agreement", "purposes", 2), to: purpose), at: "$.agreement.purposes[2]", saying: "repeats purpose id child_protection_enquiry_s47")
        expectRefused(base.setting(at("agreement", "purposes", 0, "id"), to: "S47"), at: "$.agreement.purposes[0].id", saying: "must be 1-64 of a-z 0-9")
        expectRefused(base.setting(at("agreement", "purposes", 0, "lawful_bases"), to: []), at: "$.agreement.purposes[0].lawful_bases", saying: "at least one basis")
        expectRefused(base.setting(at("agreement", "purposes", 0, "lawful_bases"), to: ["public_task", "public_task"]), at: "$.agreement.purposes[0].lawful_bases", saying: "more than once")
        expectRefused(base.setting(at("agreement", "purposes", 0, "recipients"), to: []), at: "$.agreement.purposes[0].recipients", saying: "at least one role")
        expectRefused(base.setting(at("agreement", "purposes", 0, "recipients", 1, "role"), to: "relay_operator"), at: "$.agreement.purposes[0].recipients[1].role", saying: "the relay operator never receives records")
        expectRefused(base.setting(at("agreement", "purposes", 0, "recipients", 1, "role"), to: "childrens_social_care"), at: "$.agreement.purposes[0].recipients[1].role", saying: "already listed")
        expectRefused(base.setting(at("agreement", "purposes", 0, "recipients", 1, "fields"), to: []), at: "$.agreement.purposes[0].recipients[1].fields", saying: "at least one field")
        expectRefused(base.setting(at("agreement", "purposes", 0, "recipients", 1, "fields"), to: ["narrative", "id", "narrative"]), at: "$.agreement.purposes[0].recipients[1].fields", saying: "more than once")
    }

    @Test("cards inside the agreement are verified like any card")
    func embeddedCards() {
        let other = Fixture.outsider.card
        // The school's card with the outsider's box key: the self-signature no longer verifies.
        expectRefused(base.setting(at("agreement", "parties", 0, "card", "box_key"), to: .string(other.boxKey)), at: "$.agreement.parties[0].card", saying: "key ids do not match its keys")
        expectRefused(base.setting(at("agreement", "parties", 0, "card", "self_signature"), to: .string(other.selfSignature)), at: "$.agreement.parties[0].card", saying: "self-signature does not verify")
        let upper = Fixture.school.card.signingKey.uppercased()
        expectRefused(base.setting(at("agreement", "parties", 0, "card", "signing_key"), to: .string(upper)), at: "$.agreement.parties[0].card", saying: "lower-case hex")
    }

    @Test("signature entries: agency ids, lower-case hex of the right length, one per agency")
    func signatureEntries() {
        expectRefused(base.setting(at("signatures", 0, "agency_id"), to: "x\u{1B}[2J"), at: "$.signatures[0].agency_id", saying: "is not an agency id")
        expectRefused(base.setting(at("signatures", 0, "signature"), to: "abcd"), at: "$.signatures[0].signature", saying: "128 lower-case hex digits")
        let signature = base.value(at: at("signatures", 0, "signature"))!.stringValue!
        expectRefused(base.setting(at("signatures", 0, "signature"), to: .string(signature.uppercased())), at: "$.signatures[0].signature", saying: "128 lower-case hex digits")
        expectRefused(base.setting(at("signatures", 0, "signing_key_id"), to: "zz"), at: "$.signatures[0].signing_key_id", saying: "32 lower-case hex digits")
        let first = base.value(at: at("signatures", 0))!
        expectRefused(base.setting(at("signatures", 3), to: first), at: "$.signatures[3]", saying: "a second signature by the same agency")
    }

    @Test("damaged files: every truncation and thousands of random byte changes are refused or fail verification, never trap")
    func mutations() throws {
        let original = Fixture.signed(Fixture.agreement())
        let bytes = original.fileBytes
        for length in stride(from: 0, to: bytes.count - 1, by: 13) {
            #expect(parseError(Array(bytes[..<length])) != nil)
        }
        var rng = SplitMix(seed: 0x5EA1_9057)
        var refused = 0, unsigned = 0, unchanged = 0
        for _ in 0..<1500 {
            var mutated = bytes
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                let i = Int(rng.next() % UInt64(mutated.count))
                switch rng.next() % 3 {
                case 0: mutated[i] = UInt8(truncatingIfNeeded: rng.next())
                case 1: mutated[i] ^= 1 << UInt8(rng.next() % 8)
                default: mutated.remove(at: i)
                }
            }
            guard let parsed = try? parse(mutated) else { refused += 1; continue }
            if parsed.agreement.canonicalBytes == original.agreement.canonicalBytes, parsed.signatures == original.signatures {
                unchanged += 1  // whitespace, say: nothing that is signed changed
            } else {
                // Whatever changed, the edition is not in force.
                #expect(!parsed.verify().isComplete, "a changed file still verifies")
                unsigned += 1
            }
        }
        #expect(refused > 1000)
        #expect(refused + unsigned + unchanged == 1500)
    }
}

/// A small seeded generator, so the mutations are the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
