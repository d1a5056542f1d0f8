// Receipt statements (spec/receipts.md §"Receipt bytes"), added to DIRECTORY/receipts as
// statement_*: a receipt as carried in JSON, `{"receipt": statement, "signature": hex}`.
// Made after the agreement vectors, so that the sets before keep their bytes.

import SealpostCore
import SealpostJSON
import SealpostLedger
import SealpostSodium

func makeStatementVectors() -> [FieldVector] {
    var out: [FieldVector] = []
    let mash = Identity(agencyID: "kingsbridge-mash", name: "Kingsbridge MASH", signingKey: .generate(), boxKey: .generate())
    let other = Identity(agencyID: "kingsbridge-mash", name: "Kingsbridge MASH", signingKey: .generate(), boxKey: .generate())
    let envelope = Hex.encode(BLAKE2b.hash(Array("an envelope".utf8)))
    let facts: JSONObject = [
        "sender": .string("school-st-annes"), "recipient": .string("kingsbridge-mash"),
        "purpose": .string("child_protection_enquiry_s47"), "urgency": .string("urgent"), "agreement": .string("kingsbridge-dsa"),
        "record_id": .string("rec-2026-0042"), "message_id": .string(Hex.encode(Array(repeating: 7, count: 16))),
        "envelope_id": .string(envelope), "content_hash": .string(Hex.encode(BLAKE2b.hash(Array("a record".utf8)))),
        "received_at": .number(JSONNumber(1_790_000_100_000)), "acknowledged_at": .number(JSONNumber(1_790_000_200_000)),
    ]
    let at: Int64 = 1_790_000_200_000
    /// The canonical statement bytes of `facts` plus the four fixed members, and its signature by `signer`.
    func statement(_ facts: JSONObject, format: String = "sealpost-receipt/v1", kind: String = "acknowledged",
                   by: String = mash.agencyID, signer: Identity = mash) -> (text: String, signature: String) {
        var s = facts
        s["format"] = .string(format); s["kind"] = .string(kind); s["by"] = .string(by); s["at"] = .number(JSONNumber(at))
        let bytes = JSONValue.object(s).serialized(options: .sortedKeys)
        let signature = signer.signingKey.signature(for: Array("sealpost/v1/receipt".utf8) + [0] + bytes)
        return (String(decoding: bytes, as: UTF8.self), Hex.encode(signature.rawRepresentation))
    }
    func vector(_ name: String, _ valid: Bool, _ description: String, body: String, canonical: String? = nil) {
        var fields: [(String, String)] = [("expect", valid ? "valid" : "invalid"), ("description", description),
                                          ("by key", Hex.encode(mash.signingKey.publicKey.rawRepresentation))]
        if let canonical { fields.append(("statement bytes", canonical)) }
        out.append(FieldVector(name, fields, body: Array(body.utf8)))
    }
    func carried(_ s: (text: String, signature: String)) -> String { #"{"receipt":\#(s.text),"signature":"\#(s.signature)"}"# }

    let good = statement(facts)
    vector("statement_valid", true, "a recipient's acknowledgement, as carried (canonical)", body: carried(good), canonical: good.text)
    // The same statement re-ordered, re-spaced and with escapes: a reader re-serialises it canonically.
    let object = try! JSONParser.parse(Array(good.text.utf8)).objectValue!
    let reordered = "{\n  " + object.members.reversed().map { member -> String in
        let value = String(decoding: member.value.serialized(options: .sortedKeys), as: UTF8.self)
        return "\"\(member.key)\" : " + (member.key == "urgency" ? #""\u0075rgent""# : value)
    }.joined(separator: ",\n  ") + "\n}"
    vector("statement_valid_reformatted", true, "the same statement with members reversed, whitespace and a \\u escape",
           body: "{ \"signature\" : \"\(good.signature)\", \"receipt\" : \(reordered) }\n", canonical: good.text)
    vector("statement_invalid_format", false, "format sealpost-receipt/v2 (correctly signed)",
           body: carried(statement(facts, format: "sealpost-receipt/v2")))
    vector("statement_invalid_kind", false, "an unknown kind, approved (correctly signed)", body: carried(statement(facts, kind: "approved")))
    vector("statement_invalid_by", false, "by an agency id with a space (correctly signed)",
           body: carried(statement(facts, by: "kingsbridge mash")))
    var changed = facts
    changed["urgency"] = .string("routine")
    vector("statement_invalid_changed", false, "urgency changed after signing",
           body: carried((statement(changed).text, good.signature)))
    vector("statement_invalid_other_key", false, "signed by another key than the by agency's", body: carried(statement(facts, signer: other)))
    vector("statement_invalid_upper_case_signature", false, "the signature in upper-case hex",
           body: carried((good.text, good.signature.uppercased())))
    return out
}
