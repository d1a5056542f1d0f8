import Foundation
import SealpostAgreement
import SealpostCore
import SealpostExchange
import SealpostLedger
import SealpostLog
import SealpostRecord
import SealpostSodium
import Testing

/// The child a request in these tests is about, as the MASH knows them.
enum RequestFixture {
    static let name = "Jayden Okafor"
    static let nhs = "999 000 1006"
    static let dob = "2017-03-14"
    static let reason = "Strategy discussion on Tuesday raised concerns about attendance"
    static let declineReason = "Everything we hold was shared at the strategy discussion by Ms Adeyemi"

    static func subject() throws -> InformationRequest.Subject {
        try InformationRequest.Subject(name: name, nhsNumber: NHSNumber(nhs), dob: CalendarDate(iso: dob))
    }

    /// What must never reach either side's chain.log (THREATS row 30).
    static let personal = [name, "Okafor", nhs, "9990001006", dob, reason, declineReason, "Adeyemi"]
}

/// Seals and deposits a request from `requester` to `holder` for `purpose`.
func sendRequest(from requester: AgencyHome, to holder: String, purpose: String = Fixture.s47, urgency: SafeguardingRecord.Concern.Urgency = .urgent,
                 relay: TestRelay) async throws -> OutboxEntry {
    let sealed = try Request.seal(to: holder, purpose: purpose, urgency: urgency, subject: try RequestFixture.subject(),
                                  reason: RequestFixture.reason, context: requester.context)
    return try await requester.withSession(relay) { try await Request.deposit(sealed, session: $0) }
}

/// Opens the request `entry` as `holder` and returns the stored request's inbox entry.
func openRequest(_ entry: OutboxEntry, as holder: AgencyHome, relay: TestRelay) async throws -> InboxEntry {
    let id = try #require(EnvelopeID(hex: entry.envelopeID))
    let opened = try await holder.withSession(relay) { try await Receive.openAny(id, session: $0) }
    guard case .request(let stored, let outcome) = opened else {
        Issue.record("expected a request, got \(opened)")
        throw CLIStop()
    }
    #expect(outcome == .stored)
    return stored
}

struct CLIStop: Error {}

/// spec/receipts.md §Receipts (requests and declines), spec/exchange.md §Requests and §Declining.
@Suite(.serialized) struct RequestTests {
    /// A request, opened and declined: both logs hold the request's receipts under one message id
    /// and the same signed decline, cross-signed, verifying with the counterpart evidence and
    /// against each other's checkpoints; no identity reaches either chain.
    @Test func aRequestDeclinedLeavesMatchingCrossSignedEntriesInBothLogs() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let mash = try AgencyHome(Fixture.mash, in: folder)
            let school = try AgencyHome(Fixture.school, in: folder)
            let request = try await sendRequest(from: mash, to: Fixture.school.agencyID, relay: relay)
            #expect(request.state == .deposited && request.recipient == Fixture.school.agencyID)

            // The school sees it as a request, verified, before opening it.
            let listing = try await school.withSession(relay) { try await InboxListing.list(session: $0) }
            try #require(listing.items.count == 1)
            guard case .request(let sender, let purpose, let urgency) = listing.items[0].status else {
                Issue.record("listed as \(listing.items[0].status)"); return
            }
            #expect(sender == Fixture.mash.agencyID && purpose == Fixture.s47 && urgency == "urgent")

