// The practitioner slot vectors (spec/practitioners.md §"Test vectors"), written to or checked
// against DIRECTORY/practitioners. Called after the envelope vectors are made, so that adding these
// did not change a byte of those (the deterministic random stream is consumed in order).

import Foundation
import SealpostCore
import SealpostSodium

struct SlotVector: VectorFile {
    let name: String
    let expect: String
    let description: String
    let passphrase: String
    let slot: [UInt8]
    var holds: (Practitioner, Identity)? = nil

    var fileBytes: [UInt8] {
        var text = "expect: \(expect)\ndescription: \(description)\npassphrase: \(passphrase)\n"
        if let (p, identity) = holds {
            text += "id: \(p.id)\nname: \(p.name)\nrole: \(p.role)\ncreated: \(p.createdAt)\n"
            text += "agency: \(identity.agencyID)\nagency name: \(identity.name)\n"
            text += "signing key: \(Hex.encode(identity.signingKey.publicKey.rawRepresentation))\n"
            text += "box key: \(Hex.encode(identity.boxKey.publicKey.rawRepresentation))\n"
        }
        return Array((text + "\n").utf8) + slot
    }
}

/// Makes every slot vector, in a fixed order.
func makePractitionerVectors() -> [SlotVector] {
    let cost = KeyFile.Cost(opsLimit: 1, memLimit: 8 << 20)
    let created: Int64 = 1_790_000_000
    let agency = Identity(agencyID: "school-st-annes", name: "St Anne's Primary School", signingKey: .generate(), boxKey: .generate())
    let passphrase = "correct horse battery staple"
    func secret(_ text: String) -> SecureBytes { SecureBytes(copying: text.utf8) }
    var out: [SlotVector] = []

    func slot(_ name: String, _ role: String, for identity: Identity = agency) -> (Practitioner, [UInt8]) {
        let p = try! Practitioner.make(name: name, role: role, createdAt: created)
        return (p, try! PractitionerSlot.encode(identity, for: p, passphrase: secret(passphrase), cost: cost))
    }
    func success(_ name: String, _ description: String, _ made: (Practitioner, [UInt8]), identity: Identity = agency) {
        out.append(SlotVector(name: name, expect: "success", description: description, passphrase: passphrase,
                              slot: made.1, holds: (made.0, identity)))
    }
    func failure(_ name: String, _ expect: String, _ description: String, _ bytes: [UInt8], passphrase given: String = passphrase) {
        out.append(SlotVector(name: name, expect: expect, description: description, passphrase: given, slot: bytes))
    }

    let ann = slot("Ann Smith", "Designated Safeguarding Lead")
    success("success", "Ann Smith's slot, opened with her passphrase", ann)
    success("success_non_ascii_name", "a name and role outside ASCII (UTF-8, 2-byte characters)",
            slot("Siobhán Ó Súilleabháin", "Deputy Designated Safeguarding Lead"))
    let longAgency = Identity(agencyID: String(repeating: "a", count: 64), name: String(repeating: "N", count: 200),
                              signingKey: .generate(), boxKey: .generate())
    let longest = slot(String(repeating: "n", count: 200), String(repeating: "r", count: 200), for: longAgency)
    precondition(longest.1.count == PractitionerSlot.maximumLength)
    success("success_longest", "the longest slot: 200-byte name, role and agency name, 64-byte agency id (829 bytes)",
            longest, identity: longAgency)

    // Ann's slot, taken apart, to relabel and damage.
    let bytes = ann.1
    let p = ann.0
    let salt = Array(bytes[24..<40]), nonce = Array(bytes[40..<64])
    let sealed = Array(bytes.suffix(PractitionerSlot.sealedLength))
    func header(cost c: KeyFile.Cost = cost, salt s: [UInt8]? = nil, id: String? = nil, createdAt: Int64? = nil, name: String? = nil,
                role: String? = nil, agencyID: String = agency.agencyID, agencyName: String = agency.name) -> [UInt8] {
        PractitionerSlot.headerBytes(cost: c, salt: s ?? salt, nonce: nonce, id: id ?? p.id, createdAt: createdAt ?? p.createdAt,
                                     name: name ?? p.name, role: role ?? p.role, agencyID: agencyID, agencyName: agencyName)
    }
    func changed(_ offset: Int, _ new: [UInt8], in base: [UInt8] = bytes) -> [UInt8] {
        var b = base
        b.replaceSubrange(offset..<offset + new.count, with: new)
        return b
    }
    let headerLength = bytes.count - PractitionerSlot.sealedLength

    failure("unlock_failure_wrong_passphrase", "unlock failure", "Ann's slot with another passphrase", bytes,
            passphrase: "correct horse battery stapler")
    failure("unlock_failure_relabelled_name", "unlock failure", "Ann's sealed keys under a header naming Eve Smith",
            header(name: "Eve Smith") + sealed)
    failure("unlock_failure_relabelled_role", "unlock failure", "Ann's sealed keys under a header giving another role",
            header(role: "Head Teacher") + sealed)
    failure("unlock_failure_changed_id", "unlock failure", "another practitioner id", header(id: "0123456789abcdef") + sealed)
    failure("unlock_failure_changed_created", "unlock failure", "another creation time", header(createdAt: created + 1) + sealed)
    failure("unlock_failure_changed_agency", "unlock failure", "another agency name", header(agencyName: "St Anne's School") + sealed)
    failure("unlock_failure_changed_salt", "unlock failure", "a byte of the salt flipped", changed(30, [bytes[30] ^ 1]))
    failure("unlock_failure_changed_opslimit", "unlock failure", "opslimit 2 instead of 1 (within the bounds)",
            header(cost: KeyFile.Cost(opsLimit: 2, memLimit: cost.memLimit)) + sealed)
    failure("unlock_failure_flipped_keys", "unlock failure", "a byte of the sealed keys flipped",
            changed(headerLength + 5, [bytes[headerLength + 5] ^ 0x80]))
    failure("unlock_failure_flipped_tag", "unlock failure", "the last byte of the AEAD tag flipped",
            changed(bytes.count - 1, [bytes[bytes.count - 1] ^ 1]))
    let bob = slot("Bob Jones", "Designated Safeguarding Lead")
    failure("unlock_failure_swapped_sealed_keys", "unlock failure",
            "Bob's sealed keys (same passphrase) under Ann's header", Array(bytes[0..<headerLength]) + bob.1.suffix(PractitionerSlot.sealedLength))

    failure("limits_opslimit_zero", "limits", "opslimit 0", changed(12, [0, 0, 0, 0]))
    failure("limits_opslimit_17", "limits", "opslimit 17, one above the bound", changed(12, [0, 0, 0, 17]))
    failure("limits_opslimit_max", "limits", "opslimit 2^32 - 1", changed(12, [0xff, 0xff, 0xff, 0xff]))
    failure("limits_memlimit_too_small", "limits", "memlimit 8 MiB - 1", changed(16, [0, 0, 0, 0, 0, 0x7f, 0xff, 0xff]))
    failure("limits_memlimit_too_large", "limits", "memlimit 1 GiB + 1", changed(16, [0, 0, 0, 0, 0x40, 0, 0, 1]))
    failure("limits_memlimit_max", "limits", "memlimit 2^64 - 1", changed(16, [UInt8](repeating: 0xff, count: 8)))
    failure("limits_before_the_rest", "limits", "absurd limits in a slot cut after them: refused for the limits, before the rest is read",
            Array(changed(16, [UInt8](repeating: 0xff, count: 8))[0..<24]))

    failure("malformed_magic", "malformed", "the first byte of the magic changed", changed(0, [UInt8(ascii: "X")]))
    failure("malformed_key_file", "malformed", "the agency's key file (magic SPKEYv1) given as a slot",
            try! KeyFile.encode(agency, passphrase: secret(passphrase), cost: cost))
    failure("malformed_kdf", "malformed", "kdf byte 2", changed(8, [2]))
    failure("malformed_reserved", "malformed", "a reserved byte is not zero", changed(10, [1]))
    failure("malformed_created_too_large", "malformed", "created 2^63", changed(72, [0x80, 0, 0, 0, 0, 0, 0, 0]))
    failure("malformed_empty_name", "malformed", "a name of length 0", header(name: "") + sealed)
    failure("malformed_name_control_character", "malformed", "an escape character in the name", header(name: "Ann\u{1b}[2J") + sealed)
    failure("malformed_name_bidi_override", "malformed", "a right-to-left override in the name", header(name: "Ann\u{202e}htimS") + sealed)
    failure("malformed_name_leading_space", "malformed", "a space before the name", header(name: " Ann Smith") + sealed)
    failure("malformed_name_is_an_id", "malformed", "a name of 16 hex digits", header(name: "00000000deadbeef") + sealed)
    failure("malformed_name_command_line", "malformed", "the reserved name, in capitals", header(name: "COMMAND LINE") + sealed)
    failure("malformed_role_not_utf8", "malformed", "a byte of the role is 0xff", changed(82 + p.name.utf8.count, [0xff]))
    failure("malformed_empty_role", "malformed", "a role of length 0", header(role: "") + sealed)
    failure("malformed_agency_id", "malformed", "an agency id with a slash", header(agencyID: "school/st-annes") + sealed)
    failure("malformed_cut_short", "malformed", "the last byte removed", Array(bytes.dropLast()))
    failure("malformed_cut_in_header", "malformed", "cut in the middle of the name", Array(bytes[0..<84]))
    failure("malformed_trailing_byte", "malformed", "one byte appended", bytes + [0])
    failure("malformed_too_long", "malformed", "the longest slot with one byte appended (830 bytes)", longest.1 + [0])
    return out
}
