import SealpostCore
import SealpostJSON
import SealpostProtocol
import SealpostSodium

/// What crosses the wire between client and relay: the signed request headers the relay reads,
/// the JSON bodies the client reads, and the deposit receipts it keeps as evidence.
enum ProtocolTargets {
    static let all: [FuzzTarget] = [signedRequest, relayBody, depositReceipt]

    /// Input: newline-separated method, target, Host, then the five signature headers in the
    /// order of `headerNames`; a missing line is a missing header.
    static let signedRequest = FuzzTarget("signed-request", "ReceivedSignature: the five signature headers",
                                          seeds: { signedRequestSeeds() }) { bytes in
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        func line(_ i: Int) -> String? { i < lines.count ? lines[i] : nil }
        guard let received = try? ReceivedSignature(method: line(0) ?? "", target: line(1) ?? "", host: line(2), header: { name in
            headerNames.firstIndex(of: name).flatMap { line(3 + $0) }
        }) else { return }
        _ = received.isValid(for: FixedIdentities.sender.signingKey.publicKey)
    }

    /// Input: one byte choosing the body type, then the body.
    static let relayBody = FuzzTarget("relay-body", "RelayJSON.read of each relay response body",
                                      seeds: { relayBodySeeds() }) { bytes in
        guard let kind = bytes.first else { return }
        let body = Array(bytes.dropFirst())
        switch kind % 5 {
        case 0: _ = try? RelayJSON.read(RelayHealth.self, from: body)
        case 1: _ = try? RelayJSON.read(DepositResponse.self, from: body)
        case 2: _ = try? RelayJSON.read(MailboxListing.self, from: body)
        case 3: _ = try? RelayJSON.read(DepositStatus.self, from: body)
        default: _ = try? RelayJSON.read(RelayProblem.self, from: body)
        }
    }

    static let depositReceipt = FuzzTarget("deposit-receipt", "a deposit answer read, its receipt rebuilt and checked",
                                           seeds: { [receiptSeed(duplicate: false), receiptSeed(duplicate: true)] }) { bytes in
        guard let response = try? RelayJSON.read(DepositResponse.self, from: bytes), let signed = response.signedReceipt else { return }
        _ = signed.isValid(for: FixedIdentities.relay.signingKey.publicKey)
        // A receipt that reads back must write back as the same body, or two readers could disagree.
        guard DepositResponse(signed, duplicate: response.duplicate) == response else {
            fatalError("deposit-receipt: a receipt that reads does not write back as the same body")
        }
    }

    static let headerNames = [RelayAPI.Header.agency, RelayAPI.Header.timestamp, RelayAPI.Header.nonce,
                              RelayAPI.Header.contentHash, RelayAPI.Header.signature]

    static func signedRequestSeeds() -> [[UInt8]] {
        let request = SignedRequest.make(agency: FixedIdentities.sender.agencyID, method: "POST", target: "/v1/envelopes?to=a,b",
                                         host: "Relay.Example:8443", timestamp: 1_790_000_000, body: Array("body".utf8))
        let headers = request.headers(signedWith: FixedIdentities.sender.signingKey)
        let values = headerNames.map { name in headers.first { $0.name == name }?.value ?? "" }
        return [Array((["POST", "/v1/envelopes?to=a,b", "Relay.Example:8443"] + values).joined(separator: "\n").utf8)]
    }

    static func receiptSeed(duplicate: Bool) -> [UInt8] {
        let receipt = DepositReceipt(envelopeID: EnvelopeID(bytes: [UInt8](repeating: 0xab, count: 32)),
                                     relay: FixedIdentities.relay.agencyID, sender: FixedIdentities.sender.agencyID,
                                     mailboxes: ["mash-kingsbridge", "police-cait"], depositedAt: 1_790_000_000,
                                     expiresAt: 1_792_592_000)
        return RelayJSON.encode(DepositResponse(receipt.signed(with: FixedIdentities.relay.signingKey), duplicate: duplicate))
    }

    static func relayBodySeeds() -> [[UInt8]] {
        let health = RelayHealth(status: "ok", relay: "relay-kingsbridge", relayKey: String(repeating: "ab", count: 32),
                                 time: 1_790_000_000, version: "1")
        let listing = Array(#"{"messages":[{"envelope_id":"ab","sender":"s","size":1,"deposited_at":1,"expires_at":2}],"next":"x"}"#.utf8)
        let status = Array(#"{"envelope_id":"ab","expires_at":2,"deliveries":[{"mailbox":"m","state":"deleted","at":3}]}"#.utf8)
        let problem = Array(#"{"error":"not_found","message":"no such envelope","hint":"check the id"}"#.utf8)
        return [[0] + RelayJSON.encode(health), [1] + receiptSeed(duplicate: false), [2] + listing, [3] + status, [4] + problem]
    }
}
