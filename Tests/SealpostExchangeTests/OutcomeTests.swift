import Foundation
import SealpostCore
import SealpostExchange
import SealpostLedger
import SealpostRecord
import Testing

/// Outcomes through a real relay: the MASH records what it decided (twice: early help, then a
/// section 47 enquiry), the school's sync verifies and logs each, both logs hold the same signed
/// receipts with the decision in the facts and the reason only in the details; crash-safe like
/// an acknowledgement (spec/exchange.md §Outcomes).
@Suite(.serialized) struct OutcomeTests {
    @Test func outcomesTravelBackAndAreLoggedOnBothSides() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let school = try AgencyHome(Fixture.school, in: folder)
            let mash = try AgencyHome(Fixture.mash, in: folder)
            let sent = try await sendDisclosure(from: school, to: [Fixture.mash.agencyID], relay: relay)
            let id = try #require(EnvelopeID(hex: sent[0].envelopeID))
            _ = try await mash.withSession(relay) { try await Receive.open(id, session: $0) }
            _ = try await mash.withSession(relay) { try await Acknowledge.acknowledge(id, session: $0) }
            #expect(try WaitingWork(home: mash.home, now: mash.context.now).recordsAwaitingOutcome.map(\.envelopeID) == [id.description])

            let reason = "Family agreed to early help; Ms Patel at the school is the lead professional"
            let first = try await mash.withSession(relay) {
                try await Outcome.record(id, decision: .earlyHelp, reason: reason, nextSteps: "Early help assessment within 10 days", session: $0)
            }
            #expect(first.entry.state == .done && !first.repeated)
            // The same command again finds it and records nothing more.
            let again = try await mash.withSession(relay) {
                try await Outcome.record(id, decision: .earlyHelp, reason: reason, nextSteps: "Early help assessment within 10 days", session: $0)
            }
            #expect(again.repeated && again.entry.outcomeID == first.entry.outcomeID)
            let second = try await mash.withSession(relay) {
                try await Outcome.record(id, decision: .section47Enquiry, reason: "New disclosure at home visit", nextSteps: nil, session: $0)
            }
            #expect(second.entry.outcomeID != first.entry.outcomeID)
            #expect(try mash.context.outcomes.entries(about: id.description).count == 2)
            #expect(try WaitingWork(home: mash.home, now: mash.context.now).recordsAwaitingOutcome.isEmpty)

            // The school: acknowledged, outcome due; then sync collects both outcomes, in order.
            let report = try await school.withSession(relay) { try await Sync.run(session: $0) }
            #expect(report.acknowledged.count == 1 && report.refused.isEmpty)
            #expect(report.outcomes.map(\.outcome.decision) == [.earlyHelp, .section47Enquiry])
            #expect(report.outcomes.first?.outcome.reason == reason)
            let entry = try #require(try school.context.outbox.entry(id.description))
            #expect(entry.outcomes?.map(\.decision) == ["early_help", "section_47_enquiry"])
            #expect(try WaitingWork(home: school.home, now: school.context.now).sendsAwaitingOutcome.isEmpty)
            #expect(try await school.withSession(relay) { try await $0.client.mailbox() }.isEmpty)
            // A second sync logs nothing more.
            #expect(try await school.withSession(relay) { try await Sync.run(session: $0) }.outcomes.isEmpty)

