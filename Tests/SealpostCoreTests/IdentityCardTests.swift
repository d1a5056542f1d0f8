import Foundation
import Testing
import SealpostCore
import SealpostJSON
import SealpostSodium

@Suite("Identity cards")
struct IdentityCardTests {
    let identity = makeIdentity("school-st-marys", name: "St Mary's School")
    let other = makeIdentity("other-agency", name: "Other")

    /// The card's JSON with `change` applied to its fields.
    func edited(_ change: (inout [String: Any]) -> Void) throws -> Data {
        var object = try #require(try JSONSerialization.jsonObject(with: identity.card.jsonData()) as? [String: Any])
        change(&object)
        return try JSONSerialization.data(withJSONObject: object)
    }

    func loadError(_ data: Data) -> IdentityError? {
        do throws(IdentityError) {
            _ = try IdentityCard.load(data, source: "card.json")
            return nil
        } catch {
            return error
        }
    }

    /// Decodes without verifying, then verifies.
    func verifyError(_ data: Data) throws -> IdentityError? {
        let card = try IdentityCard(json: try JSONParser.parse(data))
        do throws(IdentityError) {
            _ = try card.verified()
            return nil
        } catch {
            return error
        }
    }

    @Test("a valid card loads, verifies, and names the identity's keys")
    func valid() throws {
        let card = identity.card
        let keys = try card.verified()
        #expect(keys.signingKey == identity.signingKey.publicKey)
        #expect(keys.boxKey == identity.boxKey.publicKey)
        #expect(card.version == 1)
        #expect(card.agencyID == "school-st-marys")
        #expect(card.name == "St Mary's School")
        #expect(card.signingKey == Hex.encode(identity.signingKey.publicKey.rawRepresentation))
        #expect(card.boxKey == Hex.encode(identity.boxKey.publicKey.rawRepresentation))
        #expect(card.signingKeyID == identity.signingKeyID.description)
        #expect(card.boxKeyID == identity.boxKeyID.description)
        #expect(try IdentityCard.load(card.jsonData(), source: "card.json") == card)
        #expect(loadError(try edited { _ in }) == nil, "re-serialised JSON still verifies")
    }

    @Test("the JSON is pretty, sorted, snake_case and ends with a newline")
    func json() throws {
        let data = identity.card.jsonData()
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.hasSuffix("}\n"))
        let keys = ["agency_id", "box_key", "box_key_id", "name", "self_signature", "signing_key", "signing_key_id", "version"]
        let positions = keys.map { text.range(of: "\"\($0)\"")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(text.contains("\n"))
    }

    @Test("the fingerprint is 8 groups of 5 digits over both keys, not the name")
    func fingerprint() throws {
        let fingerprint = identity.card.fingerprint
        let groups = fingerprint.split(separator: " ")
        #expect(groups.count == 8)
        #expect(groups.allSatisfy { $0.count == 5 && $0.allSatisfy(\.isNumber) })
        #expect(other.card.fingerprint != fingerprint)
        let renamed = Identity(agencyID: "renamed", name: "Renamed", signingKey: identity.signingKey, boxKey: identity.boxKey)
        #expect(renamed.card.fingerprint == fingerprint)
        let newBoxKey = Identity(agencyID: identity.agencyID, name: identity.name, signingKey: identity.signingKey, boxKey: .generate())
        #expect(newBoxKey.card.fingerprint != fingerprint)
    }

    @Test("a tampered name or agency id fails the self-signature")
    func tamperedText() throws {
        for (field, value) in [("name", "St Mary's School "), ("name", "Evil School"), ("agency_id", "school-st-mary")] {
            let data = try edited { $0[field] = value }
            let error = try #require(loadError(data), "\(field)")
            #expect(error.reason == "card.json: identity card self-signature does not verify", "\(field)")
            #expect(try verifyError(data)?.reason == "identity card self-signature does not verify")
        }
    }

