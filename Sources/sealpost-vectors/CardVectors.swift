// Identity card vectors (spec/envelope.md §"Identity cards"), in DIRECTORY/cards: a card file as
// the body, `expect: valid` or `expect: invalid`; a valid card also lists the private keys it was
// made from, its key ids and its fingerprint, so that key derivation, key ids and fingerprints can
// be checked from them.

import SealpostCore
import SealpostSodium

/// `"sealpost/v1/card" || 0x00 || u8 len || agency || u16 len || name || signing key || box key`,
/// written here from the spec rather than taken from the reader.
func cardMessage(agency: [UInt8], name: [UInt8], signingKey: [UInt8], boxKey: [UInt8]) -> [UInt8] {
    var out = Array("sealpost/v1/card".utf8) + [0]
    out.append(UInt8(agency.count)); out += agency
    out.appendBigEndian(UInt16(name.count)); out += name
    return out + signingKey + boxKey
}

/// A card's members as raw JSON texts, in order, so that any rule can be broken.
struct CardJSON {
    var members: [(String, String)]

    static func quoted(_ text: String) -> String { "\"\(text)\"" }

    /// The card of `identity`, with `boxKey` and `name` overridable and self-signed over what is written.
    init(_ identity: Identity, agency: [UInt8]? = nil, name: [UInt8]? = nil, boxKey: [UInt8]? = nil) {
        let agency = agency ?? Array(identity.agencyID.utf8)
        let name = name ?? Array(identity.name.utf8)
        let signing = identity.signingKey.publicKey.rawRepresentation
        let box = boxKey ?? identity.boxKey.publicKey.rawRepresentation
        let signature = identity.signingKey.signature(for: cardMessage(agency: agency, name: name, signingKey: signing, boxKey: box))
        members = [
            ("agency_id", CardJSON.quoted(String(decoding: agency, as: UTF8.self))),
            ("box_key", CardJSON.quoted(Hex.encode(box))),
            ("box_key_id", CardJSON.quoted(Hex.encode(EnvelopeFormat.labelledHash("sealpost/v1/key-id/x25519", box, length: 16)))),
            ("name", CardJSON.quoted(String(decoding: name, as: UTF8.self))),
            ("self_signature", CardJSON.quoted(Hex.encode(signature.rawRepresentation))),
            ("signing_key", CardJSON.quoted(Hex.encode(signing))),
            ("signing_key_id", CardJSON.quoted(Hex.encode(EnvelopeFormat.labelledHash("sealpost/v1/key-id/ed25519", signing, length: 16)))),
            ("version", "1"),
        ]
    }

    subscript(_ key: String) -> String? {
        get { members.first { $0.0 == key }?.1 }
        set {
            if let i = members.firstIndex(where: { $0.0 == key }) {
                if let newValue { members[i].1 = newValue } else { members.remove(at: i) }
            } else if let newValue { members.append((key, newValue)) }
        }
    }

    /// Pretty-printed like the reference writer (two-space indent, " : "), with a final newline.
    var pretty: [UInt8] {
        Array(("{\n" + members.map { "  \"\($0.0)\" : \($0.1)" }.joined(separator: ",\n") + "\n}\n").utf8)
    }
    var compact: [UInt8] { Array(("{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}").utf8) }
}

