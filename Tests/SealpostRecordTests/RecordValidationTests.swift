import Foundation
import Testing
@testable import SealpostRecord

@Suite("Record validation: fields, modes and cross-field rules")
struct RecordValidationTests {
    func paths(_ issues: [RecordIssue]) -> [String] { issues.map(\.path.description) }

    @Test func minimalRecordIsValid() throws {
        let record = try SafeguardingRecord(minimalRecord())
        #expect(record.id == "T-1")
        #expect(record.household.isEmpty && record.parties.isEmpty)
        #expect(record.statements == [])
        #expect(record.concern?.riskLevel == nil)
    }

    @Test func fullModeListsEverythingASendNeeds() {
        let issues = recordIssues(["subject": ["name": "Alex Carter"], "narrative": "x"], mode: .full)
        #expect(Set(paths(issues)) == ["$.id", "$.author", "$.statements", "$.concern", "$.purpose", "$.lawful_basis", "$.consent"])
        #expect(issues.allSatisfy { $0.code == .missingField })
    }

    /// The author: name, job title and organisation required, and a phone or an email to call back.
    @Test func authorNeedsWhoAndHowToCallBack() {
        let noContact = recordIssues(replacing(minimalRecord(), ["author", "phone"], with: nil))
        #expect(noContact.map(\.code) == [.authorContactMissing])
        #expect(paths(noContact) == ["$.author.phone"])
        #expect(noContact.first?.problem.contains("cannot call back") == true)
        let emailOnly = replacing(replacing(minimalRecord(), ["author", "phone"], with: nil), ["author", "email"], with: "dsl@hillside.example.sch.uk")
        #expect(recordIssues(emailOnly).isEmpty)
        let noTitle = recordIssues(replacing(minimalRecord(), ["author", "job_title"], with: nil))
        #expect(noTitle.map(\.code) == [.missingField] && paths(noTitle) == ["$.author.job_title"])
        let badPhone = recordIssues(replacing(minimalRecord(), ["author", "phone"], with: "call me"))
        #expect(badPhone.map(\.code) == [.invalidPhone])
        // Not needed to redact.
        #expect(recordIssues(replacing(minimalRecord(), ["author"], with: nil), mode: .forRedaction).isEmpty)
    }

    /// A statutory transfer (a child protection file moving between schools) is shared because the
    /// law requires it: consent not sought, with reason statutory_duty, and the family told.
    @Test func statutoryDutyIsAReasonConsentWasNotSought() throws {
        let consent: JSONValue = ["status": "not_sought", "reason": "statutory_duty", "family": ["status": "told"]]
        let value = replacing(minimalRecord(), ["consent"], with: consent)
        #expect(recordIssues(value).isEmpty)
        #expect(try SafeguardingRecord(value).consent?.reason == .statutoryDuty)
        let given = recordIssues(replacing(minimalRecord(), ["consent"], with: ["status": "given", "reason": "statutory_duty"]))
        #expect(given.map(\.code) == [.consentReasonNotApplicable])
    }

    /// Whether the family was told: who tells them when they will be, why not when they are not.
    @Test func familyToldNeedsWhoOrWhy() {
        func family(_ value: JSONValue) -> [RecordIssue] { recordIssues(replacing(minimalRecord(), ["consent", "family"], with: value)) }
        #expect(family(["status": "told"]).isEmpty)
        #expect(family(["status": "will_be_told", "by": "the class teacher"]).isEmpty)
        #expect(family(["status": "not_told", "reason": "increased_risk_of_harm"]).isEmpty)
        let noOne = family(["status": "will_be_told"])
        #expect(noOne.map(\.code) == [.familyDetailMissing] && paths(noOne) == ["$.consent.family.by"])
        let noReason = family(["status": "not_told"])
        #expect(noReason.map(\.code) == [.familyDetailMissing] && paths(noReason) == ["$.consent.family.reason"])
        #expect(noReason.first?.fix.contains("increased_risk_of_harm") == true)
        let both = family(["status": "told", "by": "me", "reason": "undue_delay"])
        #expect(both.map(\.code) == [.familyDetailNotApplicable, .familyDetailNotApplicable])
        #expect(family(["status": "maybe"]).map(\.code) == [.notAllowedValue])
        #expect(family(nil).isEmpty)
        // A statutory duty says why consent was not sought; it is no reason to keep the family untold.
        let statutory = family(["status": "not_told", "reason": "statutory_duty"])
        #expect(statutory.map(\.code) == [.familyDetailNotApplicable] && paths(statutory) == ["$.consent.family.reason"])
        #expect(statutory.first?.fix.contains("statutory_duty") == false)
        let record = try? SafeguardingRecord(replacing(minimalRecord(), ["consent", "family"], with: ["status": "will_be_told", "by": "DSL"]))
        #expect(record?.consent?.family == .init(status: .willBeTold, by: "DSL"))
    }

