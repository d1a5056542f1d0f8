import Foundation
import SealpostAgreement
import SealpostCore
@testable import SealpostExchange
import SealpostProtocol
import SealpostRecord
import SealpostRedaction
import SealpostSharing
import SealpostRelay
import Testing

/// A school and a MASH exchange a record through a real relay: send, inbox, open, ack, and the
/// school's sync sees the acknowledgement.
@Suite(.serialized) struct ExchangeEndToEndTests {
    @Test func sendInboxOpenAcknowledgeSync() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let school = try AgencyHome(Fixture.school, in: folder)
            let mash = try AgencyHome(Fixture.mash, in: folder)

            let sent = try await sendDisclosure(from: school, to: [Fixture.mash.agencyID], relay: relay)
            try #require(sent.count == 1)
            let entry = sent[0]
            #expect(entry.state == .deposited)
            #expect(entry.recipient == Fixture.mash.agencyID)
            #expect(entry.urgency == "urgent")
            let receipt = try #require(entry.receipt)
            #expect(receipt.relay == Fixture.relay.agencyID)
            #expect(receipt.mailboxes == [Fixture.mash.agencyID])
            // The envelope was kept in the outbox, byte for byte what was deposited.
            let stored = try #require(school.context.outbox.envelope(entry.envelopeID))
            #expect(EnvelopeID(of: stored).description == entry.envelopeID)

            // The MASH sees it waiting, with the signed purpose and urgency, and nothing is stored yet.
            let listing = try await mash.withSession(relay) { try await InboxListing.list(session: $0) }
            try #require(listing.items.count == 1)
            #expect(listing.acknowledgements == 0)
            guard case let .waiting(sender, purpose, urgency) = listing.items[0].status else {
                Issue.record("expected a waiting record, got \(listing.items[0].status)"); return
            }
            #expect(sender == Fixture.school.agencyID && purpose == Fixture.s47 && urgency == "urgent")
            #expect(listing.items[0].id == entry.envelopeID)
            #expect(try mash.context.inbox.entries().isEmpty)

            // Listed again with what an earlier listing verified, the envelope is described from there,
            // not fetched again, under the same agreement edition only; what the relay no longer lists
            // is forgotten.
            let descriptions = VerifiedDescriptions()
            _ = try await mash.withSession(relay) { try await InboxListing.list(session: $0, descriptions: descriptions) }
            #expect(descriptions.count == 1)
            let edition = "\(mash.context.agreement.id)/\(mash.context.agreement.version)"
            descriptions.remember(entry.envelopeID, .record(sender: "as-remembered", purpose: Fixture.s47, urgency: "routine",
                                                           recordID: nil, child: nil), agreement: edition)
            descriptions.remember(String(repeating: "0", count: 64), .acknowledgement, agreement: edition)
            let relisted = try await mash.withSession(relay) { try await InboxListing.list(session: $0, descriptions: descriptions) }
            guard case let .waiting(remembered, _, _) = relisted.items.first?.status else { Issue.record("expected a waiting record"); return }
            #expect(remembered == "as-remembered", "described from what was verified before")
            #expect(descriptions.count == 1, "an envelope the relay no longer lists is forgotten")
            descriptions.remember(entry.envelopeID, .record(sender: "as-remembered", purpose: Fixture.s47, urgency: "routine",
                                                           recordID: nil, child: nil), agreement: "another-edition/9")
            let fresh = try await mash.withSession(relay) { try await InboxListing.list(session: $0, descriptions: descriptions) }
            guard case let .waiting(verifiedAgain, _, _) = fresh.items.first?.status else { Issue.record("expected a waiting record"); return }
            #expect(verifiedAgain == Fixture.school.agencyID, "verified again under another edition")

