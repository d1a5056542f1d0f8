import Foundation
import SealpostAgreement
import SealpostCore
import SealpostLedger
import SealpostLog
import SealpostExchange
import SealpostProtocol
import SealpostRedaction
import SealpostSharing
import Testing

/// The client's parts that need no relay: the endpoint rules, retries, the acknowledgement and
/// decision formats, the envelope conventions, and the relay's identity checks.
struct RelayEndpointTests {
    @Test func httpsAnywherePlainHTTPOnlyToLoopback() throws {
        let remote = try RelayEndpoint(parsing: "https://Relay.Kingsbridge.example:8443/")
        #expect(remote.host == "relay.kingsbridge.example" && remote.port == 8443 && remote.hostHeader == "relay.kingsbridge.example:8443")
        #expect(remote.url(target: "/v1/mailbox") == "https://relay.kingsbridge.example:8443/v1/mailbox")
        #expect(try RelayEndpoint(parsing: "https://relay.example").hostHeader == "relay.example")
        #expect(try RelayEndpoint(parsing: "http://127.0.0.1:9000").hostHeader == "127.0.0.1:9000")
        #expect(try RelayEndpoint(parsing: "http://localhost:9000").scheme == .http)
        #expect(try RelayEndpoint(parsing: "http://[::1]:9000").hostHeader == "[::1]:9000")
        let prefixed = try RelayEndpoint(parsing: "https://relay.example/sealpost/")
        #expect(prefixed.target("/v1/health") == "/sealpost/v1/health")

        for bad in ["http://relay.example", "http://10.0.0.5:80", "http://127.0.0.1.evil.example", "ftp://relay.example",
                    "https://user:pw@relay.example", "https://relay.example/?x=1", "relay.example", "https://relay.example:0"] {
            #expect(throws: ExchangeError.self, "\(bad) should be refused") { try RelayEndpoint(parsing: bad) }
        }
        let plain = #expect(throws: ExchangeError.self) { try RelayEndpoint(parsing: "http://relay.example") }
        #expect(plain?.message.contains("without TLS") == true)
    }

    @Test func overrideBeatsTheAgreement() throws {
        let agreement = Fixture.agreement().agreement
        #expect(try RelayEndpoint.resolve(override: nil, agreement: agreement).map(\.host) == ["relay.kingsbridge.example"])
        #expect(try RelayEndpoint.resolve(override: "http://127.0.0.1:7000", agreement: agreement).map(\.port) == [7000])
    }

    @Test func severalRelaysInTheAgreementsOrderUnlessOverridden() throws {
        var agreement = Fixture.agreement().agreement
        agreement.relays = ["http://127.0.0.1:7001", "https://relay-b.example/sealpost", "http://localhost:7003"]
        let endpoints = try RelayEndpoint.resolve(override: nil, agreement: agreement)
        #expect(endpoints.map(\.description) == ["http://127.0.0.1:7001", "https://relay-b.example/sealpost", "http://localhost:7003"])
        #expect(try RelayEndpoint.resolve(override: "https://elsewhere.example", agreement: agreement).map(\.host) == ["elsewhere.example"])
        agreement.relays = []
        let none = #expect(throws: ExchangeError.self) { try RelayEndpoint.resolve(override: nil, agreement: agreement) }
        #expect(none?.code == .noRelay)
        // A single relay is held to the URL rules when the client uses it, and the message says where it came from.
        agreement.relay = "http://relay.example"
        let plain = #expect(throws: ExchangeError.self) { try RelayEndpoint.resolve(override: nil, agreement: agreement) }
        #expect(plain?.message == "refusing plain http to relay.example (the agreement's relay): records would cross the network without TLS")
    }
}

