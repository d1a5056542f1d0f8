import Foundation
import Testing
@testable import SealpostRecord

@Suite("Field paths and projection for minimisation")
struct FieldPathTests {
    func paths(_ strings: [String]) throws -> Set<FieldPath> {
        Set(try strings.map { try #require(FieldPath($0), "\($0) is not in the catalogue") })
    }

    @Test func catalogueNamesTheFieldsTheAgreementUses() throws {
        let names = FieldPath.catalogue.map(\.rawValue)
        for expected in ["id", "subject", "subject.name", "subject.aka", "subject.dob", "subject.nhs_number", "household",
                         "household[].phone", "household[].alleged_perpetrator", "parties", "parties[].name",
                         "parties[].ni_number", "parties[].protect", "narrative", "statements", "statements[].text",
                         "concern", "concern.categories", "concern.urgency", "purpose", "lawful_basis",
                         "lawful_basis.article_9", "consent", "consent.reason"] {
            #expect(names.contains(expected), "\(expected)")
        }
        #expect(Set(names).count == names.count)
        #expect(names.count == 1 + 6 + 8 + 10 + 14 + 1 + 5 + 4 + 1 + 3 + 7)
    }

    @Test(arguments: ["", "subject.", "subject.nickname", "household.phone", "household[]", "parties[].name.first",
                      "Subject.name", "narrative[]", "statements.text", "$.subject.name", "subject[].name"])
    func unknownPathsAreRefused(_ text: String) {
        #expect(FieldPath(text) == nil)
    }

    @Test func parentsAndCoverage() throws {
        let phone = try #require(FieldPath("household[].phone"))
        let household = try #require(FieldPath("household"))
        #expect(phone.parent == household)
        #expect(household.parent == nil)
        #expect(household.covers(phone) && household.covers(household) && !phone.covers(household))
        #expect(phone.isLeaf && !household.isLeaf)
        #expect(household.children.count == 9)
        #expect(household < phone)
        #expect(FieldPath.leaves.allSatisfy { $0.isLeaf })
    }

    /// The catalogue and the model must agree: every member a fully populated record writes has a path.
    @Test func catalogueMatchesTheModel() throws {
        var model: Set<String> = []
        func walk(_ value: JSONValue, prefix: String) {
            guard case .object(let object) = value else { return }
            for member in object.members {
                let path = prefix + member.key
                model.insert(path)
                switch member.value {
                case .object: walk(member.value, prefix: path + ".")
                case .array(let elements):
                    for element in elements where element.objectValue != nil { walk(element, prefix: path + "[].") }
                default: break
                }
            }
        }
        walk(fullyPopulatedRecord().jsonValue, prefix: "")
        // A family not told has a reason instead of who tells them.
        var notTold = fullyPopulatedRecord()
        notTold.consent?.family = .init(status: .notTold, reason: .increasedRiskOfHarm)
        walk(notTold.jsonValue, prefix: "")
        #expect(model == Set(FieldPath.catalogue.map(\.rawValue)))
        #expect(FieldCatalogue.record.map(\.name) == SafeguardingRecord.fields)
    }

    @Test func projectionKeepsOnlyAllowedFields() throws {
        let record = fullyPopulatedRecord()
        let allowed = try paths(["id", "subject.name", "subject.dob", "parties[].role", "narrative", "concern"])
        let projection = record.projected(allowing: allowed)
        let expected: JSONValue = [
            "id": "R-1",
            "subject": ["name": "Alex Carter", "dob": "2016-05-01"],
            "parties": [["role": "neighbour"]],
            "narrative": "Text.",
            "concern": ["categories": ["neglect", "physical"], "risk_level": "low", "urgency": "routine"],
        ]
        #expect(projection.record == expected)
        #expect(projection.shared.map(\.rawValue) == ["id", "subject.name", "subject.dob", "parties[].role", "narrative", "concern"])
        #expect(projection.withheld.map(\.rawValue) == [
            "author", "subject.aka", "subject.gender", "subject.address", "subject.school", "subject.nhs_number", "household",
            "parties[].id", "parties[].relationship", "parties[].name", "parties[].aka", "parties[].address",
            "parties[].phone", "parties[].email", "parties[].dob", "parties[].nhs_number", "parties[].ni_number",
            "parties[].is_referrer", "parties[].protect", "statements", "purpose", "lawful_basis", "consent",
        ])
        #expect(projection.unknownMembersDropped == 0)
    }

