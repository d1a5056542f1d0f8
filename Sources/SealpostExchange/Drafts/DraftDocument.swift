import SealpostCore
import SealpostRecord

/// One document a practitioner added to a draft, to be sent with the record as an attachment
/// (spec/exchange.md §Attachments): what the draft knows of it. Its bytes are sealed apart, in
/// `DraftDocuments`; the draft (itself sealed) holds the name, type, size and hash, so the sealed
/// bytes say nothing but their length, and bytes that do not hash to `hash` are refused.
///
///     {"id": "<32 hex>", "name": "plan.pdf", "type": "application/pdf", "length": 48213,
///      "hash": "<64 hex, BLAKE2b-256>", "added_at": 1795000000, "added_by": "Ann Smith (DSL)"}
public struct DraftDocument: Sendable, Equatable {
    /// 32 lower-case hex digits: the sealed file's name, never the document's.
    public let id: String
    /// The name it is sent under: already safe (AttachmentName), unique in its draft.
    public let name: String
    /// Its MIME type, told from its content and extension (AttachmentKind), as the manifest will state it.
    public let type: String
    public let length: UInt64
    /// BLAKE2b-256 of the bytes, hex.
    public let hash: String
    public let addedAt: Int64
    public let addedBy: String

    public init(id: String, name: String, type: String, length: UInt64, hash: String, addedAt: Int64, addedBy: String) {
        (self.id, self.name, self.type, self.length, self.hash, self.addedAt, self.addedBy) = (id, name, type, length, hash, addedAt, addedBy)
    }

    var jsonValue: JSONValue {
        var o = JSONObject()
        o["id"] = .string(id)
        o["name"] = .string(name)
        o["type"] = .string(type)
        o["length"] = .number(JSONNumber(Int64(clamping: length)))
        o["hash"] = .string(hash)
        o["added_at"] = .number(JSONNumber(addedAt))
        o["added_by"] = .string(addedBy)
        return .object(o)
    }

    /// The description in a draft's JSON, or nil when any member is missing or malformed.
    init?(parsing value: JSONValue) {
        guard let o = value.objectValue, let id = o["id"]?.stringValue, Draft.isID(id), let name = o["name"]?.stringValue, !name.isEmpty,
              !name.contains("/"), let type = o["type"]?.stringValue, let length = o["length"]?.numberValue?.int64Value, length > 0,
              let hash = o["hash"]?.stringValue, hash.utf8.count == 64, Hex.decode(hash) != nil,
              let addedAt = o["added_at"]?.numberValue?.int64Value else { return nil }
        self.init(id: id, name: name, type: type, length: UInt64(length), hash: hash, addedAt: addedAt,
                  addedBy: o["added_by"]?.stringValue ?? "")
    }
}
