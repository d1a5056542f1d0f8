import SealpostCore
import SealpostExchange
import SealpostRecord

/// `sealpost inbox`'s rows: the listing's items with re-sends of one record grouped.
///
/// Items keep the listing's order (most urgent, then oldest), except that every later envelope
/// carrying the same record id from the same sender moves up to follow the first, marked as a
/// re-send of it. Grouping uses only what verified (the record id inside a checked envelope).
struct InboxRows {
    struct Row {
        let item: InboxListing.Item
        /// The envelope id of the first envelope of the same record, for a re-send.
        let resendOf: String?
    }

    let rows: [Row]

    init(_ items: [InboxListing.Item]) {
        var groups: [[InboxListing.Item]] = []
        var index: [String: Int] = [:]
        for item in items {
            guard let record = item.recordID, let sender = Self.sender(of: item) else {
                groups.append([item])
                continue
            }
            let key = sender + "\u{0}" + record
            if let at = index[key] { groups[at].append(item) } else {
                index[key] = groups.count
                groups.append([item])
            }
        }
        rows = groups.flatMap { group in group.enumerated().map { Row(item: $1, resendOf: $0 == 0 ? nil : group[0].id) } }
    }

    static func sender(of item: InboxListing.Item) -> String? {
        switch item.status {
        case .waiting(let sender, _, _): sender
        case .opened(let entry, _): entry.sender
        default: nil
        }
    }

    /// What a row's STATE column says, and its `state` member in JSON.
    static func state(_ status: InboxListing.Item.Status) -> (words: String, code: String) {
        switch status {
        case .waiting: ("new", "new")
        case .opened(_, let ack): ack == nil ? ("opened, not acknowledged", "opened") : ("acknowledgement under way", "acknowledging")
        case .request: ("request for information", "request")
        case .openedRequest: ("request opened here (sync removes it from the relay)", "request_opened")
        case .refused: ("refused (see below)", "refused")
        }
    }

    static func basics(_ item: InboxListing.Item) -> (sender: String, purpose: String, urgency: String) {
        switch item.status {
        case .waiting(let sender, let purpose, let urgency), .request(let sender, let purpose, let urgency): (sender, purpose, urgency)
        case .opened(let entry, _), .openedRequest(let entry): (entry.sender, entry.purpose, entry.urgency)
        case .refused: (item.mailbox.sender + "?", "-", "-")
        }
    }

    func table(now: Int64) -> String {
        var table = [["ENVELOPE", "FROM", "RECORD", "CHILD", "PURPOSE", "URGENCY", "SIZE", "WAITING", "STATE"]]
        for row in rows {
            let item = row.item
            let (sender, purpose, urgency) = Self.basics(item)
            var state = Self.state(item.status).words
            if case .request = item.status { state += ": sealpost open \(short(item.id))" }
            if let first = row.resendOf { state = "re-send of \(short(first)); " + state }
            table.append([short(item.id), sender, item.recordID.map(Printable.escape) ?? "-", item.child.map(Printable.escape) ?? "-",
                          purpose, urgency, Display.size(item.mailbox.size), Display.age(now - item.mailbox.depositedAt), state])
        }
        return Display.table(table)
    }

    /// The listing for scripts; members documented in the README ("Output for scripts").
    func json(_ listing: InboxListing.Listing, agency: String, now: Int64, openRequests: Int) -> JSONValue {
        let items: [JSONValue] = rows.map { row in
            let item = row.item
            let (sender, purpose, urgency) = Self.basics(item)
            var o: JSONObject = [
                "envelope_id": .string(item.id), "sender": .string(sender), "purpose": .string(purpose), "urgency": .string(urgency),
                "size": .number(JSONNumber(item.mailbox.size)), "deposited_at": .number(JSONNumber(item.mailbox.depositedAt)),
                "expires_at": .number(JSONNumber(item.mailbox.expiresAt)), "state": .string(Self.state(item.status).code),
            ]
            if let recordID = item.recordID { o["record_id"] = .string(recordID) }
            if let child = item.child { o["child"] = .string(child) }
            if let first = row.resendOf { o["resend_of"] = .string(first) }
            if case .refused(let error) = item.status { o["refused_because"] = .string(error.message) }
            return .object(o)
        }
        return [
            "agency": .string(agency), "now": .number(JSONNumber(now)), "items": .array(items),
            "acknowledgements_waiting": .number(JSONNumber(Int64(listing.acknowledgements))),
            "outcomes_waiting": .number(JSONNumber(Int64(listing.outcomes))),
            "declines_waiting": .number(JSONNumber(Int64(listing.declines))),
            "requests_opened_not_answered": .number(JSONNumber(Int64(openRequests))),
        ]
    }
}
