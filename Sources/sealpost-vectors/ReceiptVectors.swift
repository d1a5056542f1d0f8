// Receipt log vectors (spec/receipts.md §"Test vectors"), in DIRECTORY/receipts: whole logs
// (log_*: chain.log as the body, details.jsonl as `details line:` fields) and checkpoints
// (checkpoint_*: the three signed lines as the body).

import Foundation
import SealpostCore
import SealpostJSON
import SealpostLog
import SealpostSodium

func makeReceiptVectors() -> [FieldVector] {
    var out: [FieldVector] = []
    let owner = Identity(agencyID: "school-st-annes", name: "St Anne's Primary School", signingKey: .generate(), boxKey: .generate())
    let ownerKey = Hex.encode(owner.signingKey.publicKey.rawRepresentation)
    let genesis = LogEntry.genesis(owner: owner.signingKey.publicKey)

    // A real log of three entries, made by ReceiptLog in a scratch folder.
    let folder = NSTemporaryDirectory() + "sealpost-vectors-log-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try? FileManager.default.removeItem(atPath: folder)
    let log = try! ReceiptLog(directory: folder, identity: owner)
    // The plaintext details form these vectors were made with (homes before sealing; still read).
    log.sealsDetails = false
    let envelope = Hex.encode(BLAKE2b.hash(Array("an envelope".utf8)))
    let drafts: [ReceiptLog.Draft] = [
        .init(kind: "sent", facts: ["envelope": .string(envelope), "to": .array([.string("kingsbridge-mash")]),
                                    "purpose": .string("child_protection_enquiry_s47")],
              details: ["actor": .object(["name": .string("Ann Smith"), "role": .string("Designated Safeguarding Lead")]),
                        "subject": .string("Child A (a fixture, not a person)")]),
        .init(kind: "acknowledged", facts: ["envelope": .string(envelope), "by": .string("kingsbridge-mash")],
              details: ["actor": .object(["name": .string("command line")])]),
        .init(kind: "declined", facts: ["request": .string(envelope), "reason_code": .string("not_held")],
              details: ["reason": .string("No record of this child — \"none\" held \\ here")]),
    ]
    var entries: [LogEntry] = []
    for (i, draft) in drafts.enumerated() { entries.append(try! log.append(draft, at: 1_790_000_000_000 + Int64(i) * 1000)) }
    let chain = Array(FileManager.default.contents(atPath: log.chainPath)!)
    let details = String(decoding: FileManager.default.contents(atPath: log.detailsPath)!, as: UTF8.self)
        .split(separator: "\n").map(String.init)
    let lines = chain.split(separator: 0x0a).map { Array($0) + [0x0a] }
    precondition(lines.count == 3 && details.count == 3)

    func logVector(_ name: String, _ description: String, chain: [UInt8], details: [String], problem: Int? = nil) {
        var fields: [(String, String)] = [("expect", problem == nil ? "valid" : "invalid"), ("description", description),
                                          ("owner", ownerKey), ("genesis", Hex.encode(genesis))]
        if let problem { fields.append(("problem entry", String(problem))) }
        fields += details.map { ("details line", $0) }
        if problem == nil {
            let count = chain.filter { $0 == 0x0a }.count  // whole lines only: a torn last line is not an entry
            fields += entries.prefix(count).map { ("entry hash", "\($0.seq) \(Hex.encode($0.hash))") }
            fields.append(("size", String(count)))
            fields.append(("head", Hex.encode(entries.prefix(count).last?.hash ?? genesis)))
        }
        out.append(FieldVector(name, fields, body: chain))
    }
    logVector("log_valid", "three entries with their details", chain: chain, details: details)
    logVector("log_valid_erased", "the second entry's details erased (no line): still valid", chain: chain,
              details: [details[0], details[2]])
    logVector("log_valid_empty", "no entries: the head is the genesis hash", chain: [], details: [])
    logVector("log_valid_torn_tail", "the third line cut before its line feed (a torn append): two good entries",
              chain: lines[0] + lines[1] + Array(lines[2].dropLast(10)), details: details)
    logVector("log_invalid_reordered", "entries 2 and 3 swapped", chain: lines[0] + lines[2] + lines[1], details: details, problem: 2)
    logVector("log_invalid_removed", "entry 2 removed", chain: lines[0] + lines[2], details: details, problem: 2)
    var edited = lines[1]
    let at = edited.firstIndex(of: UInt8(ascii: " "))! + 1 + 2  // "<signature> 2 " then the first digit of `at`
    edited[at + 3] = edited[at + 3] == UInt8(ascii: "9") ? UInt8(ascii: "8") : UInt8(ascii: "9")
    logVector("log_invalid_edited", "one digit of entry 2's time changed after signing", chain: lines[0] + edited + lines[2],
              details: details, problem: 2)
    var alteredDetails = details
    alteredDetails[0] = alteredDetails[0].replacingOccurrences(of: "Ann Smith", with: "Ann Smyth")
    logVector("log_invalid_details", "entry 1's details altered: they no longer match its commitment", chain: chain,
              details: alteredDetails, problem: 1)
    let stranger = Identity(agencyID: "school-st-annes", name: "St Anne's Primary School", signingKey: .generate(), boxKey: .generate())
    let strangerFolder = folder + "-stranger"
    defer { try? FileManager.default.removeItem(atPath: strangerFolder) }
    let strangerLog = try! ReceiptLog(directory: strangerFolder, identity: stranger)
    strangerLog.sealsDetails = false
    _ = try! strangerLog.append(drafts[1], at: 1_790_000_000_000)
    logVector("log_invalid_other_owner", "a whole entry from another key's log (its prev is that log's genesis)",
              chain: Array(FileManager.default.contents(atPath: strangerLog.chainPath)!), details: [], problem: 1)

    // Checkpoints.
    func checkpoint(_ name: String, _ description: String, text: String, signature: [UInt8], valid: Bool,
                    size: Int64? = nil, head: [UInt8]? = nil) {
        var fields: [(String, String)] = [("expect", valid ? "valid" : "invalid"), ("description", description),
                                          ("owner", ownerKey), ("signature", Hex.encode(signature))]
        if valid, let size, let head { fields += [("size", String(size)), ("head", Hex.encode(head))] }
        out.append(FieldVector(name, fields, body: Array(text.utf8)))
    }
    func sign(_ text: String) -> [UInt8] {
        owner.signingKey.signature(for: Array(Checkpoint.label.utf8) + [0] + Array(text.utf8)).rawRepresentation
    }
    let current = log.checkpoint()
    checkpoint("checkpoint_valid", "the log above at size 3", text: current.checkpoint.text,
               signature: current.signature.rawRepresentation, valid: true, size: 3, head: entries[2].hash)
    let empty = Checkpoint(agency: owner.agencyID, size: 0, head: genesis)
    checkpoint("checkpoint_valid_empty", "an empty log: size 0, the genesis hash", text: empty.text, signature: sign(empty.text),
               valid: true, size: 0, head: genesis)
    checkpoint("checkpoint_invalid_signature", "the size changed to 2 after signing",
               text: current.checkpoint.text.replacingOccurrences(of: "\n3\n", with: "\n2\n"),
               signature: current.signature.rawRepresentation, valid: false)
    checkpoint("checkpoint_invalid_other_key", "signed by another key", text: current.checkpoint.text,
               signature: stranger.signingKey.signature(for: Array(Checkpoint.label.utf8) + [0] + Array(current.checkpoint.text.utf8))
                   .rawRepresentation, valid: false)
    let leadingZero = current.checkpoint.text.replacingOccurrences(of: "\n3\n", with: "\n03\n")
    checkpoint("checkpoint_invalid_size_leading_zero", "the size written 03 (signed as written)", text: leadingZero,
               signature: sign(leadingZero), valid: false)
    let unpadded = current.checkpoint.text.replacingOccurrences(of: "=\n", with: "\n")
    checkpoint("checkpoint_invalid_base64_unpadded", "the head's base64 without its padding (signed as written)", text: unpadded,
               signature: sign(unpadded), valid: false)
    let head64 = Array(Data(entries[2].hash).base64EncodedString().utf8)
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var loose = head64
    let lastIndex = alphabet.firstIndex(of: loose[42])!
    loose[42] = alphabet[lastIndex | 3]  // the same 32 bytes, with the 2 unused low bits set
    let nonCanonicalText = current.checkpoint.text.replacingOccurrences(of: String(decoding: head64, as: UTF8.self),
                                                                       with: String(decoding: loose, as: UTF8.self))
    checkpoint("checkpoint_invalid_base64_non_canonical", "the head's base64 with non-zero unused bits in its last digit (signed as written)",
               text: nonCanonicalText, signature: sign(nonCanonicalText), valid: false)
    let noNewline = String(current.checkpoint.text.dropLast())
    checkpoint("checkpoint_invalid_no_final_newline", "the third line without its line feed (signed as written)", text: noNewline,
               signature: sign(noNewline), valid: false)
    return out
}

