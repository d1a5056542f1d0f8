import SealpostCore
import SealpostJSON

/// A relay JSON body that a client reads with the strict parser (`JSONParser`), not Foundation's
/// `JSONDecoder`: duplicate members, a byte order mark, numbers outside 64-bit integers and text
/// that is not UTF-8 are refused, so a body cannot read one way here and another in a different
/// client. Members this version does not know are ignored, so that a relay can add one without
/// breaking older clients (spec/relay.md §"Conventions"); those it does know must have their type.
public protocol RelayBody: Encodable, Sendable {
    init(json r: JSONObjectReader) throws(JSONShapeError)
}

extension RelayHealth: RelayBody {
    public init(json r: JSONObjectReader) throws(JSONShapeError) {
        self.init(status: try r.string("status"), relay: try r.string("relay"), relayKey: try r.string("relay_key"),
                  time: try r.integer("time"), version: try r.string("version"),
                  maximumEnvelopeBytes: r.optionalValue("max_envelope_bytes") == nil ? nil : try r.integer("max_envelope_bytes"))
    }
}

extension DepositResponse: RelayBody {
    public init(json r: JSONObjectReader) throws(JSONShapeError) {
        let receipt = try r.object("receipt")
        var mailboxes: [String] = []
        for (i, value) in try receipt.array("mailboxes").enumerated() {
            guard let mailbox = value.stringValue else {
                throw JSONShapeError(at: receipt.path.appending("mailboxes").appending(i), "must be a string")
            }
            mailboxes.append(mailbox)
        }
        self.init(receipt: ReceiptBody(envelopeID: try receipt.string("envelope_id"), relay: try receipt.string("relay"),
                                       sender: try receipt.string("sender"), mailboxes: mailboxes,
                                       depositedAt: try receipt.integer("deposited_at"),
                                       expiresAt: try receipt.integer("expires_at")),
                  signature: try r.string("signature"), duplicate: try r.bool("duplicate"))
    }
}

extension MailboxListing: RelayBody {
    public init(json r: JSONObjectReader) throws(JSONShapeError) {
        var messages: [MailboxEntry] = []
        for (i, value) in try r.array("messages").enumerated() {
            let e = try JSONObjectReader(value, at: r.path.appending("messages").appending(i))
            messages.append(MailboxEntry(envelopeID: try e.string("envelope_id"), sender: try e.string("sender"),
                                         size: try e.integer("size"), depositedAt: try e.integer("deposited_at"),
                                         expiresAt: try e.integer("expires_at")))
        }
        self.init(messages: messages, next: try r.optionalString("next"))
    }
}

extension DepositStatus: RelayBody {
    public init(json r: JSONObjectReader) throws(JSONShapeError) {
        var deliveries: [Delivery] = []
        for (i, value) in try r.array("deliveries").enumerated() {
            let d = try JSONObjectReader(value, at: r.path.appending("deliveries").appending(i))
            guard let state = State(rawValue: try d.string("state")) else {
                throw d.invalid("state", "must be waiting, deleted or expired")
            }
            let at: Int64? = d.optionalValue("at") == nil ? nil : try d.integer("at")
            deliveries.append(Delivery(mailbox: try d.string("mailbox"), state: state, at: at))
        }
        self.init(envelopeID: try r.string("envelope_id"), expiresAt: try r.integer("expires_at"), deliveries: deliveries)
    }
}

extension RelayProblem: RelayBody {
    public init(json r: JSONObjectReader) throws(JSONShapeError) {
        self.init(error: try r.string("error"), message: try r.string("message"), hint: try r.optionalString("hint"),
                  maximumEnvelopeBytes: r.optionalValue("max_envelope_bytes") == nil ? nil : try r.integer("max_envelope_bytes"))
    }
}