    @Test func redactionModeNeedsOnlySubjectAndNarrative() throws {
        let record = try SafeguardingRecord(["subject": ["name": "Alex Carter"], "narrative": "x"], mode: .forRedaction)
        #expect(record.id == nil && record.concern == nil && record.statements == nil)
        // ... and the model can say what a send still needs.
        #expect(record.issues(for: .full).count == 7)
        #expect(record.issues(for: .forRedaction).isEmpty)
    }

    @Test func redactionModeStillChecksWhatIsPresent() {
        let issues = recordIssues(["subject": ["name": "Alex Carter", "dob": "2019-02-30"], "narrative": "x",
                                   "parties": [["id": "p1", "role": "landlord"]], "concern": ["urgency": "soon"]],
                                  mode: .forRedaction)
        #expect(Set(paths(issues)) == ["$.subject.dob", "$.parties[0].role", "$.concern.categories", "$.concern.urgency"])
    }

    @Test(arguments: RecordValidation.Mode.allCases)
    func subjectAndNarrativeAlwaysRequired(mode: RecordValidation.Mode) {
        let issues = recordIssues(["id": "x"], mode: mode)
        #expect(Set(paths(issues)).isSuperset(of: ["$.subject", "$.narrative"]))
        let nullName = recordIssues(replacing(minimalRecord(), ["subject", "name"], with: .null), mode: mode)
        #expect(nullName.map(\.code) == [.nullNotAllowed])
        #expect(paths(nullName) == ["$.subject.name"])
    }

    @Test func unknownFieldsAreRejectedWithTheirPath() {
        var value = replacing(minimalRecord(), ["subject", "nhs_no"], with: "943 476 5919")
        value = replacing(value, ["priority"], with: "high")
        value = replacing(value, ["household"], with: [["id": "h1", "relationship": "mother", "mobile": "07700 900123"]])
        value = replacing(value, ["consent", "Reason"], with: "x")
        let issues = recordIssues(value)
        #expect(Set(paths(issues)) == ["$.subject.nhs_no", "$.priority", "$.household[0].mobile", "$.consent[<key of 6 bytes>]"])
        #expect(issues.allSatisfy { $0.code == .unknownField })
        #expect(issues.first { $0.path.description == "$.priority" }?.fix.contains("narrative") == true)
    }