/// Logs whose details are sealed at rest (spec/receipts.md §Details), made after every other vector
/// so that none of those changed a byte. Each gives the owner's box secret key, so the details can
/// be opened and checked against the chain's commitments.
func makeSealedDetailsVectors() -> [FieldVector] {
    var out: [FieldVector] = []
    let owner = Identity(agencyID: "kingsbridge-mash", name: "Kingsbridge MASH", signingKey: .generate(), boxKey: .generate())
    let genesis = LogEntry.genesis(owner: owner.signingKey.publicKey)
    let folder = NSTemporaryDirectory() + "sealpost-vectors-sealed-log-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try? FileManager.default.removeItem(atPath: folder)
    let log = try! ReceiptLog(directory: folder, identity: owner)
    let drafts: [ReceiptLog.Draft] = [
        .init(kind: "received", facts: ["envelope": .string(Hex.encode(BLAKE2b.hash(Array("a sealed record".utf8)))), "from": .string("school-st-annes")],
              details: ["actor": .object(["name": .string("Sam Jones"), "role": .string("MASH social worker")]),
                        "subject": .string("Child B (a fixture, not a person)")]),
        .init(kind: "acknowledged", facts: ["to": .string("school-st-annes")], details: ["actor": .object(["name": .string("command line")])]),
        .init(kind: "outcome", facts: ["decision": .string("early_help")],
              details: ["reason": .string("Family agreed — \"early help\" \\ offered"), "next_steps": .string("Assessment")]),
    ]
    var entries: [LogEntry] = []
    for (i, draft) in drafts.enumerated() { entries.append(try! log.append(draft, at: 1_791_000_000_000 + Int64(i) * 1000)) }
    let chain = Array(FileManager.default.contents(atPath: log.chainPath)!)
    let details = String(decoding: FileManager.default.contents(atPath: log.detailsPath)!, as: UTF8.self)
        .split(separator: "\n").map(String.init)
    precondition(details.count == 3 && details.allSatisfy { $0.contains(" sealed ") })
    func vector(_ name: String, _ description: String, details: [String], problem: Int? = nil) {
        var fields: [(String, String)] = [("expect", problem == nil ? "valid" : "invalid"), ("description", description),
                                          ("owner", Hex.encode(owner.signingKey.publicKey.rawRepresentation)), ("genesis", Hex.encode(genesis)),
                                          ("box secret key", Hex.encode(owner.boxKey.rawRepresentation.unprotectedCopy()))]
        if let problem { fields.append(("problem entry", String(problem))) }
        fields += details.map { ("details line", $0) }
        if problem == nil {
            fields += entries.map { ("entry hash", "\($0.seq) \(Hex.encode($0.hash))") }
            fields.append(("size", String(entries.count)))
            fields.append(("head", Hex.encode(entries.last!.hash)))
            // What each sealed line opens to: the salt (hex) and the details JSON, as committed to.
            let atRest = AtRest(identity: owner)
            for line in details {
                let opened = StoredDetails.parse(line: ArraySlice(line.utf8))!.open(with: atRest)!
                fields.append(("opened details", "\(opened.seq) \(Hex.encode(opened.salt)) \(String(decoding: opened.json, as: UTF8.self))"))
            }
        }
        out.append(FieldVector(name, fields, body: chain))
    }
    vector("log_sealed_valid", "three entries whose details are sealed to the owner's key", details: details)
    vector("log_sealed_valid_erased", "the second entry's sealed details erased (no line): still valid", details: [details[0], details[2]])
    var altered = details
    var bytes = Array(altered[0].utf8)
    let at = bytes.count - 6
    bytes[at] = bytes[at] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
    altered[0] = String(decoding: bytes, as: UTF8.self)
    vector("log_sealed_invalid_altered", "one character of entry 1's sealed details changed: it no longer opens", details: altered, problem: 1)
    var moved = details
    moved[2] = "3" + details[1].dropFirst(1)
    vector("log_sealed_invalid_moved", "entry 2's sealed details labelled as entry 3's: the additional data names the entry, so it does not open",
           details: moved, problem: 3)
    return out
}
