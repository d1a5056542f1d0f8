import Foundation
import Testing
import SealpostAgreement
import SealpostCore
import SealpostJSON

/// spec/agreement.md §"Relay URLs": one relay as `relay`, two to eight instances as `relays`, never
/// both; each element of `relays` a usable relay URL, none twice; the order signed.
@Suite("The agreement's relay URLs")
struct AgreementRelaysTests {
    static let instances = ["https://relay-a.kingsbridge.example:8443", "https://relay-b.kingsbridge.example:8443/sealpost",
                            "http://127.0.0.1:9000"]

    /// The fixture's agreement with `relays` instead of its single relay.
    static func listing(_ relays: [String]) throws -> Agreement {
        let agreement = Fixture.agreement()
        return try Agreement(id: agreement.id, version: 1, title: agreement.title, validFrom: agreement.validFrom,
                             validUntil: agreement.validUntil, relays: relays, parties: agreement.parties, purposes: agreement.purposes)
    }

    /// The fixture's signed file as JSON, with `relay` removed and `relays` set to `value`.
    func withRelays(_ value: JSONValue) -> JSONValue {
        fileJSON(Fixture.signed(Fixture.agreement())).setting(at("agreement", "relay"), to: nil).setting(at("agreement", "relays"), to: value)
    }

    func expectRefused(_ value: JSONValue, at path: String, saying phrase: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error = parseError(value) else {
            Issue.record("accepted; expected a refusal at \(path)", sourceLocation: sourceLocation)
            return
        }
        #expect(error.message.contains("\(path): \(phrase)"), "\(error.message)", sourceLocation: sourceLocation)
    }

    @Test("several instances: written as relays in their order, read back the same, signed and verified")
    func roundTrip() throws {
        let signed = Fixture.signed(try Self.listing(Self.instances))
        let text = String(decoding: signed.agreement.canonicalBytes, as: UTF8.self)
        #expect(text.contains(#""relays":["https://relay-a.kingsbridge.example:8443","https://relay-b.kingsbridge.example:8443/sealpost","http://127.0.0.1:9000"]"#))
        #expect(!text.contains(#""relay":"#))
        let read = try parse(signed.fileBytes)
        #expect(read == signed)
        #expect(read.agreement.relays == Self.instances)
        #expect(read.agreement.relay == Self.instances[0], "the preferred relay is the first")
        #expect(read.verify().isComplete)

        // The order of preference is signed: another order breaks every signature.
        let reordered = fileJSON(signed).setting(at("agreement", "relays"), to: .array(Self.instances.reversed().map { .string($0) }))
        let tampered = try parse(JSONWriter().bytes(reordered))
        #expect(tampered.agreement.relays == Self.instances.reversed())
        #expect(!tampered.verify().isComplete)
        #expect(tampered.verify().invalid.count == signed.signatures.count)
    }

    @Test("one relay keeps the first editions' spelling and bytes, so agreements already signed still verify")
    func oneRelayIsWrittenAsRelay() throws {
        let single = try Self.listing([Self.instances[0]])
        let text = String(decoding: single.canonicalBytes, as: UTF8.self)
        #expect(text.contains(#""relay":"https://relay-a.kingsbridge.example:8443""#) && !text.contains("relays"))
        var set = Fixture.agreement()
        set.relay = Self.instances[0]
        #expect(set.canonicalBytes == single.canonicalBytes, "relay = x and relays = [x] are one document")
        // The fixture, signed with a single relay before relays existed, reads and verifies as before.
        let old = Fixture.signed(Fixture.agreement())
        #expect(try parse(old.fileBytes).verify().isComplete)
        #expect(try parse(old.fileBytes).agreement.relays == ["https://relay.kingsbridge.example:8443"])
        var none = Fixture.agreement()
        none.relays = []
        #expect(!String(decoding: none.canonicalBytes, as: UTF8.self).contains(#""relay":"#))
        #expect(!String(decoding: none.canonicalBytes, as: UTF8.self).contains(#""relays":"#))
    }

    @Test("relay and relays together are refused, even with one of them null; so is an init given both")
    func bothSpellingsRefused() {
        let both = fileJSON(Fixture.signed(Fixture.agreement()))
            .setting(at("agreement", "relays"), to: .array(Self.instances.map { .string($0) }))
        expectRefused(both, at: "$.agreement.relays", saying: "may not be given together with relay")
        expectRefused(both.setting(at("agreement", "relay"), to: .null), at: "$.agreement.relays", saying: "may not be given together with relay")
        expectRefused(fileJSON(Fixture.signed(Fixture.agreement())).setting(at("agreement", "relays"), to: .null),
                      at: "$.agreement.relays", saying: "may not be given together with relay")
        let error = agreementError {
            _ = try Agreement(id: "t", version: 1, title: "T", validFrom: date("2026-01-01"), validUntil: date("2026-12-31"),
                              relay: Self.instances[0], relays: Self.instances)
        }
        #expect(error?.message.contains("not both") == true)
    }

