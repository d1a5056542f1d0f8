import Foundation
import SealpostAgreement
import SealpostCore
import SealpostExchange
import SealpostLedger
import SealpostLog
import SealpostRecord
import SealpostSodium

/// The home `sealpost bench web` serves: a MASH with one practitioner, the agreement installed,
/// `records` records received from a school (each a real envelope sealed to the MASH, stored as
/// `open` stores it) and a receipt log of `logEntries` signed entries (a `received` entry for each
/// record, the rest older `received` entries of records no longer held). Built fresh in the run.
struct BenchHome {
    static let practitioner = "Bench Practitioner"
    static let passphrase = "sealpost bench web passphrase"

    let home: Home
    let mash: Identity

    static func build(in directory: String, records: Int, logEntries: Int, now: Int64, log: (String) -> Void) throws -> BenchHome {
        let home = Home(path: directory + "/mash")
        let mash = try Identity.generate(agencyID: "kingsbridge-mash", name: "Kingsbridge MASH")
        let school = try Identity.generate(agencyID: "school-st-annes", name: "St Anne's Primary School")
        let relay = try Identity.generate(agencyID: "relay-kingsbridge", name: "Kingsbridge Relay")
        try home.create(mash, passphrase: SecureBytes(copying: Array("sealpost bench agency passphrase".utf8)), cost: .interactive)
        try Practitioners(home: home).add(name: practitioner, role: "MASH social worker", passphrase: SecureBytes(copying: Array(passphrase.utf8)),
                                          identity: mash, cost: .interactive, now: now)
        let today = CalendarDate.today(now: Double(now))
        let purpose = AgreementPurpose(id: "child_protection_enquiry_s47", name: "Child protection enquiry (s47)", lawfulBases: [.publicTask],
                                       recipients: [.init(role: .mash, fields: ["id", "subject", "narrative", "concern"].compactMap(FieldPath.init))])
        let agreement = try Agreement(id: "bench-dsa", version: 1, title: "Benchmark agreement",
                                      validFrom: CalendarDate(iso: "2020-01-01")!, validUntil: CalendarDate(year: today.year + 1, month: 1, day: 1)!,
                                      relay: "http://127.0.0.1:9", parties: [
                                          AgreementParty(card: school.card, role: .school), AgreementParty(card: mash.card, role: .mash),
                                          AgreementParty(card: relay.card, role: .relayOperator),
                                      ], purposes: [purpose])
        var signed = SignedAgreement(agreement: agreement)
        for identity in [school, mash, relay] { try signed.sign(as: identity) }
        _ = try AgreementStore(home: home).install(signed, as: mash.card)

        log("storing \(records) received records")
        let inbox = Inbox(home: home, atRest: AtRest(identity: mash))
        var drafts: [ReceiptLog.Draft] = []
        let sealer = EnvelopeSealer(sender: school)
        for i in 0..<records {
            let recordID = String(format: "BENCH-%05d", i)
            let child = "Child\(Self.letters(i)) Benchmark"
            let content = Array("""
            {"id":"\(recordID)","subject":{"name":"\(child)","dob":"2015-03-27"},"narrative":"A record for the web benchmark, number \(i). \
            It says what happened, in a few sentences, as a referral does.\\nA second paragraph.","concern":{"categories":["neglect"],\
            "risk_level":"medium","urgency":"routine"},"purpose":"child_protection_enquiry_s47"}
            """.utf8)
            let receivedAt = now - Int64(records - i) * 600
            let sealed = try sealer.seal(content, recipients: [mash.boxKey.publicKey], contentType: "application/json",
                                         createdAt: UInt64(receivedAt - 60))
            let envelopeID = EnvelopeID(of: sealed.envelope).description
            let entry = try Self.entry([
                "envelope_id": envelopeID, "message_id": Hex.encode(sealed.sealed.manifest.messageID), "sender": school.agencyID,
                "purpose": purpose.id, "urgency": "routine", "record_id": recordID, "agreement": "bench-dsa@1",
                "content_hash": Hex.encode(sealed.sealed.contentHash), "content_length": content.count, "envelope_length": sealed.envelope.count,
                "sent_at": receivedAt - 60, "received_at": receivedAt,
            ])
            _ = try inbox.store(content: content, envelope: sealed.envelope, entry: entry)
            drafts.append(Self.received(entry, child: child, mash: mash))
        }
        log("writing a receipt log of \(logEntries) entries")
        let older = max(0, logEntries - records)
        var history: [ReceiptLog.Draft] = []
        for i in 0..<older {
            let id = Hex.encode(BLAKE2b.hash(Array("bench-older-\(i)".utf8)))
            let entry = try Self.entry([
                "envelope_id": id, "message_id": String(id.prefix(32)), "sender": school.agencyID, "purpose": purpose.id,
                "urgency": "routine", "record_id": String(format: "OLDER-%05d", i), "agreement": "bench-dsa@1", "content_hash": id,
                "content_length": 1000, "envelope_length": 2000, "sent_at": now - 86_400 * 400, "received_at": now - 86_400 * 400 + Int64(i),
            ])
            history.append(Self.received(entry, child: "Child\(Self.letters(i)) Older", mash: mash))
        }
        let receiptLog = try ReceiptLog(directory: home.logDirectory, identity: mash)
        let all = history + drafts
        var start = 0
        while start < all.count {
            let batch = Array(all[start..<min(all.count, start + 500)])
            _ = try receiptLog.append(batch, at: (now - 3600) * 1000 + Int64(start))
            start += batch.count
        }
        return BenchHome(home: home, mash: mash)
    }

    /// An inbox entry from its stored JSON form (the form `open` writes).
    static func entry(_ members: [String: Any]) throws -> InboxEntry {
        var object = members
        object["format"] = InboxEntry.formatName
        return try JSONDecoder().decode(InboxEntry.self, from: try JSONSerialization.data(withJSONObject: object))
    }

    static func received(_ entry: InboxEntry, child: String, mash: Identity) -> ReceiptLog.Draft {
        let facts = ReceivedFacts(entry.delivery(to: mash.agencyID), sentAt: entry.sentAt, receivedAt: entry.receivedAt, inAnswerTo: nil)
        let receipt = Receipt.sign(facts, at: entry.receivedAt * 1000, by: mash)
        var details = ReceiptDetails(subject: SubjectDetails(name: child, nhsNumber: nil, dob: "2015-03-27"), recordID: entry.recordID)
        details.actor = ActorDetails.commandLine
        return ReceiptEntry.own(receipt, counterpart: entry.sender, details: details)
    }

    /// A distinct run of letters for `n` (names are letters, never digits).
    static func letters(_ n: Int) -> String {
        var n = n, out = ""
        repeat {
            out.append(Character(UnicodeScalar(UInt8(97 + n % 26))))
            n /= 26
        } while n > 0
        return out
    }
}