func makeCardVectors() -> [FieldVector] {
    var out: [FieldVector] = []
    func valid(_ name: String, _ description: String, _ identity: Identity, _ body: [UInt8]) {
        let card = identity.card
        out.append(FieldVector(name, [
            ("expect", "valid"), ("description", description),
            ("signing seed", Hex.encode(identity.signingKey.seed.unprotectedCopy())),
            ("box private key", Hex.encode(identity.boxKey.rawRepresentation.unprotectedCopy())),
            ("signing key", card.signingKey), ("box key", card.boxKey),
            ("signing key id", card.signingKeyID), ("box key id", card.boxKeyID),
            ("fingerprint", card.fingerprint),
        ], body: body))
    }
    func invalid(_ name: String, _ description: String, _ body: [UInt8]) {
        out.append(FieldVector(name, [("expect", "invalid"), ("description", description)], body: body))
    }

    let school = Identity(agencyID: "school-st-annes", name: "St Anne's Primary School", signingKey: .generate(), boxKey: .generate())
    let reference = Array(school.card.jsonData())
    precondition(reference == CardJSON(school).pretty, "the card writer and the vectors' rendering differ")
    valid("valid", "a card as the reference writer makes it (sorted members, pretty-printed)", school, reference)
    var reordered = CardJSON(school)
    reordered.members.reverse()
    valid("valid_compact_reordered", "the same card with no whitespace and its members in another order", school, reordered.compact)
    let welsh = Identity(agencyID: "ysgol-llanfair", name: "Ysgol Gynradd Llanfair – Ysgol Gymraeg (Siân Ó Súilleabháin)",
                         signingKey: .generate(), boxKey: .generate())
    valid("valid_non_ascii_name", "a name with 2- and 3-byte UTF-8 characters", welsh, CardJSON(welsh).pretty)
    var escaped = CardJSON(welsh)
    escaped["name"] = "\"Ysgol Gynradd Llanfair \\u2013 Ysgol Gymraeg (Si\\u00e2n \\u00d3 S\\u00failleabh\\u00e1in)\""
    valid("valid_escaped_name", "the same name written with \\u escapes: the same card", welsh, escaped.pretty)
    // A fingerprint whose groups include leading zeros (each group is exactly 5 digits).
    var zeros = Identity(agencyID: "gp-riverside", name: "Riverside Surgery", signingKey: .generate(), boxKey: .generate())
    while !zeros.card.fingerprint.split(separator: " ").contains(where: { $0.hasPrefix("00") }) {
        zeros = Identity(agencyID: "gp-riverside", name: "Riverside Surgery", signingKey: .generate(), boxKey: .generate())
    }
    valid("valid_fingerprint_leading_zeros", "a fingerprint with a group below 1000, written with its leading zeros", zeros,
          CardJSON(zeros).pretty)
    var padded = CardJSON(school).compact
    padded += Array(repeating: 0x20, count: 16 * 1024 - padded.count)
    valid("valid_16_kib", "exactly 16384 bytes (the card padded with spaces after the object)", school, padded)
    invalid("invalid_over_16_kib", "16385 bytes (one more space)", padded + [0x20])

    func variant(_ change: (inout CardJSON) -> Void) -> [UInt8] { var c = CardJSON(school); change(&c); return c.pretty }
    invalid("invalid_unknown_member", "an extra member, \"comment\"", variant { $0["comment"] = "\"hello\"" })
    invalid("invalid_missing_member", "no box_key_id", variant { $0["box_key_id"] = nil })
    let other = Identity(agencyID: "school-st-annes", name: "St Anne's Primary School", signingKey: .generate(), boxKey: .generate())
    invalid("invalid_duplicate_member", "box_key twice: the card's, then another (readers keeping the first or last differ)",
            variant { $0.members.append(("box_key", CardJSON.quoted(Hex.encode(other.boxKey.publicKey.rawRepresentation)))) })
    invalid("invalid_duplicate_member_same_value", "version written twice with the same value",
            variant { $0.members.append(("version", "1")) })
    for (spelling, label) in [("1.0", "1.0"), ("1e0", "1e0"), ("10e-1", "10e-1"), ("1E0", "1E0"), ("01", "01"), ("-0", "minus_0")] {
        invalid("invalid_version_\(label)", "version written as \(spelling) (only the digit 1 is version 1)",
                variant { $0["version"] = spelling })
    }
    invalid("invalid_version_2", "version 2", variant { $0["version"] = "2" })
    invalid("invalid_version_string", "version as the string \"1\"", variant { $0["version"] = "\"1\"" })
    invalid("invalid_name_number", "name as a number", variant { $0["name"] = "7" })
    for member in ["signing_key", "box_key", "signing_key_id", "box_key_id", "self_signature"] {
        invalid("invalid_upper_case_\(member)", "\(member) with upper-case hex digits", variant { c in
            c[member] = c[member]!.uppercased()
        })
    }
    invalid("invalid_byte_order_mark", "the reference card preceded by a UTF-8 byte order mark", [0xef, 0xbb, 0xbf] + reference)
    invalid("invalid_trailing_data", "the reference card followed by another value", reference + Array("{}\n".utf8))
    invalid("invalid_not_utf8", "a name holding the byte 0xff (self-signed over those bytes)",
            CardJSON(school, name: Array("St Anne".utf8) + [0xff]).pretty.replacingReplacementCharacter(with: [0xff]))
    invalid("invalid_key_id_mismatch", "box_key_id of another key", variant {
        $0["box_key_id"] = CardJSON.quoted(Hex.encode(KeyID(other.boxKey.publicKey).bytes))
    })
    invalid("invalid_swapped_box_key", "another box key with its key id: the self-signature does not cover it", variant {
        $0["box_key"] = CardJSON.quoted(Hex.encode(other.boxKey.publicKey.rawRepresentation))
        $0["box_key_id"] = CardJSON.quoted(Hex.encode(KeyID(other.boxKey.publicKey).bytes))
    })
    invalid("invalid_self_signature", "the last byte of the self-signature changed", variant { c in
        var hex = Array(c["self_signature"]!.utf8)
        hex[hex.count - 2] = hex[hex.count - 2] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        c["self_signature"] = String(decoding: hex, as: UTF8.self)
    })
    invalid("invalid_self_signature_non_canonical", "the self-signature with S + L (not canonical)", variant { c in
        let signature = Hex.decode(String(c["self_signature"]!.dropFirst().dropLast()))!
        c["self_signature"] = CardJSON.quoted(Hex.encode(nonCanonical(signature)))
    })
    invalid("invalid_self_signature_short", "a self-signature of 127 hex digits", variant { c in
        c["self_signature"] = String(c["self_signature"]!.dropLast(2)) + "\""
    })
    invalid("invalid_low_order_box_key", "a low-order box key (order 8), correctly self-signed with its key id",
            CardJSON(school, boxKey: lowOrderPoint).pretty)
    invalid("invalid_agency_id", "an agency id with a space, correctly self-signed",
            CardJSON(school, agency: Array("school st-annes".utf8)).pretty)
    invalid("invalid_agency_id_too_long", "an agency id of 65 characters, correctly self-signed",
            CardJSON(school, agency: Array(repeating: UInt8(ascii: "a"), count: 65)).pretty)
    invalid("invalid_name_empty", "an empty name, correctly self-signed", CardJSON(school, name: []).pretty)
    var lineBreak = CardJSON(school, name: Array("St Anne's\nPrimary".utf8))
    lineBreak["name"] = "\"St Anne's\\nPrimary\""
    invalid("invalid_name_line_break", "a name with a line break (written \\n), correctly self-signed", lineBreak.pretty)
    invalid("invalid_name_line_separator", "a name with U+2028 LINE SEPARATOR, correctly self-signed",
            CardJSON(school, name: Array("St Anne's\u{2028}Primary".utf8)).pretty)
    var tab = CardJSON(school, name: Array("St Anne's\tPrimary".utf8))
    tab["name"] = "\"St Anne's\\tPrimary\""
    invalid("invalid_name_tab", "a name with a tab (Cc, written \\t), correctly self-signed", tab.pretty)
    invalid("invalid_name_bidi_override", "a name with U+202E RIGHT-TO-LEFT OVERRIDE (Cf), correctly self-signed",
            CardJSON(school, name: Array("St Anne's \u{202E}loohcS".utf8)).pretty)
    invalid("invalid_name_c1_control", "a name with U+0085 NEXT LINE (Cc), correctly self-signed",
            CardJSON(school, name: Array("St Anne's\u{85}Primary".utf8)).pretty)
    let spaced = Identity(agencyID: school.agencyID, name: "St\u{A0}Anne's Primary School", signingKey: school.signingKey,
                          boxKey: school.boxKey)
    valid("valid_name_no_break_space", "a name with U+00A0 NO-BREAK SPACE (Zs, allowed)", spaced, CardJSON(spaced).pretty)
    return out
}

extension Array where Element == UInt8 {
    /// The bytes with the one U+FFFD (ef bf bd) that String(decoding:) made replaced by `raw`.
    func replacingReplacementCharacter(with raw: [UInt8]) -> [UInt8] {
        let marker: [UInt8] = [0xef, 0xbf, 0xbd]
        let at = (0...(count - 3)).first { Array(self[$0..<$0 + 3]) == marker }!
        return Array(self[..<at]) + raw + Array(self[(at + 3)...])
    }
}
