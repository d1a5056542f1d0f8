// One vector per manifest rule of spec/envelope.md §"Manifest": each envelope is otherwise valid
// (addressed to the opener, signed by the trusted sender over exactly these manifest bytes), so
// the only fault is the rule it names.

import SealpostCore
import SealpostSodium

@MainActor func addManifestRuleVectors() {
    func bad(_ name: String, _ description: String, to recipients: [Identity] = [mash], _ change: (inout RawManifest) -> Void) {
        var m = RawManifest()
        m.recipients = RawManifest.ids(recipients)
        change(&m)
        failure("malformed_manifest_\(name)", .malformedHeader, description, raw(m, to: recipients))
    }
    let base = RawManifest().bytes
    // A manifest cut inside its recipient list: its fields run past the end of the plaintext.
    failure("malformed_manifest_truncated", .malformedHeader, "the manifest ends inside its recipient key ids",
            assemble(encoder(to: [mash]), manifest: Array(base[0..<140]), frames: canonicalFrames(content(40))))
    bad("trailing_byte", "one byte after the last attribute") { $0.trailing = [0] }
    bad("agency_empty", "an agency id of 0 bytes") { $0.agency = [] }
    bad("agency_too_long", "an agency id of 65 bytes") { $0.agency = Array(repeating: UInt8(ascii: "a"), count: 65) }
    bad("agency_character", "a space in the agency id") { $0.agency = Array("school st-annes".utf8) }
    bad("content_type_empty", "a content type of 0 bytes") { $0.contentType = [] }
    bad("content_type_too_long", "a content type of 101 bytes") { $0.contentType = Array(repeating: UInt8(ascii: "a"), count: 101) }
    bad("content_type_character", "a tab (0x09) in the content type") { $0.contentType = Array("text/plain;\tcharset=utf-8".utf8) }
    bad("content_type_delete", "a DEL (0x7f) in the content type") { $0.contentType = Array("text/plain".utf8) + [0x7f] }
    bad("no_recipients", "a recipient count of 0") { $0.recipients = [] }
    bad("too_many_recipients", "65 recipient key ids, one of them the opener's") {
        var ids = (0..<64).map { i in BLAKE2b.hash(Array("filler \(i)".utf8), outputLength: 16) }
        ids.append(KeyID(mash.boxKey.publicKey).bytes)
        $0.recipients = ids.sorted { $0.lexicographicallyPrecedes($1) }
    }
    bad("recipients_descending", "two recipient key ids in descending order", to: [mash, police]) { $0.recipients.reverse() }
    bad("recipients_duplicate", "the opener's key id twice (two slots, both for the opener)", to: [mash, mash]) { m in
        m.recipients = [KeyID(mash.boxKey.publicKey).bytes, KeyID(mash.boxKey.publicKey).bytes]
    }
    func attributes(_ pairs: [(String, String)]) -> [([UInt8], [UInt8])] { pairs.map { (Array($0.0.utf8), Array($0.1.utf8)) } }
    bad("too_many_attributes", "33 attributes") { m in
        m.attributes = attributes((0..<33).map { ("k\($0 / 10)\($0 % 10)", "v") })
    }
    bad("attribute_count_past_end", "an attribute count of 1 with no attribute after it") { $0.attributeCount = 1 }
    bad("attribute_key_empty", "an attribute key of 0 bytes") { $0.attributes = [([], Array("x".utf8))] }
    bad("attribute_key_too_long", "an attribute key of 65 bytes") {
        $0.attributes = [(Array(repeating: UInt8(ascii: "k"), count: 65), Array("x".utf8))]
    }
    bad("attribute_key_upper_case", "an upper-case letter in an attribute key") { $0.attributes = attributes([("Purpose", "x")]) }
    bad("attribute_keys_descending", "attribute keys in descending order") {
        $0.attributes = attributes([("urgency", "urgent"), ("purpose", "s47-enquiry")])
    }
    bad("attribute_keys_duplicate", "the same attribute key twice") {
        $0.attributes = attributes([("purpose", "a"), ("purpose", "b")])
    }
    bad("attribute_value_too_long", "an attribute value of 1025 bytes") {
        $0.attributes = [(Array("note".utf8), Array(repeating: UInt8(ascii: "v"), count: 1025))]
    }
    bad("attribute_value_invalid_byte", "an attribute value holding the byte 0xff") { $0.attributes = [(Array("note".utf8), [0xff])] }
    bad("attribute_value_surrogate", "an attribute value holding an encoded surrogate (ed a0 80)") {
        $0.attributes = [(Array("note".utf8), [0xed, 0xa0, 0x80])]
    }
    bad("attribute_value_overlong", "an attribute value holding an overlong encoding of '/' (c0 af)") {
        $0.attributes = [(Array("note".utf8), [0xc0, 0xaf])]
    }
    bad("attribute_value_cut_character", "an attribute value ending inside a 2-byte character (c3)") {
        $0.attributes = [(Array("note".utf8), Array("Siobh".utf8) + [0xc3])]
    }

    // Valid edge cases: order by unsigned byte with a proper prefix first; empty and non-ASCII
    // values; every character a key may hold.
    var ordered = RawManifest()
    ordered.attributes = attributes([("a", ""), ("a-b", "Siobhán"), ("a.b", "x"), ("a0", "0"), ("a_", "_"), ("ab", "b")])
    successRaw("success_attribute_order", "attribute keys a, a-b, a.b, a0, a_, ab (ascending by byte value); an empty value",
               ordered, length: 20)
    // The largest manifest: exactly 32768 bytes, from 32 attributes of 2-byte keys.
    var largest = RawManifest()
    let room = EnvelopeFormat.maximumManifestLength - largest.bytes.count - 32 * (1 + 2 + 2)
    largest.attributes = (0..<32).map { i in
        let key = Array("\(Character(UnicodeScalar(UInt8(ascii: "a") + UInt8(i / 10))))\(i % 10)".utf8)
        return (key, Array(repeating: UInt8(ascii: "v"), count: room / 32 + (i < room % 32 ? 1 : 0)))
    }
    precondition(largest.bytes.count == EnvelopeFormat.maximumManifestLength)
    successRaw("success_largest_manifest", "a manifest of exactly 32768 bytes (manifest frame length 32785)", largest, length: 10)
    // One byte more cannot be a manifest: its frame (32786) is refused before it is read.
    var tooLarge = largest
    tooLarge.attributes[31].1.append(UInt8(ascii: "v"))
    failure("payload_manifest_too_large", .payloadAuthenticationFailed,
            "a 32769-byte manifest: its frame length 32786 is above the manifest's bound", raw(tooLarge))
}

/// A success vector from a raw (valid) manifest, opened by `mash`.
@MainActor func successRaw(_ name: String, _ description: String, _ manifest: RawManifest, length: Int) {
    let data = content(length)
    vectors.append(Vector(name: name, expect: "success", description: description, opener: mash, trusted: [sender],
                          envelope: raw(manifest, data: data), contentHash: BLAKE2b.hash(data), contentLength: length))
}