    @Test("a swapped box or signing key fails, whether or not its key id was updated")
    func swappedKeys() throws {
        let otherCard = other.card
        // Box key swapped, id updated to match: only the self-signature can tell.
        let boxSwapped = try edited { $0["box_key"] = otherCard.boxKey; $0["box_key_id"] = otherCard.boxKeyID }
        #expect(loadError(boxSwapped)?.reason.contains("self-signature does not verify") == true)
        // Box key swapped, id left: the ids do not match.
        let boxOnly = try edited { $0["box_key"] = otherCard.boxKey }
        #expect(loadError(boxOnly)?.reason.contains("key ids do not match") == true)
        // Signing key swapped with its id.
        let signingSwapped = try edited { $0["signing_key"] = otherCard.signingKey; $0["signing_key_id"] = otherCard.signingKeyID }
        #expect(loadError(signingSwapped)?.reason.contains("self-signature does not verify") == true)
        // Both keys and the signature of another card, under this card's name.
        let transplanted = try edited {
            $0["signing_key"] = otherCard.signingKey; $0["signing_key_id"] = otherCard.signingKeyID
            $0["box_key"] = otherCard.boxKey; $0["box_key_id"] = otherCard.boxKeyID
            $0["self_signature"] = otherCard.selfSignature
        }
        #expect(loadError(transplanted)?.reason.contains("self-signature does not verify") == true)
    }

    @Test("wrong key ids fail")
    func wrongKeyIDs() throws {
        let otherCard = other.card
        for (field, value) in [("signing_key_id", otherCard.signingKeyID), ("box_key_id", otherCard.boxKeyID),
                               ("box_key_id", identity.card.signingKeyID), ("signing_key_id", String(repeating: "0", count: 32)),
                               ("box_key_id", identity.card.boxKeyID.uppercased())] {
            let error = try #require(loadError(try edited { $0[field] = value }), "\(field) = \(value)")
            #expect(error.reason.contains("key ids do not match"), "\(field)")
        }
    }

    @Test("malformed fields, versions and documents are refused with the field named")
    func malformed() throws {
        let cases: [(String, Data, String)] = [
            ("version 2", try edited { $0["version"] = 2 }, "version 2 is not supported"),
            ("signature bit", try edited {
                var s = Array(($0["self_signature"] as! String).utf8)
                s[0] = s[0] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
                $0["self_signature"] = String(decoding: s, as: UTF8.self)
            }, "self-signature does not verify"),
            ("short signature", try edited { $0["self_signature"] = String(($0["self_signature"] as! String).dropLast(2)) }, "self-signature"),
            ("signature not hex", try edited { $0["self_signature"] = String(repeating: "zz", count: 64) }, "self-signature"),
            ("short signing key", try edited { $0["signing_key"] = String(($0["signing_key"] as! String).dropLast(2)) }, "field signing_key is not 64"),
            ("box key not hex", try edited { $0["box_key"] = String(repeating: "g", count: 64) }, "field box_key is not 64"),
            ("odd hex", try edited { $0["box_key"] = ($0["box_key"] as! String) + "0" }, "box_key"),
            ("missing box key", try edited { $0["box_key"] = nil }, "is missing \"box_key\""),
            ("missing signature", try edited { $0["self_signature"] = nil }, "is missing \"self_signature\""),
            ("version as text", try edited { $0["version"] = "1" }, "$.version: must be a whole number"),
            ("bad agency id", try edited { $0["agency_id"] = "has space" }, "agency id"),
            ("empty name", try edited { $0["name"] = "" }, "name"),
            ("not JSON", Data("card".utf8), "not an identity card"),
            ("a JSON array", Data("[1,2]".utf8), "card.json"),
            ("too big", Data(repeating: 0x20, count: 16 * 1024 + 1), "at most 16 KiB"),
        ]
        for (name, data, fragment) in cases {
            let error = try #require(loadError(data), "\(name)")
            #expect(error.reason.hasPrefix("card.json"), "\(name): \(error.reason)")
            #expect(error.reason.contains(fragment), "\(name): \(error.reason)")
        }
    }