            // Both logs hold the two outcome receipts, signed by the MASH; the reason is in details only.
            for home in [school, mash] {
                let ledger = try home.context.ledger()
                let outcomes = ledger.entries.filter { $0.kind == "outcome" }
                #expect(outcomes.count == 2, "\(home.identity.agencyID)")
                #expect(outcomes.allSatisfy { $0.by == Fixture.mash.agencyID })
                guard case .outcome(let facts) = outcomes.first?.facts else { Issue.record("not an outcome"); continue }
                #expect(facts.decision == "early_help" && facts.delivery.envelope.envelopeID == id.description)
                #expect(outcomes.first?.details?.reason == reason)
                #expect(outcomes.first?.details?.nextSteps == "Early help assessment within 10 days")
                #expect(outcomes.first?.details?.subject?.name != nil)
                let factsText = String(decoding: JSONValue.object(facts.json).serialized(), as: UTF8.self)
                #expect(!factsText.contains("Patel") && !factsText.contains("Family"))
                let name = try #require(outcomes.first?.details?.subject?.name)
                let history = SubjectReport(query: name, ledger: ledger, owner: home.identity.agencyID, agreement: nil)
                let lines = history.events.map { $0.headline + " " + ($0.status ?? "") }.joined(separator: "\n")
                #expect(lines.contains("early help") && lines.contains("section 47"), "\(lines)")
            }
        }
    }

    /// Killed after the outcome was logged and journalled, before it reached the relay (the real
    /// binary, SIGKILL): the next relay command deposits it, and the sender collects it once.
    @Test func aCrashAfterJournallingSendsTheOutcomeOnce() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let school = try AgencyHome(Fixture.school, in: folder)
            let mash = try AgencyHome(Fixture.mash, in: folder)
            try mash.writeKeyFile()
            let sent = try await sendDisclosure(from: school, to: [Fixture.mash.agencyID], relay: relay)
            let id = try #require(EnvelopeID(hex: sent[0].envelopeID))
            _ = try await mash.withSession(relay) { try await Receive.open(id, session: $0) }

            let arguments = ["--home", mash.home.path, "--relay", relay.url]
            let environment = ["SEALPOST_PASSPHRASE": TestRelay.passphrase]
            let command = ["outcome", String(id.description.prefix(12)), "--decision", "no_further_action", "--reason", "Needs met by universal services"]
            let killed = try await runProgramOffThePool(sealpostBinary, command + arguments, environment: environment.merging(["SEALPOST_TEST_KILL_AT": "outcome-journalled"]) { $1 })
            #expect(killed.killedBySignal && killed.status == SIGKILL, "expected SIGKILL: \(killed.stderr)")
            #expect(try mash.context.outcomes.unfinished().count == 1)
            #expect(try await school.withSession(relay) { try await $0.client.mailbox() }.isEmpty)

            // Running the same command again finishes the journalled outcome and records no second one.
            let next = try await runProgramOffThePool(sealpostBinary, command + arguments, environment: environment)
            #expect(next.status == 0, "\(next.stderr)")
            #expect(next.stderr.contains("finished an earlier outcome") || next.stdout.contains("already recorded"), "\(next.stdout)\(next.stderr)")
            #expect(try mash.context.outcomes.entries().count == 1)
            #expect(try mash.context.outcomes.unfinished().isEmpty)
            let ledger = try mash.context.ledger()
            #expect(ledger.entries.filter { $0.kind == "outcome" }.count == 1)

            let report = try await school.withSession(relay) { try await Sync.run(session: $0) }
            #expect(report.outcomes.map(\.outcome.decision) == [.noFurtherAction] && report.refused.isEmpty)
        }
    }

    @Test func aMalformedOutcomeIsRefused() throws {
        let bad = Array(#"{"format":"sealpost-outcome/v1","decision":"maybe"}"#.utf8)
        #expect(throws: ExchangeError.self) { try OutcomeMessage(decoding: bad) }
        let unknown = Array(#"{"format":"sealpost-outcome/v1","extra":1}"#.utf8)
        do { _ = try OutcomeMessage(decoding: unknown); Issue.record("accepted an unknown member") } catch {
            #expect(error.message.contains("unknown member"))
        }
    }
}

/// `runProgram` on a Dispatch thread: a test that waits for a child process must not hold one of
/// the (on a 2-core machine, two) cooperative threads the in-process relay needs to answer it, or
/// two such tests running at once deadlock.
func runProgramOffThePool(_ path: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> ProgramRun {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try runProgram(path, arguments, environment: environment) })
        }
    }
}
