// Relay vectors (spec/relay.md §"Test vectors"), in DIRECTORY/relay: signed requests (request_*)
// and deposit receipts as the relay answers them (receipt_*).

import SealpostCore
import SealpostProtocol
import SealpostSodium

func makeRelayVectors() -> [FieldVector] {
    var out: [FieldVector] = []
    let school = Identity(agencyID: "school-st-annes", name: "St Anne's Primary School", signingKey: .generate(), boxKey: .generate())
    let relay = Identity(agencyID: "relay-kingsbridge", name: "Kingsbridge Relay", signingKey: .generate(), boxKey: .generate())
    let timestamp: Int64 = 1_790_000_000

    /// A request signed over `signed` (method, target, host, body) and sent as `sent`, with header
    /// values changed by `headers` after signing.
    func request(_ name: String, _ expect: String, _ description: String,
                 method: String, target: String, host: String, body: [UInt8] = [],
                 sentMethod: String? = nil, sentTarget: String? = nil, sentHost: String? = nil, sentBody: [UInt8]? = nil,
                 signer: Ed25519.SigningKey = school.signingKey,
                 headers change: (inout [(name: String, value: String)]) -> Void = { _ in }) {
        let signed = SignedRequest.make(agency: school.agencyID, method: method, target: target, host: host,
                                        timestamp: timestamp, body: body)
        var headers = signed.headers(signedWith: signer)
        change(&headers)
        var fields: [(String, String)] = [
            ("expect", expect), ("description", description),
            ("signing key", Hex.encode(school.signingKey.publicKey.rawRepresentation)),
            ("method", sentMethod ?? method), ("target", sentTarget ?? target), ("host", sentHost ?? host),
        ]
        fields += headers.map { ($0.name, $0.value) }
        if expect == "valid" { fields.append(("signed bytes", Hex.encode(signed.signedBytes))) }
        out.append(FieldVector(name, fields, body: sentBody ?? body))
    }
    func set(_ headers: inout [(name: String, value: String)], _ name: String, _ value: String) {
        headers[headers.firstIndex { $0.name == name }!].value = value
    }
    let host = "relay.kingsbridge.example:8443"
    let envelope = Array("an envelope's bytes stand here".utf8)
    let deposit = "/v1/envelopes?to=kingsbridge-mash&to=kingsbridge-csc"
    request("request_valid_get", "valid", "GET of the mailbox with a query, no body (the hash of no bytes)",
            method: "GET", target: "/v1/mailbox?after=0e5751c026e5&limit=10", host: host)
    request("request_valid_deposit", "valid", "POST of an envelope to two mailboxes", method: "POST", target: deposit,
            host: "127.0.0.1:8443", body: envelope)
    request("request_valid_delete", "valid", "DELETE of a delivered envelope",
            method: "DELETE", target: "/v1/mailbox/" + Hex.encode(BLAKE2b.hash(envelope)), host: host)
    request("request_valid_host_upper_case", "valid", "the Host header sent with upper-case letters: signed lower-cased",
            method: "GET", target: "/v1/mailbox", host: "Relay.Kingsbridge.EXAMPLE:8443")
    request("request_bad_signature_query_order", "bad_signature", "signed with the query in one order, sent in the other",
            method: "POST", target: deposit, host: host, body: envelope,
            sentTarget: "/v1/envelopes?to=kingsbridge-csc&to=kingsbridge-mash")
    request("request_bad_signature_percent_encoding", "bad_signature", "signed /v1/mailbox, sent as /v1/%6dailbox (no decoding)",
            method: "GET", target: "/v1/mailbox", host: host, sentTarget: "/v1/%6dailbox")
    request("request_bad_signature_method", "bad_signature", "signed as GET, sent as DELETE",
            method: "GET", target: "/v1/mailbox/" + Hex.encode(BLAKE2b.hash(envelope)), host: host, sentMethod: "DELETE")
    request("request_bad_signature_host", "bad_signature", "signed for one relay's host, sent to another's",
            method: "GET", target: "/v1/mailbox", host: host, sentHost: "relay.elsewhere.example:8443")
    request("request_bad_signature_port", "bad_signature", "signed with the port, sent without it",
            method: "GET", target: "/v1/mailbox", host: host, sentHost: "relay.kingsbridge.example")
    request("request_bad_signature_other_key", "bad_signature", "signed by another key than the agency's",
            method: "GET", target: "/v1/mailbox", host: host, signer: relay.signingKey)
    request("request_bad_signature_content_hash_header", "bad_signature",
            "another body with its hash in the header: the signature covers the first hash",
            method: "POST", target: deposit, host: host, body: envelope, sentBody: envelope + [0x21]) { h in
        set(&h, "Sealpost-Content-Hash", Hex.encode(BLAKE2b.hash(envelope + [0x21])))
    }
    request("request_bad_signature_non_canonical", "bad_signature", "the signature with S + L (not canonical)",
            method: "GET", target: "/v1/mailbox", host: host) { h in
        let signature = Hex.decode(h.first { $0.name == "Sealpost-Signature" }!.value)!
        set(&h, "Sealpost-Signature", Hex.encode(nonCanonical(signature)))
    }
    request("request_content_hash_mismatch", "content_hash_mismatch", "the body differs from the signed content hash",
            method: "POST", target: deposit, host: host, body: envelope, sentBody: envelope + [0x21])
    request("request_malformed_timestamp_leading_zero", "malformed_header", "Sealpost-Timestamp with a leading zero",
            method: "GET", target: "/v1/mailbox", host: host) { set(&$0, "Sealpost-Timestamp", "0\(timestamp)") }
    request("request_malformed_timestamp_sign", "malformed_header", "Sealpost-Timestamp with a plus sign",
            method: "GET", target: "/v1/mailbox", host: host) { set(&$0, "Sealpost-Timestamp", "+\(timestamp)") }
    request("request_malformed_nonce_upper_case", "malformed_header", "Sealpost-Nonce in upper-case hex",
            method: "GET", target: "/v1/mailbox", host: host) { h in
        set(&h, "Sealpost-Nonce", h.first { $0.name == "Sealpost-Nonce" }!.value.uppercased())
    }
    request("request_malformed_nonce_short", "malformed_header", "Sealpost-Nonce of 30 hex digits",
            method: "GET", target: "/v1/mailbox", host: host) { h in
        set(&h, "Sealpost-Nonce", String(h.first { $0.name == "Sealpost-Nonce" }!.value.dropLast(2)))
    }
    request("request_malformed_signature_short", "malformed_header", "Sealpost-Signature of 126 hex digits",
            method: "GET", target: "/v1/mailbox", host: host) { h in
        set(&h, "Sealpost-Signature", String(h.first { $0.name == "Sealpost-Signature" }!.value.dropLast(2)))
    }
    request("request_malformed_agency", "malformed_header", "Sealpost-Agency with a space",
            method: "GET", target: "/v1/mailbox", host: host) { set(&$0, "Sealpost-Agency", "school st-annes") }
    request("request_malformed_missing_nonce", "malformed_header", "no Sealpost-Nonce header",
            method: "GET", target: "/v1/mailbox", host: host) { h in h.removeAll { $0.name == "Sealpost-Nonce" } }
    request("request_malformed_host", "malformed_header", "a Host with a space (outside visible ASCII)",
            method: "GET", target: "/v1/mailbox", host: "relay kingsbridge.example")

    // Deposit receipts, as the 201 answer's JSON body.
    func receipt(_ name: String, _ expect: String, _ description: String, id: String? = nil, mailboxes: [String]? = nil,
                 deposited: Int64 = 1_795_000_000, relayName: String? = nil, signedMailboxes: [String]? = nil,
                 signer: Ed25519.SigningKey = relay.signingKey, duplicate: Bool = false,
                 signature change: (([UInt8]) -> [UInt8])? = nil) {
        let signedBoxes = signedMailboxes ?? ["kingsbridge-csc", "kingsbridge-mash"]
        let body = DepositReceipt(envelopeID: EnvelopeID(bytes: BLAKE2b.hash(envelope)), relay: relay.agencyID,
                                  sender: school.agencyID, mailboxes: signedBoxes, depositedAt: max(deposited, 0),
                                  expiresAt: max(deposited, 0) + 30 * 86_400)
        var signature = signer.signature(for: body.signedBytes).rawRepresentation
        if let change { signature = change(signature) }
        var json = DepositResponse.ReceiptBody(body)
        if let id { json.envelopeID = id }
        if let mailboxes { json.mailboxes = mailboxes }
        if let relayName { json.relay = relayName }
        json.depositedAt = deposited
        let answer = DepositResponse(receipt: json, signature: Hex.encode(signature), duplicate: duplicate)
        var fields = [("expect", expect), ("description", description),
                      ("relay key", Hex.encode(relay.signingKey.publicKey.rawRepresentation))]
        if expect == "valid" { fields.append(("receipt bytes", Hex.encode(body.signedBytes))) }
        out.append(FieldVector(name, fields, body: RelayJSON.encode(answer)))
    }
    receipt("receipt_valid", "valid", "a receipt for two mailboxes")
    receipt("receipt_valid_duplicate", "valid", "the same receipt answered for a repeated deposit (duplicate: true)", duplicate: true)
    receipt("receipt_valid_one_mailbox", "valid", "a receipt for one mailbox", signedMailboxes: ["kingsbridge-mash"])
    receipt("receipt_invalid_signature", "invalid", "signed by another key than the relay operator's", signer: school.signingKey)
    receipt("receipt_invalid_unsorted_mailboxes", "invalid", "mailboxes out of order in the JSON (the signature is over them sorted)",
            mailboxes: ["kingsbridge-mash", "kingsbridge-csc"])
    receipt("receipt_invalid_repeated_mailbox", "invalid", "a mailbox named twice",
            mailboxes: ["kingsbridge-csc", "kingsbridge-csc"], signedMailboxes: ["kingsbridge-csc", "kingsbridge-csc"])
    receipt("receipt_invalid_no_mailbox", "invalid", "no mailboxes", mailboxes: [], signedMailboxes: [])
    receipt("receipt_invalid_upper_case_id", "invalid", "envelope_id in upper-case hex",
            id: Hex.encode(BLAKE2b.hash(envelope)).uppercased())
    receipt("receipt_invalid_negative_time", "invalid", "a negative deposited_at", deposited: -1)
    receipt("receipt_invalid_agency", "invalid", "a relay name that is not an agency id", relayName: "relay kingsbridge")
    receipt("receipt_invalid_non_canonical_signature", "invalid", "the signature with S + L (not canonical)",
            signature: nonCanonical)
    return out
}
