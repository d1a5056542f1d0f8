import SealpostLedger
import Testing

/// What became of each message, read from a real log: later entries decide an earlier one's state.
@Suite("Message status from the log")
struct MessageStatusTests {
    @Test("a send waits until acknowledged or expired; other decisions are recorded")
    func sendStates() throws {
        let f = try LedgerFixture(); defer { f.remove() }
        try f.append(f.sent(1, minutes: 1), counterpart: LedgerFixture.mash, minutes: 1)
        try f.append(f.sent(2, minutes: 2), counterpart: LedgerFixture.mash, minutes: 2)
        try f.append(f.sent(3, minutes: 3), counterpart: LedgerFixture.mash, minutes: 3)
        try f.append(RefusedFacts(sender: LedgerFixture.school, recipient: LedgerFixture.police, basis: LedgerFixture.basis),
                     counterpart: LedgerFixture.police, minutes: 4)
        try f.append(f.acknowledged(1), counterpart: LedgerFixture.mash, minutes: 5)
        let sent3 = f.sent(3, minutes: 3)
        let delivery = DeliveryBasis(sender: LedgerFixture.school, recipient: LedgerFixture.mash, purpose: sent3.basis.purpose,
                                     urgency: "urgent", agreement: sent3.basis.agreement, recordID: nil, envelope: sent3.envelope)
        try f.append(ExpiredFacts(delivery, inAnswerTo: nil, isRequest: false, expiredAt: 99), counterpart: LedgerFixture.mash, minutes: 6)
        let ledger = try f.read()
        let status = MessageStatus(ledger.entries)
        #expect(ledger.entries.map { status.state(of: $0) } == [.acknowledged, .waiting, .expired, .recorded, .recorded, .recorded])
        #expect(status.acknowledgedAt[LedgerFixture.envelope(1).messageID] == LedgerFixture.day + 5 * 60_000)
    }

    @Test("a request is answered by a record naming it, or declined; a later decline wins over a record")
    func requestStates() throws {
        let f = try LedgerFixture(); defer { f.remove() }
        let request = RequestBasis(requester: LedgerFixture.mash, holder: LedgerFixture.school, purpose: "p", urgency: "routine", agreement: "a@1")
        for n in 1...3 {
            try f.append(RequestReceivedFacts(request: request, envelope: LedgerFixture.envelope(n), sentAt: 1, receivedAt: 2),
                         counterpart: LedgerFixture.mash, minutes: Int64(n))
        }
        try f.append(f.sent(10, minutes: 4, inAnswerTo: LedgerFixture.envelope(1).messageID), counterpart: LedgerFixture.mash, minutes: 4)
        try f.append(DeclinedFacts(answering: request, inAnswerTo: LedgerFixture.envelope(2).messageID,
                                   requestEnvelopeID: LedgerFixture.envelope(2).envelopeID, reasons: ["not_held"], declinedAt: 5),
                     counterpart: LedgerFixture.mash, minutes: 5)
        let ledger = try f.read()
        let status = MessageStatus(ledger.entries)
        #expect(ledger.entries.prefix(3).map { status.state(of: $0) } == [.answered, .declined, .waiting])
        #expect(status.answers[LedgerFixture.envelope(2).messageID]?.declined == true)
    }

    @Test("counterparts: a decision naming only the owner shows its recipients")
    func counterparts() throws {
        let f = try LedgerFixture(); defer { f.remove() }
        try f.append(ShareDecidedFacts(sender: LedgerFixture.school, basis: LedgerFixture.basis,
                                       recipients: [RecipientShare(agency: LedgerFixture.mash, fields: FieldFacts(shared: [], withheld: [])),
                                                    RecipientShare(agency: LedgerFixture.police, fields: FieldFacts(shared: [], withheld: []))],
                                       redaction: RedactionFacts(counts: [:], tokens: []), decisions: [], inAnswerTo: nil),
                     counterpart: nil, minutes: 1)
        try f.append(f.sent(1, minutes: 2), counterpart: LedgerFixture.mash, minutes: 2)
        let ledger = try f.read()
        #expect(ledger.entries[0].counterparts(owner: LedgerFixture.school) == [LedgerFixture.mash, LedgerFixture.police])
        #expect(ledger.entries[1].counterparts(owner: LedgerFixture.school) == [LedgerFixture.mash])
        #expect(ledger.entries[1].facts.purpose == LedgerFixture.basis.purpose)
        #expect(ledger.entries(aboutID: String(LedgerFixture.envelope(1).messageID.prefix(10))).map(\.seq) == [2])
        #expect(ledger.entry(seq: 1)?.kind == "share_decided")
    }
}
