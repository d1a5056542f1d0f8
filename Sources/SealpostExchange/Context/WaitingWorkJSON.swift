import SealpostRecord

/// `sealpost status --json` and `sealpost outbox --json`: the same lists as the tables, for
/// scripts (spec/exchange.md §Status). Times are Unix seconds; ids are the full hex ids.
extension WaitingWork {
    public var json: JSONValue {
        func items(_ list: [Item]) -> JSONValue {
            .array(list.map { item in
                var o: JSONObject = [
                    "envelope_id": .string(item.envelopeID), "message_id": .string(item.messageID), "agency": .string(item.agency),
                    "purpose": .string(item.purpose), "urgency": .string(item.urgency), "since": .number(JSONNumber(item.since)),
                    "due": .number(JSONNumber(item.due)), "overdue": .bool(item.isOverdue(at: now)),
                ]
                if let recordID = item.recordID { o["record_id"] = .string(recordID) }
                if item.notYetDeposited { o["not_yet_deposited"] = .bool(true) }
                return .object(o)
            })
        }
        return [
            "now": .number(JSONNumber(now)),
            "sends_awaiting_acknowledgement": items(sendsAwaitingAcknowledgement),
            "sends_awaiting_outcome": items(sendsAwaitingOutcome),
            "family_to_be_told": items(familyToBeTold),
            "records_to_acknowledge": items(recordsToAcknowledge),
            "records_awaiting_outcome": items(recordsAwaitingOutcome),
            "requests_awaiting_answer": items(requestsAwaitingAnswer),
            "requests_to_answer": items(requestsToAnswer),
        ]
    }
}

extension Outbox {
    /// Every entry as its stored JSON (`sealpost-outbox/v1`), oldest first, in one array.
    public static func json(_ entries: [OutboxEntry]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (i, entry) in entries.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out += StoreFiles.encode(entry).filter { $0 != 0x0a }
        }
        return out + [UInt8(ascii: "]")]
    }
}