            // Open stores the record once, as the school's projection for the MASH: redacted.
            let id = try #require(EnvelopeID(hex: entry.envelopeID))
            let (opened, outcome) = try await mash.withSession(relay) { try await Receive.open(id, session: $0) }
            #expect(outcome == .stored)
            #expect(opened.sender == Fixture.school.agencyID)
            #expect(opened.contentHash == entry.contentHash)
            let record = String(decoding: try #require(mash.context.inbox.content(entry.envelopeID)), as: UTF8.self)
            #expect(record.contains("[Third party"))
            for secret in try Fixture.protectedValues() { #expect(!record.contains(secret), "a protected identity reached the MASH") }
            #expect(try SafeguardingRecord(json: Array(record.utf8), mode: .forRedaction).purpose == Fixture.s47)

            // Acknowledge: the journal ends done and the envelope is gone from the MASH's mailbox.
            let ack = try await mash.withSession(relay) { try await Acknowledge.acknowledge(id, session: $0) }
            #expect(ack.state == .done)
            #expect(try await mash.withSession(relay) { try await $0.client.mailbox() }.isEmpty)

            // The school sees one acknowledgement waiting, and sync collects it.
            let schoolListing = try await school.withSession(relay) { try await InboxListing.list(session: $0) }
            #expect(schoolListing.acknowledgements == 1)
            #expect(schoolListing.items.isEmpty)
            let report = try await school.withSession(relay) { try await Sync.run(session: $0) }
            #expect(report.acknowledged.map(\.envelopeID) == [entry.envelopeID])
            #expect(report.refused.isEmpty)
            let after = try #require(try school.context.outbox.entry(entry.envelopeID))
            #expect(after.state == .acknowledged)
            #expect(after.acknowledgement?.envelopeID == ack.acknowledgementID)
            #expect(try await school.withSession(relay) { try await $0.client.mailbox() }.isEmpty)
            // A second sync finds nothing new.
            let again = try await school.withSession(relay) { try await Sync.run(session: $0) }
            #expect(again.acknowledged.isEmpty)
        }
    }

    @Test func oneEnvelopePerRecipientEachMinimisedForItsRole() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let school = try AgencyHome(Fixture.school, in: folder)
            let mash = try AgencyHome(Fixture.mash, in: folder)
            let police = try AgencyHome(Fixture.police, in: folder)

            let sent = try await sendDisclosure(from: school, to: [Fixture.mash.agencyID, Fixture.police.agencyID], relay: relay)
            #expect(Set(sent.map(\.recipient)) == [Fixture.mash.agencyID, Fixture.police.agencyID])
            #expect(Set(sent.map(\.envelopeID)).count == 2)
            let forPolice = try #require(sent.first { $0.recipient == Fixture.police.agencyID })
            #expect(forPolice.withheld.contains { $0.path == "narrative" })