    @Test func withheldListsOnlyWhatWasPresent() throws {
        let record = try SafeguardingRecord(minimalRecord())
        let projection = record.projected(allowing: try paths(["subject", "narrative"]))
        // household, parties and statements are empty arrays: nothing to withhold there.
        #expect(projection.withheld.map(\.rawValue) == ["id", "author", "concern", "purpose", "lawful_basis", "consent"])
        #expect(projection.shared.map(\.rawValue) == ["subject", "narrative"])
    }

    @Test func emptyElementsAndContainersAreDropped() throws {
        let value: JSONValue = ["subject": ["name": "A B", "dob": nil], "parties": [["id": "p1"], ["id": "p2", "email": "a@b.org"]]]
        let projection = FieldProjection(projecting: value, allowing: try paths(["subject.dob", "parties[].email"]))
        #expect(projection.record == ["subject": ["dob": nil], "parties": [["email": "a@b.org"]]])
        #expect(projection.shared.map(\.rawValue) == ["parties[].email"])
        #expect(projection.withheld.map(\.rawValue) == ["subject.name", "parties[].id"])
        let none = FieldProjection(projecting: value, allowing: try paths(["household"]))
        #expect(none.record == .object(JSONObject()))
        #expect(none.withheld.map(\.rawValue) == ["subject", "parties"])
    }

    @Test func wholeGroupsAreKeptWhole() throws {
        let record = fullyPopulatedRecord()
        let projection = record.projected(allowing: Set(FieldPath.catalogue.filter { $0.parent == nil }))
        #expect(projection.record == record.jsonValue)
        #expect(projection.withheld.isEmpty)
        #expect(projection.shared.count == SafeguardingRecord.fields.count)
    }

    @Test func projectionNeverRepeatsValues() throws {
        for example in exampleRecords {
            let record = try SafeguardingRecord(json: example.bytes)
            let projection = record.projected(allowing: try paths(["subject.name", "concern", "purpose"]))
            let listed = (projection.shared + projection.withheld).map(\.rawValue).joined(separator: " ")
            for value in sensitiveValues(in: record.jsonValue) { #expect(!listed.contains(value)) }
        }
    }

    @Test func unknownMembersAreDroppedAndCounted() throws {
        let value: JSONValue = ["subject": ["name": "A B", "nickname": "x"], "notes": "y"]
        let projection = FieldProjection(projecting: value, allowing: try paths(["subject.name"]))
        #expect(projection.record == ["subject": ["name": "A B"]])
        #expect(projection.unknownMembersDropped == 2)
    }
}

/// A record with every field given, one person in each list.
func fullyPopulatedRecord() -> SafeguardingRecord {
    typealias R = SafeguardingRecord
    return R(
        id: "R-1",
        author: .init(name: "Sam Okoro", jobTitle: "Designated safeguarding lead", organisation: "Hillside School",
                      phone: "01632 960 001", email: "dsl@hillside.example.sch.uk"),
        subject: .init(name: "Alex Carter", aka: ["Al"], gender: "female", dob: CalendarDate(iso: "2016-05-01"),
                       address: "1 High Street, Kingsbridge KB1 1AA", school: "Kingsbridge Primary",
                       nhsNumber: NHSNumber("943 476 5919")),
        household: [.init(id: "h1", relationship: "father", name: "Sam Carter", aka: ["Sammy"],
                          dob: CalendarDate(iso: "1985-01-01"), address: "1 High Street", phone: "07700 900001",
                          email: "sam@example.org", allegedPerpetrator: false)],
        parties: [.init(id: "p1", role: .neighbour, relationship: "next door", name: "Pat Lee", aka: ["P"],
                        address: "2 High Street", phone: "07700 900002", email: "pat@example.org",
                        dob: CalendarDate(iso: "1970-02-02"), nhsNumber: NHSNumber("4010232137"),
                        niNumber: NationalInsuranceNumber("AB123456C"), isReferrer: true, protect: true)],
        narrative: "Text.",
        statements: [.init(text: "Seen.", kind: .fact, time: .current, source: "p1")],
        concern: .init(categories: [.neglect, .physical], riskLevel: .low, urgency: .routine),
        purpose: "early_help",
        lawfulBasis: .init(article6: .publicTask, article9: .safeguardingOfChildrenAndIndividualsAtRisk),
        consent: .init(status: .notSought, reason: .increasedRiskOfHarm, family: .init(status: .willBeTold, by: "the class teacher")))
}
