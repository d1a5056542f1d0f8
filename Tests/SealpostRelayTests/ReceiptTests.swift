import Testing
import SealpostCore
import SealpostProtocol
import SealpostSodium

@Suite("Deposit receipts as a client reads them: one encoding, or none")
struct ReceiptTests {
    let key = Ed25519.SigningKey.generate()

    func response(_ edit: (inout DepositResponse) -> Void = { _ in }) -> DepositResponse {
        let receipt = DepositReceipt(envelopeID: EnvelopeID(of: [1, 2, 3]), relay: "relay-kingsbridge", sender: "school-st-annes",
                                     mailboxes: ["kingsbridge-mash", "police-cait"], depositedAt: 1_795_000_000, expiresAt: 1_797_592_000)
        var response = DepositResponse(receipt.signed(with: key), duplicate: false)
        edit(&response)
        return response
    }

    @Test("the signed bytes are those of spec/relay.md, byte for byte")
    func layout() {
        let receipt = DepositReceipt(envelopeID: EnvelopeID(of: []), relay: "r", sender: "s", mailboxes: ["b", "a", "b"],
                                     depositedAt: 0x0102, expiresAt: 0x0304)
        var expected = Array("sealpost/v1/deposit-receipt".utf8) + [0]
        expected += BLAKE2b.hash([UInt8]())
        expected += [0, 0, 0, 0, 0, 0, 0x01, 0x02] + [0, 0, 0, 0, 0, 0, 0x03, 0x04]
        expected += [1] + Array("r".utf8) + [1] + Array("s".utf8) + [2, 1] + Array("a".utf8) + [1] + Array("b".utf8)
        #expect(receipt.signedBytes == expected)
    }

    @Test("a well-formed receipt reads back and verifies")
    func wellFormed() throws {
        let signed = try #require(response().signedReceipt)
        #expect(signed.isValid(for: key.publicKey))
    }

    @Test("a receipt with a field outside what the signed bytes can hold once is not read at all")
    func malformed() {
        let cases: [(String, (inout DepositResponse) -> Void)] = [
            ("a negative deposit time", { $0.receipt.depositedAt = -1 }),
            ("a negative expiry", { $0.receipt.expiresAt = -1 }),
            ("a relay id of 300 bytes", { $0.receipt.relay = String(repeating: "r", count: 300) }),
            ("a sender id with a line break", { $0.receipt.sender = "school\nst-annes" }),
            ("a mailbox that is no agency id", { $0.receipt.mailboxes = ["kingsbridge-mash", "police cait"] }),
            ("no mailbox", { $0.receipt.mailboxes = [] }),
            ("mailboxes out of order", { $0.receipt.mailboxes = ["police-cait", "kingsbridge-mash"] }),
            ("a mailbox twice", { $0.receipt.mailboxes = ["kingsbridge-mash", "kingsbridge-mash", "police-cait"] }),
            ("an upper-case envelope id", { $0.receipt.envelopeID = $0.receipt.envelopeID.uppercased() }),
            ("an upper-case signature", { $0.signature = $0.signature.uppercased() }),
            ("a short signature", { $0.signature = String($0.signature.dropLast(2)) }),
        ]
        for (what, edit) in cases {
            #expect(response(edit).signedReceipt == nil, "\(what)")
        }
    }
}