    @Test("a card signed over an invalid agency id or name is still refused")
    func invalidSignedFields() throws {
        for (agency, name) in [("bad agency", "Name"), ("", "Name"), ("ok", "two\nlines"), ("ok", String(repeating: "n", count: 201))] {
            let card = Identity(agencyID: agency, name: name, signingKey: .generate(), boxKey: .generate()).card
            #expect(throws: IdentityError.self, "\(agency) / \(name)") { try card.verified() }
            #expect(loadError(card.jsonData()) != nil)
        }
        #expect(throws: IdentityError.self) { try Identity.generate(agencyID: "bad agency", name: "x") }
        #expect(throws: IdentityError.self) { try Identity.generate(agencyID: "ok", name: "") }
        #expect(throws: Never.self) { try Identity.generate(agencyID: String(repeating: "a", count: 64), name: String(repeating: "n", count: 200)) }
    }

    @Test("a card with upper-case hex is either refused or recognised by a CardDirectory, never accepted and then ignored")
    func upperCaseHex() throws {
        let data = try edited {
            $0["signing_key"] = ($0["signing_key"] as! String).uppercased()
            $0["box_key"] = ($0["box_key"] as! String).uppercased()
        }
        let recipient = makeIdentity("recipient")
        let envelope = try EnvelopeSealer(sender: identity).seal([1], recipients: [recipient.boxKey.publicKey], createdAt: 1).envelope
        if let card = try? IdentityCard.load(data, source: "card.json") {
            // Loaded: the directory holding it must trust envelopes from those keys.
            #expect(openFailure(envelope, with: EnvelopeOpener(identity: recipient, senders: CardDirectory(cards: [card]))) == nil)
        } else {
            #expect(loadError(data)?.reason.contains("hex") == true)
        }
        // The lower-case card is matched.
        #expect(openFailure(envelope, with: EnvelopeOpener(identity: recipient, senders: CardDirectory(cards: [identity.card]))) == nil)
    }

    @Test("a card whose box key is a low-order point is refused", arguments: EnvelopeStreamTests.lowOrderPoints)
    func lowOrderBoxKey(pointHex: String) throws {
        let point = try X25519.PublicKey(rawRepresentation: try #require(Hex.decode(pointHex)))
        let data = try edited { $0["box_key"] = pointHex; $0["box_key_id"] = KeyID(point).description }
        #expect(loadError(data) != nil)
    }

    /// The card as text, `edit` applied to the pretty-printed file the writer makes.
    func editedText(_ edit: (String) -> String) -> Data {
        Data(edit(String(decoding: identity.card.jsonData(), as: UTF8.self)).utf8)
    }

    @Test("a card two readers could read differently is refused (spec/envelope.md §Identity cards)")
    func strictReading() throws {
        let card = identity.card
        let otherBox = other.card.boxKey
        let cases: [(String, Data, String)] = [
            // A lenient reader keeps the first or the last; either way the two readings differ.
            ("two box_key members", editedText {
                $0.replacingOccurrences(of: "\"box_key\" :", with: "\"box_key\" : \"\(otherBox)\",\n  \"box_key\" :")
            }, "$.box_key (byte "),
            ("an unknown member", try edited { $0["box_key_2"] = otherBox }, "has an unknown member"),
            ("version 1.0", editedText { $0.replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 1.0") },
             "$.version: must be a whole number written in plain digits"),
            ("version 1e0", editedText { $0.replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 1e0") },
             "$.version: must be a whole number written in plain digits"),
            ("upper-case signing key", try edited { $0["signing_key"] = card.signingKey.uppercased() }, "signing_key is not 64 lower-case"),
            ("upper-case box key", try edited { $0["box_key"] = card.boxKey.uppercased() }, "box_key is not 64 lower-case"),
            ("upper-case signature", try edited { $0["self_signature"] = card.selfSignature.uppercased() }, "self-signature"),
            ("a byte order mark", Data([0xEF, 0xBB, 0xBF]) + card.jsonData(), "byte order mark"),
        ]
        #expect(loadError(cases[0].1)?.reason.contains("appears more than once") == true)
        for (name, data, fragment) in cases {
            let error = try #require(loadError(data), "\(name) was accepted")
            #expect(error.reason.hasPrefix("card.json"), "\(name): \(error.reason)")
            #expect(error.reason.contains(fragment), "\(name): \(error.reason)")
        }
        // The control: the file as written loads, and every text edit above changed it.
        #expect(loadError(card.jsonData()) == nil)
        for (name, data, _) in cases { #expect(data != card.jsonData(), "\(name)") }
    }
}
