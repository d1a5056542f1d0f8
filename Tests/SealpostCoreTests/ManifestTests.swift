import Foundation
import Testing
import SealpostCore
import SealpostSodium

/// The manifest's canonical encoding (spec/envelope.md §"Manifest"), written out field by field
/// so that tests can also write every non-canonical variant.
struct RawManifest {
    var signingKey: [UInt8]
    var boxKey: [UInt8]
    var agency: [UInt8]
    var messageID: [UInt8]
    var createdAt: UInt64
    var contentType: [UInt8]
    var recipients: [[UInt8]]
    var attributes: [(key: [UInt8], value: [UInt8])]
    var trailing: [UInt8] = []

    var bytes: [UInt8] {
        var out = signingKey + boxKey
        out.append(UInt8(agency.count)); out += agency
        out += messageID
        out += (0..<8).reversed().map { UInt8(truncatingIfNeeded: createdAt >> (8 * UInt64($0))) }
        out.append(UInt8(contentType.count)); out += contentType
        out += [UInt8(recipients.count >> 8), UInt8(recipients.count & 0xff)]
        for r in recipients { out += r }
        out += [UInt8(attributes.count >> 8), UInt8(attributes.count & 0xff)]
        for (key, value) in attributes {
            out.append(UInt8(key.count)); out += key
            out += [UInt8(value.count >> 8), UInt8(value.count & 0xff)]; out += value
        }
        return out + trailing
    }

    /// Canonical bytes for a sender and recipients, with attributes in ascending key order.
    init(sender: Identity, recipients: [KeyID], attributes: [(String, String)]) {
        signingKey = sender.signingKey.publicKey.rawRepresentation
        boxKey = sender.boxKey.publicKey.rawRepresentation
        agency = Array(sender.agencyID.utf8)
        messageID = Array(1...16)
        createdAt = 0x0102_0304_0506_0708
        contentType = Array("application/pdf".utf8)
        self.recipients = recipients.sorted().map(\.bytes)
        self.attributes = attributes.map { (Array($0.0.utf8), Array($0.1.utf8)) }
    }
}

@Suite("Manifest")
struct ManifestTests {
    let sender = makeIdentity("sender.agency_1-x")
    let recipientIDs = (1...3).map { _ in KeyID(X25519.PrivateKey.generate().publicKey) }

    func manifest(attributes: [String: String] = ["purpose": "referral", "urgency": "high"]) -> Manifest {
        Manifest(senderSigningKey: sender.signingKey.publicKey, senderBoxKey: sender.boxKey.publicKey,
                 senderAgency: sender.agencyID, messageID: Array(1...16), createdAt: 0x0102_0304_0506_0708,
                 contentType: "application/pdf", recipients: recipientIDs, attributes: attributes)
    }

    func raw() -> RawManifest {
        RawManifest(sender: sender, recipients: recipientIDs, attributes: [("purpose", "referral"), ("urgency", "high")])
    }

