// Agreement vectors (spec/agreement.md §"Test vectors"), in DIRECTORY/agreements: an agreement file
// as the body, its canonical bytes as text, and whether every party's signature verifies.

import SealpostAgreement
import SealpostCore
import SealpostRecord
import SealpostSodium

func makeAgreementVectors() -> [FieldVector] {
    var out: [FieldVector] = []
    let school = Identity(agencyID: "school-st-annes", name: "St Anne's Primary School", signingKey: .generate(), boxKey: .generate())
    let mash = Identity(agencyID: "kingsbridge-mash", name: "Kingsbridge MASH", signingKey: .generate(), boxKey: .generate())
    func fields(_ paths: String...) -> [FieldPath] { paths.map { FieldPath($0)! } }
    let agreement = try! Agreement(
        id: "kingsbridge-dsa", version: 3, title: #"Kingsbridge "safeguarding" partnership \ café / 児童"#,
        validFrom: CalendarDate(iso: "2026-04-01")!, validUntil: CalendarDate(iso: "2027-03-31")!,
        relay: "https://relay.kingsbridge.example:8443",
        parties: [AgreementParty(card: school.card, role: .school), AgreementParty(card: mash.card, role: .mash)],
        purposes: [AgreementPurpose(id: "child_protection_enquiry_s47", name: "Child protection enquiry (s47)",
                                    lawfulBases: [.publicTask, .legalObligation],
                                    recipients: [.init(role: .mash, fields: fields("concern", "subject.name", "id"))])])
    var signed = SignedAgreement(agreement: agreement)
    try! signed.sign(as: school)
    try! signed.sign(as: mash)
    let canonical = String(decoding: agreement.canonicalBytes, as: UTF8.self)
    precondition(!canonical.contains("\n"))
    func vector(_ name: String, _ expect: String, _ description: String, _ body: [UInt8], canonical text: String? = canonical) {
        var list: [(String, String)] = [("expect", expect), ("description", description)]
        if let text { list.append(("canonical bytes", text)) }
        if expect == "signed" {
            list += [(school.agencyID, Hex.encode(school.signingKey.publicKey.rawRepresentation)),
                     (mash.agencyID, Hex.encode(mash.signingKey.publicKey.rawRepresentation))].map { ("signer", "\($0.0) \($0.1)") }
        }
        out.append(FieldVector(name, list, body: body))
    }
    let file = signed.fileBytes
    vector("signed", "signed", "an agreement signed by both parties, as the reference writer makes it", file)
    // The same document in other whitespace, member order and escapes, with the recipient's fields
    // in another order: the same canonical bytes, so the same signatures verify.
    var text = String(decoding: file, as: UTF8.self)
    text = text.replacingOccurrences(of: "\n", with: "\n\t").replacingOccurrences(of: " : ", with: ":")
    text = text.replacingOccurrences(of: #""kingsbridge-dsa""#, with: #""\u006bingsbridge-dsa""#)
        .replacingOccurrences(of: "https://relay", with: #"https:\/\/relay"#)
    precondition(text.contains(#"\u006b"#) && text.contains(#"\/"#))
    vector("signed_reformatted", "signed",
           "the same agreement re-indented, with \\u and \\/ escapes: the same canonical bytes, the signatures still verify",
           Array(text.utf8))
    // Changing the order of the parties changes the canonical bytes.
    var reordered = signed
    try! reordered.edit { $0.parties.reverse() }
    let swappedFile = String(decoding: reordered.fileBytes, as: UTF8.self)
    // edit() drops the signatures; put the originals back, which no longer match.
    let originalSignatures = String(decoding: file, as: UTF8.self).components(separatedBy: #""signatures""#)[1]
    let withOld = swappedFile.components(separatedBy: #""signatures""#)[0] + #""signatures""# + originalSignatures
    vector("unsigned_parties_reordered", "not_signed", "the parties in the other order, with the original signatures: they no longer verify",
           Array(withOld.utf8), canonical: String(decoding: reordered.agreement.canonicalBytes, as: UTF8.self))
    return out
}

/// Agreements that list several relay instances in `relays` (spec/agreement.md §"Relay URLs"):
/// made after every other vector, so that the identities they generate changed no earlier byte.
func makeRelayListAgreementVectors() -> [FieldVector] {
    let school = Identity(agencyID: "school-st-annes", name: "St Anne's Primary School", signingKey: .generate(), boxKey: .generate())
    let relay = Identity(agencyID: "relay-kingsbridge", name: "Kingsbridge Relay", signingKey: .generate(), boxKey: .generate())
    let relays = ["https://relay-a.kingsbridge.example:8443", "https://relay-b.kingsbridge.example:8443", "https://relay.kingsbridge.example/backup"]
    let agreement = try! Agreement(
        id: "kingsbridge-dsa", version: 8, title: "Kingsbridge safeguarding partnership",
        validFrom: CalendarDate(iso: "2026-04-01")!, validUntil: CalendarDate(iso: "2027-03-31")!, relays: relays,
        parties: [AgreementParty(card: school.card, role: .school), AgreementParty(card: relay.card, role: .relayOperator)],
        purposes: [AgreementPurpose(id: "early_help", name: "Early help", lawfulBases: [.publicTask],
                                    recipients: [.init(role: .school, fields: [FieldPath("subject.name")!])])])
    var signed = SignedAgreement(agreement: agreement)
    try! signed.sign(as: school)
    try! signed.sign(as: relay)
    let signers = [school, relay].map { ("signer", "\($0.agencyID) \(Hex.encode($0.signingKey.publicKey.rawRepresentation))") }
    let file = signed.fileBytes
    var out = [FieldVector("signed_relays", [("expect", "signed"),
                                             ("description", "three relay instances in relays, in order of preference, signed by both parties"),
                                             ("canonical bytes", String(decoding: agreement.canonicalBytes, as: UTF8.self))] + signers, body: file)]
    // The same instances in another order, under the same signatures: the order is signed.
    var reordered = signed
    try! reordered.edit { $0.relays = Array(relays.reversed()) }
    let text = String(decoding: reordered.fileBytes, as: UTF8.self).components(separatedBy: #""signatures""#)[0]
        + #""signatures""# + String(decoding: file, as: UTF8.self).components(separatedBy: #""signatures""#)[1]
    out.append(FieldVector("unsigned_relays_reordered", [("expect", "not_signed"),
                                                         ("description", "the relays in another order, with the original signatures: they no longer verify"),
                                                         ("canonical bytes", String(decoding: reordered.agreement.canonicalBytes, as: UTF8.self))],
                           body: Array(text.utf8)))
    return out
}
