import Foundation
import SealpostCore
import SealpostRecord

/// The log written out for others (`sealpost log export`, the app's export links).
public enum LedgerExport {
    /// Every field of each entry: seq, time, kind, facts, hash, prev, signature, and its details
    /// unless `withDetails` is false (details hold personal data: the child's identifiers, reasons).
    ///
    ///     {"agency": ID, "entries": [{"seq", "time", "kind", "facts", "hash", "prev", "signature", "details"?}]}
    public static func json(_ entries: [LedgerEntry], agency: String, withDetails: Bool) -> [UInt8] {
        let items: [JSONValue] = entries.map { item in
            let e = item.entry
            var object: JSONObject = [
                "seq": .number(JSONNumber(e.seq)), "time": .string(Timestamp.iso(milliseconds: e.at)), "kind": .string(e.kind),
                "facts": e.facts.map { .object($0) } ?? .null, "hash": .string(Hex.encode(e.hash)),
                "prev": .string(Hex.encode(e.prev)), "signature": .string(Hex.encode(e.signature.rawRepresentation)),
            ]
            if withDetails { object["details"] = item.detailsJSON.map { .object($0) } ?? .null }
            return .object(object)
        }
        return JSONValue.object(["agency": .string(agency), "entries": .array(items)]).serialized(options: [.prettyPrinted, .sortedKeys]) + [0x0A]
    }

    /// The columns of the log's table as CSV (RFC 4180, CRLF), safe to open in a spreadsheet.
    public static func csv(_ entries: [LedgerEntry], owner: String, status: MessageStatus) -> [UInt8] {
        var lines = ["seq,time,kind,counterpart,purpose,message_id,envelope_id,status"]
        for entry in entries {
            let counterparts = entry.counterparts(owner: owner)
            lines.append([String(entry.seq), Timestamp.iso(milliseconds: entry.at), entry.kind,
                          counterparts.isEmpty ? "-" : counterparts.joined(separator: ","), entry.facts.purpose ?? "",
                          entry.facts.envelope?.messageID ?? "", entry.facts.envelope?.envelopeID ?? "",
                          status.state(of: entry).rawValue].map(csvField).joined(separator: ","))
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// RFC 4180 quoting, and a leading apostrophe for a cell a spreadsheet would run as a formula.
    public static func csvField(_ text: String) -> String {
        var cell = text
        if let first = cell.first, "=+-@".contains(first) { cell = "'" + cell }
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