            let stored = try await openRequest(request, as: school, relay: relay)
            #expect(stored.sender == Fixture.mash.agencyID && stored.messageID == request.messageID)
            let content = try InformationRequest(decoding: try #require(school.context.requestsIn.content(stored.envelopeID)))
            #expect(content.subject.name == RequestFixture.name && content.reason == RequestFixture.reason)
            // Opened and logged, it is gone from the relay; opening again stores nothing new.
            #expect(try await school.withSession(relay) { try await $0.client.mailbox() }.isEmpty)
            let again = try await school.withSession(relay) { try await Receive.openAny(EnvelopeID(hex: request.envelopeID)!, session: $0) }
            if case .request(_, let outcome) = again { #expect(outcome == .duplicate) } else { Issue.record("not a request: \(again)") }

            let journalled = try await school.withSession(relay) {
                try await Decline.decline(EnvelopeID(hex: stored.envelopeID)!, reason: RequestFixture.declineReason,
                                          reasons: [.notNecessary, .thirdPartyInformation], session: $0)
            }
            #expect(journalled.state == .done && journalled.reasons == ["not_necessary", "third_party_information"])
            let mashListing = try await mash.withSession(relay) { try await InboxListing.list(session: $0) }
            #expect(mashListing.declines == 1 && mashListing.items.isEmpty)

            let report = try await mash.withSession(relay) { try await Sync.run(session: $0) }
            #expect(report.declined.map(\.envelopeID) == [request.envelopeID])
            #expect(try mash.context.requestsOut.entry(request.envelopeID)?.answer?.kind == .declined)
            #expect(try await mash.withSession(relay) { try await $0.client.mailbox() }.isEmpty)
            // A second sync finds nothing more to record.
            let second = try await mash.withSession(relay) { try await Sync.run(session: $0) }
            #expect(second.declined.isEmpty)

            let mashLog = try logEntries(mash)
            let schoolLog = try logEntries(school)
            #expect(mashLog.map(\.kind) == ["request_sent", "declined"])
            #expect(schoolLog.map(\.kind) == ["request_received", "declined"])
            let (sent, mashDecline) = (mashLog[0], mashLog[1])
            let (received, schoolDecline) = (schoolLog[0], schoolLog[1])

            // One message id on both sides; the decline names it.
            #expect(sent.receipt("message_id") == request.messageID && received.receipt("message_id") == request.messageID)
            #expect(sent.receipt("content_hash") == received.receipt("content_hash"))
            #expect(sent.receipt("requester") == Fixture.mash.agencyID && sent.receipt("holder") == Fixture.school.agencyID)
            #expect(sent.receipt("purpose") == Fixture.s47 && sent.receipt("urgency") == "urgent")
            #expect(sent.receipt?["deposit"]?["relay"]?.stringValue == Fixture.relay.agencyID)
            #expect(sent.evidence?["agency"]?.stringValue == Fixture.relay.agencyID)
            #expect(schoolDecline.receipt("in_answer_to") == request.messageID)
            #expect(schoolDecline.receipt("request_envelope_id") == request.envelopeID)
            #expect(schoolDecline.receipt?["reasons"]?.arrayValue?.compactMap(\.stringValue) == ["not_necessary", "third_party_information"])

            // The school received the MASH's checkpoint with the request, covering its log as it stood.
            let mashCheckpoint = try #require(HeldCheckpoint.parse(received.evidence?["checkpoint"]))
            #expect(mashCheckpoint.checkpoint.agency == Fixture.mash.agencyID && mashCheckpoint.checkpoint.size == 0)
            // The very receipt the school signed is in the MASH's log, with the school's signature as
            // evidence, the school's checkpoint after logging it, and the echo of the MASH's.
            #expect(mashDecline.receiptBytes == schoolDecline.receiptBytes)
            #expect(mashDecline.receipt("by") == Fixture.school.agencyID)
            #expect(mashDecline.evidence?["receipt_signature"]?.stringValue == schoolDecline.facts["signature"]?.stringValue)
            let schoolCheckpoint = try #require(HeldCheckpoint.parse(mashDecline.evidence?["checkpoint"]))
            #expect(schoolCheckpoint.checkpoint.size == 2 && schoolCheckpoint.isValid(for: Fixture.school.signingKey.publicKey))
            #expect(HeldCheckpoint.parse(mashDecline.facts["echo"]) == mashCheckpoint)

            let mashReport = try verifyLog(mash, heldBy: [school])
            let schoolReport = try verifyLog(school, heldBy: [mash])
            #expect(mashReport.isValid, "\(String(describing: mashReport.problem)) \(mashReport.checkpointProblems)")
            #expect(schoolReport.isValid, "\(String(describing: schoolReport.problem)) \(schoolReport.checkpointProblems)")
            #expect(mashReport.evidenceChecked == 2 && schoolReport.evidenceChecked == 1)
            #expect(mashReport.checkpointsChecked == 1 && schoolReport.checkpointsChecked == 1)

            // The child and the reasons are details, on both sides; never in a chain (THREATS row 30).
            let mashDetails = try logDetails(mash), schoolDetails = try logDetails(school)
            #expect(mashDetails[1]?["subject"]?["name"]?.stringValue == RequestFixture.name)
            #expect(mashDetails[1]?["subject"]?["nhs_number"]?.stringValue == RequestFixture.nhs)
            #expect(mashDetails[1]?["reason"]?.stringValue == RequestFixture.reason)
            #expect(mashDetails[2]?["reason"]?.stringValue == RequestFixture.declineReason)
            #expect(mashDetails[2]?["subject"]?["dob"]?.stringValue == RequestFixture.dob)
            #expect(schoolDetails[1]?["subject"]?["name"]?.stringValue == RequestFixture.name)
            #expect(schoolDetails[1]?["reason"]?.stringValue == RequestFixture.reason)
            #expect(schoolDetails[2]?["reason"]?.stringValue == RequestFixture.declineReason)
            #expect(schoolDetails[2]?["request_reason"]?.stringValue == RequestFixture.reason)
            for home in [mash, school] {
                let chain = try String(contentsOfFile: home.context.logDirectory + "/chain.log", encoding: .utf8)
                for value in RequestFixture.personal {
                    #expect(!chain.contains(value), "\(home.identity.agencyID)'s chain.log holds \(value)")
                }
                // Only the stored request itself holds the child's identifiers; the stores' entries do not.
                for path in try ["requests/out", "requests/in", "declines"].flatMap({ try storedJSON(home, $0) }) where !path.hasSuffix("/request.json") {
                    let text = try String(contentsOfFile: path, encoding: .utf8)
                    for value in RequestFixture.personal { #expect(!text.contains(value), "\(path) holds \(value)") }
                }
            }
        }
    }

    /// A request answered with a record: the send's receipts name the request, and so does the
    /// requester's `received`; the request is then answered, and can no longer be declined.
    @Test func aRequestAnsweredWithARecord() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let mash = try AgencyHome(Fixture.mash, in: folder)
            let school = try AgencyHome(Fixture.school, in: folder)
            let request = try await sendRequest(from: mash, to: Fixture.school.agencyID, relay: relay)
            let stored = try await openRequest(request, as: school, relay: relay)

            // The answer goes to the agency that asked, for the purpose it asked for.
            let record = try Fixture.record()
            let recipients = [Fixture.mash.agencyID]
            let file = try decisionsClearing("disclosure.json", purpose: Fixture.s47, recipients: recipients, context: school.context)
            for (to, purpose, expected) in [([Fixture.police.agencyID], Fixture.s47, "not among the recipients"),
                                            (recipients, Fixture.mashScreening, "asks for information for \(Fixture.s47)")] {
                do {
                    _ = try Send.prepare(record, purpose: purpose, recipients: to, context: school.context, decisions: file, answering: stored)
                    Issue.record("answered \(to) for \(purpose)")
                } catch {
                    guard let refusal = error as? Send.Refusal, case .other(let e) = refusal else { Issue.record("\(error)"); continue }
                    #expect(e.message.contains(expected), "\(e.message)")
                }
            }
            let preparation = try Send.prepare(record, purpose: Fixture.s47, recipients: recipients, context: school.context,
                                               decisions: file, answering: stored)
            let sealed = try Send.seal(preparation, context: school.context)
            #expect(sealed[0].inAnswerTo == request.messageID)
            let sent = try await school.withSession(relay) { try await Send.deposit(sealed[0], session: $0) }
            let schoolLog = try logEntries(school)
            #expect(schoolLog.map(\.kind) == ["request_received", "share_decided", "sent"])
            #expect(schoolLog[1].receipt("in_answer_to") == request.messageID)
            #expect(schoolLog[2].receipt("in_answer_to") == request.messageID)

            // A request answered cannot be declined too, nor answered twice.
            let error = await exchangeError {
                _ = try await school.withSession(relay) {
                    try await Decline.decline(EnvelopeID(hex: stored.envelopeID)!, reason: "changed my mind", reasons: [], session: $0)
                }
            }
            #expect(error?.message.contains("already answered") == true, "\(String(describing: error))")
            #expect(throws: Send.Refusal.self) {
                try Send.prepare(record, purpose: Fixture.s47, recipients: recipients, context: school.context, decisions: file, answering: stored)
            }