struct RetryPolicyTests {
    @Test func exponentialWithJitterCappedAndFinite() {
        let policy = RetryPolicy(attempts: 4, baseDelay: 1, maximumDelay: 3)
        #expect(policy.delay(after: 0, random: { $0.upperBound }) == 1)
        #expect(policy.delay(after: 0, random: { $0.lowerBound }) == 0.5)
        #expect(policy.delay(after: 1, random: { $0.upperBound }) == 2)
        #expect(policy.delay(after: 2, random: { $0.upperBound }) == 3)
        #expect(policy.delay(after: 3) == nil, "four attempts means three retries")
        for _ in 0..<100 { #expect((0.5...1).contains(policy.delay(after: 0)!)) }
    }

    @Test func retryAfterIsHonouredUnlessTooLong() {
        let policy = RetryPolicy(attempts: 3, baseDelay: 1, maximumDelay: 10)
        #expect(policy.delay(after: 0, retryAfter: 7) == 7)
        #expect(policy.delay(after: 0, retryAfter: 60) == nil)
        #expect(RetryPolicy.retryAfter(" 5 ") == 5)
        #expect(RetryPolicy.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == nil)
        #expect(RetryPolicy.none.delay(after: 0) == nil)
    }
}

struct AcknowledgementFormatTests {
    static let ack = forgedAcknowledgement(by: Fixture.mash, messageID: [UInt8](repeating: 1, count: 16), envelopeID: EnvelopeID(of: [9]),
                                           contentHash: [UInt8](repeating: 2, count: 32), sender: Fixture.school.agencyID,
                                           receivedAt: 1_779_000_000, acknowledgedAt: 1_779_000_060)

    @Test func roundTripsAsSortedCompactJSON() throws {
        let text = String(decoding: Self.ack.encoded, as: UTF8.self)
        #expect(text.hasPrefix("{\"acknowledged_at\":1779000060,\"checkpoint\":{\"signature\":\""))
        #expect(text.contains("\"format\":\"sealpost-ack/v2\""))
        #expect(text.contains("\"receipt\":{\"acknowledged_at\":1779000060,"))
        let decoded = try Acknowledgement(decoding: Self.ack.encoded)
        #expect(decoded == Self.ack)
        #expect(decoded.carried.receipt.isValid(for: Fixture.mash.signingKey.publicKey))
        #expect(decoded.carried.checkpoint.isValid(for: Fixture.mash.signingKey.publicKey))
    }

    @Test func refusesAnythingElse() throws {
        let good = String(decoding: Self.ack.encoded, as: UTF8.self)
        let bad = [
            good.replacingOccurrences(of: "sealpost-ack/v2", with: "sealpost-ack/v1"),
            good.replacingOccurrences(of: "\"received_at\":1779000000,\"recipient\"", with: "\"extra\":1,\"received_at\":1779000000,\"recipient\""),
            good.replacingOccurrences(of: "{\"acknowledged_at\"", with: "{\"format\":\"sealpost-ack/v2\",\"acknowledged_at\""),
            good.replacingOccurrences(of: "sealpost-receipt/v1", with: "sealpost-receipt/v0"),
            good.replacingOccurrences(of: "sealpost receipt log", with: "sealpost receipt lag"),
            good.replacingOccurrences(of: "0202", with: "02G2"),
            good.replacingOccurrences(of: "1779000060", with: "-1"),
            "[]", "", String(repeating: " ", count: 5000),
        ]
        for text in bad {
            #expect(throws: ExchangeError.self, "accepted: \(text.prefix(60))") { try Acknowledgement(decoding: Array(text.utf8)) }
        }
    }
}

struct DecisionFileTests {
    @Test func readsRedactAndKeepByFindingID() throws {
        let text = #"{"format":"sealpost-decisions/v1","decisions":[{"finding":"narrative@1-5","action":"redact"},{"finding":"narrative@9-12","action":"keep","why":"ignored","reason":" the school's building "}]}"#
        let file = try DecisionFile(parsing: Array(text.utf8), source: "d.json")
        #expect(file.actions.map(\.finding) == ["narrative@1-5", "narrative@9-12"])
        #expect(file.actions.map(\.action) == [.redact, .keep])
        #expect(file.reason(for: "narrative@9-12") == "the school's building")
        #expect(file.reason(for: "narrative@1-5") == nil)
    }

