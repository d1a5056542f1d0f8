import Foundation
import SealpostAgreement
import SealpostCore
import SealpostRecord
import SealpostRedaction
import SealpostSharing
import Testing

/// Minimisation then redaction, as a record is prepared to leave the sender.
struct OutgoingRecordTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/records")

    static func record(_ name: String) throws -> SafeguardingRecord {
        try SafeguardingRecord(json: try Data(contentsOf: examples.appendingPathComponent(name)))
    }

    /// A school, a MASH and the police; the s47 purpose gives the MASH the whole story and the
    /// police only the subject and the concern.
    static func agreement(purpose: String) throws -> Agreement {
        func party(_ id: String, _ role: SafeguardingRole) throws -> AgreementParty {
            AgreementParty(card: try Identity.generate(agencyID: id, name: id).card, role: role)
        }
        let paths = { (names: [String]) in names.compactMap(FieldPath.init) }
        return try Agreement(
            id: "test-dsa", version: 1, title: "Test", validFrom: CalendarDate(iso: "2026-01-01")!, validUntil: CalendarDate(iso: "2027-12-31")!,
            parties: [try party("school-a", .school), try party("mash-b", .mash), try party("police-c", .police), try party("housing-d", .housing)],
            purposes: [AgreementPurpose(id: purpose, name: "s47 enquiry", lawfulBases: [.publicTask, .legalObligation], recipients: [
                .init(role: .mash, fields: paths(["author", "subject", "household", "parties", "narrative", "statements", "concern"])),
                .init(role: .police, fields: paths(["subject.name", "subject.dob", "concern"])),
            ])])
    }

    @Test func refusesARecipientWithNoRoleBeforeRedacting() throws {
        let record = try Self.record("disclosure.json")
        let agreement = try Self.agreement(purpose: try #require(record.purpose))
        for (recipient, expected) in [("housing-d", "has no role in purpose"), ("nobody-x", "is not a party"), ("school-a", "has no role in purpose")] {
            #expect {
                try OutgoingRecord.prepare(record, purpose: record.purpose!, recipient: recipient, under: agreement)
            } throws: { error in
                guard case let .notAllowed(reason) = error as? OutgoingRecord.Refusal else { return false }
                return reason.message.contains(expected)
            }
        }
        #expect {
            try OutgoingRecord.prepare(record, purpose: "early-help", recipient: "mash-b", under: agreement)
        } throws: { error in
            guard case .notAllowed = error as? OutgoingRecord.Refusal else { return false }
            return true
        }
    }

    @Test func minimisesByRoleAndRedactsProtectedParties() throws {
        let record = try Self.record("disclosure.json")
        let agreement = try Self.agreement(purpose: record.purpose!)

        let police = try OutgoingRecord.prepare(record, purpose: record.purpose!, recipient: "police-c", under: agreement)
        let policeObject = try #require(police.record.objectValue)
        #expect(policeObject["narrative"] == nil)
        #expect(policeObject["household"] == nil)
        #expect(policeObject["subject"]?["address"] == nil)
        #expect(policeObject["subject"]?["name"]?.stringValue == record.subject.name)
        #expect(police.withheld.contains { $0.path.rawValue == "narrative" && $0.reason == .notAllowedForPurposeOrRole })
        #expect(policeObject["purpose"]?.stringValue == record.purpose)

        let mash = try OutgoingRecord.prepare(record, purpose: record.purpose!, recipient: "mash-b", under: agreement)
        let text = JSONWriter().string(mash.record)
        // Every protected party's identifiers are gone from the whole outgoing record.
        for party in record.parties where party.isProtected {
            for value in [party.name, party.phone, party.email, party.address].compactMap({ $0 }) {
                #expect(!text.contains(value), "a protected party's identifier is still in the outgoing record")
            }
        }
        // Kept people are kept.
        #expect(text.contains(record.subject.name))
        for member in record.household { if let name = member.name { #expect(text.contains(name)) } }
        #expect(mash.withheld.contains { $0.reason == .thirdPartyProtection })
        #expect(mash.summary.total > 0)
        // What leaves is still a valid record.
        _ = try SafeguardingRecord(mash.record)
    }

    /// Issue 11 §1: a GP's record said "asked me (Dr Khan, GP)" and Dr Khan was redacted as a third
    /// party. The author is a kept person: named in the narrative, with their phone, they stay.
    @Test func theAuthorInTheNarrativeIsKept() throws {
        var value = try #require(try JSONParser.parse(Data(contentsOf: Self.examples.appendingPathComponent("disclosure.json"))).objectValue)
        value["author"] = ["name": "Dr Amira Khan", "job_title": "GP", "organisation": "Kingsbridge Medical Practice",
                           "phone": "01632 960 555"]
        value["narrative"] = .string("Jayden's mother brought him to the surgery and asked me (Dr Khan, GP) to look at a bruise on his arm. "
            + "Jayden said his mum's boyfriend Dean pushed him. Mrs Patricia Hollins, a neighbour, phoned the practice the same day. "
            + "Please call me, Dr Amira Khan, on 01632 960 555 about this referral.")
        let record = try SafeguardingRecord(.object(value))
        #expect(record.author?.name == "Dr Amira Khan")
        let input = RecordRedaction.input(for: record)
        let author = try #require(input.people.first { $0.id == RecordRedaction.authorID })
        #expect(!author.isProtected)
        let agreement = try Self.agreement(purpose: record.purpose!)
        let mash = try OutgoingRecord.prepare(record, purpose: record.purpose!, recipient: "mash-b", under: agreement)
        let text = JSONWriter().string(mash.record)
        #expect(text.contains("asked me (Dr Khan, GP)"), "\(text)")
        #expect(text.contains("Please call me, Dr Amira Khan, on 01632 960 555"))
        #expect(mash.record["author"]?["name"]?.stringValue == "Dr Amira Khan")
        #expect(!text.contains("Hollins"), "the neighbour is still protected")
        // The police are not given the author for this purpose: the agreement decides.
        let police = try OutgoingRecord.prepare(record, purpose: record.purpose!, recipient: "police-c", under: agreement)
        #expect(police.record["author"] == nil)
        #expect(police.withheld.contains { $0.path.rawValue == "author" && $0.reason == .notAllowedForPurposeOrRole })
    }

    @Test func uncertainIdentitiesBlockUntilDecided() throws {
        let record = try Self.record("neighbour-call.json")
        let agreement = try Self.agreement(purpose: record.purpose!)
        var findings: [UncertainFinding] = []
        let outcome = Result { try OutgoingRecord.prepare(record, purpose: record.purpose!, recipient: "mash-b", under: agreement) }
        if case let .failure(error) = outcome, case let .needsDecisions(found)? = error as? OutgoingRecord.Refusal {
            findings = found
        } else {
            Issue.record("prepare went ahead with undecided findings")
        }
        try #require(!findings.isEmpty)
        // The practitioner decides each one; the decisions travel with the prepared record to be logged.
        let decisions = findings.map { PractitionerDecision(resolving: $0, action: .redact) }
        let prepared = try OutgoingRecord.prepare(record, purpose: record.purpose!, recipient: "mash-b", under: agreement, decisions: decisions)
        #expect(prepared.decisions == decisions)
        // Refusals describe the problem without repeating any identity.
        let described = OutgoingRecord.Refusal.needsDecisions(findings).description + findings.map(\.description).joined()
        for party in record.parties { if let name = party.name { #expect(!described.contains(name)) } }
    }
}

struct PseudonymVaultTests {
    @Test func mapIsSealedToTheSenderAndReadsBack() throws {
        let home = Home(path: FileManager.default.temporaryDirectory.appendingPathComponent("vault-\(UUID().uuidString)").path)
        defer { try? FileManager.default.removeItem(atPath: home.path) }
        let identity = try Identity.generate(agencyID: "school-a", name: "School A")
        let record = try OutgoingRecordTests.record("police-notification.json")
        let redaction = try Redactor().redact(RecordRedaction.input(for: record))
        let vault = PseudonymVault(home: home)
        let path = try vault.store(redaction.pseudonyms, recordID: record.id!, identity: identity, now: 1)
        let stored = try Data(contentsOf: URL(fileURLWithPath: path))
        let protectedName = try #require(record.parties.first { $0.isProtected }?.name)
        #expect(stored.range(of: Data(protectedName.utf8)) == nil, "the identity is not stored in the clear")
        let back = try vault.load(recordID: record.id!, identity: identity)
        #expect(back == redaction.pseudonyms)
        // Another identity cannot read it.
        let other = try Identity.generate(agencyID: "mash-b", name: "MASH B")
        #expect(throws: (any Error).self) { try vault.load(recordID: record.id!, identity: other) }
    }
}
