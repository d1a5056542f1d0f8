import Foundation
import Testing
import SealpostAgreement
import SealpostCore
import SealpostRecord

/// examples/agreement/: the Kingsbridge partnership's signed agreement and its parties' cards,
/// as examples/agreement/make-agreement.sh made them with the real binary.
@Suite("The example agreement")
struct ExampleAgreementTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples")

    func load() throws -> SignedAgreement {
        try SignedAgreement.load(path: Self.folder.appendingPathComponent("agreement/kingsbridge-agreement.json").path)
    }

    @Test("it is complete: seven parties, every one signed")
    func complete() throws {
        let signed = try load()
        let check = signed.verify()
        #expect(check.isComplete)
        #expect(check.signed.count == 7)
        let a = signed.agreement
        #expect(a.id == "kingsbridge-dsa")
        #expect(a.version == 1)
        #expect(a.parties.map(\.role) == [.school, .school, .childrensSocialCare, .mash, .police, .health, .relayOperator])
        #expect(a.parties.allSatisfy { $0.status == .active })
        #expect(a.isValid(on: CalendarDate(iso: "2026-11-21")!))
        // The file is exactly what the writer makes of it.
        let bytes = try Data(contentsOf: Self.folder.appendingPathComponent("agreement/kingsbridge-agreement.json"))
        #expect(Array(bytes) == signed.fileBytes)
    }

    @Test("the cards beside it are the parties' cards, and no private key is in the folder")
    func cards() throws {
        let a = try load().agreement
        let cardsFolder = Self.folder.appendingPathComponent("agreement/cards")
        let names = try FileManager.default.contentsOfDirectory(atPath: cardsFolder.path).sorted()
        #expect(names == a.parties.map { "\($0.agencyID).card.json" }.sorted())
        for party in a.parties {
            let data = try Data(contentsOf: cardsFolder.appendingPathComponent("\(party.agencyID).card.json"))
            #expect(try IdentityCard.load(data, source: party.agencyID) == party.card)
        }
        // Nothing else is in the folder: the script, its README, the agreement and public cards.
        let everything = FileManager.default.enumerator(atPath: Self.folder.appendingPathComponent("agreement").path)!
        var found: [String] = []
        for case let name as String in everything { found.append(name) }
        #expect(found.sorted() == (["README.md", "cards", "kingsbridge-agreement.json", "make-agreement.sh"] + names.map { "cards/\($0)" }).sorted())
        for name in found where name.hasSuffix(".json") {
            let data = try Data(contentsOf: Self.folder.appendingPathComponent("agreement/\(name)"))
            #expect(data.firstRange(of: Data("SPKEYv1".utf8)) == nil, "\(name) holds a key file")
            #expect(throws: Never.self) { try JSONParser.parse(data) }
        }
    }

    @Test("each example record's purpose is in it, on a lawful basis it allows, for a role that may receive it")
    func exampleRecordsFit() throws {
        let a = try load().agreement
        let records = Self.folder.appendingPathComponent("records")
        let files = try FileManager.default.contentsOfDirectory(atPath: records.path).filter { $0.hasSuffix(".json") }
        #expect(files.count >= 4)
        for file in files {
            let value = try JSONParser.parse(Data(contentsOf: records.appendingPathComponent(file)))
            let purposeID = try #require(value["purpose"]?.stringValue, "\(file)")
            let purpose = try #require(a.purpose(purposeID), "\(file): no purpose \(purposeID)")
            let basis = try #require(value["lawful_basis"]?["article_6"]?.stringValue.flatMap(SafeguardingRecord.LawfulBasis.Article6.init(rawValue:)))
            #expect(purpose.lawfulBases.contains(basis), "\(file)")
            #expect(a.parties.contains { party in
                (try? a.allowedFields(purpose: purposeID, recipient: party.agencyID).get()) != nil
            })
        }
    }

    @Test("the purposes the partnership agreed, and what the school and the relay may receive")
    func purposes() throws {
        let a = try load().agreement
        #expect(a.purposes.map(\.id) == ["child_protection_enquiry_s47", "child_in_need_assessment_s17", "early_help",
                                         "police_investigation", "health_assessment", "mash_screening", "police_notification_domestic_abuse",
                                         "child_protection_file_transfer"])
        #expect(a.purposes.allSatisfy { $0.lawfulBases.contains(.publicTask) })
        // Operation Encompass: the school hears who and how urgent, never the narrative.
        let encompass = try a.allowedFields(purpose: "police_notification_domestic_abuse", recipient: "school-st-annes").get()
        #expect(encompass.map(\.rawValue) == ["id", "subject.name", "subject.dob", "subject.school", "concern.categories", "concern.urgency"])
        if case .success = a.allowedFields(purpose: "police_investigation", recipient: "school-st-annes") {
            Issue.record("the school may receive police investigation records")
        }
        // A child protection file moves whole from one school to the next, and only between schools.
        let transfer = try a.allowedFields(purpose: "child_protection_file_transfer", recipient: "kingsbridge-academy").get()
        #expect(transfer.map(\.rawValue).contains("narrative") && transfer.map(\.rawValue).contains("statements"))
        if case .success = a.allowedFields(purpose: "child_protection_file_transfer", recipient: "kingsbridge-mash") {
            Issue.record("the MASH may receive a school's child protection file transfer")
        }
        for purpose in a.purposes {
            if case .success = a.allowedFields(purpose: purpose.id, recipient: "relay-kingsbridge") {
                Issue.record("the relay operator may receive \(purpose.id)")
            }
        }
    }

    @Test("the school transfer example (examples/school-transfer) is a record for the transfer purpose, with its attachment")
    func schoolTransferExample() throws {
        let a = try load().agreement
        let folder = Self.folder.appendingPathComponent("school-transfer")
        let record = try SafeguardingRecord(json: Array(try Data(contentsOf: folder.appendingPathComponent("record.json"))), mode: .full)
        #expect(record.purpose == "child_protection_file_transfer")
        #expect(a.purpose(record.purpose ?? "")?.lawfulBases.contains(record.lawfulBasis?.article6 ?? .consent) == true)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("chronology.txt").path))
    }
}
