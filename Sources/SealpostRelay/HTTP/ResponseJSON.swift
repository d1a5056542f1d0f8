import SealpostJSON
import SealpostProtocol

/// The bytes of the relay's two busiest answers, a deposit's receipt and a mailbox listing,
/// written directly: exactly the bytes `RelayJSON.encode` gives for the same value (keys sorted,
/// slashes unescaped, strings escaped as Foundation's JSONEncoder escapes them; the tests compare
/// the two over awkward values). A profile of the deposit path showed Foundation's encoder, made
/// anew for each answer and driven through `Encodable`, at about a twentieth of the relay's CPU
/// (spec/relay.md §Measured). Every other body still goes through `RelayJSON`.
enum ResponseJSON {
    static func encode(_ response: DepositResponse) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(384)
        let receipt = response.receipt
        out += #"{"duplicate":"#.utf8
        out += (response.duplicate ? "true" : "false").utf8
        out += #","receipt":{"deposited_at":"#.utf8
        append(receipt.depositedAt, to: &out)
        out += #","envelope_id":"#.utf8
        append(receipt.envelopeID, to: &out)
        out += #","expires_at":"#.utf8
        append(receipt.expiresAt, to: &out)
        out += #","mailboxes":["#.utf8
        for (index, mailbox) in receipt.mailboxes.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            append(mailbox, to: &out)
        }
        out += #"],"relay":"#.utf8
        append(receipt.relay, to: &out)
        out += #","sender":"#.utf8
        append(receipt.sender, to: &out)
        out += #"},"signature":"#.utf8
        append(response.signature, to: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    static func encode(_ listing: MailboxListing) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32 + listing.messages.count * 200)
        out += #"{"messages":["#.utf8
        for (index, entry) in listing.messages.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += #"{"deposited_at":"#.utf8
            append(entry.depositedAt, to: &out)
            out += #","envelope_id":"#.utf8
            append(entry.envelopeID, to: &out)
            out += #","expires_at":"#.utf8
            append(entry.expiresAt, to: &out)
            out += #","sender":"#.utf8
            append(entry.sender, to: &out)
            out += #","size":"#.utf8
            append(entry.size, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        if let next = listing.next {
            out += #","next":"#.utf8
            append(next, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    private static func append(_ value: Int64, to out: inout [UInt8]) {
        out += String(value).utf8
    }

    /// A JSON string, escaped as every JSON Sealpost writes is (`JSONWriter`): `"`, `\` and
    /// control characters; the solidus and non-ASCII as their UTF-8 bytes.
    private static func append(_ string: String, to out: inout [UInt8]) {
        JSONWriter.writeString(string, into: &out)
    }
}