    @Test func refusesUndecidedRepeatedOrMalformed() {
        for text in [#"{"format":"sealpost-decisions/v1","decisions":[{"finding":"n@1-2","action":"undecided"}]}"#,
                     #"{"format":"sealpost-decisions/v1","decisions":[{"finding":"n@1-2","action":"keep"},{"finding":"n@1-2","action":"redact"}]}"#,
                     #"{"format":"sealpost-decisions/v1","decisions":[{"finding":"n@1-2","action":"keep"}]}"#,
                     #"{"format":"sealpost-decisions/v1","decisions":[{"finding":"n@1-2","action":"keep","reason":"  "}]}"#,
                     #"{"format":"sealpost-decisions/v1","decisions":[{"finding":"n@1-2","action":"keep","reason":7}]}"#,
                     #"{"format":"other","decisions":[]}"#, #"{"format":"sealpost-decisions/v1","decisions":{}}"#, "not json"] {
            #expect(throws: ExchangeError.self) { try DecisionFile(parsing: Array(text.utf8), source: "d.json") }
        }
    }

    @Test func templateNamesFindingsNeverText() throws {
        let json = #"{"id":"narrative@10-16","path":"narrative","category":"name","reason":"possible_name","range":[10,16],"originalRange":[10,16]}"#
        let finding = try JSONDecoder().decode(UncertainFinding.self, from: Data(json.utf8))
        let template = String(decoding: DecisionFile.template(for: [finding]), as: UTF8.self)
        #expect(template.contains("narrative@10-16") && template.contains("\"undecided\""))
        // Filled in, it reads back.
        #expect(template.contains("\"reason\": \"\""))
        let kept = template.replacingOccurrences(of: "undecided", with: "keep")
        #expect(throws: ExchangeError.self) { try DecisionFile(parsing: Array(kept.utf8), source: "t") }
        let filled = kept.replacingOccurrences(of: "\"reason\": \"\"", with: "\"reason\": \"a street name, not a person\"")
        #expect(try DecisionFile(parsing: Array(filled.utf8), source: "t").action(for: finding) == .keep)
    }
}

struct ExchangeEnvelopeTests {
    static func manifest(_ attributes: [String: String], contentType: String = ExchangeEnvelope.recordContentType) -> Manifest {
        Manifest(senderSigningKey: Fixture.school.signingKey.publicKey, senderBoxKey: Fixture.school.boxKey.publicKey,
                 senderAgency: Fixture.school.agencyID, messageID: [UInt8](repeating: 0, count: 16), createdAt: 0,
                 contentType: contentType, recipients: [Fixture.mash.boxKeyID], attributes: attributes)
    }

    @Test func recordConventionsRoundTrip() throws {
        let agreement = Fixture.agreement().agreement
        let checkpoint = Checkpoint(agency: Fixture.school.agencyID, size: 3, head: [UInt8](repeating: 5, count: 32)).signed(by: Fixture.school.signingKey)
        let record = ExchangeEnvelope.record(purpose: Fixture.s47, urgency: .emergency, agreement: agreement, recordID: "SA-1", checkpoint: checkpoint)
        #expect(record.attributes == ["kind": "record", "purpose": Fixture.s47, "urgency": "emergency",
                                      "agreement": "kingsbridge-dsa@1", "record_id": "SA-1",
                                      "log_checkpoint": "school-st-annes sealpost receipt log\n3\nBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQU=\n",
                                      "log_checkpoint_signature": Hex.encode(checkpoint.signature.rawRepresentation)])
        #expect(record.attributes.values.allSatisfy { $0.utf8.count <= Manifest.maximumAttributeValueLength })
        #expect(try ExchangeEnvelope(manifest: Self.manifest(record.attributes)) == record)
        let ack = ExchangeEnvelope.acknowledgement(agreement: agreement)
        #expect(try ExchangeEnvelope(manifest: Self.manifest(ack.attributes, contentType: ExchangeEnvelope.acknowledgementContentType)) == ack)
    }

    @Test func refusesEnvelopesWithoutTheConventions() {
        let good = ["kind": "record", "purpose": "p", "urgency": "urgent", "agreement": "a@1"]
        var cases: [[String: String]] = [[:], good.merging(["kind": "letter"]) { $1 }, good.merging(["urgency": "soon"]) { $1 },
                                         good.merging(["agreement": "a"]) { $1 }, good.merging(["agreement": "a@0"]) { $1 }]
        cases.append(good.filter { $0.key != "purpose" })
        // A record's log checkpoint: missing, not the sender's, or not signed by the sender.
        let checkpoint = Checkpoint(agency: Fixture.school.agencyID, size: 1, head: [UInt8](repeating: 5, count: 32))
        let signed = ExchangeEnvelope.record(purpose: "p", urgency: .urgent, agreement: Fixture.agreement().agreement, recordID: nil,
                                             checkpoint: checkpoint.signed(by: Fixture.school.signingKey)).attributes
        #expect(throws: Never.self) { try ExchangeEnvelope(manifest: Self.manifest(signed.merging(["agreement": "a@1"]) { $1 })) }
        cases.append(signed.filter { $0.key != "log_checkpoint_signature" })
        cases.append(signed.merging(["log_checkpoint_signature": Hex.encode(checkpoint.signed(by: Fixture.mash.signingKey).signature.rawRepresentation)]) { $1 })
        let mashes = Checkpoint(agency: Fixture.mash.agencyID, size: 1, head: checkpoint.head).signed(by: Fixture.school.signingKey)
        cases.append(signed.merging(["log_checkpoint": mashes.checkpoint.text,
                                     "log_checkpoint_signature": Hex.encode(mashes.signature.rawRepresentation)]) { $1 })
        for attributes in cases {
            #expect(throws: ExchangeError.self) { try ExchangeEnvelope(manifest: Self.manifest(attributes)) }
        }
        // A record's attributes under the acknowledgement content type.
        #expect(throws: ExchangeError.self) {
            try ExchangeEnvelope(manifest: Self.manifest(good, contentType: ExchangeEnvelope.acknowledgementContentType))
        }
    }
}

