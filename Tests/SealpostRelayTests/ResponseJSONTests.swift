import Foundation
import Testing
import SealpostCore
import SealpostProtocol
@testable import SealpostRelay
import SealpostSodium

/// The relay writes its receipts and listings itself (`ResponseJSON`); the bytes must be exactly
/// those Foundation's encoder gives through `RelayJSON`, which the spec's vectors and the
/// independent checks were made with.
@Suite("Receipts and listings written directly: the same bytes as RelayJSON")
struct ResponseJSONTests {
    /// Strings a well-behaved relay never puts in these bodies, to show the escaping is the same.
    static let awkward = [
        "", "kingsbridge-mash", "a/b", "quote\"d", "back\\slash", "line\nbreak", "tab\there", "\r\u{08}\u{0C}",
        "\u{00}\u{01}\u{1F}\u{7F}", "é and ∑ and 😀", "\u{2028}\u{2029}", "</script>", "deposited_at\":1",
    ]

    static func random(_ count: Int) -> String { Hex.encode(RandomBytes.make(count: count)) }

    @Test("a deposit response, new or duplicate, over awkward strings and extreme times")
    func depositResponse() {
        var responses: [DepositResponse] = []
        for (index, text) in Self.awkward.enumerated() {
            let receipt = DepositResponse.ReceiptBody(
                envelopeID: index % 2 == 0 ? Self.random(32) : text, relay: text, sender: "school-\(text)",
                mailboxes: Array(Self.awkward.prefix(index % 4)) + [text], depositedAt: [0, -1, .max, .min, 1_765_000_000][index % 5],
                expiresAt: Int64(index) * 86_400)
            responses.append(DepositResponse(receipt: receipt, signature: text + Self.random(64), duplicate: index % 3 == 0))
        }
        let signed = DepositReceipt(envelopeID: EnvelopeID(of: [1, 2, 3]), relay: "relay-kingsbridge", sender: "school-st-annes",
                                    mailboxes: ["police-cait", "kingsbridge-mash"], depositedAt: 1_765_000_000, expiresAt: 1_767_592_000)
            .signed(with: Ed25519.SigningKey.generate())
        responses.append(DepositResponse(signed, duplicate: false))
        responses.append(DepositResponse(receipt: .init(envelopeID: "", relay: "", sender: "", mailboxes: [], depositedAt: 0, expiresAt: 0),
                                         signature: "", duplicate: true))
        for response in responses {
            #expect(ResponseJSON.encode(response) == RelayJSON.encode(response), "\(String(decoding: RelayJSON.encode(response), as: UTF8.self))")
        }
    }

    @Test("a mailbox listing: empty, with and without a next page, over awkward strings")
    func listing() {
        var listings = [MailboxListing(messages: [], next: nil), MailboxListing(messages: [], next: "")]
        for count in [1, 2, 5] {
            let entries = (0..<count).map { index in
                let text = Self.awkward[(index * 5 + count) % Self.awkward.count]
                return MailboxEntry(envelopeID: index == 0 ? Self.random(32) : text, sender: text, size: [0, 4096, .max, -7][index % 4],
                                    depositedAt: Int64(index) - 3, expiresAt: .min + Int64(index))
            }
            listings.append(MailboxListing(messages: entries, next: nil))
            listings.append(MailboxListing(messages: entries, next: Self.awkward[count]))
        }
        for listing in listings {
            #expect(ResponseJSON.encode(listing) == RelayJSON.encode(listing), "\(String(decoding: RelayJSON.encode(listing), as: UTF8.self))")
        }
    }
}