            let policeID = try #require(EnvelopeID(hex: forPolice.envelopeID))
            _ = try await police.withSession(relay) { try await Receive.open(policeID, session: $0) }
            let text = String(decoding: try #require(police.context.inbox.content(forPolice.envelopeID)), as: UTF8.self)
            #expect(!text.contains("narrative"), "the police's projection has no narrative")
            // Each agency's mailbox holds only its own envelope.
            #expect(try await mash.withSession(relay) { try await $0.client.mailbox() }.map(\.envelopeID)
                    == sent.filter { $0.recipient == Fixture.mash.agencyID }.map(\.envelopeID))
        }
    }

    /// THREATS row 19: the police cannot list, fetch or delete the MASH's envelope: 404.
    @Test func someoneElsesMailboxIsNotFound() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let school = try AgencyHome(Fixture.school, in: folder)
            let mash = try AgencyHome(Fixture.mash, in: folder)
            let police = try AgencyHome(Fixture.police, in: folder)
            let sent = try await sendDisclosure(from: school, to: [Fixture.mash.agencyID], relay: relay)
            let id = try #require(EnvelopeID(hex: sent[0].envelopeID))

            try await police.withSession(relay) { session in
                let listed = try await session.client.mailbox()
                #expect(listed.isEmpty)
                let fetch = await exchangeError { _ = try await session.client.fetch(id) }
                #expect(fetch?.code == .notFound && fetch?.status == 404)
                let deleted = try await session.client.delete(id)
                #expect(deleted == false)
                let open = await exchangeError { _ = try await Receive.open(id, session: session) }
                #expect(open?.code == .notFound)
                // The same answer as for an envelope that does not exist at all.
                let none = await exchangeError { _ = try await session.client.fetch(EnvelopeID(of: [1, 2, 3])) }
                #expect(none?.status == 404 && none?.relayCode == fetch?.relayCode)
            }
            #expect(try police.context.inbox.entries().isEmpty)
            // The MASH's copy is untouched.
            #expect(try await mash.withSession(relay) { try await $0.client.fetch(id) }.count == Int(sent[0].envelopeLength))
        }
    }

    /// THREATS row 6, via the relay: the same envelope deposited twice is held once, and opened twice
    /// is stored once.
    @Test func sameEnvelopeTwiceIsHeldAndStoredOnce() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let school = try AgencyHome(Fixture.school, in: folder)
            let mash = try AgencyHome(Fixture.mash, in: folder)
            let sent = try await sendDisclosure(from: school, to: [Fixture.mash.agencyID], relay: relay)
            let envelope = try #require(school.context.outbox.envelope(sent[0].envelopeID))

            // A retry of the same deposit: the relay answers duplicate, with the first receipt.
            let again = try await school.withSession(relay) { try await $0.client.deposit(envelope, to: [Fixture.mash.agencyID]) }
            #expect(again.duplicate)
            #expect(again.receipt.depositedAt == sent[0].receipt?.depositedAt)
            // Send.deposit of an entry already deposited is harmless too.
            let redeposited = try await school.withSession(relay) { try await Send.deposit(sent[0], session: $0) }
            #expect(redeposited.receipt == sent[0].receipt)

            let id = try #require(EnvelopeID(hex: sent[0].envelopeID))
            try await mash.withSession(relay) { session in
                let waiting = try await session.client.mailbox()
                #expect(waiting.count == 1)
                let first = try await Receive.open(id, session: session)
                let second = try await Receive.open(id, session: session)
                #expect(first.outcome == .stored)
                #expect(second.outcome == .duplicate)
                #expect(second.entry == first.entry)
                // Delivered directly as well (the bytes in hand): still a duplicate.
                let direct = try Receive.store(envelope, id: id, context: mash.context)
                #expect(direct.outcome == .duplicate)
            }
            #expect(try mash.context.inbox.entries().count == 1)
        }
    }

    /// The relay stopped and started again between deposit and fetch: nothing lost.
    @Test func relayRestartedBetweenDepositAndFetch() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let school = try AgencyHome(Fixture.school, in: folder)
            let mash = try AgencyHome(Fixture.mash, in: folder)
            let sent = try await sendDisclosure(from: school, to: [Fixture.mash.agencyID], relay: relay)

            try await relay.restart()

            let id = try #require(EnvelopeID(hex: sent[0].envelopeID))
            let (entry, outcome) = try await mash.withSession(relay) { try await Receive.open(id, session: $0) }
            #expect(outcome == .stored)
            #expect(entry.contentHash == sent[0].contentHash)
            // The deposit status survived too.
            let status = try await school.withSession(relay) { try await $0.client.depositStatus(id) }
            #expect(status?.deliveries.map(\.state) == [.waiting])
        }
    }

    /// THREATS row 31: a recipient with no role is refused before anything is sealed, and logged.
    @Test func recipientWithNoRoleIsRefusedBeforeSealing() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        let school = try AgencyHome(Fixture.school, in: folder)
        let record = try Fixture.record()
        #expect {
            // early_help gives the police no role; the MASH alone would be allowed.
            try Send.prepare(record, purpose: Fixture.earlyHelp, recipients: [Fixture.mash.agencyID, Fixture.police.agencyID], context: school.context)
        } throws: { error in
            guard case let .notAllowed(refused) = error as? Send.Refusal else { return false }
            return refused.map(\.recipient) == [Fixture.police.agencyID] && refused[0].reason.message.contains("has no role in purpose early_help")
        }
        #expect(try school.context.outbox.entries().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: school.home.path + "/pseudonyms"))
        let log = try String(contentsOfFile: school.home.path + "/outbox/refusals.jsonl", encoding: .utf8)
        #expect(log.split(separator: "\n").count == 1)
        #expect(log.contains(Fixture.police.agencyID) && log.contains(Fixture.earlyHelp))
        // Not a party at all, and the relay operator, are refused the same way.
        for recipient in ["nobody-here", Fixture.relay.agencyID] {
            #expect(throws: Send.Refusal.self) {
                try Send.prepare(record, purpose: Fixture.s47, recipients: [recipient], context: school.context)
            }
        }
    }

    /// A date of birth after today in the UK (a typing error: 2031 for 2013) is refused before
    /// anything is sealed, against the sender's clock; today's date is not.
    @Test func futureDateOfBirthIsRefusedBeforeSealing() throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        let now = Int64(Date().timeIntervalSince1970)
        let school = try AgencyHome(Fixture.school, in: folder, clock: { now })
        let today = UKCalendar.today(atUnixTime: now)
        var record = try Fixture.record()
        record.subject.dob = CalendarDate(daysSince1970: today.daysSince1970 + 1)
        #expect {
            try Send.prepare(record, purpose: Fixture.s47, recipients: [Fixture.mash.agencyID], context: school.context)
        } throws: { error in
            guard case let .invalidRecord(issues) = error as? Send.Refusal else { return false }
            return issues.map(\.code) == [.dateOfBirthInFuture] && issues[0].path.description == "$.subject.dob"
        }
        #expect(try school.context.outbox.entries().isEmpty)
        record.subject.dob = today
        _ = try Send.prepare(record, purpose: Fixture.s47, recipients: [Fixture.mash.agencyID], context: school.context)
    }

    /// The pseudonym map is sealed to the sender, never sent.
    @Test func pseudonymMapStaysWithTheSenderSealed() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let school = try AgencyHome(Fixture.school, in: folder)
            _ = try await sendDisclosure(from: school, to: [Fixture.mash.agencyID], relay: relay)
            let vault = try FileManager.default.contentsOfDirectory(atPath: school.home.path + "/pseudonyms")
            #expect(vault.count == 1)
            let sealed = try Data(contentsOf: URL(fileURLWithPath: school.home.path + "/pseudonyms/" + vault[0]))
            for secret in try Fixture.protectedValues() {
                #expect(sealed.range(of: Data(secret.utf8)) == nil)
            }
        }
    }
}