            // The MASH opens the record: its signed manifest names the request, which is now answered.
            let opened = try await mash.withSession(relay) { try await Receive.openAny(EnvelopeID(hex: sent.envelopeID)!, session: $0) }
            guard case .record = opened else { Issue.record("not a record: \(opened)"); return }
            let mashLog = try logEntries(mash)
            #expect(mashLog.map(\.kind) == ["request_sent", "received"])
            #expect(mashLog[1].receipt("in_answer_to") == request.messageID)
            let answered = try #require(try mash.context.requestsOut.entry(request.envelopeID)?.answer)
            #expect(answered.kind == .answered && answered.envelopeID == sent.envelopeID)
            #expect(try verifyLog(mash, heldBy: [school]).isValid)
            #expect(try verifyLog(school, heldBy: [mash]).isValid)
        }
    }

    /// A child's date of birth after today in the UK is a typing slip: refused before anything is sealed.
    @Test func aFutureDateOfBirthIsRefusedBeforeSealing() throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        let mash = try AgencyHome(Fixture.mash, in: folder)
        let tomorrow = CalendarDate(daysSince1970: UKCalendar.today(atUnixTime: mash.context.now).daysSince1970 + 1)
        let subject = try InformationRequest.Subject(name: RequestFixture.name, nhsNumber: nil, dob: tomorrow)
        let error = #expect(throws: ExchangeError.self) {
            try Request.seal(to: Fixture.school.agencyID, purpose: Fixture.s47, urgency: .routine, subject: subject,
                             reason: RequestFixture.reason, context: mash.context)
        }
        #expect(error?.code == .record && error?.message.contains("date of birth is after today") == true)
        #expect(try mash.context.requestsOut.entries().isEmpty)
    }

    /// An agency the agreement gives no role in the purpose may not ask for it: refused before
    /// anything is sealed, and the refusal logged with the reason in details.
    @Test func aRequesterWithNoRoleIsRefusedAndLogged() throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        let police = try AgencyHome(Fixture.police, in: folder)
        // The police receive nothing for early help.
        let error = #expect(throws: ExchangeError.self) {
            try Request.seal(to: Fixture.school.agencyID, purpose: Fixture.earlyHelp, urgency: .routine, subject: try RequestFixture.subject(),
                             reason: RequestFixture.reason, context: police.context)
        }
        #expect(error?.code == .agreement)
        #expect(error?.message.contains("nothing was sealed") == true && error?.message.contains("has no role in purpose early_help") == true)
        #expect(try police.context.requestsOut.entries().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: police.context.requestsOut.directory))
        let log = try logEntries(police)
        #expect(log.map(\.kind) == ["request_refused"])
        #expect(log[0].receipt("holder") == Fixture.school.agencyID && log[0].receipt("purpose") == Fixture.earlyHelp)
        #expect(log[0].facts["counterpart"]?.stringValue == Fixture.school.agencyID)
        let details = try #require(try logDetails(police)[1])
        #expect(details["reason"]?.stringValue?.contains("has no role in purpose early_help") == true)
        #expect(details["request_reason"]?.stringValue == RequestFixture.reason)
        #expect(details["subject"]?["name"]?.stringValue == RequestFixture.name)
        let chain = try String(contentsOfFile: police.context.logDirectory + "/chain.log", encoding: .utf8)
        for value in RequestFixture.personal { #expect(!chain.contains(value)) }
        #expect(try verifyLog(police).isValid)

        // Nor may an agency ask itself, or one outside the agreement (both logged).
        for holder in [Fixture.police.agencyID, "nobody-here"] {
            #expect(throws: ExchangeError.self) {
                try Request.seal(to: holder, purpose: Fixture.s47, urgency: .routine, subject: try RequestFixture.subject(), reason: nil, context: police.context)
            }
        }
        #expect(try logEntries(police).map(\.kind) == ["request_refused", "request_refused", "request_refused"])
    }

    /// A decline on the practitioner's own judgement is logged with its reasons, and nothing is
    /// sealed or deposited.
    @Test func aDeclineOnOwnJudgementIsLoggedAndNothingSent() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let school = try AgencyHome(Fixture.school, in: folder)
            let mash = try AgencyHome(Fixture.mash, in: folder)
            let reason = "The concern was resolved at the meeting with the family; sharing is not proportionate"
            let seq = try Decline.onOwnJudgement(try Fixture.record(), purpose: Fixture.s47, reason: reason, reasons: [.notNecessary], context: school.context)
            #expect(seq == 1)
            let log = try logEntries(school)
            #expect(log.map(\.kind) == ["declined"])
            #expect(log[0].receipt("holder") == Fixture.school.agencyID && log[0].receipt("purpose") == Fixture.s47)
            #expect(log[0].receipt("record_id") == "SA-2026-0142" && log[0].receipt("requester") == nil)
            #expect(log[0].receipt?["reasons"]?.arrayValue?.compactMap(\.stringValue) == ["not_necessary"])
            #expect(log[0].facts["counterpart"] == nil && log[0].evidence == nil)
            let details = try #require(try logDetails(school)[1])
            #expect(details["reason"]?.stringValue == reason)
            #expect(details["subject"]?["name"]?.stringValue == "Jayden Emeka Okafor")
            let chain = try String(contentsOfFile: school.context.logDirectory + "/chain.log", encoding: .utf8)
            #expect(!chain.contains("proportionate"))
            for identity in try disclosureIdentities() { #expect(!chain.contains(identity)) }
            #expect(try verifyLog(school).isValid)

            // Nothing was sealed here, nor deposited for anyone.
            #expect(try school.context.outbox.entries().isEmpty && school.context.requestsOut.entries().isEmpty)
            #expect(try await mash.withSession(relay) { try await $0.client.mailbox() }.isEmpty)
            let unknown = #expect(throws: ExchangeError.self) {
                try Decline.onOwnJudgement(try Fixture.record(), purpose: "no_such_purpose", reason: reason, reasons: [], context: school.context)
            }
            #expect(unknown?.code == .agreement)
        }
    }

    /// A decline signed by another agency than the one asked is refused by sync, left at the relay
    /// and not logged.
    @Test func aDeclineFromAnotherAgencyIsRefused() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let mash = try AgencyHome(Fixture.mash, in: folder)
            let police = try AgencyHome(Fixture.police, in: folder)
            let request = try await sendRequest(from: mash, to: Fixture.school.agencyID, relay: relay)
            // The police forge the school's answer with their own key.
            let facts: JSONObject = ["holder": .string(Fixture.school.agencyID), "requester": .string(Fixture.mash.agencyID),
                                     "purpose": .string(Fixture.s47), "in_answer_to": .string(request.messageID),
                                     "request_envelope_id": .string(request.envelopeID), "reasons": ["other"]]
            let receipt = Receipt.sign(.declined, facts: facts, at: 1000, by: Fixture.police)
            let checkpoint = Checkpoint(agency: Fixture.police.agencyID, size: 0, head: LogEntry.genesis(owner: Fixture.police.signingKey.publicKey))
                .signed(by: Fixture.police.signingKey)
            let message = DeclineMessage(requestEnvelopeID: EnvelopeID(hex: request.envelopeID)!, requestMessageID: Hex.decode(request.messageID)!,
                                         declinedAt: 1, reason: "no",
                                         carried: CarriedReceipt(receipt: receipt, checkpoint: checkpoint, echo: nil))
            let conventions = ExchangeEnvelope.decline(agreement: police.context.agreement)
            let sealed = try EnvelopeSealer(sender: Fixture.police).seal(message.encoded, recipients: [Fixture.mash.boxKey.publicKey],
                                                                          contentType: conventions.contentType, attributes: conventions.attributes,
                                                                          createdAt: UInt64(Date().timeIntervalSince1970)).envelope
            _ = try await police.withSession(relay) { try await $0.client.deposit(sealed, to: [Fixture.mash.agencyID]) }

            let report = try await mash.withSession(relay) { try await Sync.run(session: $0) }
            #expect(report.declined.isEmpty && report.refused.count == 1)
            #expect(report.refused.first?.error.message.contains("went to \(Fixture.school.agencyID)") == true)
            #expect(try logEntries(mash).map(\.kind) == ["request_sent"])
            #expect(try mash.context.requestsOut.entry(request.envelopeID)?.answer == nil)
            #expect(try await mash.withSession(relay) { try await $0.client.mailbox() }.count == 1)
        }
    }
}

/// Every JSON file's path under a home's `sub` folder.
func storedJSON(_ home: AgencyHome, _ sub: String) throws -> [String] {
    let root = home.home.path + "/" + sub
    guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
    return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".json") }.map { root + "/" + $0 }
}
