import SealpostLedger
import SealpostRecord
import Testing

/// Each receipt kind's facts are written and read by one type: what it writes, it reads back, and
/// the members it writes are the ones spec/receipts.md §Kinds names.
@Suite("Receipt facts: one typed definition per kind")
struct ReceiptFactsTests {
    static let basis = ShareBasis(purpose: "child_protection_enquiry_s47", agreement: "kingsbridge-dsa@3", recordID: "rec-1",
                                  urgency: "urgent", lawfulBasis: LawfulBasisFacts(article6: "public_task", article9: "substantial_public_interest"),
                                  consent: "not_sought")
    static let envelope = EnvelopeFacts(messageID: String(repeating: "a", count: 32), envelopeID: String(repeating: "b", count: 64),
                                        contentHash: String(repeating: "c", count: 64), contentLength: 2048)
    static let deposit = DepositFacts(relay: "relay-op", mailboxes: ["mash"], depositedAt: 100, expiresAt: 200,
                                      signature: String(repeating: "d", count: 128))
    static let fields = FieldFacts(shared: ["subject", "narrative"],
                                   withheld: [.init(path: "parties[].phone", reason: "not_allowed_for_purpose_or_role")])
    static let redaction = RedactionFacts(counts: ["name": 2, "phone": 0],
                                          tokens: [.init(token: "[Third party 1 (neighbour)]", label: "neighbour", occurrences: 2)])
    static let request = RequestBasis(requester: "mash", holder: "school", purpose: "p", urgency: "routine", agreement: "a@1")

    func roundTrip<F: ReceiptFacts>(_ facts: F, members: [String]) {
        let json = facts.json
        #expect(F(statement: json) == facts, "\(F.kind) reads back what it writes")
        #expect(json.keys.sorted() == members.sorted(), "\(F.kind) writes the spec's members")
    }