    func rejects(_ bytes: [UInt8], _ reasonFragment: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        do throws(ManifestError) {
            let decoded = try Manifest(decoding: bytes)
            Issue.record("decoded \(decoded)", sourceLocation: sourceLocation)
        } catch {
            if let reasonFragment {
                #expect(error.reason.contains(reasonFragment), "\(error.reason)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test("the encoding is exactly the spec's layout, and decodes to the same manifest")
    func layoutAndRoundTrip() throws {
        let m = manifest()
        let encoded = try m.encoded()
        #expect(encoded == raw().bytes)
        #expect(try Manifest(decoding: encoded) == m)
        #expect(try Manifest(decoding: raw().bytes) == m)
    }

    @Test("round trips with no attributes, the most attributes, and attribute keys that sort by bytes")
    func roundTrips() throws {
        for attributes: [String: String] in [
            [:],
            ["a": "", "a-b": "1", "a.b": "2", "a_b": "3", "b": "é ü 漢字\nline two", "z9": String(repeating: "v", count: 1024)],
            Dictionary(uniqueKeysWithValues: (0..<32).map { ("k\($0)", "value \($0)") }),
        ] {
            let m = manifest(attributes: attributes)
            let decoded = try Manifest(decoding: try m.encoded())
            #expect(decoded == m)
            #expect(decoded.attributes == attributes)
        }
        // 64 recipients, given out of order, come back sorted.
        let many = (0..<64).map { _ in KeyID(X25519.PrivateKey.generate().publicKey) }
        let m = Manifest(senderSigningKey: sender.signingKey.publicKey, senderBoxKey: sender.boxKey.publicKey,
                         senderAgency: "a", messageID: Array(repeating: 0, count: 16), createdAt: 0,
                         contentType: "x", recipients: many.shuffled())
        #expect(m.recipients == many.sorted())
        #expect(try Manifest(decoding: try m.encoded()).recipients == many.sorted())
    }

    @Test("the encoder refuses what a reader would refuse")
    func encoderRefuses() {
        func refuses(_ change: (inout Manifest) -> Void, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
            var m = manifest()
            change(&m)
            let error = #expect(throws: ManifestError.self, sourceLocation: sourceLocation) { try m.encoded() }
            #expect(error?.reason.contains(fragment) == true, "\(String(describing: error))", sourceLocation: sourceLocation)
        }
        refuses({ $0.senderAgency = "" }, "agency id")
        refuses({ $0.senderAgency = "has space" }, "agency id")
        refuses({ $0.senderAgency = "agéncy" }, "agency id")
        refuses({ $0.senderAgency = String(repeating: "a", count: 65) }, "agency id")
        refuses({ $0.messageID = Array(1...15) }, "message id")
        refuses({ $0.contentType = "" }, "content type")
        refuses({ $0.contentType = "text/plain\n" }, "content type")
        refuses({ $0.contentType = String(repeating: "t", count: 101) }, "content type")
        refuses({ $0.recipients = [] }, "1 to 64")
        refuses({ $0.recipients = (0..<65).map { _ in KeyID(X25519.PrivateKey.generate().publicKey) }.sorted() }, "1 to 64")
        refuses({ $0.recipients = [$0.recipients[0], $0.recipients[0]] }, "twice")
        refuses({ $0.recipients = $0.recipients.sorted().reversed() }, "twice")
        refuses({ $0.attributes = ["Purpose": "x"] }, "attribute key")
        refuses({ $0.attributes = ["": "x"] }, "attribute key")
        refuses({ $0.attributes = ["a b": "x"] }, "attribute key")
        refuses({ $0.attributes = [String(repeating: "k", count: 65): "x"] }, "attribute key")
        refuses({ $0.attributes = ["note": String(repeating: "x", count: 1025)] }, "longer than 1024")
        refuses({ $0.attributes = Dictionary(uniqueKeysWithValues: (0..<33).map { ("k\($0)", "v") }) }, "at most 32")
        refuses({ m in
            m.attributes = Dictionary(uniqueKeysWithValues: (0..<32).map { (String(format: "%02d", $0) + String(repeating: "k", count: 62), String(repeating: "v", count: 1024)) })
        }, "too long")
        // The edges that are allowed.
        var edge = manifest(attributes: [String(repeating: "k", count: 64): String(repeating: "v", count: 1024)])
        edge.senderAgency = String(repeating: "A", count: 64)
        edge.contentType = String(repeating: "~", count: 100)
        #expect(throws: Never.self) { try edge.encoded() }
    }

    @Test("non-canonical recipient lists are rejected")
    func recipientOrder() {
        var swapped = raw()
        swapped.recipients.swapAt(0, 1)
        rejects(swapped.bytes, "strictly ascending")
        var duplicated = raw()
        duplicated.recipients[1] = duplicated.recipients[0]
        rejects(duplicated.bytes, "strictly ascending")
        var none = raw()
        none.recipients = []
        rejects(none.bytes, "recipient count")
        var tooMany = raw()
        tooMany.recipients = (0..<65).map { i in [UInt8](repeating: 0, count: 14) + [UInt8(i >> 8), UInt8(i & 0xff)] }
        rejects(tooMany.bytes, "recipient count")
        // The control: 64 ascending ids are fine.
        var sixtyFour = raw()
        sixtyFour.recipients = (0..<64).map { i in [UInt8](repeating: 0, count: 15) + [UInt8(i)] }
        #expect(throws: Never.self) { try Manifest(decoding: sixtyFour.bytes) }
    }

    @Test("non-canonical attribute lists are rejected")
    func attributeOrder() throws {
        var unsorted = raw()
        unsorted.attributes.swapAt(0, 1)
        rejects(unsorted.bytes, "strictly ascending")
        var duplicate = raw()
        duplicate.attributes[1].key = duplicate.attributes[0].key
        rejects(duplicate.bytes, "strictly ascending")
        var badKey = raw()
        badKey.attributes[0].key = Array("Purpose".utf8)
        rejects(badKey.bytes, "attribute key")
        var emptyKey = raw()
        emptyKey.attributes[0].key = []
        rejects(emptyKey.bytes, "attribute key")
        var longValue = raw()
        longValue.attributes[0].value = [UInt8](repeating: 0x61, count: 1025)
        rejects(longValue.bytes, "too long")
        var notUTF8 = raw()
        notUTF8.attributes[0].value = [0x61, 0xff, 0x62]
        rejects(notUTF8.bytes, "UTF-8")
        var tooMany = raw()
        tooMany.attributes = (0..<33).map { (Array(String(format: "k%02d", $0).utf8), Array("v".utf8)) }
        rejects(tooMany.bytes, "too many")
        // Controls: 32 sorted attributes and a 1024-byte value decode.
        var thirtyTwo = raw()
        thirtyTwo.attributes = (0..<32).map { (Array(String(format: "k%02d", $0).utf8), [UInt8](repeating: 0x76, count: 1024)) }
        #expect(try Manifest(decoding: thirtyTwo.bytes).attributes.count == 32)
    }

    @Test("trailing bytes, truncations and bad fixed fields are rejected")
    func structure() {
        let good = raw().bytes
        for extra: [UInt8] in [[0], [0, 0], Array(good[0..<5])] {
            rejects(good + extra, "bytes after the last attribute")
        }
        for length in 0..<good.count {
            rejects(Array(good[0..<length]))
        }
        // Agency ids: empty, with a space, non-ASCII, not UTF-8, too long.
        for agency: [UInt8] in [[], Array("has space".utf8), Array("agéncy".utf8), [0x61, 0xc3], [UInt8](repeating: 0x61, count: 65)] {
            var r = raw()
            r.agency = agency
            rejects(r.bytes)
        }
        // Content types: empty, a control character, not ASCII, too long.
        for type: [UInt8] in [[], Array("text/plain\t".utf8), Array("tëxt".utf8), [UInt8](repeating: 0x74, count: 101)] {
            var r = raw()
            r.contentType = type
            rejects(r.bytes, "content type")
        }
        // Controls at the edges.
        var edges = raw()
        edges.agency = [UInt8](repeating: 0x5a, count: 64)
        edges.contentType = [UInt8](repeating: 0x20, count: 100)
        #expect(throws: Never.self) { try Manifest(decoding: edges.bytes) }
    }
}