struct RelayOperatorTests {
    @Test func theRelayMustShowTheOperatorsKey() throws {
        let agreement = Fixture.agreement().agreement
        let endpoint = try RelayEndpoint(parsing: "https://relay.example")
        let good = RelayHealth(status: "ok", relay: Fixture.relay.agencyID, relayKey: Hex.encode(Fixture.relay.signingKey.publicKey.rawRepresentation),
                               time: 0, version: "v1")
        #expect(try RelayOperator.identify(good, under: agreement, endpoint: endpoint).agencyID == Fixture.relay.agencyID)
        var wrongKey = good
        wrongKey.relayKey = Hex.encode(Fixture.mash.signingKey.publicKey.rawRepresentation)
        var wrongName = good
        wrongName.relay = Fixture.mash.agencyID
        for health in [wrongKey, wrongName] {
            let error = #expect(throws: ExchangeError.self) { try RelayOperator.identify(health, under: agreement, endpoint: endpoint) }
            #expect(error?.code == .relayIdentity)
        }
    }

    @Test func receiptsMustBeSignedByTheOperatorForThisDeposit() throws {
        let relay = RelayOperator(agencyID: Fixture.relay.agencyID, signingKey: Fixture.relay.signingKey.publicKey)
        let id = EnvelopeID(of: [1, 2, 3])
        let receipt = DepositReceipt(envelopeID: id, relay: Fixture.relay.agencyID, sender: Fixture.school.agencyID,
                                     mailboxes: [Fixture.mash.agencyID], depositedAt: 10, expiresAt: 20)
        let good = DepositResponse(receipt.signed(with: Fixture.relay.signingKey), duplicate: false)
        #expect(try relay.verify(good, envelopeID: id, sender: Fixture.school.agencyID, mailboxes: [Fixture.mash.agencyID]).receipt == receipt)
        let forged = DepositResponse(receipt.signed(with: Fixture.mash.signingKey), duplicate: false)
        #expect(throws: ExchangeError.self) { try relay.verify(forged, envelopeID: id, sender: Fixture.school.agencyID, mailboxes: [Fixture.mash.agencyID]) }
        #expect(throws: ExchangeError.self) { try relay.verify(good, envelopeID: EnvelopeID(of: [4]), sender: Fixture.school.agencyID, mailboxes: [Fixture.mash.agencyID]) }
        #expect(throws: ExchangeError.self) { try relay.verify(good, envelopeID: id, sender: Fixture.school.agencyID, mailboxes: [Fixture.police.agencyID]) }
    }
}