    @Test func wrongTypesNameTheTypeFound() {
        var value = replacing(minimalRecord(), ["subject", "name"], with: 42)
        value = replacing(value, ["subject", "aka"], with: "JJ")
        value = replacing(value, ["household"], with: ["id": "h1"])
        value = replacing(value, ["parties"], with: [["id": "p1", "protect": "yes"], "p2"])
        value = replacing(value, ["narrative"], with: ["text"])
        value = replacing(value, ["concern", "categories"], with: "neglect")
        let issues = recordIssues(value)
        let byPath = Dictionary(issues.map { ($0.path.description, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byPath["$.subject.name"]?.problem == "must be a string but is a number")
        #expect(byPath["$.subject.aka"]?.problem == "must be an array but is a string")
        #expect(byPath["$.household"]?.problem == "must be an array but is an object")
        #expect(byPath["$.parties[0].protect"]?.problem == "must be true, false or null but is a string")
        #expect(byPath["$.parties[1]"]?.problem == "must be an object (a third party) but is a string")
        #expect(byPath["$.narrative"]?.problem == "must be a string but is an array")
        #expect(byPath["$.concern.categories"]?.problem == "must be an array but is a string")
        #expect(issues.allSatisfy { $0.code == .wrongType })
        #expect(issues.count == 7)
    }

    @Test func recordMustBeAnObject() {
        for value: JSONValue in [[], "record", 1, nil, true] {
            let issues = recordIssues(value)
            #expect(issues.count == 1)
            #expect(issues.first?.path == .root)
            #expect(issues.first?.code == .wrongType)
        }
    }

    @Test func malformedJSONBecomesOneIssueWithItsOffset() {
        let issues = recordIssues(bytes(#"{"id": "x", "id": "y"}"#))
        #expect(issues.count == 1)
        #expect(issues[0].code == .malformedJSON)
        #expect(issues[0].path.description == "$.id")
        #expect(issues[0].offset == 12)
        #expect(issues[0].description.hasPrefix("$.id (byte 12): "))
    }

    @Test func allowedValuesAreListedInTheFix() {
        let value = replacing(minimalRecord(), ["concern", "urgency"], with: "asap")
        let issue = recordIssues(value).first
        #expect(issue?.code == .notAllowedValue)
        #expect(issue?.fix == "use one of: emergency, urgent, routine (lower case, exactly)")
        #expect(recordIssues(replacing(minimalRecord(), ["concern", "urgency"], with: "Urgent")).first?.code == .notAllowedValue)
    }

    @Test func concernCategories() {
        let empty = recordIssues(replacing(minimalRecord(), ["concern", "categories"], with: []))
        #expect(paths(empty) == ["$.concern.categories"])
        let repeated = recordIssues(replacing(minimalRecord(), ["concern", "categories"], with: ["neglect", "emotional", "neglect"]))
        #expect(repeated.map(\.code) == [.duplicateValue])
        #expect(paths(repeated) == ["$.concern.categories[2]"])
        let unknown = recordIssues(replacing(minimalRecord(), ["concern", "categories"], with: ["neglect", "bullying"]))
        #expect(paths(unknown) == ["$.concern.categories[1]"])
    }

    @Test func consentReasonOnlyWhenNotSought() {
        let missing = recordIssues(replacing(minimalRecord(), ["consent"], with: ["status": "not_sought"]))
        #expect(missing.map(\.code) == [.consentReasonMissing])
        #expect(paths(missing) == ["$.consent.reason"])
        let extra = recordIssues(replacing(minimalRecord(), ["consent"], with: ["status": "refused", "reason": "undue_delay"]))
        #expect(extra.map(\.code) == [.consentReasonNotApplicable])
        let ok = recordIssues(replacing(minimalRecord(), ["consent"], with: ["status": "not_sought", "reason": "undermine_legal_proceedings"]))
        #expect(ok.isEmpty)
        let badReason = recordIssues(replacing(minimalRecord(), ["consent"], with: ["status": "not_sought", "reason": "too_busy"]))
        #expect(badReason.map(\.code) == [.notAllowedValue])
    }

    @Test func consentBasisNeedsConsentGiven() {
        var value = replacing(minimalRecord(), ["lawful_basis", "article_6"], with: "consent")
        #expect(recordIssues(value).isEmpty)
        value = replacing(value, ["consent", "status"], with: "refused")
        let issues = recordIssues(value)
        #expect(issues.map(\.code) == [.consentBasisWithoutConsent])
        #expect(paths(issues) == ["$.lawful_basis.article_6"])
    }

    @Test func specialCategoryDataNeedsAnArticle9Condition() throws {
        let physical = replacing(minimalRecord(), ["concern", "categories"], with: ["neglect", "physical"])
        let issues = recordIssues(physical)
        #expect(issues.map(\.code) == [.specialCategoryConditionMissing])
        #expect(paths(issues) == ["$.lawful_basis.article_9"])
        #expect(issues[0].problem.contains("$.concern.categories[1]"))
        // Not a send requirement when reading for redaction.
        #expect(recordIssues(physical, mode: .forRedaction).isEmpty)

        let nhs = replacing(minimalRecord(), ["subject", "nhs_number"], with: "943 476 5919")
        #expect(recordIssues(nhs).map(\.code) == [.specialCategoryConditionMissing])
        let fixed = replacing(nhs, ["lawful_basis", "article_9"], with: "safeguarding_of_children_and_individuals_at_risk")
        #expect(recordIssues(fixed).isEmpty)
        #expect(try SafeguardingRecord(fixed).specialCategorySources.map(\.description) == ["$.subject.nhs_number"])
    }

    @Test func idsAreUniqueAcrossHouseholdAndParties() {
        var value = replacing(minimalRecord(), ["household"], with: [["id": "p1", "relationship": "mother"]])
        value = replacing(value, ["parties"], with: [["id": "p0"], ["id": "p1"]])
        let issues = recordIssues(value)
        #expect(issues.map(\.code) == [.duplicateID])
        #expect(paths(issues) == ["$.parties[1].id"])
        #expect(issues[0].problem == "is the same id as $.household[0].id")
    }

    @Test func householdNeedsIdAndRelationship() {
        let value = replacing(minimalRecord(), ["household"], with: [["name": "Sam Carter"]])
        #expect(Set(paths(recordIssues(value))) == ["$.household[0].id", "$.household[0].relationship"])
    }

    @Test func partiesMayBeAllNullButTheId() throws {
        let party: JSONValue = ["id": "p1", "role": nil, "relationship": nil, "name": nil, "aka": nil, "address": nil,
                                "phone": nil, "email": nil, "dob": nil, "nhs_number": nil, "ni_number": nil,
                                "is_referrer": nil, "protect": nil]
        let record = try SafeguardingRecord(replacing(minimalRecord(), ["parties"], with: [party]))
        #expect(record.parties[0].isProtected)
        #expect(record.parties[0].aka == [])
    }

    @Test func fieldFormats() {
        var value = replacing(minimalRecord(), ["subject", "dob"], with: "14/03/2017")
        value = replacing(value, ["subject", "nhs_number"], with: "943 476 5918")
        value = replacing(value, ["lawful_basis", "article_9"], with: "safeguarding_of_children_and_individuals_at_risk")
        value = replacing(value, ["parties"], with: [["id": "p 1", "phone": "999", "email": "nobody", "ni_number": "QQ123456C",
                                                      "name": "Baby 2", "aka": ["Pat", "Pat"]]])
        let codes = Dictionary(recordIssues(value).map { ($0.path.description, $0.code) }, uniquingKeysWith: { a, _ in a })
        #expect(codes == [
            "$.subject.dob": .invalidDate, "$.subject.nhs_number": .invalidNHSNumber, "$.parties[0].id": .invalidIdentifier,
            "$.parties[0].phone": .invalidPhone, "$.parties[0].email": .invalidEmail, "$.parties[0].ni_number": .invalidNINumber,
            "$.parties[0].name": .invalidName, "$.parties[0].aka[1]": .duplicateValue,
        ])
    }

    @Test func hiddenCharactersInTextAreRefused() {
        let value = replacing(minimalRecord(), ["narrative"], with: "Jo\u{200B}hn said \u{202E}olleh")
        let issues = recordIssues(value)
        #expect(issues.map(\.code) == [.forbiddenCharacter])
        #expect(issues[0].problem == "contains the invisible character U+200B at character 3")
        #expect(recordIssues(replacing(minimalRecord(), ["narrative"], with: "   \n ")).map(\.code) == [.emptyText])
        #expect(recordIssues(replacing(minimalRecord(), ["narrative"], with: "a\u{0}b")).map(\.code) == [.forbiddenCharacter])
    }

    @Test func limitsOnCounts() {
        let many = JSONValue.array((0...RecordLimits.householdCount).map { .object(JSONObject([.init(key: "id", value: .string("h\($0)")), .init(key: "relationship", value: "x")])) })
        let issues = recordIssues(replacing(minimalRecord(), ["household"], with: many))
        #expect(issues.map(\.code) == [.tooMany])
        let aka = JSONValue.array((0...RecordLimits.akaCount).map { .string("Name \(String(UnicodeScalar(UInt8(65 + $0))))") })
        #expect(recordIssues(replacing(minimalRecord(), ["subject", "aka"], with: aka)).map(\.code) == [.tooMany])
    }

    @Test func everyIssueIsReportedAtOnce() {
        var value = replacing(minimalRecord(), ["id"], with: "")
        value = replacing(value, ["subject", "gender"], with: 3)
        value = replacing(value, ["statements"], with: [["text": "t", "kind": "rumour"], ["text": "u", "kind": "fact", "time": "now", "extra": 1]])
        let issues = recordIssues(value)
        #expect(Set(paths(issues)) == ["$.id", "$.subject.gender", "$.statements[0].kind", "$.statements[0].time",
                                       "$.statements[1].time", "$.statements[1].extra"])
        let error = RecordValidationError(issues: issues)
        #expect(error.description.hasPrefix("the record has 6 problems:\n  $."))
    }

    @Test func modelRoundTripsThroughJSON() throws {
        for example in exampleRecords {
            let record = try SafeguardingRecord(json: example.bytes)
            let again = try SafeguardingRecord(json: record.jsonValue.serialized(options: .prettyPrinted))
            #expect(again == record, "\(example.name)")
        }
    }
}

/// Issue 11 §4: validation stopped silently at 10 issues; every one is listed, or counted past 100.
@Suite struct RecordIssueListTests {
    @Test func everyIssueIsListedOrCounted() {
        var value = minimalRecord()
        for i in 0..<15 { value = replacing(value, ["parties"], with: .array((0...i).map { ["id": .string("p\($0)"), "dob": "1990-02-30"] })) }
        let issues = recordIssues(value)
        #expect(issues.count == 15)
        let text = RecordIssueList.lines(issues)
        #expect(text.split(separator: "\n").count == 15)
        #expect(text.contains("$.parties[14].dob"))
        let capped = RecordIssueList.lines(issues, limit: 10)
        #expect(capped.split(separator: "\n").count == 11)
        #expect(capped.hasSuffix("  and 5 more"))
    }
}
