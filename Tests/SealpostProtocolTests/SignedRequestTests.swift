import SealpostCore
import SealpostProtocol
import SealpostSodium
import Testing

@Suite struct SignedRequestTests {
    let key = Ed25519.SigningKey.generate()

    func received(_ request: SignedRequest, headers: [(name: String, value: String)],
                  method: String? = nil, target: String? = nil, host: String? = nil) throws -> ReceivedSignature {
        try ReceivedSignature(method: method ?? request.method, target: target ?? request.target, host: host ?? request.host) { name in
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    @Test func aSignedRequestVerifiesWithItsKeyOnly() throws {
        let request = SignedRequest.make(agency: "school-st-annes", method: "POST", target: "/v1/envelopes?to=kingsbridge-mash",
                                         host: "127.0.0.1:8443", timestamp: 1_795_000_000, body: Array("envelope".utf8))
        let headers = request.headers(signedWith: key)
        let parsed = try received(request, headers: headers)
        #expect(parsed.request == request)
        #expect(parsed.isValid(for: key.publicKey))
        #expect(!parsed.isValid(for: Ed25519.SigningKey.generate().publicKey))
    }

    @Test func movingTheSignatureToAnotherPathHostOrMethodBreaksIt() throws {
        let request = SignedRequest.make(agency: "school-st-annes", method: "GET", target: "/v1/mailbox",
                                         host: "relay.example", timestamp: 1_795_000_000, body: [])
        let headers = request.headers(signedWith: key)
        #expect(try !received(request, headers: headers, target: "/v1/mailbox?after=00").isValid(for: key.publicKey))
        #expect(try !received(request, headers: headers, method: "DELETE").isValid(for: key.publicKey))
        #expect(try !received(request, headers: headers, host: "other.example").isValid(for: key.publicKey))
        // Host compares without regard to case, as HTTP says.
        #expect(try received(request, headers: headers, host: "RELAY.example").isValid(for: key.publicKey))
    }

    @Test func signedBytesFollowTheSpec() {
        let request = SignedRequest(agency: "a", method: "GET", target: "/v1/mailbox", host: "h", timestamp: 7,
                                    nonce: [UInt8](repeating: 1, count: 16), contentHash: [UInt8](repeating: 2, count: 32))
        let expected = "sealpost/v1/relay-request\u{0}a\nGET\n/v1/mailbox\nh\n7\n" + String(repeating: "01", count: 16)
            + "\n" + String(repeating: "02", count: 32)
        #expect(request.signedBytes == Array(expected.utf8))
    }

    @Test func eachMissingOrMalformedHeaderIsNamed() throws {
        let request = SignedRequest.make(agency: "school-st-annes", method: "GET", target: "/v1/mailbox",
                                         host: "h", timestamp: 1, body: [])
        let headers = request.headers(signedWith: key)
        for dropped in headers.map(\.name) {
            #expect(throws: RequestSignatureError.missingHeader(dropped)) {
                _ = try received(request, headers: headers.filter { $0.name != dropped })
            }
        }
        for (name, bad) in [(RelayAPI.Header.timestamp, "-1"), (RelayAPI.Header.nonce, "ABCD"),
                            (RelayAPI.Header.contentHash, "zz"), (RelayAPI.Header.signature, "00"),
                            (RelayAPI.Header.agency, "no spaces allowed")] {
            let edited = headers.map { $0.name == name ? (name: name, value: bad) : $0 }
            #expect(throws: RequestSignatureError.self) { _ = try received(request, headers: edited) }
        }
    }
}

@Suite struct DepositReceiptTests {
    @Test func aReceiptRoundTripsThroughJSONAndVerifies() throws {
        let key = Ed25519.SigningKey.generate()
        let receipt = DepositReceipt(envelopeID: EnvelopeID(of: [1, 2, 3]), relay: "relay-kingsbridge", sender: "school-st-annes",
                                     mailboxes: ["police-cait", "kingsbridge-mash", "police-cait"], depositedAt: 100, expiresAt: 200)
        #expect(receipt.mailboxes == ["kingsbridge-mash", "police-cait"])
        let response = DepositResponse(receipt.signed(with: key), duplicate: false)
        let decoded = try #require(RelayJSON.decode(DepositResponse.self, from: RelayJSON.encode(response)))
        let signed = try #require(decoded.signedReceipt)
        #expect(signed.receipt == receipt)
        #expect(signed.isValid(for: key.publicKey))
        var forged = decoded
        forged.receipt.depositedAt = 101
        #expect(forged.signedReceipt?.isValid(for: key.publicKey) == false)
    }
}