/// THREATS row 28: a possible identity the redactor is unsure of blocks the send until the
/// practitioner decides, and the decision travels in the outbox entry (by position, not text).
struct SendDecisionTests {
    static let record = "neighbour-call.json"

    @Test func undecidedFindingsBlockTheSendUntilDecided() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        let school = try AgencyHome(Fixture.school, in: folder)
        let record = try Fixture.record(Self.record)
        let recipients = [Fixture.mash.agencyID]
        var findings: [UncertainFinding] = []
        #expect {
            try Send.prepare(record, purpose: Fixture.mashScreening, recipients: recipients, context: school.context)
        } throws: { error in
            guard case let .needsDecisions(found) = error as? Send.Refusal else { return false }
            findings = found
            return !found.isEmpty
        }
        #expect(try school.context.outbox.entries().isEmpty)

        // A decision for a finding this record does not raise is refused (a stale file).
        let stale = DecisionFile(actions: findings.map { (finding: $0.id, action: DecisionFile.Action.keep) } + [(finding: "narrative@0-1", action: .redact)])
        #expect {
            try Send.prepare(record, purpose: Fixture.mashScreening, recipients: recipients, context: school.context, decisions: stale)
        } throws: { error in
            guard case let .unmatchedDecisions(ids) = error as? Send.Refusal else { return false }
            return ids == ["narrative@0-1"]
        }

        // Decided: it seals, and the decisions are recorded with the send.
        let decided = DecisionFile(actions: findings.map { (finding: $0.id, action: DecisionFile.Action.redact) })
        let preparation = try Send.prepare(record, purpose: Fixture.mashScreening, recipients: recipients, context: school.context, decisions: decided)
        #expect(preparation.decisions.count == findings.count)
        let entries = try Send.seal(preparation, context: school.context)
        #expect(entries[0].decisions.map { "\($0.path)@\($0.start)-\($0.end)" } == findings.map(\.id))
        #expect(entries[0].decisions.allSatisfy { $0.action == "redact" })
        #expect(entries[0].state == .sealed)
    }
}