    @Test("every kind reads back what it writes, with the spec's member names")
    func everyKind() {
        let basisMembers = ["purpose", "agreement", "record_id", "urgency", "lawful_basis", "consent"]
        let envelopeMembers = ["message_id", "envelope_id", "content_hash", "content_length"]
        roundTrip(RefusedFacts(sender: "school", recipient: "police", basis: Self.basis), members: ["sender", "recipient"] + basisMembers)
        roundTrip(RedactionClearedFacts(sender: "school", basis: Self.basis, recipients: ["mash"], finding: "narrative@3-9",
                                        field: "narrative", category: "name"),
                  members: ["sender", "recipients", "finding", "field", "category"] + basisMembers)
        roundTrip(ShareDecidedFacts(sender: "school", basis: Self.basis, recipients: [RecipientShare(agency: "mash", fields: Self.fields)],
                                    redaction: Self.redaction, decisions: [DecisionFacts(finding: "narrative@3-9", action: "keep", category: "name")],
                                    inAnswerTo: nil),
                  members: ["sender", "recipients", "redaction", "decisions"] + basisMembers)
        roundTrip(SentFacts(sender: "school", recipient: "mash", basis: Self.basis, envelope: Self.envelope, fields: Self.fields,
                            redaction: Self.redaction, decisions: [], inAnswerTo: "e" + String(repeating: "0", count: 31), deposit: Self.deposit),
                  members: ["sender", "recipient", "shared", "withheld", "redaction", "decisions", "in_answer_to", "deposit"]
                      + basisMembers + envelopeMembers)
        // With attachments: each by hash, length and type, never by name.
        roundTrip(SentFacts(sender: "school", recipient: "school-2", basis: Self.basis, envelope: Self.envelope, fields: Self.fields,
                            redaction: Self.redaction, decisions: [DecisionFacts(finding: "attachments[0]@0-1234", action: "keep", category: "attachment")],
                            inAnswerTo: nil, attachments: [AttachmentFacts(hash: String(repeating: "ab", count: 32), length: 1234, type: "application/pdf")],
                            deposit: Self.deposit),
                  members: ["sender", "recipient", "shared", "withheld", "redaction", "decisions", "attachments", "deposit"]
                      + basisMembers + envelopeMembers)
        let delivery = { (sender: String, recipient: String, urgency: String, recordID: String?) in
            DeliveryBasis(sender: sender, recipient: recipient, purpose: "p", urgency: urgency, agreement: "a@1", recordID: recordID,
                          envelope: Self.envelope)
        }
        let deliveryMembers = ["sender", "recipient", "purpose", "urgency", "agreement"]
        roundTrip(ReceivedFacts(delivery("school", "mash", "urgent", nil), sentAt: 1, receivedAt: 2, inAnswerTo: nil),
                  members: deliveryMembers + ["sent_at", "received_at"] + envelopeMembers)
        roundTrip(AcknowledgedFacts(delivery("school", "mash", "urgent", "r"), receivedAt: 2, acknowledgedAt: 3),
                  members: deliveryMembers + ["record_id", "message_id", "envelope_id", "content_hash", "received_at", "acknowledged_at"])
        roundTrip(ExpiredFacts(delivery("mash", "school", "routine", nil), inAnswerTo: nil, isRequest: true, expiredAt: 9),
                  members: deliveryMembers + ["envelope_kind", "expired_at"] + envelopeMembers)
        roundTrip(OutcomeFacts(delivery("school", "mash", "urgent", "r"), decision: "early_help", receivedAt: 2, decidedAt: 4),
                  members: deliveryMembers + ["record_id", "message_id", "envelope_id", "content_hash", "decision", "received_at",
                                              "decided_at"])
        roundTrip(RequestRefusedFacts(request: Self.request), members: ["requester", "holder", "purpose", "urgency", "agreement"])
        roundTrip(RequestSentFacts(request: Self.request, envelope: Self.envelope, requestedAt: 5, deposit: Self.deposit),
                  members: ["requester", "holder", "purpose", "urgency", "agreement", "requested_at", "deposit"] + envelopeMembers)
        roundTrip(RequestReceivedFacts(request: Self.request, envelope: Self.envelope, sentAt: 5, receivedAt: 6),
                  members: ["requester", "holder", "purpose", "urgency", "agreement", "sent_at", "received_at"] + envelopeMembers)
        roundTrip(DeclinedFacts(answering: Self.request, inAnswerTo: "m", requestEnvelopeID: "e", reasons: ["not_held"], declinedAt: 7),
                  members: ["holder", "requester", "purpose", "urgency", "agreement", "in_answer_to", "request_envelope_id", "reasons",
                            "declined_at"])
        roundTrip(DeclinedFacts(holder: "school", basis: Self.basis, reasons: ["risk_to_child"], declinedAt: 7),
                  members: ["holder", "reasons", "declined_at"] + basisMembers)
    }

    @Test("redaction counts leave out categories with none, and nested members keep their spec names")
    func nestedMembers() throws {
        let json = Self.redaction.json
        #expect(json["counts"]?.objectValue?.keys == ["name"])
        let token = try #require(json["tokens"]?.arrayValue?.first?.objectValue)
        #expect(token.keys.sorted() == ["label", "occurrences", "token"])
        var writer = FactsWriter()
        Self.deposit.write(to: &writer)
        #expect(writer.object.keys.sorted() == ["deposited_at", "expires_at", "mailboxes", "relay", "signature"])
        #expect(Self.basis.json["lawful_basis"]?.objectValue?.keys.sorted() == ["article_6", "article_9"])
    }

    @Test("facts from an older log that lack members read as absent, not as a failure")
    func lenientReading() {
        let sent = SentFacts(statement: ["sender": "school", "recipient": "mash", "message_id": "m"])
        #expect(sent.sender == "school")
        #expect(sent.redaction == nil && sent.deposit == nil && sent.fields.shared.isEmpty)
        #expect(sent.envelope.messageID == "m" && sent.envelope.contentLength == nil)
        let wrongTypes = ReceivedFacts(statement: ["sender": 3, "sent_at": "yesterday"])
        #expect(wrongTypes.delivery.sender == "" && wrongTypes.sentAt == 0)
    }
}