    @Test("relays holds two to eight strings; a null relays is no relay")
    func counts() throws {
        expectRefused(withRelays(.array([.string(Self.instances[0])])), at: "$.agreement.relays", saying: "holds one URL")
        #expect(parseError(withRelays(.array([.string(Self.instances[0])])))?.hint?.contains(#""relay": "URL""#) == true)
        expectRefused(withRelays(.array([])), at: "$.agreement.relays", saying: "is empty")
        let nine = (1...9).map { JSONValue.string("https://relay-\($0).example") }
        expectRefused(withRelays(.array(nine)), at: "$.agreement.relays", saying: "holds 9 URLs, more than 8")
        expectRefused(withRelays("https://relay.example"), at: "$.agreement.relays", saying: "must be an array of URLs or null")
        expectRefused(withRelays(.array([.string(Self.instances[0]), 7])), at: "$.agreement.relays[1]", saying: "must be a string")
        let none = try parse(JSONWriter().bytes(withRelays(.null)))
        #expect(none.agreement.relays.isEmpty)
        // Eight read (their signatures no longer match, which is another matter).
        let eight = try parse(JSONWriter().bytes(withRelays(.array(Array(nine.prefix(8))))))
        #expect(eight.agreement.relays.count == 8)
        let error = agreementError { _ = try Self.listing(nine.compactMap(\.stringValue)) }
        #expect(error?.message.contains("more than 8") == true)
    }

    @Test("each element of relays is a relay URL: https, or http only to loopback; no user, query or fragment")
    func badURLs() {
        let cases: [(String, String)] = [
            ("http://relay.example", "is plain http to relay.example: records would cross the network without TLS"),
            ("http://10.0.0.5:8080", "is plain http to 10.0.0.5"),
            ("http://127.0.0.1.evil.example", "is plain http to 127.0.0.1.evil.example"),
            ("ftp://relay.example", "uses ftp, not https"),
            ("https://user:pw@relay.example", "may not carry a user, query or fragment"),
            ("https://relay.example/?x=1", "may not carry a user, query or fragment"),
            ("https://relay.example#top", "may not carry a user, query or fragment"),
            ("relay.example", "is not a URL"),
            ("https://relay.example:0", "has port 0, outside 1-65535"),
            ("https://relay example", "must be 1-2048 bytes of printable ASCII with no spaces"),
            ("https://" + String(repeating: "r", count: 2041), "must be 1-2048 bytes"),
        ]
        for (url, phrase) in cases {
            expectRefused(withRelays(.array([.string(Self.instances[0]), .string(url)])), at: "$.agreement.relays[1]", saying: phrase)
        }
        #expect(parseError(withRelays(.array([.string("http://relay.example"), .string(Self.instances[0])])))?.hint?.contains("use https://") == true)
        // Loopback over plain http is allowed, as for a single relay the client uses.
        for url in ["http://localhost:9000", "http://[::1]:9000", "http://127.0.0.2"] {
            #expect(agreementError { _ = try Self.listing([Self.instances[0], url]) } == nil, "\(url)")
        }
    }

    @Test("no relay twice: compared with the scheme and host in lower case, the port explicit, trailing slashes dropped")
    func duplicates() {
        for (first, second) in [("https://a.example:443/", "https://A.example"), ("http://127.0.0.1", "http://127.0.0.1:80/"),
                                ("https://a.example/p", "https://a.example/p/")] {
            expectRefused(withRelays(.array([.string(first), .string(second)])), at: "$.agreement.relays[1]", saying: "is the same relay as relays[0]")
        }
        #expect(agreementError { _ = try Self.listing(["https://a.example", "https://a.example:8443"]) } == nil, "another port is another instance")
        #expect(agreementError { _ = try Self.listing(["https://a.example/x", "https://a.example/y"]) } == nil, "another prefix is another instance")
        let error = agreementError { _ = try Self.listing(["https://a.example", "https://b.example", "https://A.EXAMPLE:443"]) }
        #expect(error?.message.contains("$.relays[2]: is the same relay as relays[0] (https://a.example)") == true, "\(String(describing: error))")
    }

    @Test("an edit that breaks the rules is refused and changes nothing")
    func edits() throws {
        var signed = Fixture.signed(Fixture.agreement())
        let before = signed
        let error = agreementError { try signed.edit { $0.relays = ["https://a.example", "http://relay.example"] } }
        #expect(error?.message.contains("$.agreement.relays[1]") == true || error?.message.contains("$.relays[1]") == true, "\(String(describing: error))")
        #expect(signed == before)
        try signed.edit { $0.relays = Self.instances }
        #expect(signed.agreement.relays == Self.instances && signed.signatures.isEmpty)
    }
}
