import SealpostCore
import SealpostJSON
import SealpostProtocol
import Testing

/// Relay bodies are read with the strict parser: a body that Foundation's decoder would read one
/// way (keeping the last of two members) and another client another way is refused.
@Suite struct RelayBodyReadingTests {
    @Test func strictBodies() throws {
        let problem = RelayProblem(error: "not_found", message: "no such envelope", hint: "check the id")
        let bytes = RelayJSON.encode(problem)
        #expect(RelayJSON.decode(RelayProblem.self, from: bytes) == problem)
        let text = String(decoding: bytes, as: UTF8.self)
        for hostile in [text.replacingOccurrences(of: "\"error\":", with: "\"error\":\"conflict\",\"error\":"),
                        "\u{FEFF}" + text, text.replacingOccurrences(of: "\"error\":\"not_found\"", with: "\"error\":7")] {
            #expect(hostile != text)
            #expect(RelayJSON.decode(RelayProblem.self, from: Array(hostile.utf8)) == nil, "\(hostile)")
        }
        let status = DepositStatus(envelopeID: String(repeating: "ab", count: 32), expiresAt: 9,
                                   deliveries: [.init(mailbox: "kingsbridge-mash", state: .deleted, at: 5),
                                                .init(mailbox: "police-cait", state: .waiting, at: nil)])
        #expect(RelayJSON.decode(DepositStatus.self, from: RelayJSON.encode(status)) == status)
        let listing = MailboxListing(messages: [MailboxEntry(envelopeID: "00", sender: "s", size: 1, depositedAt: 2, expiresAt: 3)],
                                     next: nil)
        #expect(RelayJSON.decode(MailboxListing.self, from: RelayJSON.encode(listing)) == listing)
        #expect(throws: JSONShapeError.self) {
            try RelayJSON.read(MailboxListing.self, from: Array(#"{"messages":[{"envelope_id":"00"}]}"#.utf8))
        }
    }
}
